//! `sancsr links` on a full two-peer C + E + Unified CM + IM and Presence
//! tree built with rcgen: every link succeeds, and each single fault (one
//! missing trust entry, one missing intermediate, one name not in a SAN,
//! one expired CA) makes exactly the right links fail.

use crate::common::sancsr;
use crate::servers::Ca;
use rcgen::ExtendedKeyUsagePurpose;
use std::collections::BTreeSet;
use std::path::Path;
use tempfile::TempDir;
use time::{Duration, OffsetDateTime};

const DEPLOYMENT: &str = r#"features = ["mobile-remote-access"]
expressway_version = "X15.5"

[unified_cm]
registration_domains = ["example.com"]
nodes = ["cucm1.example.local"]

[im_presence]
nodes = ["imp1.example.local"]

[expressway_c]
cluster_name = "expc.example.local"
peers = ["expc1.example.local", "expc2.example.local"]
traversal_peer_addresses = ["expe1.example.com", "expe2.example.com"]

[expressway_e]
cluster_name = "expe.example.com"
peers = ["expe1.example.com", "expe2.example.com"]
tls_verify_subject_name = "expc.example.local"
"#;

/// Which fault the tree gets.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Fault {
    None,
    /// cucm1's CallManager-trust lacks the root.
    MissingTrustEntry,
    /// expe1 serves its leaf without the intermediate.
    MissingIntermediate,
    /// cucm1's tomcat certificate lacks cucm1's name.
    NameNotInSan,
    /// IM and Presence's own intermediate expires in 10 days.
    ExpiredCa,
    /// expc1's certificate lacks the cluster name, the Expressway-E's TLS
    /// verify subject name.
    CWithoutVerifyName,
    /// cucm1's tomcat-trust holds only an unrelated CA.
    TomcatTrustUnrelated,
    /// imp1's tomcat-trust and cup-xmpp-trust hold only an unrelated CA.
    ImpTrustsUnrelated,
    /// The Expressway-C certificates carry the phone security profile
    /// name `secure-ex90.example.local` too.
    ProfileInC,
    /// The Expressway-E certificates are serverAuth-only (a public CA).
    EServerOnly,
    /// cucm1's CallManager certificate is serverAuth-only.
    CallManagerServerOnly,
}

fn write(dir: &Path, host: &str, file: &str, text: &str) {
    let path = dir.join(host).join(file);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// The tree: one root; the Expressways' and Unified CM's intermediate;
/// IM and Presence's own intermediate; every trust list holds the root.
pub(crate) fn tree(fault: Fault) -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("deployment.toml"), DEPLOYMENT).expect("write");
    let root = Ca::root("Example Root CA");
    let inter = root.intermediate_for("Example Issuing CA", 1000);
    let imp_days = if fault == Fault::ExpiredCa { 10 } else { 1000 };
    let imp_inter = root.intermediate_for("IM and Presence CA", imp_days);
    for (peer, cluster) in [
        ("expc1.example.local", "expc.example.local"),
        ("expc2.example.local", "expc.example.local"),
        ("expe1.example.com", "expe.example.com"),
        ("expe2.example.com", "expe.example.com"),
    ] {
        let names: &[&str] = match fault {
            Fault::CWithoutVerifyName if peer == "expc1.example.local" => &[peer],
            Fault::ProfileInC if peer.starts_with("expc") => {
                &[cluster, peer, "secure-ex90.example.local"]
            }
            _ => &[cluster, peer],
        };
        let leaf = if fault == Fault::EServerOnly && peer.starts_with("expe") {
            inter.leaf_with(names, -1, 300, &[ExtendedKeyUsagePurpose::ServerAuth])
        } else {
            inter.leaf(names, -1, 300)
        }
        .pem;
        let chain = if fault == Fault::MissingIntermediate && peer == "expe1.example.com" {
            leaf
        } else {
            leaf + &inter.pem
        };
        write(d, peer, "server.pem", &chain);
        write(d, peer, "trusted-ca.pem", &root.pem);
    }
    let cucm = "cucm1.example.local";
    let tomcat_names: &[&str] = if fault == Fault::NameNotInSan {
        &["cucm-other.example.local"]
    } else {
        &[cucm]
    };
    write(
        d,
        cucm,
        "tomcat.pem",
        &(inter.leaf(tomcat_names, -1, 300).pem + &inter.pem),
    );
    let callmanager = if fault == Fault::CallManagerServerOnly {
        inter.leaf_with(&[cucm], -1, 300, &[ExtendedKeyUsagePurpose::ServerAuth])
    } else {
        inter.leaf(&[cucm], -1, 300)
    };
    write(d, cucm, "CallManager.pem", &(callmanager.pem + &inter.pem));
    let other_tomcat = Ca::root("Unrelated CA");
    let tomcat_trust = if fault == Fault::TomcatTrustUnrelated {
        &other_tomcat.pem
    } else {
        &root.pem
    };
    write(d, cucm, "tomcat-trust/root.pem", tomcat_trust);
    let other = Ca::root("Some Other CA");
    let callmanager_trust = if fault == Fault::MissingTrustEntry {
        &other.pem
    } else {
        &root.pem
    };
    write(d, cucm, "CallManager-trust/root.pem", callmanager_trust);
    let imp = "imp1.example.local";
    write(
        d,
        imp,
        "tomcat.pem",
        &(imp_inter.leaf(&[imp], -1, 300).pem + &imp_inter.pem),
    );
    write(
        d,
        imp,
        "cup-xmpp.pem",
        &(imp_inter.leaf(&[imp], -1, 300).pem + &imp_inter.pem),
    );
    let imp_trust = if fault == Fault::ImpTrustsUnrelated {
        &other.pem
    } else {
        &root.pem
    };
    write(d, imp, "tomcat-trust.pem", imp_trust);
    write(d, imp, "cup-xmpp-trust.pem", imp_trust);
    dir
}

/// `links --format json`: exit code, and the failing links as
/// `connection client→server`, with the codes of their findings.
pub(crate) fn run_links(
    dir: &Path,
    extra: &[&str],
) -> (i32, BTreeSet<String>, BTreeSet<String>, usize) {
    let out = sancsr()
        .args(["links", "deployment.toml", ".", "--format", "json"])
        .args(extra)
        .current_dir(dir)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let links = v["links"].as_array().expect("links");
    let mut failing = BTreeSet::new();
    let mut codes = BTreeSet::new();
    for l in links {
        assert_eq!(l["checked"], true, "{l}");
        if l["ok"] == false {
            let s = |k: &str| l[k].as_str().expect(k).to_owned();
            failing.insert(format!(
                "{} {}→{}",
                s("connection"),
                s("client"),
                s("server")
            ));
            for f in l["findings"].as_array().expect("findings") {
                codes.insert(f["code"].as_str().expect("code").to_owned());
            }
        }
    }
    assert_eq!(v["ok"], failing.is_empty());
    (
        out.status.code().expect("code"),
        failing,
        codes,
        links.len(),
    )
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// `connection client→server` for each connection key and each C peer.
fn from_each_c(keys: &[&str], server: &str) -> BTreeSet<String> {
    keys.iter()
        .flat_map(|key| ["expc1", "expc2"].map(|c| format!("{key} {c}.example.local→{server}")))
        .collect()
}

#[test]
fn every_link_of_a_sound_tree_succeeds() {
    let dir = tree(Fault::None);
    let (code, failing, _, count) = run_links(dir.path(), &[]);
    assert_eq!((code, failing), (0, BTreeSet::new()));
    // 4 traversal + 4 SSH + 2 × 7 to Unified CM and IM and Presence + 2
    // from Unified CM + 2 + 2 cluster links.
    assert_eq!(count, 28);
}

#[test]
fn a_missing_trust_entry_fails_the_links_it_verifies() {
    let dir = tree(Fault::MissingTrustEntry);
    let (code, failing, codes, _) = run_links(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        failing,
        set(&[
            "unified-cm-sip expc1.example.local→cucm1.example.local",
            "unified-cm-sip expc2.example.local→cucm1.example.local",
            "unified-cm-to-c cucm1.example.local→expc1.example.local",
            "unified-cm-to-c cucm1.example.local→expc2.example.local",
        ])
    );
    assert_eq!(codes, set(&["chain-incomplete"]));
}

#[test]
fn a_missing_intermediate_fails_the_links_to_that_peer() {
    let dir = tree(Fault::MissingIntermediate);
    let (code, failing, codes, _) = run_links(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        failing,
        set(&[
            "e-cluster expe1.example.com→expe2.example.com",
            "e-cluster expe2.example.com→expe1.example.com",
            "ssh-tunnels expc1.example.local→expe1.example.com",
            "ssh-tunnels expc2.example.local→expe1.example.com",
            "traversal-zone expc1.example.local→expe1.example.com",
            "traversal-zone expc2.example.local→expe1.example.com",
        ])
    );
    assert_eq!(codes, set(&["chain-incomplete"]));
}

#[test]
fn a_name_not_in_a_san_fails_the_link_that_uses_it() {
    let dir = tree(Fault::NameNotInSan);
    let (code, failing, codes, _) = run_links(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        failing,
        set(&[
            "unified-cm-https expc1.example.local→cucm1.example.local",
            "unified-cm-https expc2.example.local→cucm1.example.local",
            "unified-cm-tftp-6971 expc1.example.local→cucm1.example.local",
            "unified-cm-tftp-6971 expc2.example.local→cucm1.example.local",
            "unified-cm-tftp-6972 expc1.example.local→cucm1.example.local",
            "unified-cm-tftp-6972 expc2.example.local→cucm1.example.local",
        ])
    );
    assert_eq!(codes, set(&["name-mismatch"]));
}

#[test]
fn an_expired_ca_fails_the_links_it_signs_for() {
    let dir = tree(Fault::ExpiredCa);
    let (code, failing, _, _) = run_links(dir.path(), &[]);
    assert_eq!((code, failing), (0, BTreeSet::new()), "valid today");
    let later = (OffsetDateTime::now_utc() + Duration::days(20))
        .date()
        .to_string();
    let (code, failing, codes, _) = run_links(dir.path(), &["--now", &later]);
    assert_eq!(code, 1);
    assert_eq!(
        failing,
        set(&[
            "im-presence expc1.example.local→imp1.example.local",
            "im-presence expc2.example.local→imp1.example.local",
            "im-presence-xmpp expc1.example.local→imp1.example.local",
            "im-presence-xmpp expc2.example.local→imp1.example.local",
            "im-presence-file-transfer expc1.example.local→imp1.example.local",
            "im-presence-file-transfer expc2.example.local→imp1.example.local",
        ])
    );
    assert!(codes.contains("ca-expired"), "{codes:?}");
}

/// A host folder without its files: its links are `not-checked`, never
/// passed, and do not fail the run.
#[test]
fn missing_files_are_not_checked() {
    let dir = tree(Fault::None);
    std::fs::remove_dir_all(dir.path().join("imp1.example.local")).expect("rm");
    let out = sancsr()
        .args(["links", "deployment.toml", "."])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(text.matches("not checked  ").count(), 6, "{text}");
    assert!(
        text.contains("warning[not-checked]") && text.contains("imp1.example.local's tomcat"),
        "{text}"
    );
    assert!(
        text.contains("28 links: 22 ok, 0 failing, 6 not checked"),
        "{text}"
    );
}

#[test]
fn init_writes_the_folder_tree_and_renewal_lists_the_trust_lists() {
    let dir = TempDir::new().expect("tempdir");
    std::fs::write(dir.path().join("deployment.toml"), DEPLOYMENT).expect("write");
    sancsr()
        .args(["links", "deployment.toml", "tree", "--init"])
        .current_dir(dir.path())
        .assert()
        .success();
    let readme = std::fs::read_to_string(dir.path().join("tree/cucm1.example.local/README.txt"))
        .expect("readme");
    assert!(readme.contains("CallManager-trust/"), "{readme}");
    assert!(
        dir.path()
            .join("tree/expe2.example.com/README.txt")
            .is_file()
    );
    // Renewal: a new CA, in no trust list yet; IM and Presence's
    // tomcat-trust and cup-xmpp-trust are among the lists (source Y15).
    let tree_dir = tree(Fault::None);
    let new = Ca::root("New Root CA");
    std::fs::write(tree_dir.path().join("new.pem"), &new.pem).expect("write");
    let out = sancsr()
        .args([
            "links",
            "deployment.toml",
            ".",
            "--renewal",
            "new.pem",
            "--format",
            "json",
        ])
        .current_dir(tree_dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let lists: Vec<String> = v["trust_lists"]
        .as_array()
        .expect("lists")
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r["host"].as_str().expect("h"),
                r["trust_list"].as_str().expect("l")
            )
        })
        .collect();
    assert_eq!(
        lists,
        [
            "cucm1.example.local CallManager-trust",
            "cucm1.example.local tomcat-trust",
            "imp1.example.local tomcat-trust",
            "imp1.example.local cup-xmpp-trust",
            "expc1.example.local trusted-ca",
            "expc2.example.local trusted-ca",
            "expe1.example.com trusted-ca",
            "expe2.example.com trusted-ca",
        ]
    );
    // The same CA may sign Unified CM's and IM and Presence's certificates
    // (#27): the Expressway-C's list is needed for their links too.
    let because = |host: &str| -> Vec<String> {
        v["trust_lists"]
            .as_array()
            .expect("lists")
            .iter()
            .find(|r| r["host"] == host)
            .map(|r| {
                r["because"]
                    .as_array()
                    .expect("because")
                    .iter()
                    .map(|b| b.as_str().expect("b").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let c = because("expc1.example.local");
    for key in ["unified-cm-https", "im-presence-xmpp", "traversal-zone"] {
        assert!(c.iter().any(|b| b.starts_with(key)), "{key}: {c:?}");
    }
}

/// The text report of one fault, as an admin reads it.
#[test]
fn the_text_report_names_the_failing_links_and_why() {
    let dir = tree(Fault::MissingTrustEntry);
    let out = sancsr()
        .args(["links", "deployment.toml", ".", "--color", "never"])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(
        "links-missing-trust-entry",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// A folder that does not exist is bad input: exit 2, with the fix.
#[test]
fn a_missing_folder_is_a_usage_error() {
    let dir = TempDir::new().expect("tempdir");
    std::fs::write(dir.path().join("deployment.toml"), DEPLOYMENT).expect("write");
    let out = sancsr()
        .args(["links", "deployment.toml", "nowhere"])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("nowhere is not a folder") && stderr.contains("--init"),
        "{stderr}"
    );
}

/// Unified CM asks for the Expressway-C's certificate on its TFTP HTTPS
/// ports (6971, 6972) and checks it against tomcat-trust (TAC 225476): a
/// tomcat-trust that holds only an unrelated CA fails those links. It used
/// to pass ("22 links: 22 ok"): no link verified the C against tomcat-trust.
#[test]
fn a_tomcat_trust_without_the_cs_ca_fails_the_tftp_links() {
    let dir = tree(Fault::TomcatTrustUnrelated);
    let (code, failing, codes, _) = run_links(dir.path(), &[]);
    assert_eq!(code, 1);
    let tftp = ["unified-cm-tftp-6971", "unified-cm-tftp-6972"];
    assert_eq!(failing, from_each_c(&tftp, "cucm1.example.local"));
    assert_eq!(codes, set(&["chain-incomplete"]));
}

/// IM and Presence verifies the Expressway-C against tomcat-trust (HTTPS,
/// 8443) and cup-xmpp-trust (XCP, 7400): the MRA guide (X15.0) has the C's
/// CA "installed to the cup-xmpp-trust and Tomcat-trust store of the IM and
/// Presence Service". Trust lists holding only an unrelated CA fail those
/// links; they used to pass, as no link verified the C there.
#[test]
fn im_presence_trust_lists_without_the_cs_ca_fail_its_links() {
    let dir = tree(Fault::ImpTrustsUnrelated);
    let (code, failing, codes, _) = run_links(dir.path(), &[]);
    assert_eq!(code, 1);
    let keys = ["im-presence", "im-presence-xmpp"];
    assert_eq!(failing, from_each_c(&keys, "imp1.example.local"));
    assert_eq!(codes, set(&["chain-incomplete"]));
}

/// Unified CM's CallManager certificate without clientAuth fails the SIP
/// TLS link Unified CM opens to the Expressway-C, and on X15.5 the finding
/// names the setting that makes the Expressway check it (`SIP TLS
/// Certificate ExtendedKeyUsage Checking Mode`, On by default, TAC 225693).
#[test]
fn a_callmanager_certificate_without_client_auth_fails_sip_to_the_c() {
    let dir = tree(Fault::CallManagerServerOnly);
    let out = sancsr()
        .args(["links", "deployment.toml", ".", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let failing: Vec<&serde_json::Value> = v["links"]
        .as_array()
        .expect("links")
        .iter()
        .filter(|l| l["ok"] == false)
        .collect();
    assert_eq!(failing.len(), 2, "{failing:?}");
    for link in failing {
        assert_eq!(link["connection"], "unified-cm-to-c");
        let finding = &link["findings"][0];
        assert_eq!(finding["code"], "missing-client-auth", "{finding}");
        let message = finding["message"].as_str().expect("message");
        assert!(
            message.contains("SIP TLS Certificate ExtendedKeyUsage Checking Mode"),
            "{message}"
        );
    }
}

/// On X15.5 a box presents its client certificate store's certificate
/// where it is the TLS client: a `client.pem` in its folder is used on
/// those links, `server.pem` where it is the server. A client store that
/// kept an old certificate from another CA fails exactly expc1's client
/// side of the mutual links.
#[test]
fn a_client_store_certificate_is_used_where_the_box_is_the_client() {
    let dir = tree(Fault::None);
    let old = Ca::root("Old CA");
    let leaf = old.leaf(&["expc.example.local", "expc1.example.local"], -1, 300);
    write(dir.path(), "expc1.example.local", "client.pem", &leaf.pem);
    let (code, failing, codes, _) = run_links(dir.path(), &[]);
    assert_eq!(code, 1);
    let expected: Vec<String> = [
        "traversal-zone expc1.example.local→expe1.example.com",
        "traversal-zone expc1.example.local→expe2.example.com",
        "ssh-tunnels expc1.example.local→expe1.example.com",
        "ssh-tunnels expc1.example.local→expe2.example.com",
        "unified-cm-sip expc1.example.local→cucm1.example.local",
        "unified-cm-tftp-6971 expc1.example.local→cucm1.example.local",
        "unified-cm-tftp-6972 expc1.example.local→cucm1.example.local",
        "im-presence expc1.example.local→imp1.example.local",
        "im-presence-xmpp expc1.example.local→imp1.example.local",
        "c-cluster expc1.example.local→expc2.example.local",
    ]
    .map(String::from)
    .into();
    assert_eq!(failing, expected.into_iter().collect());
    assert!(
        codes.contains("untrusted-chain") || codes.contains("chain-incomplete"),
        "{codes:?}"
    );
}

/// From X15.4 the cluster database's mutual TLS skips the clientAuth EKU
/// check (TAC 225482): serverAuth-only Expressway-E peers fail their
/// cluster links on X15.3, and pass on X15.4. They used to fail on every
/// release.
#[test]
fn serveronly_peers_form_a_cluster_from_x15_4() {
    let dir = tree(Fault::EServerOnly);
    let on = |release: &str| DEPLOYMENT.replace("\"X15.5\"", &format!("\"{release}\""));
    std::fs::write(dir.path().join("deployment.toml"), on("X15.3")).expect("write");
    let (code, failing, codes, _) = run_links(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        failing,
        set(&[
            "e-cluster expe1.example.com→expe2.example.com",
            "e-cluster expe2.example.com→expe1.example.com",
        ])
    );
    assert!(codes.contains("missing-client-auth"), "{codes:?}");
    std::fs::write(dir.path().join("deployment.toml"), on("X15.4")).expect("write");
    let (code, failing, _, _) = run_links(dir.path(), &[]);
    assert_eq!((code, failing), (0, BTreeSet::new()));
}

/// Unified CM looks for the phone security profile name in the
/// Expressway-C's certificate on SIP TLS (TAC 211304: "did not find
/// matching SAN … Expected=Secure-EX90…"): a profile the C's certificates
/// lack fails those links; carried, they pass.
#[test]
fn a_phone_security_profile_name_missing_from_the_c_fails_sip_to_unified_cm() {
    let with_profile = DEPLOYMENT.replace(
        "nodes = [\"cucm1.example.local\"]",
        "nodes = [\"cucm1.example.local\"]\nphone_security_profiles = [\"secure-ex90.example.local\"]",
    );
    let missing = tree(Fault::None);
    std::fs::write(missing.path().join("deployment.toml"), &with_profile).expect("write");
    let (code, failing, codes, _) = run_links(missing.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        failing,
        set(&[
            "unified-cm-sip expc1.example.local→cucm1.example.local",
            "unified-cm-sip expc2.example.local→cucm1.example.local",
        ])
    );
    assert_eq!(codes, set(&["name-mismatch"]));
    let carried = tree(Fault::ProfileInC);
    std::fs::write(carried.path().join("deployment.toml"), &with_profile).expect("write");
    let (code, failing, _, _) = run_links(carried.path(), &[]);
    assert_eq!((code, failing), (0, BTreeSet::new()));
}

/// `traversal_port` moves the traversal zone's links to that port.
#[test]
fn the_traversal_zone_links_use_the_deployments_port() {
    let dir = tree(Fault::None);
    let moved = DEPLOYMENT.replace(
        "[expressway_e]\n",
        "[expressway_e]\ntraversal_port = 7003\n",
    );
    std::fs::write(dir.path().join("deployment.toml"), moved).expect("write");
    let out = sancsr()
        .args(["links", "deployment.toml", ".", "--color", "never"])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(
        text.matches("expe1.example.com:7003  Unified Communications traversal zone")
            .count(),
        2,
        "{text}"
    );
    assert!(!text.contains(":7001"), "{text}");
}

/// `--renewal` with a new CA outside its dates says so (#25): a CA
/// valid ten years from yesterday is expired in 2040.
#[test]
fn renewal_to_an_expired_ca_is_an_error() {
    let dir = tree(Fault::None);
    let new = Ca::root("New Root CA");
    std::fs::write(dir.path().join("new.pem"), &new.pem).expect("write");
    let run = |now: &str| {
        sancsr()
            .args([
                "links",
                "deployment.toml",
                ".",
                "--renewal",
                "new.pem",
                "--now",
                now,
            ])
            .args(["--color", "never"])
            .current_dir(dir.path())
            .output()
            .expect("runs")
    };
    let out = run("2040-01-01");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error[ca-expired]") && stderr.contains("New Root CA"),
        "{stderr}"
    );
    let today = OffsetDateTime::now_utc().date().to_string();
    let out = run(&today);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("ca-expired"));
}

/// `links --init` under umask 000 makes 0700 folders and 0644 READMEs (they
/// were 0777 and 0666, and the folders later hold trust lists); a dangling
/// symbolic link where a README goes is left alone, its target never
/// created nor listed as written; a host folder that is a symbolic link is
/// refused (#26).
#[test]
fn init_is_safe_under_umask_000_and_with_symlinks() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("deployment.toml"), DEPLOYMENT).expect("write");
    let tree = d.join("tree");
    std::fs::create_dir_all(tree.join("expc1.example.local")).expect("mkdir");
    let elsewhere = d.join("elsewhere").join("file");
    std::os::unix::fs::symlink(&elsewhere, tree.join("expc1.example.local/README.txt"))
        .expect("symlink");
    let bin = assert_cmd::cargo::cargo_bin("sancsr");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 000; exec '{}' links deployment.toml tree --init",
            bin.display()
        ))
        .current_dir(d)
        .output()
        .expect("sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!elsewhere.exists(), "the link's target was created");
    assert!(!d.join("elsewhere").exists());
    assert!(
        !stdout.contains("expc1.example.local/README.txt"),
        "{stdout}"
    );
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&tree.join("expe1.example.com")), 0o700);
    assert_eq!(mode(&tree.join("expe1.example.com/README.txt")), 0o644);
    // A host folder that is a link to somewhere else: refused.
    let other = TempDir::new().expect("tempdir");
    let tree2 = d.join("tree2");
    std::fs::create_dir(&tree2).expect("mkdir");
    std::os::unix::fs::symlink(other.path(), tree2.join("expe1.example.com")).expect("symlink");
    let out = sancsr()
        .args(["links", "deployment.toml", "tree2", "--init"])
        .current_dir(d)
        .output()
        .expect("runs");
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic link"));
    assert_eq!(std::fs::read_dir(other.path()).expect("dir").count(), 0);
}
