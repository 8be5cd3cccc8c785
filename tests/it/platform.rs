//! Unified CM and IM and Presence certificates (#27): planned from the
//! deployment file's `certificates`, checked when they come back, and
//! the trust placements and the CallManager renewal order.

use crate::common::{check_codes, example, plan_json, plan_stdin, sancsr};
use crate::servers::Ca;
use serde_json::Value;

/// The platform certificates of `plan --format json`.
fn platform(plan: &Value) -> Vec<&Value> {
    plan["certificates"]
        .as_array()
        .expect("certificates")
        .iter()
        .filter(|c| c["service"].is_string())
        .collect()
}

fn names(c: &Value) -> Vec<&str> {
    c["alternative_names"]
        .as_array()
        .expect("names")
        .iter()
        .map(|n| n["value"].as_str().expect("value"))
        .collect()
}

fn page(c: &Value, field: &str) -> String {
    c["csr_page"]
        .as_array()
        .expect("page")
        .iter()
        .find(|f| f["field"] == field)
        .and_then(|f| f["value"].as_str())
        .unwrap_or_else(|| panic!("no {field}"))
        .to_owned()
}

#[test]
fn the_estate_example_plans_every_platform_certificate() {
    let plan = plan_json(&[example("uc-estate.toml").to_str().expect("path")]);
    let certs = platform(&plan);
    let keys: Vec<(String, String, String)> = certs
        .iter()
        .map(|c| {
            (
                c["role"].as_str().expect("role").to_owned(),
                c["service"].as_str().expect("service").to_owned(),
                c["peer"].as_str().expect("peer").to_owned(),
            )
        })
        .collect();
    let want = [
        ("unified-cm", "tomcat", "cucm1.example.com"),
        ("unified-cm", "CallManager", "cucm1.example.com"),
        ("im-presence", "tomcat", "imp1.example.com"),
        ("im-presence", "tomcat", "imp2.example.com"),
        ("im-presence", "cup-xmpp", "imp1.example.com"),
        ("im-presence", "cup-xmpp", "imp2.example.com"),
        ("im-presence", "cup-xmpp-s2s", "imp1.example.com"),
        ("im-presence", "cup-xmpp-s2s", "imp2.example.com"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| ((*a).into(), (*b).into(), (*c).into()))
        .collect();
    assert_eq!(keys, want);
    // Multi-server: the publisher's name with -ms, every node a SAN (TAC
    // 118731); per node: the node.
    let tomcat = certs[0];
    assert_eq!(tomcat["common_name"], "cucm1-ms.example.com");
    assert_eq!(
        names(tomcat),
        [
            "cucm1.example.com",
            "cucm2.example.com",
            "cucm3.example.com"
        ]
    );
    assert_eq!(page(tomcat, "Distribution"), "Multi-server(SAN)");
    assert_eq!(page(tomcat, "Key Length"), "2048");
    assert_eq!(tomcat["eku"], "server-and-client");
    assert_eq!(
        tomcat["key_usage"],
        "Digital Signature, Key Encipherment, Data Encipherment"
    );
    let s2s = certs[6];
    assert_eq!(s2s["common_name"], "imp1.example.com");
    assert_eq!(
        names(s2s),
        ["imp1.example.com", "chatnode1.example.com", "example.com"]
    );
    assert_eq!(s2s["trust_store"], "cup-xmpp-trust");
}

/// TAC 225476 and the MRA guide: the Expressway-C's chain into Unified
/// CM's tomcat-trust and CallManager-trust and IM and Presence's
/// tomcat-trust and cup-xmpp-trust; the nodes' issuers into the C's list.
#[test]
fn the_plan_says_which_ca_goes_into_which_store() {
    let plan = plan_json(&[example("uc-estate.toml").to_str().expect("path")]);
    let trust: Vec<(String, String, String, String)> = plan["trust"]
        .as_array()
        .expect("trust")
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().expect(k).to_owned();
            (s("owner"), s("certificate"), s("holder"), s("store"))
        })
        .collect();
    let has = |owner: &str, cert: &str, holder: &str, store: &str| {
        trust.contains(&(owner.into(), cert.into(), holder.into(), store.into()))
    };
    for (holder, store) in [
        ("unified-cm", "tomcat-trust"),
        ("unified-cm", "CallManager-trust"),
        ("im-presence", "tomcat-trust"),
        ("im-presence", "cup-xmpp-trust"),
    ] {
        assert!(
            has("expressway-c", "server", holder, store),
            "{holder} {store}"
        );
    }
    for (owner, cert) in [
        ("unified-cm", "tomcat"),
        ("unified-cm", "CallManager"),
        ("im-presence", "tomcat"),
        ("im-presence", "cup-xmpp"),
    ] {
        assert!(
            has(owner, cert, "expressway-c", "trusted-ca"),
            "{owner} {cert}"
        );
    }
    assert!(!has(
        "expressway-c",
        "server",
        "unified-cm",
        "cup-xmpp-trust"
    ));
}

/// A file without `certificates` plans no platform certificate: the
/// Expressway-only plans are as before.
#[test]
fn without_certificates_nothing_is_planned_for_the_nodes() {
    let plan = plan_json(&[example("full-cluster.toml").to_str().expect("path")]);
    assert!(platform(&plan).is_empty());
    assert!(plan.get("trust").is_none());
}

const BASE: &str = "[expressway_c]\npeers = [\"expc1.example.com\"]\n";

/// Bad values are file errors with position, rule and fix; exit 2.
#[test]
fn bad_platform_values_are_file_errors() {
    let cases = [
        (
            "[unified_cm]\nnodes = [\"cucm1.example.com\"]\nversion = \"10.0\"\ncertificates = \"multi-server\"\n",
            "multi-server certificates do not exist on release 10",
            "4:16",
        ),
        (
            "[unified_cm]\nnodes = [\"cucm1.example.com\"]\ncertificates = \"multi\"\n",
            "certificates",
            "3:16",
        ),
        (
            "[unified_cm]\nnodes = [\"cucm1\"]\ncertificates = \"per-node\"\n",
            "node \"cucm1\" is not a fully qualified name",
            "2:10",
        ),
        (
            "[im_presence]\ncertificates = \"per-node\"\n",
            "[im_presence] plans certificates but lists no nodes",
            "2:16",
        ),
        (
            "[unified_cm]\nnodes = [\"cucm1.example.com\"]\nversion = \"X15.5\"\n",
            "invalid [unified_cm] version \"X15.5\"",
            "3:11",
        ),
    ];
    for (table, message, position) in cases {
        let (code, stdout, stderr) = plan_stdin(&format!("{table}{BASE}"), &["--color", "never"]);
        assert_eq!(code, 2, "{table}\n{stderr}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(stderr.contains(message), "{message}\n{stderr}");
        assert!(
            stderr.contains(&format!("<stdin>:{position}")),
            "{position}\n{stderr}"
        );
        assert!(
            stderr.contains("fix:") || stderr.contains("help:"),
            "{stderr}"
        );
    }
}

/// FN74345: with a public CA, the EKU follows the release.
#[test]
fn a_public_ca_plans_server_only_from_the_separate_client_release() {
    let file = |version: &str| {
        format!(
            "[unified_cm]\nnodes = [\"cucm1.example.com\"]\nversion = \"{version}\"\n\
             certificates = \"per-node\"\nca = \"public\"\n{BASE}"
        )
    };
    for (version, eku, warned) in [
        ("15SU5", "server", false),
        ("15SU3", "server-and-client", true),
        ("12.5SU7", "server-and-client", true),
    ] {
        let (code, stdout, _) = plan_stdin(&file(version), &["--format", "json"]);
        assert_eq!(code, 0, "{version}");
        let plan: Value = serde_json::from_str(&stdout).expect("json");
        let certs = platform(&plan);
        assert!(certs.iter().all(|c| c["eku"] == eku), "{version}");
        let codes: Vec<&str> = plan["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|f| f["code"].as_str())
            .collect();
        assert_eq!(
            codes.contains(&"platform-client-auth-sunset"),
            warned,
            "{version}"
        );
    }
}

/// The CallManager warning names every node and words the ITL's signer by
/// release (TAC 214231).
#[test]
fn the_callmanager_order_follows_the_release() {
    let file = |version: &str| {
        format!(
            "[unified_cm]\nnodes = [\"cucm1.example.com\", \"cucm2.example.com\"]\n\
             version = \"{version}\"\ncertificates = \"multi-server\"\n{BASE}"
        )
    };
    for (version, words) in [
        (
            "11.5",
            "signed by CallManager, so a new CallManager certificate",
        ),
        ("14", "signed by ITLRecovery"),
    ] {
        let (_, stdout, _) = plan_stdin(&file(version), &["--color", "never"]);
        let line = stdout
            .lines()
            .find(|l| l.contains("callmanager-renewal-order"))
            .unwrap_or_else(|| panic!("{stdout}"));
        assert!(
            line.contains("cucm1.example.com, cucm2.example.com"),
            "{line}"
        );
        assert!(line.contains(words), "{version}: {line}");
        assert!(stdout.contains("publisher first"), "{stdout}");
    }
}

/// A CA, and a file holding a certificate it issued for `names` (the first
/// the common name).
fn issued(dir: &std::path::Path, name: &str, names: &[&str]) -> std::path::PathBuf {
    let ca = Ca::root("Example Platform CA");
    let leaf = ca.leaf(names, -1, 300);
    let path = dir.join(format!("{name}.pem"));
    std::fs::write(&path, leaf.pem).expect("write");
    path
}

/// `check` of returned Unified CM certificates: every node in a
/// multi-server certificate, named when missing; a wildcard refused; the
/// purpose from `--service` where the names cannot tell.
#[test]
fn check_audits_a_returned_multi_server_certificate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let deployment = example("uc-estate.toml");
    let nodes = [
        "cucm1.example.com",
        "cucm2.example.com",
        "cucm3.example.com",
    ];
    let complete = issued(
        dir.path(),
        "complete",
        &["cucm1-ms.example.com", nodes[0], nodes[1], nodes[2]],
    );
    let short = issued(
        dir.path(),
        "short",
        &["cucm1-ms.example.com", nodes[0], nodes[1]],
    );
    let wildcard = issued(
        dir.path(),
        "wildcard",
        &[
            "cucm1-ms.example.com",
            nodes[0],
            nodes[1],
            nodes[2],
            "*.example.com",
        ],
    );
    let service = ["--service", "tomcat"];
    let (code, codes) = check_codes(&deployment, &complete, &service);
    assert_eq!(code, 0, "{codes:?}");
    assert!(!codes.iter().any(|c| c == "node-not-in-san"), "{codes:?}");
    let (code, codes) = check_codes(&deployment, &short, &service);
    assert_eq!(code, 1);
    assert!(codes.contains(&"node-not-in-san".to_owned()), "{codes:?}");
    let (_, codes) = check_codes(&deployment, &wildcard, &service);
    assert!(codes.contains(&"wildcard".to_owned()), "{codes:?}");
    // tomcat and CallManager share the names: without --service, sancsr
    // says so rather than guess.
    let (code, codes) = check_codes(&deployment, &complete, &[]);
    assert_eq!(code, 1);
    assert_eq!(codes[0], "no-matching-peer", "{codes:?}");
    // The text names the missing node and the certificate.
    let out = sancsr()
        .arg("check")
        .arg(&deployment)
        .arg(&short)
        .args(["--service", "CallManager", "--color", "never"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("for Unified CM CallManager (multi-server)"),
        "{text}"
    );
    assert!(
        text.contains("lacks the node(s) cucm3.example.com"),
        "{text}"
    );
}

/// A per-node cup-xmpp certificate is matched by its node's name alone, and
/// one without the planned chat node alias is `missing-san`.
#[test]
fn check_matches_a_per_node_certificate_by_its_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let deployment = example("uc-estate.toml");
    let good = issued(
        dir.path(),
        "xmpp",
        &["imp2.example.com", "chatnode1.example.com"],
    );
    let (code, codes) = check_codes(&deployment, &good, &["--service", "cup-xmpp"]);
    assert_eq!(code, 0, "{codes:?}");
    let bare = issued(dir.path(), "bare", &["imp2.example.com"]);
    let (code, codes) = check_codes(&deployment, &bare, &["--service", "cup-xmpp"]);
    assert_eq!(code, 1);
    assert!(codes.contains(&"missing-san".to_owned()), "{codes:?}");
    let out = sancsr()
        .arg("check")
        .arg(&deployment)
        .arg(&good)
        .args(["--service", "cup-xmpp", "--format", "json"])
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["files"][0]["role"], "im-presence");
    assert_eq!(v["files"][0]["service"], "cup-xmpp");
    assert_eq!(v["files"][0]["peer"], "imp2.example.com");
}

/// A node added to a multi-server cluster: `reissue` names the Unified CM
/// certificates to request again with the new node, leaves IM and
/// Presence's alone, and gives the CallManager order.
#[test]
fn reissue_names_the_platform_certificates_a_new_node_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = example("uc-estate.toml");
    let text = std::fs::read_to_string(&old).expect("example").replace(
        "\"cucm3.example.com\"]",
        "\"cucm3.example.com\", \"cucm4.example.com\"]",
    );
    let new = dir.path().join("new.toml");
    std::fs::write(&new, text).expect("write");
    let out = sancsr()
        .arg("reissue")
        .arg(&old)
        .arg(&new)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "Unified CM tomcat (multi-server): new certificate needed\n  + cucm4.example.com"
        ),
        "{text}"
    );
    assert!(
        text.contains("Unified CM CallManager (multi-server): new certificate needed"),
        "{text}"
    );
    assert!(
        text.contains("IM and Presence cup-xmpp (imp1.example.com): no change"),
        "{text}"
    );
    assert!(
        text.contains("warning[callmanager-renewal-order]"),
        "{text}"
    );
    assert!(
        text.contains("cucm4.example.com) touches TVS and the ITL"),
        "{text}"
    );
    // Nothing changed: no CallManager warning.
    let same = sancsr()
        .arg("reissue")
        .arg(&old)
        .arg(&old)
        .output()
        .expect("runs");
    let same = String::from_utf8_lossy(&same.stdout);
    assert!(!same.contains("callmanager-renewal-order"), "{same}");
}

/// An ECDSA key plans the -ECDSA purposes, with the page's EC values.
#[test]
fn an_ecdsa_key_plans_the_ecdsa_purposes() {
    let file = format!(
        "[unified_cm]\nnodes = [\"cucm1.example.com\"]\ncertificates = \"per-node\"\n\
         [unified_cm.key]\nalgorithm = \"ecdsa\"\nsize = 384\n{BASE}"
    );
    let (code, stdout, stderr) = plan_stdin(&file, &["--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let plan: Value = serde_json::from_str(&stdout).expect("json");
    let certs = platform(&plan);
    let services: Vec<&str> = certs
        .iter()
        .map(|c| c["service"].as_str().expect("s"))
        .collect();
    assert_eq!(services, ["tomcat-ECDSA", "CallManager-ECDSA"]);
    for (field, value) in [
        ("Key Type", "EC"),
        ("Key Length", "384"),
        ("Hash Algorithm", "SHA384"),
    ] {
        assert_eq!(page(certs[0], field), value);
    }
}

/// Unified CM takes 4096 bits at most (Security Guide): a larger RSA key
/// in a returned certificate is an error, where an Expressway's is a
/// warning.
#[test]
fn check_refuses_a_key_unified_cm_cannot_take() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pem = dir.path().join("big.pem");
    crate::common::openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:4104",
        "-nodes",
        "-keyout",
        dir.path().join("big.key").to_str().expect("path"),
        "-out",
        pem.to_str().expect("path"),
        "-subj",
        "/CN=imp1.example.com",
        "-addext",
        "subjectAltName=DNS:imp1.example.com",
        "-days",
        "30",
    ]);
    let out = sancsr()
        .arg("check")
        .arg(example("uc-estate.toml"))
        .arg(&pem)
        .args(["--service", "tomcat", "--format", "json"])
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let large = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["code"] == "large-key")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(large["severity"], "error");
    assert_eq!(out.status.code(), Some(1));
}

/// `--service` takes the purposes of Cisco's table, in any case; anything
/// else is a usage error listing them.
#[test]
fn service_names_a_purpose_of_the_table() {
    let deployment = example("uc-estate.toml");
    let out = sancsr()
        .arg("check")
        .arg(&deployment)
        .arg(&deployment)
        .args(["--service", "tomcats"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("one of tomcat, tomcat-ECDSA, CallManager"),
        "{stderr}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let file = issued(
        dir.path(),
        "xmpp",
        &["imp1.example.com", "chatnode1.example.com"],
    );
    let (code, codes) = check_codes(&deployment, &file, &["--service", "CUP-XMPP"]);
    assert_eq!(code, 0, "{codes:?}");
}
