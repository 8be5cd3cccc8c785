//! `sancsr check` and `sancsr inspect` on certificates built for real: a
//! sancsr CSR signed by a test CA (rcgen) or by the openssl binary.

use crate::common::{Issue, TestCa, expe_self_signed, fixture, openssl, sancsr};
use predicates::prelude::*;
use rcgen::ExtendedKeyUsagePurpose::{ClientAuth, ServerAuth};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A temporary directory with the check deployment (at a version) and the
/// CSRs and keys sancsr generated for it.
pub(crate) struct Setup {
    dir: TempDir,
    pub(crate) ca: TestCa,
}

impl Setup {
    pub(crate) fn new(version: &str) -> Setup {
        let dir = TempDir::new().expect("tempdir");
        let text = std::fs::read_to_string(fixture("check.toml"))
            .expect("fixture")
            .replace("VERSION", version);
        std::fs::write(dir.path().join("deployment.toml"), text).expect("write");
        sancsr()
            .args(["generate", "deployment.toml", "--out-dir", "."])
            .current_dir(dir.path())
            .assert()
            .success();
        Setup {
            dir,
            ca: TestCa::new(),
        }
    }

    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub(crate) fn csr(&self, peer: &str) -> String {
        std::fs::read_to_string(self.path(&format!("{peer}.csr"))).expect("csr")
    }

    /// Issues a certificate for `peer`'s CSR, changed by `edit`, and writes
    /// it to `<name>.pem`.
    pub(crate) fn issue(&self, peer: &str, name: &str, edit: impl FnOnce(&mut Issue)) -> PathBuf {
        let csr = self.csr(peer);
        let mut issue = TestCa::defaults(&csr);
        edit(&mut issue);
        let pem = self.ca.issue(&csr, &issue);
        let path = self.path(&format!("{name}.pem"));
        std::fs::write(&path, pem).expect("write");
        path
    }

    /// Runs check on `file` with text output.
    fn check_text(&self, file: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
        sancsr()
            .arg("check")
            .arg(self.path("deployment.toml"))
            .arg(file)
            .args(extra)
            .assert()
    }

    /// Runs check in JSON; returns (exit code, [(code, severity)]).
    fn check(&self, file: &Path, extra: &[&str]) -> (i32, Vec<(String, String)>) {
        let out = sancsr()
            .arg("check")
            .arg(self.path("deployment.toml"))
            .arg(file)
            .args(extra)
            .args(["--format", "json"])
            .output()
            .expect("runs");
        let code = out.status.code().expect("exit code");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
        assert_eq!(v["ok"], code == 0, "ok matches the exit code");
        // A lone leaf without --ca always says its chain was not checked
        // (`a_lone_leaf_says_its_chain_was_not_checked`); the other tests
        // judge the certificate.
        let findings = v["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| {
                let message = f["message"].as_str().unwrap_or("");
                !message.contains("holds the certificate alone")
            })
            .map(|f| {
                assert!(f["file"].is_string() && f["peer"].is_string(), "{f}");
                (
                    f["code"].as_str().expect("code").to_owned(),
                    f["severity"].as_str().expect("severity").to_owned(),
                )
            })
            .collect();
        (code, findings)
    }
}

/// A certificate that carries only these dNSNames.
fn dns_only(issue: &mut Issue, names: &[&str]) {
    issue.copy_sans = false;
    issue.dns = names.iter().map(|n| (*n).to_owned()).collect();
}

fn has(findings: &[(String, String)], code: &str, severity: &str) -> bool {
    findings.iter().any(|(c, s)| c == code && s == severity)
}

fn codes(findings: &[(String, String)]) -> Vec<&str> {
    findings.iter().map(|(c, _)| c.as_str()).collect()
}

/// A lone leaf checked without `--ca` says that its chain was not checked
/// (#25): it used to say nothing, which read as a chain that passed.
#[test]
fn a_lone_leaf_says_its_chain_was_not_checked() {
    let s = Setup::new("X15.5");
    let cert = s.issue("expe1.example.com", "good", |_| {});
    s.check_text(&cert, &["--color", "never"])
        .success()
        .stdout(predicate::str::contains("info[trust-not-checked]"))
        .stdout(predicate::str::contains("its chain was not checked"));
}

#[test]
fn a_good_certificate_passes_with_its_key() {
    let s = Setup::new("X15.5");
    let cert = s.issue("expe1.example.com", "good", |_| {});
    let key = s.path("expe1.example.com.key");
    let (code, findings) = s.check(&cert, &["--key", key.to_str().expect("utf8")]);
    assert_eq!((code, codes(&findings)), (0, vec![]));
    // The CSR itself checks clean too.
    let (code, findings) = s.check(&s.path("expe1.example.com.csr"), &[]);
    assert_eq!((code, codes(&findings)), (0, vec![]));
    // Text output says so.
    s.check_text(&cert, &[])
        .success()
        .stdout(predicate::str::contains(
            "certificate for Expressway-E expe1.example.com",
        ))
        .stdout(predicate::str::contains("ok to upload"));
}

#[test]
fn a_dropped_san_is_an_error_and_an_extra_one_is_info() {
    let s = Setup::new("X15.5");
    let dropped = s.issue("expe1.example.com", "dropped", |i| {
        dns_only(i, &["expe.example.com", "expe1.example.com"])
    });
    let (code, findings) = s.check(&dropped, &["--peer", "expe1.example.com"]);
    assert_eq!(code, 1);
    assert!(has(&findings, "missing-san", "error"), "{findings:?}");
    let extra = s.issue("expe1.example.com", "extra", |i| {
        dns_only(
            i,
            &[
                "expe.example.com",
                "expe1.example.com",
                "collab-edge.example.com",
                "www.example.com",
            ],
        )
    });
    let (code, findings) = s.check(&extra, &[]);
    assert_eq!(
        (code, findings),
        (0, vec![("unexpected-san".into(), "info".into())])
    );
    s.check_text(&dropped, &[])
        .code(1)
        .stdout(predicate::str::contains(
            "error[missing-san]: DNS:collab-edge.example.com was planned but is not in the certificate",
        ))
        .stdout(predicate::str::contains("do not upload it"));
}

#[test]
fn cn_mismatch_and_wildcard() {
    let s = Setup::new("X15.5");
    let cn = s.issue("expe1.example.com", "cn", |i| {
        i.common_name = "other.example.com".into()
    });
    let (code, findings) = s.check(&cn, &["--peer", "expe1.example.com"]);
    assert_eq!(
        (code, findings),
        (0, vec![("cn-mismatch".into(), "warning".into())])
    );
    let wild = s.issue("expe1.example.com", "wild", |i| {
        dns_only(
            i,
            &[
                "expe.example.com",
                "expe1.example.com",
                "collab-edge.example.com",
                "*.example.com",
            ],
        )
    });
    let (code, findings) = s.check(&wild, &["--peer", "expe1.example.com"]);
    assert_eq!(code, 1);
    assert!(has(&findings, "wildcard", "error"), "{findings:?}");
}

#[test]
fn client_auth_by_role_and_version() {
    // (version, peer, expected severity of missing-client-auth)
    let cases = [
        ("X15.5", "expc1.example.local", "error"),
        ("X15.3", "expe1.example.com", "error"),
        ("X15.4", "expe1.example.com", "warning"),
        ("X15.4.1", "expe1.example.com", "warning"),
        ("X15.5", "expe1.example.com", "warning"),
        ("X16.0", "expe1.example.com", "warning"),
    ];
    for (version, peer, severity) in cases {
        let s = Setup::new(version);
        let cert = s.issue(peer, "server-only", |i| i.eku = vec![ServerAuth]);
        let (code, findings) = s.check(&cert, &["--peer", peer]);
        assert!(
            has(&findings, "missing-client-auth", severity),
            "{version} {peer}: {findings:?}"
        );
        assert_eq!(code, i32::from(severity == "error"), "{version} {peer}");
    }
    // X15.4 names the setting; X15.5 explains the client store.
    let s = Setup::new("X15.4");
    let cert = s.issue("expe1.example.com", "server-only", |i| {
        i.eku = vec![ServerAuth]
    });
    s.check_text(&cert, &[])
        .success()
        .stdout(predicate::str::contains(
            "xConfiguration XCP TLS Certificate CVS EnableServerEkuUpload: On",
        ));
}

/// An Expressway-C certificate from the private CA without clientAuth: the
/// template is at fault, not the public CAs' sunset (#25). The fix names
/// AD CS's Web Server template and Cisco's copy of it.
#[test]
fn a_private_ca_without_client_auth_is_told_about_its_template() {
    let s = Setup::new("X15.5");
    let cert = s.issue("expc1.example.local", "server-only", |i| {
        i.eku = vec![ServerAuth]
    });
    let out = sancsr()
        .arg("check")
        .arg(s.path("deployment.toml"))
        .arg(&cert)
        .args(["--color", "never"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("Web Server template"), "{text}");
    assert!(!text.contains("public CAs"), "{text}");
}

#[test]
fn unknown_version_assumes_the_strictest() {
    let dir = TempDir::new().expect("tempdir");
    let text = std::fs::read_to_string(fixture("check.toml"))
        .expect("fixture")
        .replace("expressway_version = \"VERSION\"\n", "");
    std::fs::write(dir.path().join("deployment.toml"), text).expect("write");
    sancsr()
        .args(["generate", "deployment.toml", "--peer", "expe1.example.com"])
        .current_dir(dir.path())
        .assert()
        .success();
    let csr = std::fs::read_to_string(dir.path().join("expe1.example.com.csr")).expect("csr");
    let ca = TestCa::new();
    let mut issue = TestCa::defaults(&csr);
    issue.eku = vec![ServerAuth];
    std::fs::write(dir.path().join("c.pem"), ca.issue(&csr, &issue)).expect("write");
    sancsr()
        .args(["check", "deployment.toml", "c.pem"])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[missing-client-auth]"))
        .stdout(predicate::str::contains("assuming before X15.4"));
}

#[test]
fn missing_server_auth_is_an_error() {
    let s = Setup::new("X15.5");
    let cert = s.issue("expc1.example.local", "client-only", |i| {
        i.eku = vec![ClientAuth]
    });
    let (code, findings) = s.check(&cert, &["--peer", "expc1.example.local"]);
    assert_eq!(code, 1);
    assert!(
        has(&findings, "missing-server-auth", "error"),
        "{findings:?}"
    );
}

#[test]
fn validity_expired_not_yet_valid_and_long() {
    let s = Setup::new("X15.5");
    let day = time::Duration::days(1);
    let start = time::OffsetDateTime::from_unix_timestamp(1_767_225_600).expect("2026-01-01");
    let cert = s.issue("expe1.example.com", "dated", |i| {
        i.not_before = start;
        i.not_after = start + day * 398;
    });
    let at = |now: &str| s.check(&cert, &["--now", now]);
    assert_eq!(at("2026-06-01"), (0, vec![]));
    let (code, f) = at("2025-12-31");
    assert_eq!(
        (code, f),
        (1, vec![("not-yet-valid".into(), "error".into())])
    );
    let (code, f) = at("2027-03-01T00:00:00Z");
    assert_eq!((code, f), (1, vec![("expired".into(), "error".into())]));

    let long = s.issue("expe1.example.com", "long", |i| {
        i.not_before = start;
        i.not_after = start + day * 399;
    });
    let (code, f) = s.check(&long, &["--now", "2026-06-01"]);
    assert_eq!(
        (code, f),
        (0, vec![("long-validity".into(), "warning".into())])
    );

    s.check_text(&cert, &["--now", "yesterday"])
        .code(2)
        .stderr(predicate::str::contains("--now yesterday"));
}

#[test]
fn a_certificate_for_another_key_is_a_key_mismatch() {
    let s = Setup::new("X15.5");
    let cert = s.issue("expe1.example.com", "good", |_| {});
    let other = s.path("expc1.example.local.key");
    let (code, findings) = s.check(&cert, &["--key", other.to_str().expect("utf8")]);
    assert_eq!(
        (code, findings),
        (1, vec![("key-mismatch".into(), "error".into())])
    );
}

#[test]
fn der_and_chain_forms_give_the_same_findings() {
    let s = Setup::new("X15.5");
    let pem = s.issue("expe1.example.com", "dropped", |i| {
        dns_only(i, &["expe.example.com", "expe1.example.com"])
    });
    let der = s.path("dropped.der");
    openssl(&[
        "x509",
        "-in",
        pem.to_str().expect("utf8"),
        "-outform",
        "DER",
        "-out",
        der.to_str().expect("utf8"),
    ]);
    let chain = s.path("chain.pem");
    std::fs::write(
        &chain,
        format!(
            "{}{}",
            std::fs::read_to_string(&pem).expect("pem"),
            s.ca.pem
        ),
    )
    .expect("write");
    let expected = s.check(&pem, &[]);
    assert_eq!(expected.0, 1);
    assert_eq!(s.check(&der, &[]), expected);
    // The chain file adds one thing: its signatures verify, trust unchecked.
    let (code, mut findings) = s.check(&chain, &[]);
    let note = ("trust-not-checked".to_owned(), "info".to_owned());
    assert!(findings.contains(&note), "{findings:?}");
    findings.retain(|f| *f != note);
    assert_eq!((code, findings), expected);
}

#[test]
fn self_signed_is_a_warning() {
    let s = Setup::new("X15.5");
    let key = rcgen::KeyPair::generate().expect("key");
    let mut params = rcgen::CertificateParams::new(vec![
        "expe.example.com".to_owned(),
        "expe1.example.com".to_owned(),
        "collab-edge.example.com".to_owned(),
    ])
    .expect("params");
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "expe.example.com");
    params.extended_key_usages = vec![ServerAuth, ClientAuth];
    params.not_before = time::OffsetDateTime::now_utc() - time::Duration::days(1);
    params.not_after = params.not_before + time::Duration::days(300);
    let path = s.path("self.pem");
    std::fs::write(&path, params.self_signed(&key).expect("cert").pem()).expect("write");
    let (code, findings) = s.check(&path, &[]);
    assert_eq!(
        (code, findings),
        (0, vec![("self-signed".into(), "warning".into())])
    );
}

#[test]
fn weak_and_large_keys_and_sha1_with_openssl() {
    let s = Setup::new("X15.5");
    let make = |name: &str, newkey: &str, digest: &str| {
        expe_self_signed(s.dir.path(), name, &["-newkey", newkey, digest])
    };
    let weak = make("weak", "rsa:1024", "-sha256");
    let (code, f) = s.check(&weak, &[]);
    assert_eq!(code, 1);
    assert!(
        has(&f, "weak-key", "error") && has(&f, "self-signed", "warning"),
        "{f:?}"
    );

    let large = make("large", "rsa:4104", "-sha256");
    let (code, f) = s.check(&large, &[]);
    assert_eq!(code, 0);
    assert!(has(&f, "large-key", "warning"), "{f:?}");

    let sha1 = make("sha1", "rsa:2048", "-sha1");
    let (code, f) = s.check(&sha1, &[]);
    assert_eq!(code, 1);
    assert!(has(&f, "weak-digest", "error"), "{f:?}");
}

#[test]
fn the_peer_is_found_from_the_names_or_asked_for() {
    let s = Setup::new("X15.5");
    let c1 = s.issue("expc1.example.local", "c1", |_| {});
    let out = sancsr()
        .arg("check")
        .arg(s.path("deployment.toml"))
        .arg(&c1)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["ok"], true, "{v}");
    // A certificate carrying only the cluster name cannot tell the peer.
    let cluster_only = s.issue("expc1.example.local", "cluster-only", |i| {
        dns_only(i, &["expc.example.local"])
    });
    // It is a finding for that file, and the other files are still checked.
    s.check_text(&cluster_only, &[c1.to_str().expect("utf-8")])
        .code(1)
        .stdout(predicate::str::contains(
            "cluster-only.pem: certificate, not compared with a planned certificate",
        ))
        .stdout(predicate::str::contains("error[no-matching-peer]"))
        .stdout(predicate::str::contains("name the peer to compare it with"))
        .stdout(predicate::str::contains(
            "c1.pem: certificate for Expressway-C expc1.example.local",
        ));
    // Named, it is compared: its planned names are missing.
    let (code, findings) = s.check(&cluster_only, &["--peer", "expc1.example.local"]);
    assert_eq!(code, 1);
    assert!(has(&findings, "missing-san", "error"), "{findings:?}");
}

#[test]
fn a_ca_certificate_as_the_leaf_has_its_own_message() {
    let s = Setup::new("X15.5");
    let ca = s.path("ca.pem");
    std::fs::write(&ca, &s.ca.pem).expect("write");
    s.check_text(&ca, &[])
        .code(1)
        .stdout(predicate::str::contains("error[ca-as-leaf]"))
        .stdout(predicate::str::contains(
            "this is a CA certificate (\"sancsr test CA\", CA:TRUE)",
        ));
    let leaf = std::fs::read_to_string(s.issue("expe1.example.com", "leaf", |_| {})).expect("pem");
    let backwards = s.path("backwards.pem");
    std::fs::write(&backwards, format!("{}{leaf}", s.ca.pem)).expect("write");
    s.check_text(&backwards, &["--peer", "expe1.example.com"])
        .code(1)
        .stdout(predicate::str::contains(
            "a chain file starts with the leaf",
        ));
}

#[test]
fn check_json_names_the_peer_of_every_file_and_stdin_is_read_once() {
    let s = Setup::new("X15.5");
    let e1 = s.issue("expe1.example.com", "e1", |_| {});
    let out = sancsr()
        .arg("check")
        .arg(s.path("deployment.toml"))
        .arg(&e1)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["files"][0]["peer"], "expe1.example.com");
    assert_eq!(v["files"][0]["role"], "expressway-e");
    assert_eq!(v["files"][0]["kind"], "certificate");
    assert_eq!(v["files"][0]["ok"], true);
    sancsr()
        .arg("check")
        .arg(s.path("deployment.toml"))
        .args(["-", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("standard input can be read once"));
}

#[test]
fn unreadable_files_exit_2_naming_the_file() {
    let s = Setup::new("X15.5");
    let good = std::fs::read_to_string(s.issue("expe1.example.com", "good", |_| {})).expect("pem");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.pem", Vec::new(), "empty"),
        (
            "garbage.bin",
            b"\x30\x82\xff\xffgarbage".to_vec(),
            "neither PEM nor",
        ),
        (
            "truncated.pem",
            good.as_bytes()[..good.len() / 2].to_vec(),
            "truncated",
        ),
        (
            "key.pem",
            std::fs::read(s.path("expe1.example.com.key")).expect("key"),
            "private key",
        ),
        (
            "badbody.pem",
            b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".to_vec(),
            "not a valid certificate",
        ),
    ];
    for (name, bytes, fragment) in cases {
        let path = s.path(name);
        std::fs::write(&path, bytes).expect("write");
        for command in ["check", "inspect"] {
            let mut cmd = sancsr();
            cmd.arg(command);
            if command == "check" {
                cmd.arg(s.path("deployment.toml"));
            }
            cmd.arg(&path)
                .assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::contains(name))
                .stderr(predicate::str::contains(fragment))
                .stderr(predicate::str::contains("panicked").not());
        }
    }
    // Far larger than any real certificate: refused, not read into memory.
    let huge = s.path("huge.pem");
    let file = std::fs::File::create(&huge).expect("create");
    file.set_len(40 * 1024 * 1024).expect("sparse file");
    sancsr()
        .arg("inspect")
        .arg(&huge)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("larger than 32 MiB"));
}

#[test]
fn inspect_shows_othernames_ku_eku_key_and_validity() {
    let dir = TempDir::new().expect("tempdir");
    let text = "features = [\"mobile-remote-access\", \"xmpp-federation\"]\n\
        [unified_cm]\nregistration_domains = [\"tbtp.local\"]\n\
        [im_presence]\nchat_node_aliases = [\"conference-2.tbtp.local\"]\n\
        [expressway_e]\npeers = [\"RTP-TBTP-EXPRWY-E.tbtp.local\"]\n\
        registration_domain_format = \"srv\"\nchat_node_alias_format = \"xmpp-address\"\n\
        [key]\nalgorithm = \"ecdsa\"\nsize = 521\n";
    sancsr()
        .args(["generate", "-", "--out-dir"])
        .arg(dir.path())
        .write_stdin(text)
        .assert()
        .success();
    let csr = dir.path().join("RTP-TBTP-EXPRWY-E.tbtp.local.csr");
    sancsr()
        .arg("inspect")
        .arg(&csr)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "DNS:RTP-TBTP-EXPRWY-E.tbtp.local, SRV:_collab-edge._tls.tbtp.local, XMPP:conference-2.tbtp.local",
        ))
        .stdout(predicate::str::contains("ECDSA P-521"))
        .stdout(predicate::str::contains("ecdsa-with-SHA512"))
        .stdout(predicate::str::contains("Signature               verifies"))
        .stdout(predicate::str::contains("serverAuth, clientAuth"));

    // A certificate with an unknown otherName, in JSON, from stdin.
    let key = rcgen::KeyPair::generate().expect("key");
    let mut params = rcgen::CertificateParams::new(vec!["a.example.com".to_owned()]).expect("p");
    params
        .subject_alt_names
        .push(rcgen::SanType::OtherName((vec![1, 2, 3, 4], "x".into())));
    let cert = params.self_signed(&key).expect("cert").pem();
    let out = sancsr()
        .args(["inspect", "-", "--format", "json"])
        .write_stdin(cert)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let doc = &v["files"][0]["documents"][0];
    assert_eq!(doc["kind"], "certificate");
    assert_eq!(
        doc["sans"],
        serde_json::json!(["DNS:a.example.com", "othername:1.2.3.4"])
    );
    assert_eq!(doc["self_signed"], true);
    assert_eq!(doc["key"]["algorithm"], "ecdsa");
    assert_eq!(doc["key"]["bits"], 256);
    assert!(doc["not_after"].is_string());
}

#[test]
fn inspect_lists_every_certificate_of_a_chain() {
    let s = Setup::new("X15.5");
    let leaf = std::fs::read_to_string(s.issue("expe1.example.com", "good", |_| {})).expect("pem");
    let chain = s.path("chain.pem");
    std::fs::write(&chain, format!("{leaf}{}", s.ca.pem)).expect("write");
    sancsr()
        .arg("inspect")
        .arg(&chain)
        .assert()
        .success()
        .stdout(predicate::str::contains("chain.pem (#1 of 2): certificate"))
        .stdout(predicate::str::contains("chain.pem (#2 of 2): certificate"))
        .stdout(predicate::str::contains(
            "Issuer                  CN=sancsr test CA",
        ))
        .stdout(predicate::str::contains("CA                      yes"));
}

#[test]
fn a_certificate_without_a_common_name_is_an_error() {
    let s = Setup::new("X15.5");
    let nocn = s.issue("expe1.example.com", "nocn", |i| {
        i.common_name = String::new()
    });
    // The test CA writes an empty CN attribute: no usable common name.
    let text = std::fs::read_to_string(&nocn).expect("read");
    assert!(text.contains("BEGIN CERTIFICATE"));
    let out = sancsr()
        .arg("check")
        .arg(s.path("deployment.toml"))
        .arg(&nocn)
        .args(["--peer", "expe1.example.com", "--format", "json"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let found: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().expect("code"),
                f["severity"].as_str().expect("sev"),
            )
        })
        .collect();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        found,
        [("missing-cn", "error"), ("trust-not-checked", "info")]
    );
}

#[test]
fn long_validity_concerns_only_the_expressway_e() {
    let s = Setup::new("X15.5");
    let start = time::OffsetDateTime::from_unix_timestamp(1_767_225_600).expect("2026-01-01");
    let long = |peer: &str| {
        s.issue(peer, &format!("long-{peer}"), |i| {
            i.not_before = start;
            i.not_after = start + time::Duration::days(730);
        })
    };
    let (code, f) = s.check(&long("expe1.example.com"), &["--now", "2026-06-01"]);
    assert_eq!(
        (code, f),
        (0, vec![("long-validity".into(), "warning".into())])
    );
    let (code, f) = s.check(&long("expc1.example.local"), &["--now", "2026-06-01"]);
    assert_eq!((code, f), (0, vec![]));
}

#[test]
fn sha1_is_worded_as_cisco_does() {
    let s = Setup::new("X15.5");
    let out = s.path("sha1.pem");
    let key = s.path("sha1.key");
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-sha1",
        "-days",
        "300",
        "-subj",
        "/CN=expe.example.com",
        "-addext",
        "subjectAltName=DNS:expe.example.com,DNS:expe1.example.com,DNS:collab-edge.example.com",
        "-keyout",
        key.to_str().expect("utf8"),
        "-out",
        out.to_str().expect("utf8"),
    ]);
    s.check_text(&out, &[])
        .code(1)
        .stdout(predicate::str::contains("error[weak-digest]"))
        .stdout(predicate::str::contains(
            "has not offered SHA-1 since X8.10 and the Expressway warns of weak security",
        ));
}

#[test]
fn a_wildcard_in_the_cn_and_the_sans_is_one_finding() {
    let s = Setup::new("X15.5");
    let wild = s.issue("expe1.example.com", "wild-cn", |i| {
        i.common_name = "*.example.com".into();
        dns_only(i, &["*.example.com"]);
    });
    let (code, findings) = s.check(&wild, &["--peer", "expe1.example.com"]);
    assert_eq!(code, 1);
    assert_eq!(
        codes(&findings)
            .iter()
            .filter(|c| **c == "wildcard")
            .count(),
        1
    );
}
