//! `sancsr plan`, `rules` and `init`, run as a user runs them.

use crate::common::{example, plan_json, sancsr, sans_by_peer};
use predicates::prelude::*;

fn s(list: &[&str]) -> Vec<String> {
    list.iter().map(|x| (*x).to_owned()).collect()
}

#[test]
fn figure_1_expressway_c() {
    let plan = plan_json(&[example("figure1-expressway-c.toml").to_str().expect("utf8")]);
    assert_eq!(
        sans_by_peer(&plan),
        vec![(
            "expc1.example.local".to_owned(),
            s(&[
                "DNS:expc.example.local",
                "DNS:expc1.example.local",
                "DNS:chatnode1.example.com",
                "DNS:chatnode2.example.com",
                "DNS:DX80Tlsprofile.example.com",
            ])
        )]
    );
    assert_eq!(plan["certificates"][0]["role"], "expressway-c");
    assert_eq!(plan["certificates"][0]["common_name"], "expc.example.local");
}

#[test]
fn figure_2_expressway_e() {
    let plan = plan_json(&[example("figure2-expressway-e.toml").to_str().expect("utf8")]);
    assert_eq!(
        sans_by_peer(&plan),
        vec![(
            "expe1.example.com".to_owned(),
            s(&[
                "DNS:expe.example.com",
                "DNS:expe1.example.com",
                // Cisco's "Alternative name as it will appear", in its order:
                "DNS:collab-edge.example.com",
                "DNS:example.com",
                "DNS:chatnode1.example.com",
                "DNS:chatnode2.example.com",
            ])
        )]
    );
    let entry = &plan["certificates"][0]["entries"][2];
    assert_eq!(entry["value"], "collab-edge.example.com");
    assert_eq!(entry["format"], "DNS");
    assert_eq!(
        entry["reasons"][0]["element"],
        "unified-cm-registration-domain"
    );
    assert_eq!(entry["reasons"][0]["feature"], "mobile-remote-access");
    assert_eq!(plan["certificates"][0]["key"]["algorithm"], "rsa");
    assert_eq!(plan["certificates"][0]["key"]["size"], 2048);
    assert_eq!(plan["certificates"][0]["key"]["digest"], "sha256");
}

#[test]
fn mra_single_box() {
    let plan = plan_json(&[example("mra-single-box.toml").to_str().expect("utf8")]);
    assert_eq!(
        sans_by_peer(&plan),
        vec![
            (
                "expc.example.local".to_owned(),
                s(&[
                    "DNS:expc.example.local",
                    "DNS:jabbersecureprofile.example.com",
                    "DNS:DX80SecureProfile.example.com",
                ])
            ),
            (
                "expe.example.com".to_owned(),
                s(&["DNS:expe.example.com", "DNS:collab-edge.example.com"])
            ),
        ]
    );
    assert_eq!(
        plan["certificates"][0]["subject"]["organization"],
        "Example Inc"
    );
    assert_eq!(plan["certificates"][0]["subject"]["country"], "US");
    assert_eq!(plan["findings"].as_array().map(Vec::len), Some(0), "{plan}");
}

#[test]
fn full_cluster_all_features() {
    let plan = plan_json(&[example("full-cluster.toml").to_str().expect("utf8")]);
    let c = |peer: &str| {
        s(&[
            "DNS:expc.example.local",
            peer,
            "DNS:chatnode1.example.com",
            "DNS:chatnode2.example.com",
            "DNS:DX80Tlsprofile.example.com",
            "DNS:jabbersecureprofile.example.com",
        ])
    };
    let e = |peer: &str| {
        s(&[
            "DNS:expe.example.com",
            peer,
            "DNS:vcse.example.com",
            "DNS:collab-edge.example.com",
            "DNS:collab-edge.example.org",
            "DNS:example.com",
            "DNS:chatnode1.example.com",
            "DNS:chatnode2.example.com",
        ])
    };
    assert_eq!(
        sans_by_peer(&plan),
        vec![
            (
                "expc1.example.local".to_owned(),
                c("DNS:expc1.example.local")
            ),
            (
                "expc2.example.local".to_owned(),
                c("DNS:expc2.example.local")
            ),
            ("expe1.example.com".to_owned(), e("DNS:expe1.example.com")),
            ("expe2.example.com".to_owned(), e("DNS:expe2.example.com")),
        ]
    );
    // [expressway_e.key] overrides the size only.
    assert_eq!(plan["certificates"][2]["key"]["size"], 4096);
    assert_eq!(plan["certificates"][0]["key"]["size"], 2048);
    // On X15.5 each box keeps a client certificate store: one note per
    // cluster, nothing else.
    let codes: Vec<&str> = plan["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert_eq!(codes, ["client-store", "client-store"], "{plan}");
}

#[test]
fn every_example_plans_cleanly_in_text() {
    for entry in std::fs::read_dir(example("")).expect("examples dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            sancsr()
                .arg("plan")
                .arg(&path)
                .assert()
                .success()
                .stdout(predicate::str::contains(
                    "Alternative name as it will appear",
                ))
                .stdout(predicate::str::contains("Why each name is there"));
        }
    }
}

#[test]
fn role_and_peer_narrow_the_plan() {
    let path = example("full-cluster.toml");
    let path = path.to_str().expect("utf8");
    let e = plan_json(&[path, "--role", "e"]);
    let peers: Vec<String> = sans_by_peer(&e).into_iter().map(|(p, _)| p).collect();
    assert_eq!(peers, ["expe1.example.com", "expe2.example.com"]);
    let one = plan_json(&[path, "--peer", "expc2.example.local"]);
    assert_eq!(sans_by_peer(&one).len(), 1);
    sancsr()
        .args(["plan", path, "--peer", "nope.example.com"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such peer"))
        .stderr(predicate::str::contains("expe2.example.com"));
}

#[test]
fn reads_the_deployment_from_stdin() {
    let text = std::fs::read_to_string(example("figure2-expressway-e.toml")).expect("read");
    sancsr()
        .args(["plan", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains("DNS:collab-edge.example.com"));
}

#[test]
fn text_shows_the_csr_page_and_reasons() {
    sancsr()
        .arg("plan")
        .arg(example("figure2-expressway-e.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Expressway-E expe1.example.com"))
        .stdout(predicate::str::contains(
            "FQDN of Expressway cluster plus FQDN of this peer",
        ))
        .stdout(predicate::str::contains("[Format: CollabEdgeDNS]"))
        .stdout(predicate::str::contains(
            "Unified CM registrations domains — Required on Expressway-E only for Mobile and Remote Access",
        ));
}

#[test]
fn srv_and_xmpp_formats_are_shown_like_the_expressway() {
    let text = "features = [\"mobile-remote-access\", \"xmpp-federation\"]\n\
        [unified_cm]\nregistration_domains = [\"tbtp.local\"]\n\
        [xmpp_federation]\ndomains = [\"example.com\"]\n\
        [expressway_e]\npeers = [\"RTP-TBTP-EXPRWY-E.tbtp.local\"]\n\
        registration_domain_format = \"srv\"\nxmpp_federation_domain_format = \"xmpp-address\"\n";
    let out = sancsr()
        .args(["plan", "-", "--format", "json"])
        .write_stdin(text)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        sans_by_peer(&plan)[0].1,
        s(&[
            "DNS:RTP-TBTP-EXPRWY-E.tbtp.local",
            "SRV:_collab-edge._tls.tbtp.local",
            "XMPP:example.com",
        ])
    );
    let codes: Vec<&str> = plan["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().expect("code"))
        .collect();
    assert_eq!(
        codes,
        [
            "xmpp-address-format",
            "page-subject-incomplete",
            "srv-format"
        ]
    );
    // A location is an object, with integer line and column.
    assert_eq!(
        plan["findings"][0]["location"],
        serde_json::json!({ "file": "<stdin>", "line": 9, "column": 33 })
    );
}

#[test]
fn cross_certificate_error_exits_2_with_the_plan_and_the_fix() {
    let text = std::fs::read_to_string(example("full-cluster.toml"))
        .expect("read")
        .replace(
            "tls_verify_subject_name = \"expc.example.local\"",
            "tls_verify_subject_name = \"expc1.example.local\"",
        );
    sancsr()
        .args(["plan", "-"])
        .write_stdin(text)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "Alternative name as it will appear",
        ))
        .stdout(predicate::str::contains(
            "error[tls-verify-subject-name-missing] <stdin>:",
        ))
        .stdout(predicate::str::contains("expc2.example.local"))
        .stdout(predicate::str::contains(
            "set tls_verify_subject_name to the Expressway-C cluster name \"expc.example.local\"",
        ));
}

#[test]
fn rules_prints_ciscos_table() {
    sancsr()
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::contains("Unified CM registrations domains"))
        .stdout(predicate::str::contains("E only"))
        .stdout(predicate::str::contains("C and E"));
    let out = sancsr()
        .args(["rules", "--format", "json"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[2]["element"], "chat-node-alias");
    assert_eq!(
        rows[2]["features"][2]["roles"],
        serde_json::json!(["expressway-c", "expressway-e"])
    );
    assert_eq!(rows[4]["features"][3]["roles"], serde_json::json!([]));
}

/// `rules --format json` lists every finding code of the rule book, each
/// with its severity, summary, sources and releases.
#[test]
fn rules_json_lists_every_finding_code_of_the_rule_book() {
    let out = sancsr()
        .args(["rules", "--format", "json"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let codes = v["codes"].as_array().expect("codes");
    let book = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cisco-rules.md"))
        .expect("rule book");
    let mut in_book: Vec<&str> = book
        .lines()
        .filter(|l| l.starts_with("| `"))
        .filter_map(|l| l.split('`').nth(1))
        .filter(|c| {
            book.contains(&format!("| `{c}` | error"))
                || book.contains(&format!("| `{c}` | warning"))
                || book.contains(&format!("| `{c}` | info"))
                || book.contains(&format!("| `{c}` | Against"))
        })
        .collect();
    in_book.sort_unstable();
    in_book.dedup();
    let mut listed: Vec<&str> = codes.iter().filter_map(|c| c["code"].as_str()).collect();
    listed.sort_unstable();
    assert_eq!(listed, in_book);
    let ecdsa = codes
        .iter()
        .find(|c| c["code"] == "ecdsa-before-x14-3")
        .expect("declared");
    assert_eq!(ecdsa["severity"], "error");
    assert_eq!(ecdsa["levels"], serde_json::json!(["error", "warning"]));
    assert_eq!(ecdsa["releases"], "before X14.3");
    assert_eq!(ecdsa["sources"], serde_json::json!(["A", "B"]));
    // Cluster database synchronization is TCP 4372 over TLS; 4371 is
    // cluster recovery (Cluster Creation and Maintenance guide).
    let cluster = v["connections"]
        .as_array()
        .expect("connections")
        .iter()
        .find(|c| c["key"] == "c-cluster")
        .expect("c-cluster");
    assert_eq!(cluster["port"], 4372);
    // XMPP federation: the Expressway-C reaches the Expressway-E on 7400.
    let xcp = v["connections"]
        .as_array()
        .expect("connections")
        .iter()
        .find(|c| c["key"] == "xcp-c-to-e")
        .expect("xcp-c-to-e");
    assert_eq!(
        (xcp["port"].as_u64(), xcp["client"].as_str()),
        (Some(7400), Some("expressway-c"))
    );
    assert!(ecdsa["summary"].as_str().is_some_and(|s| !s.is_empty()));
}

#[test]
fn rules_text_has_no_trailing_spaces() {
    let out = sancsr().arg("rules").output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    for line in text.lines() {
        assert_eq!(line, line.trim_end(), "trailing spaces");
    }
}

#[test]
fn init_writes_a_file_that_plans() {
    for (role, features) in [
        (
            "both",
            "mobile-remote-access,jabber-guest,xmpp-federation,business-to-business",
        ),
        ("c", "mobile-remote-access"),
        ("e", "xmpp-federation"),
        ("both", "business-to-business"),
    ] {
        let out = sancsr()
            .args(["init", "--role", role, "--features", features])
            .output()
            .expect("runs");
        assert!(out.status.success());
        let file = String::from_utf8(out.stdout).expect("utf8");
        sancsr()
            .args(["plan", "-"])
            .write_stdin(file.clone())
            .assert()
            .success()
            .stdout(predicate::str::contains(
                "Alternative name as it will appear",
            ));
        assert!(file.contains("# "), "annotated");
    }
}
