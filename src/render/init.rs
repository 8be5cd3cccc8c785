//! `sancsr init`: an annotated starting deployment file.
//!
//! Only the lists that Cisco's table requires for the chosen roles and
//! features are written, so the file asks for exactly what is needed. The
//! comments are drawn from [`crate::cisco`]: choices, formats, key sizes.

use crate::cisco::{
    AlternativeNamesChoice, CaKind, CommonNameChoice, Digest, ECDSA_SINCE, Element, Feature,
    Format, KEY_POLICIES, Role, requiring_features, roles_of, row,
};
use crate::model::template::{C_CLUSTER, C_PEERS, DOMAIN, E_CLUSTER, E_PEERS};
use std::fmt::Write as _;

/// `"a" | "b" | "c"`.
fn alternatives<'a>(keys: impl Iterator<Item = &'a str>) -> String {
    keys.map(|k| format!("\"{k}\""))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// `# <listing>. <where it goes>`.
fn listing(element: Element) -> String {
    let roles = roles_of(element);
    let place = match roles.as_slice() {
        [role] => format!("{} certificates only", role.title()),
        _ => "On both the C and the E".to_owned(),
    };
    format!("# {}. {place}.\n", row(element).listing)
}

/// `<key> = "dns"   # "dns" | "collab-edge-dns" | …`. Registration domains
/// are shown in CollabEdgeDNS, the form most MRA deployments use; the
/// others in DNS, Cisco's recommendation (source C).
fn format_line(key: &str, element: Element) -> String {
    let formats = row(element).formats;
    let example = if formats.contains(&Format::CollabEdgeDns) {
        Format::CollabEdgeDns
    } else {
        formats[0]
    };
    format!(
        "{key} = \"{}\"  # {}\n",
        example.key(),
        alternatives(formats.iter().map(|f| f.key()))
    )
}

/// Writes the annotated deployment file for `roles` and `features`.
pub(crate) fn template(roles: &[Role], features: &[Feature]) -> String {
    let needs = |element: Element| {
        roles
            .iter()
            .any(|r| !requiring_features(element, *r, features).is_empty())
    };
    let mut out = head(features);
    out.push_str(&lists(&needs));
    if roles.contains(&Role::ExpresswayC) {
        out.push_str(&expressway_c(roles, &needs));
    }
    if roles.contains(&Role::ExpresswayE) {
        out.push_str(&expressway_e(roles, &needs));
    }
    out.push_str(&subject_and_key());
    out
}

fn head(features: &[Feature]) -> String {
    let mut out = format!(
        "# sancsr deployment file: one file for the whole Expressway deployment.\n\
         # Plan it with `sancsr plan <file>`; every key is described in\n\
         # docs/deployment-file.md. Replace every name ending in {DOMAIN}\n\
         # with your own.\n\n\
         # Features in use; they decide which names each certificate needs\n\
         # (Cisco's table: `sancsr rules`). Choices: {}.\n",
        Feature::ALL.map(Feature::key).join(", ")
    );
    let list: Vec<String> = features
        .iter()
        .map(|f| format!("\"{}\"", f.key()))
        .collect();
    let _ = writeln!(out, "features = [{}]", list.join(", "));
    out.push_str(
        "# Target Expressway release (used for the ECDSA and clientAuth checks);\n\
         # an [expressway_c] or [expressway_e] table may set its own.\n\
         expressway_version = \"X15.5\"\n",
    );
    let kinds: Vec<&str> = CaKind::CHOICES.iter().map(|(k, _)| *k).collect();
    let _ = writeln!(
        out,
        "# Who signs the certificates: {}. Public CAs no longer issue clientAuth\n\
         # in 2026, which changes the certificates each box needs (`sancsr rules`,\n\
         # \"The 2026 clientAuth sunset\"); a table may set its own, and peer_ca\n\
         # one peer's.\n\
         # ca = \"{}\"",
        kinds.join(", "),
        CaKind::default().key()
    );
    out
}

fn lists(needs: &dyn Fn(Element) -> bool) -> String {
    let mut out = String::new();
    let registration = needs(Element::UnifiedCmRegistrationDomain);
    let profiles = needs(Element::PhoneSecurityProfile);
    if registration || profiles {
        out.push_str("\n[unified_cm]\n");
        if registration {
            out.push_str(&listing(Element::UnifiedCmRegistrationDomain));
            let _ = writeln!(out, "registration_domains = [\"{DOMAIN}\"]");
        }
        if profiles {
            out.push_str(&listing(Element::PhoneSecurityProfile));
            let _ = writeln!(
                out,
                "phone_security_profiles = [\"DX80SecureProfile.{DOMAIN}\"]"
            );
        }
    }
    if needs(Element::ChatNodeAlias) {
        out.push_str("\n[im_presence]\n");
        out.push_str(&listing(Element::ChatNodeAlias));
        let _ = writeln!(
            out,
            "chat_node_aliases = [\"chatnode1.{DOMAIN}\"]\n\
             # IM and Presence node FQDNs (used by `sancsr reissue`).\n\
             nodes = [\"imp1.{DOMAIN}\"]"
        );
    }
    if needs(Element::XmppFederationDomain) {
        out.push_str("\n[xmpp_federation]\n");
        out.push_str(&listing(Element::XmppFederationDomain));
        let _ = writeln!(out, "domains = [\"{DOMAIN}\"]");
    }
    out
}

fn expressway_c(roles: &[Role], needs: &dyn Fn(Element) -> bool) -> String {
    let mut out = format!(
        "\n[expressway_c]\n# {}.\ncluster_name = \"{C_CLUSTER}\"\n\
         peers = [\"{}\", \"{}\"]\n\
         # common_name = \"cluster\"  # {}\n\
         # alternative_names = \"cluster-and-this-peer\"  # {}\n\
         additional_names = []\n",
        row(Element::ClusterName).listing,
        C_PEERS[0],
        C_PEERS[1],
        alternatives(CommonNameChoice::CHOICES.iter().map(|(k, _)| *k)),
        alternatives(AlternativeNamesChoice::CHOICES.iter().map(|(k, _)| *k)),
    );
    if needs(Element::ChatNodeAlias) {
        out.push_str(&format_line(
            "chat_node_alias_format",
            Element::ChatNodeAlias,
        ));
    }
    if roles.contains(&Role::ExpresswayE) {
        out.push_str(&format!(
            "# \"Peer address\" entries of the C's traversal zone: each must be a SAN of\n\
             # an Expressway-E certificate.\n\
             traversal_peer_addresses = [\"{}\", \"{}\"]\n",
            E_PEERS[0], E_PEERS[1]
        ));
    }
    out
}

fn expressway_e(roles: &[Role], needs: &dyn Fn(Element) -> bool) -> String {
    let mut out = format!(
        "\n[expressway_e]\n\
         cluster_name = \"{E_CLUSTER}\"\n\
         peers = [\"{}\", \"{}\"]\n\
         # Other FQDNs the Expressway-E is known by.\n\
         additional_names = []\n",
        E_PEERS[0], E_PEERS[1]
    );
    for (element, key) in crate::model::FORMAT_KEYS {
        if needs(element) {
            out.push_str(&format_line(key, element));
        }
    }
    if roles.contains(&Role::ExpresswayC) {
        out.push_str(&format!(
            "# The E's traversal zone \"TLS verify subject name\": must be a SAN of\n\
             # every Expressway-C certificate; use the C cluster name.\n\
             tls_verify_subject_name = \"{C_CLUSTER}\"\n"
        ));
    }
    out
}

fn subject_and_key() -> String {
    let algorithms = alternatives(KEY_POLICIES.iter().map(|p| p.key));
    let sizes: Vec<String> = KEY_POLICIES
        .iter()
        .map(|p| {
            let sizes: Vec<String> = p.sizes.iter().map(u32::to_string).collect();
            format!("{}: {}", p.key, sizes.join(" | "))
        })
        .collect();
    format!(
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
         algorithm = \"rsa\"   # {algorithms} (ECDSA from {ECDSA_SINCE})\n\
         size = 2048         # {}\n\
         digest = \"sha256\"   # {}\n",
        sizes.join(" ; "),
        alternatives(Digest::ALL.iter().map(|d| d.key()))
    )
}
