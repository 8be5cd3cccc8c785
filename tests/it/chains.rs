//! `check --ca`: the path from the leaf to a trusted root, on PKIs the
//! openssl binary builds (RSA and ECDSA, P-521 with SHA-512 included), in
//! PEM chains, DER and PKCS#7 bundles from `openssl crl2pkcs7`.

use crate::common::sancsr;
use crate::pki::{Key, Pki};
use std::path::{Path, PathBuf};

/// A PKI (`root` → `inter` → leaf) and the check deployment with its CSRs.
pub(crate) struct Setup {
    pub(crate) pki: Pki,
}

impl Setup {
    /// The root and intermediate of the given kinds, and a leaf for
    /// `expe1.example.com` signed by the intermediate (valid 100 days).
    pub(crate) fn new(root: Key, inter: Key, digest: &str, inter_days: u32) -> Setup {
        let pki = Pki::new();
        pki.check_deployment("csr");
        pki.root("root", root, digest, 3650);
        pki.intermediate("inter", "root", inter, digest, inter_days);
        let csr = pki.path("csr/expe1.example.com.csr");
        pki.leaf(&csr, "inter", digest, 100, "leaf.pem");
        Setup { pki }
    }

    pub(crate) fn p(&self, name: &str) -> PathBuf {
        self.pki.path(name)
    }

    /// `check --format json` of `file` with `args`: exit code and the
    /// (code, severity, message) of each finding.
    fn check(&self, file: &Path, args: &[&str]) -> (i32, Vec<(String, String, String)>) {
        let out = sancsr()
            .arg("check")
            .arg(self.p("deployment.toml"))
            .arg(file)
            .args(args)
            .args(["--format", "json"])
            .output()
            .expect("runs");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
        let findings = v["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                let s = |k: &str| f[k].as_str().expect(k).to_owned();
                (s("code"), s("severity"), s("message"))
            })
            .collect();
        (out.status.code().expect("code"), findings)
    }

    fn ca(&self, file: &str) -> Vec<String> {
        vec!["--ca".into(), self.p(file).to_str().expect("utf8").into()]
    }
}

fn codes(findings: &[(String, String, String)]) -> Vec<&str> {
    findings.iter().map(|(c, _, _)| c.as_str()).collect()
}

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn a_full_chain_verifies_in_pem_der_and_pkcs7() {
    for (root, inter, digest) in [
        (Key::Rsa, Key::Rsa, "sha256"),
        (Key::P256, Key::P384, "sha384"),
        (Key::P521, Key::P521, "sha512"),
    ] {
        let s = Setup::new(root, inter, digest, 3000);
        let (leaf, inter) = (s.p("leaf.pem"), s.p("inter.pem"));
        let chain = s.pki.concat(&[&leaf, &inter], "chain.pem");
        let p7b = s.pki.pkcs7(&[&inter, &leaf], false, "chain.p7b");
        let p7c = s.pki.pkcs7(&[&leaf, &inter], true, "chain.p7c");
        for file in [&chain, &p7b, &p7c] {
            let (code, findings) = s.check(file, &args(&s.ca("root.pem")));
            assert_eq!((code, codes(&findings)), (0, vec![]), "{digest} {file:?}");
        }
        // The trusted roots may come as a PKCS#7 bundle or a directory too.
        let root_p7 = s.pki.pkcs7(&[&s.p("root.pem")], true, "roots.p7b");
        let (code, findings) = s.check(&chain, &args(&s.ca("roots.p7b")));
        assert_eq!((code, codes(&findings)), (0, vec![]), "{root_p7:?}");
        std::fs::create_dir(s.p("trusted")).expect("mkdir");
        std::fs::copy(s.p("root.pem"), s.p("trusted/root.pem")).expect("copy");
        let (code, findings) = s.check(&chain, &args(&s.ca("trusted")));
        assert_eq!((code, codes(&findings)), (0, vec![]));
    }
}

#[test]
fn a_missing_intermediate_is_named() {
    let s = Setup::new(Key::P256, Key::P256, "sha256", 3000);
    let (code, findings) = s.check(&s.p("leaf.pem"), &args(&s.ca("root.pem")));
    assert_eq!((code, codes(&findings)), (1, vec!["chain-incomplete"]));
    assert!(
        findings[0].2.contains("\"O=sancsr tests, CN=inter\""),
        "{findings:?}"
    );
    // The intermediate in --ca instead of the file also completes the path.
    let both = s
        .pki
        .concat(&[&s.p("root.pem"), &s.p("inter.pem")], "cas.pem");
    let (code, findings) = s.check(&s.p("leaf.pem"), &args(&s.ca("cas.pem")));
    assert_eq!((code, codes(&findings)), (0, vec![]), "{both:?}");
}

#[test]
fn a_root_that_is_not_trusted_is_untrusted() {
    let s = Setup::new(Key::P256, Key::P256, "sha256", 3000);
    s.pki.root("other", Key::P256, "sha256", 3650);
    let chain = s.pki.concat(
        &[&s.p("leaf.pem"), &s.p("inter.pem"), &s.p("root.pem")],
        "full.pem",
    );
    let (code, findings) = s.check(&chain, &args(&s.ca("other.pem")));
    assert_eq!((code, codes(&findings)), (1, vec!["untrusted-chain"]));
    assert!(findings[0].2.contains("the root \"root\""), "{findings:?}");
}

#[test]
fn a_chain_out_of_order_is_a_warning() {
    let s = Setup::new(Key::P256, Key::P256, "sha256", 3000);
    let chain = s.pki.concat(
        &[&s.p("leaf.pem"), &s.p("root.pem"), &s.p("inter.pem")],
        "mixed.pem",
    );
    let (code, findings) = s.check(&chain, &args(&s.ca("root.pem")));
    assert_eq!((code, codes(&findings)), (0, vec!["chain-order"]));
    assert_eq!(findings[0].1, "warning");
}

#[test]
fn an_intermediate_that_expires_first_then_expired() {
    let s = Setup::new(Key::P256, Key::P256, "sha256", 10);
    let chain = s
        .pki
        .concat(&[&s.p("leaf.pem"), &s.p("inter.pem")], "chain.pem");
    let (code, findings) = s.check(&chain, &args(&s.ca("root.pem")));
    assert_eq!((code, codes(&findings)), (0, vec!["ca-expires-first"]));
    let mut later = s.ca("root.pem");
    let when = (time::OffsetDateTime::now_utc() + time::Duration::days(20)).date();
    later.extend(["--now".into(), when.to_string()]);
    let (code, findings) = s.check(&chain, &args(&later));
    assert_eq!((code, codes(&findings)), (1, vec!["ca-expired"]));
    assert!(findings[0].2.contains("\"inter\" expired"), "{findings:?}");
}

#[test]
fn an_intermediate_signed_with_sha1_is_refused() {
    let pki_root = Setup::new(Key::Rsa, Key::Rsa, "sha256", 3000);
    let s = &pki_root;
    s.pki.intermediate("weak", "root", Key::Rsa, "sha1", 3000);
    let csr = s.p("csr/expe1.example.com.csr");
    s.pki.leaf(&csr, "weak", "sha256", 100, "leaf-weak.pem");
    let chain = s
        .pki
        .concat(&[&s.p("leaf-weak.pem"), &s.p("weak.pem")], "weak-chain.pem");
    let (code, findings) = s.check(&chain, &args(&s.ca("root.pem")));
    assert_eq!((code, codes(&findings)), (1, vec!["weak-chain-digest"]));
}

#[test]
fn without_ca_the_files_own_chain_is_verified() {
    let s = Setup::new(Key::P256, Key::P256, "sha256", 3000);
    let chain = s
        .pki
        .concat(&[&s.p("leaf.pem"), &s.p("inter.pem")], "chain.pem");
    let (code, findings) = s.check(&chain, &[]);
    assert_eq!((code, codes(&findings)), (0, vec!["trust-not-checked"]));
    assert!(findings[0].2.contains("expe"), "{findings:?}");
    // The fix names the flag, worded by the command line.
    let out = sancsr()
        .arg("check")
        .arg(s.p("deployment.toml"))
        .arg(&chain)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("fix: give --ca with the CA certificates the other side trusts"),
        "{text}"
    );
    // An intermediate of the same name but another key: the leaf's
    // signature does not verify with it.
    let other = Pki::new();
    other.root("r2", Key::P256, "sha256", 3650);
    other.intermediate("inter", "r2", Key::P256, "sha256", 3000);
    let forged = s
        .pki
        .concat(&[&s.p("leaf.pem"), &other.path("inter.pem")], "forged.pem");
    let (code, findings) = s.check(&forged, &[]);
    assert_eq!(
        (code, codes(&findings)),
        (1, vec!["chain-signature"]),
        "{findings:?}"
    );
    // A leaf alone, without --ca: nothing to verify, and it says so.
    let (code, findings) = s.check(&s.p("leaf.pem"), &[]);
    assert_eq!((code, codes(&findings)), (0, vec!["trust-not-checked"]));
}
