//! Cisco fidelity of `plan`: every rule through the binary, with its exit
//! code, finding code and severity, and the position of file errors.

use crate::common::sancsr;
use serde_json::Value;

/// `plan - --format json` of `text`: (exit code, [(code, severity, location)], JSON).
fn plan(text: &str) -> (i32, Vec<(String, String, String)>, Value) {
    let out = sancsr()
        .args(["plan", "-", "--format", "json"])
        .write_stdin(text.to_owned())
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let findings = v["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["code"].as_str().unwrap_or("").to_owned(),
                        f["severity"].as_str().unwrap_or("").to_owned(),
                        location(&f["location"]),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    (out.status.code().expect("code"), findings, v)
}

/// A finding's `location` object as `file:line:column` ("" when absent).
fn location(l: &Value) -> String {
    match (l["file"].as_str(), l["line"].as_u64(), l["column"].as_u64()) {
        (Some(file), Some(line), Some(column)) => format!("{file}:{line}:{column}"),
        _ => String::new(),
    }
}

/// `plan -` of a file with an error: (exit code, stderr).
fn refused(text: &str) -> (i32, String) {
    let (code, _, stderr) = crate::common::plan_stdin(text, &[]);
    (code, stderr)
}

fn has(f: &[(String, String, String)], code: &str, severity: &str, location: &str) -> bool {
    f.iter()
        .any(|(c, s, l)| c == code && s == severity && (location.is_empty() || l == location))
}

const SUBJECT: &str = "[subject]\norganization = \"Example\"\nstate = \"CA\"\ncountry = \"US\"\n";

#[test]
fn a_cluster_with_none_and_the_cluster_name_as_cn_misses_the_peer_fqdn() {
    let text = format!(
        "[expressway_e]\ncluster_name = \"expe.example.com\"\n\
         peers = [\"expe1.example.com\", \"expe2.example.com\"]\n\
         common_name = \"cluster\"\nalternative_names = \"none\"\n{SUBJECT}"
    );
    let (code, f, _) = plan(&text);
    assert_eq!(code, 2);
    assert!(
        has(&f, "peer-fqdn-missing", "error", "<stdin>:1:1"),
        "{f:?}"
    );
    // The fix in the message works.
    let fixed = text.replace("\"none\"", "\"cluster-and-this-peer\"");
    let (code, f, _) = plan(&fixed);
    assert_eq!(code, 0);
    assert!(f.iter().all(|(_, s, _)| s == "info"), "{f:?}");
}

#[test]
fn more_than_six_peers_is_refused_with_position_and_rule() {
    let peers: Vec<String> = (1..=7).map(|i| format!("\"e{i}.example.com\"")).collect();
    let text = format!(
        "[expressway_e]\ncluster_name = \"e.example.com\"\npeers = [{}]\n",
        peers.join(", ")
    );
    let (code, err) = refused(&text);
    assert_eq!(code, 2);
    assert!(err.contains("[expressway_e] lists 7 peers"), "{err}");
    assert!(err.contains("<stdin>:3:10"), "{err}");
    assert!(err.contains("at most 6 peers"), "{err}");
}

#[test]
fn single_level_names_are_refused_where_an_fqdn_is_needed() {
    for (text, position) in [
        ("[expressway_c]\npeers = [\"expc\"]\n", "<stdin>:2:10"),
        (
            "[expressway_e]\npeers = [\"e.example.com\"]\ntls_verify_subject_name = \"localhost\"\n",
            "<stdin>:3:27",
        ),
        (
            "[expressway_c]\npeers = [\"c.example.com\"]\ntraversal_peer_addresses = [\"expe\"]\n",
            "<stdin>:3:29",
        ),
        (
            "[expressway_c]\ncluster_name = \"expc\"\npeers = [\"c.example.com\"]\n",
            "<stdin>:2:16",
        ),
    ] {
        let (code, err) = refused(text);
        assert_eq!(code, 2, "{text}");
        assert!(err.contains("not a fully qualified name"), "{err}");
        assert!(err.contains(position), "{position}: {err}");
        assert!(
            err.contains(".example.com\""),
            "the fix names an FQDN: {err}"
        );
    }
}

#[test]
fn collab_edge_dns_on_a_collab_edge_domain_warns() {
    let text = format!(
        "features = [\"mobile-remote-access\"]\n[unified_cm]\n\
         registration_domains = [\"collab-edge.example.com\"]\n\
         [expressway_e]\npeers = [\"e.example.com\"]\n\
         registration_domain_format = \"collab-edge-dns\"\n{SUBJECT}"
    );
    let (code, f, _) = plan(&text);
    assert_eq!(code, 0);
    assert!(
        has(&f, "collab-edge-doubled", "warning", "<stdin>:3:25"),
        "{f:?}"
    );
}

#[test]
fn chat_aliases_in_different_formats_on_c_and_e_warn() {
    let text = format!(
        "features = [\"xmpp-federation\"]\n[im_presence]\n\
         chat_node_aliases = [\"chat.example.com\"]\n\
         [expressway_c]\npeers = [\"c.example.local\"]\nchat_node_alias_format = \"dns\"\n\
         [expressway_e]\npeers = [\"e.example.com\"]\nchat_node_alias_format = \"xmpp-address\"\n\
         {SUBJECT}"
    );
    let (code, f, _) = plan(&text);
    assert_eq!(code, 0);
    assert!(
        has(&f, "chat-alias-format-mismatch", "warning", "<stdin>:9:26"),
        "{f:?}"
    );
}

#[test]
fn ecdsa_is_an_error_before_x14_3_and_a_warning_without_a_version() {
    let text = |version: &str| {
        format!(
            "{version}[key]\nalgorithm = \"ecdsa\"\n[expressway_e]\npeers = [\"e.example.com\"]\n{SUBJECT}"
        )
    };
    let (code, f, _) = plan(&text("expressway_version = \"X14.2\"\n"));
    assert_eq!(code, 2);
    assert!(
        has(&f, "ecdsa-before-x14-3", "error", "<stdin>:3:13"),
        "{f:?}"
    );
    let (code, f, _) = plan(&text(""));
    assert_eq!(code, 0);
    assert!(
        has(&f, "ecdsa-before-x14-3", "warning", "<stdin>:2:13"),
        "{f:?}"
    );
    let (code, f, _) = plan(&text("expressway_version = \"X14.3\"\n"));
    assert_eq!(code, 0);
    assert!(f.iter().all(|(_, s, _)| s == "info"), "{f:?}");
}

#[test]
fn a_bare_profile_name_is_a_warning_before_x12_6_and_an_error_from_it() {
    let text = |version: &str| {
        format!(
            "{version}features = [\"mobile-remote-access\"]\n\
             [unified_cm]\nphone_security_profiles = [\"DX80Secure\"]\n\
             [expressway_c]\npeers = [\"c.example.local\"]\n{SUBJECT}"
        )
    };
    let (code, f, _) = plan(&text("expressway_version = \"X12.5\"\n"));
    assert_eq!(code, 0);
    assert!(
        has(&f, "profile-name-not-fqdn", "warning", "<stdin>:4:28"),
        "{f:?}"
    );
    for version in ["expressway_version = \"X12.6\"\n", ""] {
        let (code, err) = refused(&text(version));
        assert_eq!(code, 2);
        assert!(
            err.contains("phone security profile name is not an FQDN"),
            "{err}"
        );
    }
}

#[test]
fn rsa_3072_is_not_on_the_page_and_the_page_says_so() {
    let text =
        format!("[key]\nsize = 3072\n[expressway_e]\npeers = [\"e.example.com\"]\n{SUBJECT}");
    let (code, _, v) = plan(&text);
    assert_eq!(code, 0);
    let key = v["certificates"][0]["csr_page"]
        .as_array()
        .expect("page")
        .iter()
        .find(|f| f["field"] == "Key length (in bits)")
        .expect("key field")["value"]
        .as_str()
        .expect("value")
        .to_owned();
    assert!(
        key.starts_with("RSA 3072 (not offered on this page"),
        "{key}"
    );
    assert!(key.contains("sancsr generate"), "{key}");
}

#[test]
fn a_subject_the_page_refuses_warns() {
    let text =
        "[expressway_e]\npeers = [\"e.example.com\"]\n[subject]\norganization = \"Example\"\n";
    let (code, f, _) = plan(text);
    assert_eq!(code, 0);
    assert!(
        has(&f, "page-subject-incomplete", "warning", "<stdin>:1:1"),
        "{f:?}"
    );
}

#[test]
fn a_clustered_c_with_none_types_its_cluster_fqdn() {
    let text = format!(
        "features = [\"mobile-remote-access\"]\n[expressway_c]\n\
         cluster_name = \"expc.example.local\"\n\
         peers = [\"expc1.example.local\", \"expc2.example.local\"]\n\
         common_name = \"peer\"\nalternative_names = \"none\"\n{SUBJECT}"
    );
    let (code, f, v) = plan(&text);
    assert_eq!((code, f), (0, vec![]));
    let page = v["certificates"][0]["csr_page"].as_array().expect("page");
    let additional = page
        .iter()
        .find(|f| f["field"] == "Additional alternative names (comma separated)")
        .expect("field");
    assert_eq!(additional["value"], "expc.example.local");
    assert_eq!(
        v["certificates"][0]["alternative_names"],
        serde_json::json!(["DNS:expc1.example.local", "DNS:expc.example.local"])
    );
}

/// Cisco's table gives the cluster name as "Required on Expressway-C only"
/// (MRA, Jabber Guest, XMPP federation): on an Expressway-E cluster its
/// absence is the older guidance's recommendation, a warning (exit 0), not
/// an error (issue #24, item 5). The plan always gives the C what the table
/// requires.
#[test]
fn a_missing_cluster_fqdn_is_a_warning_where_the_table_does_not_require_it() {
    let e = format!(
        "features = [\"mobile-remote-access\"]\n[unified_cm]\nregistration_domains = [\"example.com\"]\n\
         [expressway_e]\ncluster_name = \"expe.example.com\"\n\
         peers = [\"expe1.example.com\", \"expe2.example.com\"]\n\
         common_name = \"peer\"\nalternative_names = \"none\"\n{SUBJECT}"
    );
    let (code, f, _) = plan(&e);
    assert_eq!(code, 0, "{f:?}");
    assert!(has(&f, "cluster-fqdn-missing", "warning", ""), "{f:?}");
    let c = e
        .replace("[expressway_e]", "[expressway_c]")
        .replace(".example.com\"", ".example.local\"");
    let c = c.replace(
        "registration_domains = [\"example.local\"]",
        "registration_domains = [\"example.com\"]",
    );
    let (code, f, v) = plan(&c);
    assert_eq!(code, 0, "{f:?}");
    assert!(
        !f.iter().any(|(code, _, _)| code == "cluster-fqdn-missing"),
        "{f:?}"
    );
    let sans = v["certificates"][0]["alternative_names"].to_string();
    assert!(
        sans.contains("DNS:expe.example.local"),
        "the table's cluster name: {sans}"
    );
}
