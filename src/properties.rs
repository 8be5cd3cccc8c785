//! Property tests: names, whole deployments, and arbitrary input. Case
//! counts follow PROPTEST_CASES (CI: 256).

use crate::model::Deployment;
use crate::model::names::{NameKind, check_name};
use crate::plan::Plan;
use crate::report::{Code, Severity};
use proptest::prelude::*;
use std::collections::HashSet;
use std::sync::OnceLock;

/// One ECDSA key for every case: key generation is not what is tested.
fn key() -> &'static rcgen::KeyPair {
    static KEY: OnceLock<rcgen::KeyPair> = OnceLock::new();
    KEY.get_or_init(|| rcgen::KeyPair::generate().expect("key"))
}

fn level() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9]([a-zA-Z0-9-]{0,20}[a-zA-Z0-9])?"
}

fn name() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(level(), 1..4),
        "[a-zA-Z][a-zA-Z0-9]{0,5}",
    )
        .prop_map(|(levels, last)| format!("{}.{last}", levels.join(".")))
}

/// A small pool so that lists repeat names, in other cases too.
fn pooled_name() -> impl Strategy<Value = String> {
    (0..12usize, any::<bool>()).prop_map(|(i, upper)| {
        let n = format!("host{i}.example.com");
        if upper { n.to_uppercase() } else { n }
    })
}

fn list(s: impl Strategy<Value = String>) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(s, 0..5)
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Debug, Clone)]
struct Generated {
    text: String,
}

/// Valid deployments: any features, both roles or one, any formats and
/// choices, lists drawn from a small pool.
fn deployment() -> impl Strategy<Value = Generated> {
    (
        prop::sample::subsequence(
            vec![
                "mobile-remote-access",
                "jabber-guest",
                "xmpp-federation",
                "business-to-business",
            ],
            0..=4,
        ),
        (
            list(pooled_name()),
            list(pooled_name()),
            list(pooled_name()),
            list(pooled_name()),
        ),
        (any::<bool>(), any::<bool>(), 1..4usize, list(pooled_name())),
        (
            prop::sample::select(vec!["dns", "collab-edge-dns", "srv"]),
            prop::sample::select(vec!["dns", "xmpp-address"]),
            prop::sample::select(vec!["dns", "xmpp-address"]),
            prop::sample::select(vec![
                "cluster-and-this-peer",
                "cluster-and-all-peers",
                "none",
            ]),
            prop::sample::select(vec!["cluster", "peer"]),
        ),
    )
        .prop_map(render)
}

/// The drawn parts of a generated deployment.
type Drawn = (
    Vec<&'static str>,
    (Vec<String>, Vec<String>, Vec<String>, Vec<String>),
    (bool, bool, usize, Vec<String>),
    (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ),
);

/// Writes a generated deployment as TOML.
fn render(drawn: Drawn) -> Generated {
    let (features, (reg, profiles, chat, xmpp), (with_c, with_e, peers, additional), formats) =
        drawn;
    let (reg_format, xmpp_format, chat_format, alt, cn) = formats;
    let mut text = format!(
        "features = [{}]\n[unified_cm]\nregistration_domains = [{}]\n\
         phone_security_profiles = [{}]\n[im_presence]\nchat_node_aliases = [{}]\n\
         [xmpp_federation]\ndomains = [{}]\n",
        features
            .iter()
            .map(|f| format!("\"{f}\""))
            .collect::<Vec<_>>()
            .join(", "),
        quoted(&reg),
        quoted(&profiles),
        quoted(&chat),
        quoted(&xmpp),
    );
    let peer_list = |prefix: &str| {
        (1..=peers)
            .map(|i| format!("{prefix}{i}.example.com"))
            .collect::<Vec<_>>()
    };
    if with_c || !with_e {
        text.push_str(&format!(
            "[expressway_c]\ncluster_name = \"expc.example.com\"\npeers = [{}]\n\
             alternative_names = \"{alt}\"\ncommon_name = \"{cn}\"\n\
             additional_names = [{}]\nchat_node_alias_format = \"{chat_format}\"\n",
            quoted(&peer_list("expc")),
            quoted(&additional)
        ));
    }
    if with_e {
        text.push_str(&format!(
            "[expressway_e]\ncluster_name = \"expe.example.com\"\npeers = [{}]\n\
             alternative_names = \"{alt}\"\ncommon_name = \"{cn}\"\n\
             additional_names = [{}]\nregistration_domain_format = \"{reg_format}\"\n\
             xmpp_federation_domain_format = \"{xmpp_format}\"\n\
             chat_node_alias_format = \"{chat_format}\"\n",
            quoted(&peer_list("expe")),
            quoted(&additional)
        ));
    }
    Generated { text }
}

/// the plan's order: the rank of the element that first put a name in.
fn rank(element: &str) -> usize {
    [
        "common-name",
        "cluster-name",
        "peer-fqdn",
        "additional-name",
        "unified-cm-registration-domain",
        "xmpp-federation-domain",
        "chat-node-alias",
        "phone-security-profile",
    ]
    .iter()
    .position(|e| *e == element)
    .expect("known element")
}

/// The CSR for a planned certificate, read back by sancsr's x509 reader.
fn round_trip(c: &crate::plan::CertificatePlan) -> Vec<String> {
    let pem = crate::pki::csr::build_csr(c, key(), &c.key).expect("csr");
    let contents = crate::pki::parse_bytes("p.csr", pem.as_bytes()).expect("reads back");
    let doc = &contents.documents[0];
    assert_eq!(doc.signature_valid, Some(true));
    doc.sans.iter().map(ToString::to_string).collect()
}

proptest! {
    /// Any name the validator accepts is accepted by rcgen when written into
    /// a CSR and read back unchanged by x509-parser.
    #[test]
    fn accepted_names_survive_a_csr(names in prop::collection::vec(name(), 1..6)) {
        for n in &names {
            prop_assume!(check_name(n, NameKind::Host).is_ok());
        }
        let text = format!(
            "[expressway_e]\npeers = [\"expe.example.com\"]\nadditional_names = [{}]\n",
            quoted(&names)
        );
        let d = Deployment::parse("p.toml", &text).expect("valid");
        let plan = Plan::build(&d);
        let c = &plan.certificates[0];
        prop_assert_eq!(round_trip(c), c.alternative_names());
    }

    /// Any generated valid deployment plans without error, has no name twice
    /// (ignoring case), keeps the plan's order, and round-trips through a CSR.
    #[test]
    fn generated_deployments_plan_and_round_trip(g in deployment()) {
        let d = Deployment::parse("g.toml", &g.text)
            .unwrap_or_else(|e| panic!("{e}\n{}", g.text));
        let plan = Plan::build(&d);
        // "None" on a cluster leaves out a name a clustered peer needs,
        // which is the only error a valid generated deployment may have.
        let allowed = [Code::PeerFqdnMissing, Code::ClusterFqdnMissing];
        let none = g.text.contains("alternative_names = \"none\"");
        for f in plan.findings.iter().filter(|f| f.severity == Severity::Error) {
            prop_assert!(none && allowed.contains(&f.code), "{:?}", f);
        }
        for c in &plan.certificates {
            let mut seen = HashSet::new();
            let mut last = 0;
            for e in &c.entries {
                prop_assert!(seen.insert(&e.name), "twice: {}", e);
                let r = rank(e.reasons[0].element.key());
                prop_assert!(r >= last, "{} out of order in {:?}", e, c.alternative_names());
                last = r;
            }
            prop_assert_eq!(&c.entries[0].name, &c.common_name.dns());
            prop_assert_eq!(round_trip(c), c.alternative_names());
        }
        crate::plan::page_tests::assert_page_reproduces_the_plan(&plan);
    }

    /// Arbitrary text as a deployment: an error or a plan, never a panic.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        if let Ok(d) = Deployment::parse("a.toml", &text) {
            let _ = Plan::build(&d);
        }
    }

    /// TOML-shaped text from the schema's own keys and odd values.
    #[test]
    fn schema_shaped_text_never_panics(
        lines in prop::collection::vec(
            (
                prop::sample::select(vec![
                    "[expressway_c]", "[expressway_e]", "[unified_cm]", "[key]", "[subject]",
                    "peers = ", "cluster_name = ", "features = ", "size = ", "country = ",
                    "registration_domains = ", "algorithm = ", "common_name = ",
                    "alternative_names = ", "expressway_version = ", "[expressway_e.key]",
                ]),
                prop::sample::select(vec![
                    "", "[\"a.example.com\"]", "\"x\"", "4096", "-1", "[1, 2]", "{}",
                    "\"ecdsa\"", "[\"*.x\"]", "\"X99999999999.1\"", "[\"\"]", "\"cluster\"",
                    "9999999999999999999",
                ]),
            ),
            0..12,
        )
    ) {
        let text: String = lines
            .iter()
            .map(|(k, v)| if k.starts_with('[') { format!("{k}\n") } else { format!("{k}{v}\n") })
            .collect();
        if let Ok(d) = Deployment::parse("s.toml", &text) {
            let _ = Plan::build(&d);
        }
    }
}

/// A batch of generated names through the openssl binary as well.
#[test]
fn accepted_names_are_accepted_by_openssl() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let names: Vec<String> = (0..60)
        .map(|_| name().new_tree(&mut runner).expect("tree").current())
        .filter(|n| check_name(n, NameKind::Host).is_ok())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let text = format!(
        "[expressway_e]\npeers = [\"expe.example.com\"]\nadditional_names = [{}]\n",
        quoted(&names)
    );
    let d = Deployment::parse("p.toml", &text).expect("valid");
    let plan = Plan::build(&d);
    let pem = crate::pki::csr::build_csr(&plan.certificates[0], key(), &plan.certificates[0].key)
        .expect("csr");
    let dir = tempfile::TempDir::new().expect("tempdir");
    let path = dir.path().join("n.csr");
    std::fs::write(&path, pem).expect("write");
    let out = std::process::Command::new("openssl")
        .args(["req", "-verify", "-noout", "-text", "-in"])
        .arg(&path)
        .output()
        .expect("openssl");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for n in &names {
        assert!(text.contains(&format!("DNS:{n}")), "openssl lacks {n}");
    }
}
