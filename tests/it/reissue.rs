//! `sancsr reissue`: Cisco's notes on when a change needs new certificates.

use crate::common::{example, sancsr};
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const BASE: &str = r#"
features = ["mobile-remote-access", "xmpp-federation"]
[unified_cm]
registration_domains = ["example.com"]
phone_security_profiles = ["DX80SecureProfile.example.com"]
[im_presence]
chat_node_aliases = ["chatnode1.example.com"]
nodes = ["imp1.example.local"]
[xmpp_federation]
domains = ["example.com"]
[expressway_c]
cluster_name = "expc.example.local"
peers = ["expc1.example.local"]
[expressway_e]
peers = ["expe1.example.com"]
registration_domain_format = "collab-edge-dns"
"#;

/// Runs reissue on BASE and BASE with `from` replaced by `to`; returns the
/// JSON.
fn reissue(from: &str, to: &str) -> Value {
    assert!(BASE.contains(from), "{from}");
    let dir = TempDir::new().expect("tempdir");
    let (old, new) = (dir.path().join("old.toml"), dir.path().join("new.toml"));
    std::fs::write(&old, BASE).expect("write");
    std::fs::write(&new, BASE.replace(from, to)).expect("write");
    let out = sancsr()
        .arg("reissue")
        .arg(&old)
        .arg(&new)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

/// (peer, reissue, rules) of every certificate.
fn verdicts(v: &Value) -> Vec<(String, bool, Vec<String>)> {
    v["certificates"]
        .as_array()
        .expect("certificates")
        .iter()
        .map(|c| {
            (
                c["peer"].as_str().expect("peer").to_owned(),
                c["reissue"].as_bool().expect("bool"),
                c["reasons"]
                    .as_array()
                    .expect("reasons")
                    .iter()
                    .map(|r| r["rule"].as_str().expect("rule").to_owned())
                    .collect(),
            )
        })
        .collect()
}

fn v(peer: &str, reissue: bool, rules: &[&str]) -> (String, bool, Vec<String>) {
    (
        peer.to_owned(),
        reissue,
        rules.iter().map(|r| (*r).to_owned()).collect(),
    )
}

#[test]
fn chat_node_alias_added_needs_both() {
    let out = reissue(
        r#"chat_node_aliases = ["chatnode1.example.com"]"#,
        r#"chat_node_aliases = ["chatnode1.example.com", "chatnode2.example.com"]"#,
    );
    assert_eq!(
        verdicts(&out),
        [
            v("expc1.example.local", true, &["cisco-c-chat-node-aliases"]),
            v("expe1.example.com", true, &["cisco-e-chat-node-aliases"]),
        ]
    );
    assert_eq!(
        out["certificates"][0]["added"][0],
        "DNS:chatnode2.example.com"
    );
    assert_eq!(
        out["certificates"][0]["reasons"][0]["names"][0],
        "DNS:chatnode2.example.com"
    );
    assert_eq!(out["restart_required"], true);
}

#[test]
fn chat_node_alias_renamed_is_a_cisco_note_on_c_and_a_san_change_on_e() {
    let out = reissue("chatnode1.example.com", "chatnodeA.example.com");
    assert_eq!(
        verdicts(&out),
        [
            v("expc1.example.local", true, &["cisco-c-chat-node-aliases"]),
            v(
                "expe1.example.com",
                true,
                &["cisco-e-chat-node-aliases", "san-list-changed"]
            ),
        ]
    );
}

#[test]
fn im_presence_node_added_needs_only_the_c() {
    let out = reissue(
        r#"nodes = ["imp1.example.local"]"#,
        r#"nodes = ["imp1.example.local", "imp2.example.local"]"#,
    );
    assert_eq!(
        verdicts(&out),
        [
            v("expc1.example.local", true, &["cisco-c-im-presence-nodes"]),
            v("expe1.example.com", false, &[]),
        ]
    );
    assert_eq!(
        out["certificates"][0]["reasons"][0]["names"][0],
        "imp2.example.local"
    );
}

#[test]
fn phone_security_profile_added_needs_only_the_c() {
    let out = reissue(
        r#"phone_security_profiles = ["DX80SecureProfile.example.com"]"#,
        r#"phone_security_profiles = ["DX80SecureProfile.example.com", "jabber.example.com"]"#,
    );
    assert_eq!(
        verdicts(&out),
        [
            v(
                "expc1.example.local",
                true,
                &["cisco-c-phone-security-profiles"]
            ),
            v("expe1.example.com", false, &[]),
        ]
    );
}

#[test]
fn registration_or_federation_domain_change_needs_only_the_e() {
    let out = reissue(
        r#"registration_domains = ["example.com"]"#,
        r#"registration_domains = ["example.com", "example.org"]"#,
    );
    assert_eq!(
        verdicts(&out),
        [
            v("expc1.example.local", false, &[]),
            v("expe1.example.com", true, &["cisco-e-registration-domains"]),
        ]
    );
    let out = reissue(
        "[xmpp_federation]\ndomains = [\"example.com\"]",
        "[xmpp_federation]\ndomains = [\"example.net\"]",
    );
    assert_eq!(
        verdicts(&out),
        [
            v("expc1.example.local", false, &[]),
            v(
                "expe1.example.com",
                true,
                &["cisco-e-xmpp-federation-domains"]
            ),
        ]
    );
}

#[test]
fn subject_and_key_changes_need_new_certificates() {
    let out = reissue(
        "[expressway_e]\n",
        "[expressway_e]\nsubject = { organization = \"Example Inc\" }\nkey = { size = 4096 }\n",
    );
    assert_eq!(
        verdicts(&out),
        [
            v("expc1.example.local", false, &[]),
            v(
                "expe1.example.com",
                true,
                &["subject-changed", "key-changed"]
            ),
        ]
    );
}

#[test]
fn peers_added_and_removed() {
    let out = reissue(
        r#"peers = ["expe1.example.com"]"#,
        "cluster_name = \"expe.example.com\"\npeers = [\"expe1.example.com\", \"expe2.example.com\"]",
    );
    let got = verdicts(&out);
    assert_eq!(got[1].0, "expe1.example.com");
    assert!(got[1].1, "the cluster name changes expe1's CN and SANs");
    assert_eq!(got[2], v("expe2.example.com", true, &["new-peer"]));

    let out = reissue(
        "peers = [\"expc1.example.local\"]",
        "peers = [\"expc2.example.local\"]",
    );
    let got = verdicts(&out);
    assert!(got.contains(&v("expc2.example.local", true, &["new-peer"])));
    assert!(got.contains(&v("expc1.example.local", false, &["removed-peer"])));
}

#[test]
fn an_unchanged_file_needs_nothing() {
    let path = example("full-cluster.toml");
    sancsr()
        .arg("reissue")
        .arg(&path)
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Expressway-C expc1.example.local: no change",
        ))
        .stdout(predicate::str::contains(
            "No certificate needs to be replaced.",
        ));
    let out = reissue("\n", "\n");
    assert_eq!(out["restart_required"], false);
}

#[test]
fn text_ends_with_the_restart_reminder() {
    let dir = TempDir::new().expect("tempdir");
    let new = dir.path().join("new.toml");
    std::fs::write(&new, BASE.replace("chatnode1", "chatnode9")).expect("write");
    let old = dir.path().join("old.toml");
    std::fs::write(&old, BASE).expect("write");
    sancsr()
        .arg("reissue")
        .arg(&old)
        .arg(&new)
        .assert()
        .success()
        .stdout(predicate::str::contains("  + DNS:chatnode9.example.com"))
        .stdout(predicate::str::contains("  - DNS:chatnode1.example.com"))
        .stdout(predicate::str::ends_with(
            "a new certificate takes effect only after the restart.\n",
        ));
    sancsr()
        .arg("reissue")
        .arg(&old)
        .arg(dir.path().join("missing.toml"))
        .assert()
        .code(2);
}
