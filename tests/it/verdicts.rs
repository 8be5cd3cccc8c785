//! Verdicts you can trust (issue #23): what sancsr calls "ok" or writes as
//! a chain or a trust list comes from the path rustls-webpki verified,
//! every purpose the certificate serves is verified, and OpenSSL agrees.
//! Each test is a reproduction that failed before.

use crate::common::{openssl, openssl_verifies, sancsr};
use crate::pki::{Key, Pki};
use std::path::Path;

/// `check --format json` of `file` against the PKI's check deployment:
/// exit code and finding codes.
fn check(pki: &Pki, file: &Path, args: &[&str]) -> (i32, Vec<String>) {
    crate::common::check_codes(&pki.path("deployment.toml"), file, args)
}

/// The check deployment's CSRs in `keys/`, a root and an intermediate.
fn pki() -> Pki {
    let pki = Pki::new();
    pki.check_deployment("keys");
    pki.root("root", Key::P256, "sha256", 3650);
    pki.intermediate("inter", "root", Key::P256, "sha256", 3000);
    pki
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf8")
}

/// A fake root (the real root's name, another key) in the CA's response:
/// `check` said "ok to upload", and `bundle` wrote the fake into
/// `trusted-ca.pem`, which `openssl verify` then refused.
#[test]
fn a_name_alike_fake_root_is_an_error_and_never_reaches_a_trust_list() {
    let pki = pki();
    let leaf = pki.leaf(
        &pki.path("keys/expe1.example.com.csr"),
        "inter",
        "sha256",
        300,
        "leaf.pem",
    );
    let fake = Pki::new();
    fake.root("root", Key::P256, "sha256", 3650);
    let response = pki.concat(
        &[&leaf, &pki.path("inter.pem"), &fake.path("root.pem")],
        "resp.pem",
    );
    let root = pki.path("root.pem");
    let (code, codes) = check(&pki, &response, &["--ca", s(&root)]);
    assert_eq!(code, 1, "{codes:?}");
    assert!(codes.contains(&"name-alike-issuer".to_owned()), "{codes:?}");
    // The same response with the real root passes.
    let real = pki.concat(&[&leaf, &pki.path("inter.pem"), &root], "real.pem");
    assert_eq!(check(&pki, &real, &["--ca", s(&root)]), (0, vec![]));
}

/// What bundle writes as the trusted CA list comes from the verified
/// path: OpenSSL verifies the certificate with it alone.
#[test]
fn bundle_writes_the_verified_issuers_and_openssl_agrees() {
    let pki = crate::bundle::setup();
    let out = sancsr()
        .args(["bundle", "deployment.toml"])
        .args(crate::bundle::responses())
        .args([
            "--key-dir",
            "keys",
            "--out-dir",
            "upload",
            "--ca",
            "root.pem",
        ])
        .current_dir(pki.dir.path())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for peer in ["expc1.example.local", "expe1.example.com"] {
        let dir = pki.path(&format!("upload/{peer}"));
        let trusted = dir.join("trusted-ca.pem");
        let text = std::fs::read_to_string(&trusted).expect("trusted-ca.pem");
        assert_eq!(
            text.matches("BEGIN CERTIFICATE").count(),
            2,
            "inter and root"
        );
        let verdict = openssl(&["verify", "-CAfile", s(&trusted), s(&dir.join("server.pem"))]);
        assert!(verdict.contains(": OK"), "{verdict}");
    }
}

/// Without `--ca`, bundle writes no trust list (it cannot tell a fake
/// root from the real one) and says why; it used to write 0 bytes.
#[test]
fn bundle_without_a_trust_list_writes_none_and_says_so() {
    let pki = crate::bundle::setup();
    let out = sancsr()
        .args(["bundle", "deployment.toml"])
        .args(crate::bundle::responses())
        .args(["--key-dir", "keys", "--out-dir", "upload"])
        .current_dir(pki.dir.path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("no trusted-ca.pem was written"), "{stderr}");
    assert!(!pki.path("upload/expe1.example.com/trusted-ca.pem").exists());
    assert!(pki.path("upload/expe1.example.com/server.pem").exists());
}

/// A leaf that is not self-signed, given as its own trust list: it used
/// to be its own anchor ("ok to upload"); now its issuer is needed, as
/// OpenSSL needs it.
#[test]
fn only_a_self_signed_certificate_anchors_itself() {
    let pki = pki();
    let leaf = pki.leaf(
        &pki.path("keys/expe1.example.com.csr"),
        "inter",
        "sha256",
        300,
        "orphan.pem",
    );
    let (code, codes) = check(&pki, &leaf, &["--ca", s(&leaf)]);
    assert_eq!(code, 1);
    assert_eq!(codes, ["chain-incomplete"]);
    assert!(
        !openssl_verifies(&["-CAfile", s(&leaf), s(&leaf)]),
        "OpenSSL refuses it too"
    );
}

/// The Expressway-C's one certificate serves serverAuth and clientAuth: an
/// issuing CA restricted to serverAuth passed `check --ca`, though
/// `openssl verify -purpose sslclient` refuses it.
#[test]
fn every_purpose_of_the_certificate_is_verified() {
    let pki = pki();
    pki.intermediate_with(
        "server-only",
        "root",
        Key::P256,
        "sha256",
        3000,
        "extendedKeyUsage=serverAuth\n",
    );
    let csr = pki.path("keys/expc1.example.local.csr");
    let leaf = pki.leaf(&csr, "server-only", "sha256", 300, "c.pem");
    let chain = pki.concat(&[&leaf, &pki.path("server-only.pem")], "c-chain.pem");
    let root = pki.path("root.pem");
    let (code, codes) = check(&pki, &chain, &["--ca", s(&root)]);
    assert_eq!((code, codes), (1, vec!["untrusted-chain".to_owned()]));
    let purpose = |p: &str| {
        let inter = pki.path("server-only.pem");
        openssl_verifies(&[
            "-purpose",
            p,
            "-CAfile",
            s(&root),
            "-untrusted",
            s(&inter),
            s(&leaf),
        ])
    };
    assert!(
        purpose("sslserver") && !purpose("sslclient"),
        "OpenSSL agrees"
    );
}

/// A self-signed clientAuth-only certificate in the far end's trust list
/// is not a server certificate: trusted as itself, refused for serverAuth.
#[test]
fn a_self_signed_client_certificate_is_no_server_certificate() {
    let pki = pki();
    let dir = pki.dir.path();
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"];
    let mut args = ec.to_vec();
    args.extend(["-addext", "extendedKeyUsage=clientAuth"]);
    let cert = crate::common::expe_self_signed(dir, "client-only", &args);
    let (code, codes) = check(&pki, &cert, &["--ca", s(&cert), "--certificate", "server"]);
    assert_eq!(code, 1);
    // check reports the leaf's own EKU; the chain does not say it twice.
    assert_eq!(codes, ["missing-server-auth", "self-signed"]);
}

/// X15.5 with a public CA for the Expressway-E's server certificate and a
/// private CA for the rest, both roots given (`--ca` twice): each peer's
/// trusted CA list holds the issuers of every box it talks to, the public
/// CA's included (the Expressway-C's list used to lack it).
#[test]
fn two_trust_lists_give_every_peer_the_issuers_of_its_partners() {
    let pki = Pki::new();
    let text =
        std::fs::read_to_string(crate::common::example("x15-5-public-edge.toml")).expect("example");
    std::fs::write(pki.path("deployment.toml"), text).expect("write");
    sancsr()
        .args(["generate", "deployment.toml", "--out-dir", "keys"])
        .current_dir(pki.dir.path())
        .assert()
        .success();
    for (root, inter) in [("private", "private-ca"), ("public", "public-ca")] {
        pki.root(root, Key::P256, "sha256", 3650);
        pki.intermediate(inter, root, Key::P256, "sha256", 3000);
    }
    let sign = |stem: &str, inter: &str| {
        let leaf = pki.leaf(
            &pki.path(&format!("keys/{stem}.csr")),
            inter,
            "sha256",
            300,
            &format!("{stem}.leaf.pem"),
        );
        pki.concat(
            &[&leaf, &pki.path(&format!("{inter}.pem"))],
            &format!("{stem}.pem"),
        );
    };
    sign("expc1.example.local", "private-ca");
    sign("expe1.example.com.server", "public-ca");
    sign("expe1.example.com.client", "private-ca");
    let out = sancsr()
        .args(["bundle", "deployment.toml", "expc1.example.local.pem"])
        .args([
            "expe1.example.com.server.pem",
            "expe1.example.com.client.pem",
        ])
        .args(["--key-dir", "keys", "--out-dir", "upload"])
        .args(["--ca", "private.pem", "--ca", "public.pem"])
        .current_dir(pki.dir.path())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c_list = std::fs::read_to_string(pki.path("upload/expc1.example.local/trusted-ca.pem"))
        .expect("the C's list")
        .replace("\r\n", "\n");
    let public_root = std::fs::read_to_string(pki.path("public.pem")).expect("root");
    let private_root = std::fs::read_to_string(pki.path("private.pem")).expect("root");
    assert!(
        c_list.contains(public_root.trim()),
        "the public root is in the C's list"
    );
    assert!(c_list.contains(private_root.trim()), "so is its own");
}
