//! `sancsr trust`: certificates the Expressway-C will trust, built for real
//! with rcgen (self-signed and CA-signed) in files, bundles and directories.

use crate::common::{openssl, sancsr};
use predicates::prelude::*;
use rcgen::ExtendedKeyUsagePurpose::{ClientAuth, ServerAuth};
use rcgen::KeyUsagePurpose::{DigitalSignature, KeyEncipherment};
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// What to build: CN, DNS SANs, EKUs, KUs, validity in days from now.
pub(crate) struct Spec<'a> {
    pub(crate) cn: &'a str,
    pub(crate) sans: &'a [&'a str],
    pub(crate) eku: Vec<rcgen::ExtendedKeyUsagePurpose>,
    pub(crate) ku: Vec<rcgen::KeyUsagePurpose>,
    pub(crate) days: (i64, i64),
}

impl<'a> Spec<'a> {
    /// A Unified CM style service certificate.
    pub(crate) fn service(cn: &'a str, sans: &'a [&'a str]) -> Spec<'a> {
        Spec {
            cn,
            sans,
            eku: vec![ServerAuth, ClientAuth],
            ku: vec![DigitalSignature, KeyEncipherment],
            days: (-1, 300),
        }
    }

    fn params(&self) -> rcgen::CertificateParams {
        let mut p = rcgen::CertificateParams::new(
            self.sans
                .iter()
                .map(|s| (*s).to_owned())
                .collect::<Vec<_>>(),
        )
        .expect("params");
        p.distinguished_name
            .push(rcgen::DnType::CommonName, self.cn);
        p.extended_key_usages = self.eku.clone();
        p.key_usages = self.ku.clone();
        let now = time::OffsetDateTime::now_utc();
        p.not_before = now + time::Duration::days(self.days.0);
        p.not_after = now + time::Duration::days(self.days.1);
        p
    }

    pub(crate) fn self_signed(&self) -> String {
        let key =
            rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)
                .expect("rsa key");
        self.params().self_signed(&key).expect("cert").pem()
    }
}

/// A CA and a certificate it signed.
pub(crate) fn ca_and_leaf(leaf: &Spec<'_>) -> (String, String) {
    let ca_key = rcgen::KeyPair::generate().expect("ca key");
    let mut ca = rcgen::CertificateParams::default();
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, "Example Issuing CA");
    ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca.key_usages = vec![rcgen::KeyUsagePurpose::KeyCertSign];
    let ca_pem = ca.self_signed(&ca_key).expect("ca").pem();
    let issuer = rcgen::Issuer::from_params(&ca, &ca_key);
    let key = rcgen::KeyPair::generate().expect("key");
    let leaf_pem = leaf.params().signed_by(&key, &issuer).expect("leaf").pem();
    (ca_pem, leaf_pem)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// Runs trust in JSON: (exit code, [(code, severity, file)]).
fn trust(args: &[&Path], extra: &[&str]) -> (i32, Vec<(String, String, String)>) {
    let out = sancsr()
        .arg("trust")
        .args(args)
        .args(extra)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let code = out.status.code().expect("code");
    assert_eq!(v["ok"], code == 0);
    let findings = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().expect("code").to_owned(),
                f["severity"].as_str().expect("severity").to_owned(),
                match &f["file"] {
                    Value::Array(files) => files
                        .iter()
                        .map(|x| x.as_str().expect("file name"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    other => other.as_str().unwrap_or("").to_owned(),
                },
            )
        })
        .collect();
    (code, findings)
}

fn codes(f: &[(String, String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(c, s, _)| (c.as_str(), s.as_str())).collect()
}

#[test]
fn two_self_signed_certificates_with_one_cn_clash() {
    let dir = TempDir::new().expect("tempdir");
    let sans = ["cucm1.example.com"];
    let callmanager = write(
        dir.path(),
        "callmanager.pem",
        &Spec::service("cucm1.example.com", &sans).self_signed(),
    );
    let tomcat = write(
        dir.path(),
        "tomcat.pem",
        &Spec::service("cucm1.example.com", &sans).self_signed(),
    );
    let (code, f) = trust(&[&callmanager, &tomcat], &[]);
    assert_eq!(code, 1);
    let clash: Vec<_> = f
        .iter()
        .filter(|x| x.0 == "duplicate-self-signed-cn")
        .collect();
    assert_eq!(clash.len(), 1, "{f:?}");
    assert_eq!(clash[0].1, "error");
    assert!(clash[0].2.contains("callmanager.pem") && clash[0].2.contains("tomcat.pem"));
    // In JSON the files of a duplicate are a list.
    let out = sancsr()
        .arg("trust")
        .arg(&callmanager)
        .arg(&tomcat)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let duplicate = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["code"] == "duplicate-self-signed-cn")
        .expect("duplicate");
    assert_eq!(
        duplicate["file"],
        serde_json::json!([
            callmanager.to_str().expect("utf-8"),
            tomcat.to_str().expect("utf-8")
        ])
    );
    assert_eq!(
        f.iter()
            .filter(|x| x.0 == "self-signed" && x.1 == "warning")
            .count(),
        2
    );
    sancsr()
        .arg("trust")
        .arg(&callmanager)
        .arg(&tomcat)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "share the common name \"cucm1.example.com\"",
        ))
        .stdout(predicate::str::contains("can trust only one of them"))
        .stdout(predicate::str::contains(
            "regenerate one of the self-signed certificates with a different CN",
        ));
}

#[test]
fn distinct_cns_pass_with_the_self_signed_warning() {
    let dir = TempDir::new().expect("tempdir");
    let a = write(
        dir.path(),
        "callmanager.pem",
        &Spec::service("cucm1.example.com", &["cucm1.example.com"]).self_signed(),
    );
    let b = write(
        dir.path(),
        "tomcat.pem",
        &Spec::service("cucm1-tomcat.example.com", &["cucm1.example.com"]).self_signed(),
    );
    let (code, f) = trust(&[&a, &b], &[]);
    assert_eq!(code, 0);
    assert_eq!(
        codes(&f),
        [("self-signed", "warning"), ("self-signed", "warning")]
    );
}

#[test]
fn the_same_certificate_twice_is_not_a_clash() {
    let dir = TempDir::new().expect("tempdir");
    let pem = Spec::service("cucm1.example.com", &["cucm1.example.com"]).self_signed();
    let a = write(dir.path(), "a.pem", &pem);
    let b = write(dir.path(), "b.pem", &pem);
    let (code, f) = trust(&[&a, &b], &[]);
    assert_eq!((code, codes(&f)), (0, vec![("self-signed", "warning")]));
}

#[test]
fn ca_signed_certificates_and_their_root_are_clean() {
    let dir = TempDir::new().expect("tempdir");
    let (ca, leaf) = ca_and_leaf(&Spec::service("cucm1.example.com", &["cucm1.example.com"]));
    let bundle = write(dir.path(), "bundle.pem", &format!("{leaf}{ca}"));
    let (code, f) = trust(&[&bundle], &["--node", "cucm1.example.com"]);
    assert_eq!((code, codes(&f)), (0, vec![]));
}

#[test]
fn a_directory_of_pem_and_der_files() {
    let dir = TempDir::new().expect("tempdir");
    let store = dir.path().join("store");
    std::fs::create_dir(&store).expect("mkdir");
    let a = write(
        &store,
        "cup-xmpp.pem",
        &Spec::service("imp1.example.com", &["imp1.example.com"]).self_signed(),
    );
    write(
        &store,
        "README.txt",
        "certificates exported from Unified CM\n",
    );
    let tomcat = write(
        dir.path(),
        "tomcat.pem",
        &Spec::service("imp1.example.com", &["imp1.example.com"]).self_signed(),
    );
    openssl(&[
        "x509",
        "-in",
        tomcat.to_str().expect("utf8"),
        "-outform",
        "DER",
        "-out",
        store.join("tomcat.der").to_str().expect("utf8"),
    ]);
    let (code, f) = trust(&[&store], &[]);
    assert_eq!(code, 1);
    assert!(
        f.iter().any(|x| x.0 == "duplicate-self-signed-cn"
            && x.2.contains("cup-xmpp.pem")
            && x.2.contains("tomcat.der")),
        "{f:?}"
    );
    assert!(
        f.iter()
            .any(|x| x.0 == "skipped" && x.1 == "info" && x.2.contains("README.txt"))
    );
    let _ = a;
}

#[test]
fn node_fqdn_must_be_a_san_of_its_certificate() {
    let dir = TempDir::new().expect("tempdir");
    // Unified CM 10.5.2 (CSCus47235): the CN is the node, the SAN lacks it.
    let (ca, leaf) = ca_and_leaf(&Spec::service(
        "cucm1.example.com",
        &["cucm-pub.example.com"],
    ));
    let bundle = write(dir.path(), "tomcat.pem", &format!("{leaf}{ca}"));
    let (code, f) = trust(&[&bundle], &["--node", "cucm1.example.com"]);
    assert_eq!((code, codes(&f)), (1, vec![("node-not-in-san", "error")]));
    let (code, f) = trust(&[&bundle], &["--node", "cucm9.example.com"]);
    assert_eq!(
        (code, codes(&f)),
        (0, vec![("node-without-certificate", "warning")])
    );
    sancsr()
        .arg("trust")
        .arg(&bundle)
        .args(["--node", "not a name"])
        .assert()
        .code(2);
}

#[test]
fn expired_and_missing_usages() {
    let dir = TempDir::new().expect("tempdir");
    let mut old = Spec::service("cucm1.example.com", &["cucm1.example.com"]);
    old.days = (-400, -10);
    let (ca, leaf) = ca_and_leaf(&old);
    let expired = write(dir.path(), "expired.pem", &format!("{leaf}{ca}"));
    let (code, f) = trust(&[&expired], &[]);
    assert_eq!((code, codes(&f)), (1, vec![("expired", "error")]));
    // With the clock set before the expiry, it is fine.
    let (code, _) = trust(
        &[&expired],
        &[
            "--now",
            &(time::OffsetDateTime::now_utc() - time::Duration::days(100))
                .date()
                .to_string(),
        ],
    );
    assert_eq!(code, 0);

    let mut bare = Spec::service("cucm2.example.com", &["cucm2.example.com"]);
    bare.eku = vec![ClientAuth];
    bare.ku = vec![DigitalSignature];
    let (ca, leaf) = ca_and_leaf(&bare);
    let path = write(dir.path(), "bare.pem", &format!("{leaf}{ca}"));
    let (code, f) = trust(&[&path], &[]);
    assert_eq!(code, 1);
    assert_eq!(
        codes(&f),
        [("missing-server-auth", "error")],
        "ECDSA: no keyEncipherment needed"
    );
}

#[test]
fn an_rsa_service_certificate_without_key_encipherment_is_warned() {
    let dir = TempDir::new().expect("tempdir");
    let mut spec = Spec::service("cucm3.example.com", &["cucm3.example.com"]);
    spec.ku = vec![DigitalSignature];
    let path = write(dir.path(), "cm.pem", &spec.self_signed());
    let (code, f) = trust(&[&path], &[]);
    assert_eq!(
        (code, codes(&f)),
        (
            0,
            vec![("self-signed", "warning"), ("missing-key-usage", "warning")]
        )
    );
}

#[test]
fn unreadable_input_exits_2() {
    let dir = TempDir::new().expect("tempdir");
    let junk = write(
        dir.path(),
        "junk.pem",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    );
    sancsr()
        .arg("trust")
        .arg(&junk)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("junk.pem"));
    let empty = dir.path().join("empty-dir");
    std::fs::create_dir(&empty).expect("mkdir");
    sancsr()
        .arg("trust")
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no certificate found"));
}

/// A CA root (CA=true, keyCertSign, no serverAuth) with this CN.
pub(crate) fn ca_root(cn: &str, ku: bool) -> String {
    let key = rcgen::KeyPair::generate().expect("key");
    let mut p = rcgen::CertificateParams::default();
    p.distinguished_name.push(rcgen::DnType::CommonName, cn);
    p.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    p.key_usages = if ku {
        vec![rcgen::KeyUsagePurpose::KeyCertSign]
    } else {
        Vec::new()
    };
    p.self_signed(&key).expect("root").pem()
}

#[test]
fn two_ca_roots_sharing_a_cn_are_a_warning() {
    let dir = TempDir::new().expect("tempdir");
    let old = write(
        dir.path(),
        "old-root.pem",
        &ca_root("Example Root CA", true),
    );
    let new = write(
        dir.path(),
        "new-root.pem",
        &ca_root("Example Root CA", true),
    );
    let (code, f) = trust(&[&old, &new], &[]);
    assert_eq!(code, 0);
    assert_eq!(codes(&f), [("duplicate-ca-cn", "warning")]);
}

#[test]
fn a_ca_without_key_usage_is_still_a_ca() {
    let dir = TempDir::new().expect("tempdir");
    let root = write(dir.path(), "root.pem", &ca_root("Bare Root CA", false));
    let (code, f) = trust(&[&root], &[]);
    assert_eq!((code, codes(&f)), (0, vec![]));
}

#[test]
fn a_node_by_ip_address_is_matched_against_ip_sans() {
    let dir = TempDir::new().expect("tempdir");
    let with_ip = Spec::service("cucm1", &["10.0.0.11", "cucm1.example.local"]);
    let (ca, leaf) = ca_and_leaf(&with_ip);
    let ca = write(dir.path(), "ca.pem", &ca);
    let good = write(dir.path(), "tomcat-good.pem", &leaf);
    let (code, f) = trust(&[&ca, &good], &["--node", "10.0.0.11"]);
    assert_eq!((code, codes(&f)), (0, vec![]));

    let without = Spec::service("10.0.0.12", &["cucm2.example.local"]);
    let (_, leaf) = ca_and_leaf(&without);
    let bad = write(dir.path(), "CallManager.pem", &leaf);
    let out = sancsr()
        .args(["trust"])
        .arg(&bad)
        .args(["--node", "10.0.0.12"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("error[node-not-in-san]"), "{text}");
    assert!(text.contains("CallManager.pem"), "names the file: {text}");
    assert!(
        text.contains("IP address 10.0.0.12 (an iPAddress SAN)"),
        "{text}"
    );
    assert!(
        !text.contains("tomcat certificate"),
        "blames no service: {text}"
    );
}

#[test]
fn a_file_whose_name_is_not_utf8_is_read_and_named_with_escapes() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new().expect("tempdir");
    let name = std::ffi::OsStr::from_bytes(b"tomcat-\xff\x1b.pem");
    let cert = Spec::service("cucm1.example.com", &["cucm1.example.com"]).self_signed();
    std::fs::write(dir.path().join(name), cert).expect("write");
    let out = sancsr()
        .arg("trust")
        .arg(dir.path())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("warning[self-signed]"), "linted: {text}");
    assert!(text.contains("tomcat-\\xff\\x1b.pem"), "{text}");
    assert!(!out.stdout.contains(&0x1b));
    assert!(text.contains("1 certificate(s) read"), "{text}");
}
