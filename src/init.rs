//! `sancsr init`: an annotated starting deployment file.
//!
//! Only the lists that Cisco's table requires for the chosen roles and
//! features are written, so the file asks for exactly what is needed.

use crate::rules::{self, Element, Feature, Role};
use std::fmt::Write as _;

/// Writes the annotated deployment file for `roles` and `features`.
pub fn template(roles: &[Role], features: &[Feature]) -> String {
    let needs = |element: Element| {
        roles
            .iter()
            .any(|r| !rules::requiring_features(element, *r, features).is_empty())
    };
    let mut out = String::from(
        "# sancsr deployment file: one file for the whole Expressway deployment.\n\
         # Plan it with `sancsr plan <file>`; the schema is SPEC §1.\n\n\
         # Features in use; they decide which names each certificate needs\n\
         # (Cisco's table: `sancsr rules`). Choices: mobile-remote-access,\n\
         # jabber-guest, xmpp-federation, business-to-business.\n",
    );
    let list = features
        .iter()
        .map(|f| format!("\"{}\"", f.key()))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = writeln!(out, "features = [{list}]");
    out.push_str(
        "# Target Expressway release (used for the ECDSA and clientAuth checks).\n\
         expressway_version = \"X15.5\"\n",
    );

    let registration = needs(Element::UnifiedCmRegistrationDomain);
    let profiles = needs(Element::PhoneSecurityProfile);
    if registration || profiles {
        out.push_str("\n[unified_cm]\n");
        if registration {
            out.push_str(
                "# Service discovery (edge) domains: the _collab-edge SRV domains Jabber\n\
                 # and phones look up. Expressway-E certificates only.\n\
                 registration_domains = [\"example.com\"]\n",
            );
        }
        if profiles {
            out.push_str(
                "# TLS phone security profile names, exactly as on Unified CM. Must be\n\
                 # FQDNs since X12.6. Expressway-C certificates only.\n\
                 phone_security_profiles = [\"DX80SecureProfile.example.com\"]\n",
            );
        }
    }
    if needs(Element::ChatNodeAlias) {
        out.push_str(
            "\n[im_presence]\n\
             # Chat node aliases (federated group chat): on both the C and the E.\n\
             chat_node_aliases = [\"chatnode1.example.com\"]\n\
             # IM and Presence node FQDNs (used by `sancsr reissue`).\n\
             nodes = [\"imp1.example.local\"]\n",
        );
    }
    if needs(Element::XmppFederationDomain) {
        out.push_str(
            "\n[xmpp_federation]\n\
             # Point-to-point XMPP federation domains. Expressway-E certificates only.\n\
             domains = [\"example.com\"]\n",
        );
    }
    if roles.contains(&Role::ExpresswayC) {
        out.push_str(
            "\n[expressway_c]\n\
             # Cluster FQDN; delete the line for a single, unclustered box.\n\
             cluster_name = \"expc.example.local\"\n\
             peers = [\"expc1.example.local\", \"expc2.example.local\"]\n\
             # common_name = \"cluster\"            # \"cluster\" | \"peer\"\n\
             # alternative_names = \"cluster-and-this-peer\"  # | \"cluster-and-all-peers\" | \"none\"\n\
             additional_names = []\n",
        );
        if needs(Element::ChatNodeAlias) {
            out.push_str("chat_node_alias_format = \"dns\"      # \"dns\" | \"xmpp-address\"\n");
        }
        if roles.contains(&Role::ExpresswayE) {
            out.push_str(
                "# \"Peer address\" entries of the C's traversal zone: each must be a SAN of\n\
                 # an Expressway-E certificate.\n\
                 traversal_peer_addresses = [\"expe1.example.com\", \"expe2.example.com\"]\n",
            );
        }
    }
    if roles.contains(&Role::ExpresswayE) {
        out.push_str(
            "\n[expressway_e]\n\
             cluster_name = \"expe.example.com\"\n\
             peers = [\"expe1.example.com\", \"expe2.example.com\"]\n\
             # Other FQDNs the Expressway-E is known by.\n\
             additional_names = []\n",
        );
        if registration {
            out.push_str(
                "registration_domain_format = \"collab-edge-dns\"  # \"dns\" | \"collab-edge-dns\" | \"srv\"\n",
            );
        }
        if needs(Element::XmppFederationDomain) {
            out.push_str("xmpp_federation_domain_format = \"dns\"  # \"dns\" | \"xmpp-address\"\n");
        }
        if needs(Element::ChatNodeAlias) {
            out.push_str("chat_node_alias_format = \"dns\"         # \"dns\" | \"xmpp-address\"\n");
        }
        if roles.contains(&Role::ExpresswayC) {
            out.push_str(
                "# The E's traversal zone \"TLS verify subject name\": must be a SAN of\n\
                 # every Expressway-C certificate; use the C cluster name.\n\
                 tls_verify_subject_name = \"expc.example.local\"\n",
            );
        }
    }
    out.push_str(
        "\n# Subject fields for every certificate (a [subject] inside a cluster\n\
         # table overrides these for that cluster).\n\
         [subject]\n\
         organization = \"Example Inc\"\n\
         organizational_unit = \"Collaboration\"\n\
         locality = \"San Jose\"\n\
         state = \"California\"\n\
         country = \"US\"\n\
         \n\
         [key]\n\
         algorithm = \"rsa\"   # \"rsa\" | \"ecdsa\" (ECDSA from X14.3)\n\
         size = 2048         # rsa: 2048 | 3072 | 4096 ; ecdsa: 256 | 384 | 521\n\
         digest = \"sha256\"   # \"sha256\" | \"sha384\" | \"sha512\"\n",
    );
    out
}
