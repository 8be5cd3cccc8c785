//! The planner, cell by cell of Cisco's table, and its findings.
use super::*;
use crate::cisco::{Element, Feature, Role, SAN_TABLE};
use crate::model::HostName;
use crate::report::{Code, Severity};

fn host(s: &str) -> HostName {
    HostName::parse(s, crate::model::NameKind::Host).expect("valid name")
}

/// A C+E deployment with one feature and one distinct name per element,
/// so each element's presence shows by name.
fn one_feature(feature: Feature) -> Deployment {
    let text = format!(
        "features = [\"{}\"]\n\
         [unified_cm]\nregistration_domains = [\"regdomain.example.com\"]\n\
         phone_security_profiles = [\"profile.example.com\"]\n\
         [im_presence]\nchat_node_aliases = [\"chatalias.example.com\"]\n\
         [xmpp_federation]\ndomains = [\"xmppdomain.example.com\"]\n\
         [expressway_c]\ncluster_name = \"cclust.example.local\"\n\
         peers = [\"c1.example.local\", \"c2.example.local\"]\n\
         common_name = \"peer\"\nalternative_names = \"none\"\n\
         [expressway_e]\ncluster_name = \"eclust.example.com\"\n\
         peers = [\"e1.example.com\", \"e2.example.com\"]\n\
         common_name = \"peer\"\nalternative_names = \"none\"\n",
        feature.key()
    );
    Deployment::parse("t.toml", &text).expect("valid deployment")
}

fn element_name(element: Element) -> &'static str {
    match element {
        Element::UnifiedCmRegistrationDomain => "regdomain.example.com",
        Element::XmppFederationDomain => "xmppdomain.example.com",
        Element::ChatNodeAlias => "chatalias.example.com",
        Element::PhoneSecurityProfile => "profile.example.com",
        Element::ClusterName => "cclust.example.local",
    }
}

/// 4 features × 5 elements × 2 roles, each cell of Cisco's table checked
/// through the planner rather than the table itself.
#[test]
fn every_cell_of_ciscos_table_through_the_plan() {
    for feature in Feature::ALL {
        let plan = Plan::build(&one_feature(feature));
        assert_eq!(plan.certificates.len(), 4);
        for row in &SAN_TABLE {
            for role in Role::ALL {
                let expected = row.cell(feature).applies_to(role);
                // The E's cluster name is a different name; check the
                // role's own cluster name for the cluster-name row.
                let name = match (row.element, role) {
                    (Element::ClusterName, Role::ExpresswayE) => "eclust.example.com",
                    (e, _) => element_name(e),
                };
                for cert in plan.certificates.iter().filter(|c| c.role == role) {
                    assert_eq!(
                        cert.has_dns(&host(name)),
                        expected,
                        "{feature:?} / {:?} / {role:?} ({}): {:?}",
                        row.element,
                        cert.peer,
                        cert.alternative_names()
                    );
                }
            }
        }
    }
}

#[test]
fn cluster_name_on_c_even_with_alternative_names_none_but_not_for_b2b_only() {
    for (feature, expected) in [
        (Feature::MobileRemoteAccess, true),
        (Feature::JabberGuest, true),
        (Feature::XmppFederation, true),
        (Feature::BusinessToBusiness, false),
    ] {
        let plan = Plan::build(&one_feature(feature));
        let c1 = &plan.certificates[0];
        assert_eq!(c1.role, Role::ExpresswayC);
        assert_eq!(c1.common_name.as_str(), "c1.example.local");
        assert_eq!(
            c1.has_dns(&host("cclust.example.local")),
            expected,
            "{feature:?}"
        );
        if expected {
            // Right after the common name (plan order).
            assert_eq!(c1.entries[1].name.value, "cclust.example.local");
            assert_eq!(c1.entries[1].reasons[0].feature, Some(feature));
        }
    }
}

#[test]
fn order_and_case_insensitive_dedup_keep_first_spelling() {
    let d = Deployment::parse(
        "t.toml",
        "features = [\"mobile-remote-access\", \"xmpp-federation\"]\n\
         [unified_cm]\nregistration_domains = [\"Example.com\"]\n\
         [im_presence]\nchat_node_aliases = [\"chat.example.com\"]\n\
         [xmpp_federation]\ndomains = [\"EXAMPLE.COM\", \"other.example\"]\n\
         [expressway_e]\ncluster_name = \"expe.example.com\"\n\
         peers = [\"expe1.example.com\", \"expe2.example.com\"]\n\
         alternative_names = \"cluster-and-all-peers\"\n\
         additional_names = [\"EXPE2.example.com\", \"extra.example.com\", \"Chat.Example.com\"]\n",
    )
    .expect("valid");
    let plan = Plan::build(&d);
    assert_eq!(
        plan.certificates[0].alternative_names(),
        [
            "DNS:expe.example.com",
            "DNS:expe1.example.com",
            "DNS:expe2.example.com",
            "DNS:extra.example.com",
            "DNS:Chat.Example.com",
            "DNS:Example.com",
            "DNS:other.example",
        ]
    );
    let example = &plan.certificates[0].entries[5];
    let elements: Vec<&str> = example.reasons.iter().map(|r| r.element.key()).collect();
    assert_eq!(
        elements,
        ["unified-cm-registration-domain", "xmpp-federation-domain"]
    );
    let chat = &plan.certificates[0].entries[4];
    let elements: Vec<&str> = chat.reasons.iter().map(|r| r.element.key()).collect();
    assert_eq!(elements, ["additional-name", "chat-node-alias"]);
}

#[test]
fn same_value_in_different_formats_are_different_entries() {
    let d = Deployment::parse(
        "t.toml",
        "features = [\"xmpp-federation\"]\n\
         [im_presence]\nchat_node_aliases = [\"example.com\"]\n\
         [xmpp_federation]\ndomains = [\"example.com\"]\n\
         [expressway_e]\npeers = [\"expe.example.com\"]\n\
         chat_node_alias_format = \"xmpp-address\"\n",
    )
    .expect("valid");
    let plan = Plan::build(&d);
    assert_eq!(
        plan.certificates[0].alternative_names(),
        [
            "DNS:expe.example.com",
            "DNS:example.com",
            "XMPP:example.com"
        ]
    );
    assert!(
        plan.findings
            .iter()
            .any(|f| f.code == Code::XmppAddressFormat
                && f.severity == Severity::Warning
                && f.location.as_ref().map(ToString::to_string).as_deref() == Some("t.toml:8:26"))
    );
}

fn codes(text: &str) -> Vec<(&'static str, Severity)> {
    let d = Deployment::parse("t.toml", text).expect("valid");
    Plan::build(&d)
        .findings
        .into_iter()
        .map(|f| (f.code.as_str(), f.severity))
        .collect()
}

#[test]
fn warnings_table() {
    let cases: &[(&str, &str, Severity)] = &[
        (
            "features = [\"mobile-remote-access\"]\n[expressway_e]\npeers = [\"e.example.com\"]\n",
            "mra-without-registration-domain",
            Severity::Warning,
        ),
        (
            "expressway_version = \"X14.2\"\n[key]\nalgorithm = \"ecdsa\"\n[expressway_e]\npeers = [\"e.example.com\"]\n",
            "ecdsa-before-x14-3",
            Severity::Error,
        ),
        (
            "[key]\nalgorithm = \"ecdsa\"\n[expressway_e]\npeers = [\"e.example.com\"]\n",
            "ecdsa-before-x14-3",
            Severity::Warning,
        ),
        (
            "features = [\"mobile-remote-access\"]\n[unified_cm]\nregistration_domains = [\"example.com\"]\n\
             [expressway_e]\npeers = [\"e.example.com\"]\nregistration_domain_format = \"srv\"\n",
            "srv-format",
            Severity::Info,
        ),
        (
            "features = [\"business-to-business\"]\n[unified_cm]\nphone_security_profiles = [\"p.example.com\"]\n\
             [expressway_c]\npeers = [\"c.example.com\"]\n",
            "unused-names",
            Severity::Warning,
        ),
        (
            "[expressway_c]\npeers = [\"c.example.com\"]\n",
            "no-features",
            Severity::Info,
        ),
        (
            "[expressway_c]\npeers = [\"a-very-long-host-name-for-an-expressway-core.collaboration.example.com\"]\n",
            "cn-too-long",
            Severity::Warning,
        ),
    ];
    for (text, code, severity) in cases {
        let got = codes(text);
        assert!(got.contains(&(*code, *severity)), "{code}: {got:?}");
    }
    // X14.3 and later, and an RSA key, raise no ECDSA warning.
    let quiet = codes(
        "expressway_version = \"X14.3\"\n[key]\nalgorithm = \"ecdsa\"\n[expressway_e]\npeers = [\"e.example.com\"]\n",
    );
    assert!(!quiet.iter().any(|(c, _)| *c == "ecdsa-before-x14-3"));
}

#[test]
fn more_than_100_sans_warns() {
    let names: Vec<String> = (0..100).map(|i| format!("\"h{i}.example.com\"")).collect();
    let text = format!(
        "[expressway_e]\npeers = [\"e.example.com\"]\nadditional_names = [{}]\n",
        names.join(",")
    );
    assert!(codes(&text).contains(&("too-many-sans", Severity::Warning)));
    let text = format!(
        "[expressway_e]\npeers = [\"e.example.com\"]\nadditional_names = [{}]\n",
        names[..99].join(",")
    );
    assert!(!codes(&text).iter().any(|(c, _)| *c == "too-many-sans"));
}

#[test]
fn cross_certificate_checks() {
    let base = "features = [\"mobile-remote-access\"]\n\
         [expressway_c]\ncluster_name = \"expc.example.local\"\npeers = [\"expc1.example.local\"]\n\
         common_name = \"peer\"\nalternative_names = \"none\"\n\
         traversal_peer_addresses = [\"TRAVERSAL\"]\n\
         [expressway_e]\npeers = [\"expe1.example.com\"]\ntls_verify_subject_name = \"VERIFY\"\n";
    let run = |verify: &str, traversal: &str| {
        codes(
            &base
                .replace("VERIFY", verify)
                .replace("TRAVERSAL", traversal),
        )
    };
    let ok = run("expc.example.local", "expe1.example.com");
    assert!(!ok.iter().any(|(_, s)| *s == Severity::Error), "{ok:?}");
    // A name no C certificate carries.
    let bad = run("expc9.example.local", "expe1.example.com");
    assert!(bad.contains(&("tls-verify-subject-name-missing", Severity::Error)));
    let bad = run("expc.example.local", "expe2.example.com");
    assert!(bad.contains(&("traversal-peer-address-missing", Severity::Error)));
    // Case does not matter.
    let ok = run("EXPC.example.local", "Expe1.Example.Com");
    assert!(!ok.iter().any(|(_, s)| *s == Severity::Error), "{ok:?}");
}

/// A clustered peer needs its own FQDN and the cluster FQDN (source A).
#[test]
fn clustered_peers_carry_their_own_and_the_cluster_fqdn() {
    let text = |cn: &str, alt: &str| {
        format!(
            "[expressway_e]\ncluster_name = \"expe.example.com\"\n\
             peers = [\"expe1.example.com\", \"expe2.example.com\"]\n\
             common_name = \"{cn}\"\nalternative_names = \"{alt}\"\n"
        )
    };
    let errors = |cn: &str, alt: &str| -> Vec<&'static str> {
        codes(&text(cn, alt))
            .into_iter()
            .filter(|(_, s)| *s == Severity::Error)
            .map(|(c, _)| c)
            .collect()
    };
    // One finding per peer.
    assert_eq!(errors("cluster", "none"), ["peer-fqdn-missing"; 2]);
    // The cluster FQDN is a recommendation on an Expressway-E (Cisco's
    // table requires it on the Expressway-C only): a warning.
    assert!(errors("peer", "none").is_empty());
    let warned: Vec<&str> = codes(&text("peer", "none"))
        .into_iter()
        .filter(|(c, s)| *c == "cluster-fqdn-missing" && *s == Severity::Warning)
        .map(|(c, _)| c)
        .collect();
    assert_eq!(warned, ["cluster-fqdn-missing"; 2]);
    assert!(errors("cluster", "cluster-and-this-peer").is_empty());
    assert!(errors("peer", "cluster-and-all-peers").is_empty());
    // The fix given works: "cluster-and-this-peer" adds both names.
    let d = Deployment::parse("t.toml", &text("cluster", "none")).expect("valid");
    let finding = Plan::build(&d)
        .findings
        .into_iter()
        .find(|f| f.code == Code::PeerFqdnMissing)
        .expect("finding");
    let fix = finding.fix.as_deref().unwrap_or_default();
    assert!(
        fix.contains("alternative_names = \"cluster-and-this-peer\""),
        "{fix}"
    );
    // One line, no run of spaces from a lost line continuation.
    assert!(!fix.contains("  "), "{fix}");
    assert_eq!(
        finding
            .location
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("t.toml:1:1")
    );
}

#[test]
fn select_narrows_and_refuses_unknown_peers() {
    let plan = Plan::build(&one_feature(Feature::MobileRemoteAccess));
    let e = plan
        .clone()
        .select(Some(Role::ExpresswayE), None)
        .expect("ok");
    assert!(e.certificates.iter().all(|c| c.role == Role::ExpresswayE));
    assert_eq!(e.certificates.len(), 2);
    let one = plan
        .clone()
        .select(None, Some("C2.example.local"))
        .expect("ok");
    assert_eq!(one.certificates.len(), 1);
    let err = plan.select(None, Some("nope.example.com")).unwrap_err();
    assert!(
        matches!(&err, crate::report::Error::Usage(crate::report::Usage::UnknownPeer { peers, .. })
            if peers.contains(&"c1.example.local".to_owned())),
        "{err}"
    );
    assert_eq!(err.exit_code(), 2);
}
