//! `sancsr bundle`: CA responses (PEM chains and a PKCS#7) matched to their
//! peers and keys, checked, and written as the upload page wants; the
//! openssl binary reads every file back.

use crate::common::{openssl, sancsr};
use crate::pki::{Key, Pki};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

const PEERS: [&str; 3] = [
    "expc1.example.local",
    "expc2.example.local",
    "expe1.example.com",
];

/// The check deployment's CSRs and keys (in `keys/`), signed by `inter`
/// under `root`; responses `<peer>.pem` (leaf + intermediate), the E's as
/// a PKCS#7 bundle.
pub(crate) fn setup() -> Pki {
    let pki = Pki::new();
    pki.check_deployment("keys");
    pki.root("root", Key::P256, "sha256", 3650);
    pki.intermediate("inter", "root", Key::P256, "sha256", 3000);
    for peer in PEERS {
        let leaf = pki.leaf(
            &pki.path(&format!("keys/{peer}.csr")),
            "inter",
            "sha256",
            300,
            &format!("{peer}.leaf.pem"),
        );
        if peer.starts_with("expe") {
            pki.pkcs7(
                &[&pki.path("inter.pem"), &leaf],
                true,
                &format!("{peer}.p7b"),
            );
        } else {
            pki.concat(&[&leaf, &pki.path("inter.pem")], &format!("{peer}.pem"));
        }
    }
    pki
}

pub(crate) fn responses() -> Vec<String> {
    PEERS
        .iter()
        .map(|p| {
            if p.starts_with("expe") {
                format!("{p}.p7b")
            } else {
                format!("{p}.pem")
            }
        })
        .collect()
}

fn bundle(pki: &Pki, extra: &[&str]) -> std::process::Output {
    sancsr()
        .args(["bundle", "deployment.toml"])
        .args(responses())
        .args([
            "--key-dir",
            "keys",
            "--ca",
            "root.pem",
            "--out-dir",
            "upload",
        ])
        .args(extra)
        .env("BUNDLE_PASSWORD", "correct horse battery staple")
        .current_dir(pki.dir.path())
        .output()
        .expect("runs")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf8")
}

#[test]
fn each_peer_gets_its_certificate_key_ca_list_and_pkcs12() {
    let pki = setup();
    let out = bundle(&pki, &["--pkcs12", "--password-env", "BUNDLE_PASSWORD"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for peer in PEERS {
        let dir = pki.path(&format!("upload/{peer}"));
        let (cert, key, cas, p12) = (
            dir.join("server.pem"),
            dir.join("server.key"),
            dir.join("trusted-ca.pem"),
            dir.join("server.p12"),
        );
        // The key is the certificate's, and stays private.
        let from_key = openssl(&["pkey", "-in", s(&key), "-pubout"]);
        let from_cert = openssl(&["x509", "-in", s(&cert), "-noout", "-pubkey"]);
        assert_eq!(from_key, from_cert, "{peer}");
        for secret in [&key, &p12] {
            let mode = std::fs::metadata(secret)
                .expect("meta")
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(mode, 0o600, "{secret:?}");
        }
        // The trusted CA list holds the intermediate and the root, and the
        // chain verifies against it.
        let subjects = openssl(&["storeutl", "-noout", "-certs", s(&cas)]);
        assert!(subjects.contains("Total found: 2"), "{subjects}");
        let verified = openssl(&["verify", "-CAfile", s(&cas), s(&cert)]);
        assert!(verified.trim_end().ends_with(": OK"), "{verified}");
        // The PKCS#12 opens with the password, with the key and the chain.
        let info = std::process::Command::new("openssl")
            .args([
                "pkcs12",
                "-in",
                s(&p12),
                "-passin",
                "env:BUNDLE_PASSWORD",
                "-nodes",
                "-info",
            ])
            .env("BUNDLE_PASSWORD", "correct horse battery staple")
            .output()
            .expect("openssl");
        let text = String::from_utf8_lossy(&info.stdout);
        assert!(
            info.status.success(),
            "{}",
            String::from_utf8_lossy(&info.stderr)
        );
        assert_eq!(text.matches("BEGIN CERTIFICATE").count(), 3, "{peer}");
        assert!(text.contains("BEGIN PRIVATE KEY"), "{peer}");
        // On X15.5 the Expressway-C, a TLS client with mutual TLS, loads
        // the same certificate in its client certificate store (TAC
        // 225693); the MRA-only Expressway-E is no such client.
        let client = dir.join("client.pem");
        if peer.starts_with("expc") {
            let copy = openssl(&["x509", "-in", s(&client), "-noout", "-fingerprint"]);
            let own = openssl(&["x509", "-in", s(&cert), "-noout", "-fingerprint"]);
            assert_eq!(copy, own, "{peer}");
        } else {
            assert!(!client.exists(), "{peer}");
        }
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout
            .matches("client.pem for the client certificate store")
            .count(),
        2,
        "{stdout}"
    );
}

#[test]
fn a_failing_certificate_writes_nothing() {
    let pki = setup();
    let later = (time::OffsetDateTime::now_utc() + time::Duration::days(400))
        .date()
        .to_string();
    let out = bundle(&pki, &["--now", &later]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("error[expired]"), "{stderr}");
    // The responses are at fault, not the deployment (#25).
    assert!(stderr.contains("the response(s) have"), "{stderr}");
    assert!(!stderr.contains("the deployment has"), "{stderr}");
    assert!(!pki.path("upload").exists(), "nothing written");
    // A key directory without the keys: key-not-found, nothing written.
    std::fs::create_dir(pki.path("empty")).expect("mkdir");
    let out = sancsr()
        .args(["bundle", "deployment.toml"])
        .args(responses())
        .args(["--key-dir", "empty", "--out-dir", "upload"])
        .current_dir(pki.dir.path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("error[key-not-found]"), "{stderr}");
    assert!(!pki.path("upload").exists());
}

#[test]
fn keys_are_never_overwritten_and_passwords_never_on_the_command_line() {
    let pki = setup();
    assert!(bundle(&pki, &[]).status.success());
    let out = bundle(&pki, &[]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert!(bundle(&pki, &["--force"]).status.success());
    let out = bundle(&pki, &["--force", "--pkcs12"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--password-file") && stderr.contains("--password-env"),
        "{stderr}"
    );
    assert!(!pki.path("upload/expe1.example.com/server.p12").exists());
    // An empty password file: the same refusal, saying where to write it.
    std::fs::write(pki.path("empty-password"), "\n").expect("write");
    let out = bundle(
        &pki,
        &["--force", "--pkcs12", "--password-file", "empty-password"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("empty-password gives an empty password"),
        "{stderr}"
    );
    assert!(
        stderr.contains("first line of the --password-file"),
        "{stderr}"
    );
    // An unset variable says so, not "an empty password" (#25).
    let out = sancsr()
        .args(["bundle", "deployment.toml"])
        .args(responses())
        .args([
            "--key-dir",
            "keys",
            "--ca",
            "root.pem",
            "--out-dir",
            "upload",
            "--force",
        ])
        .args(["--pkcs12", "--password-env", "SANCSR_NO_SUCH_VARIABLE"])
        .env_remove("SANCSR_NO_SUCH_VARIABLE")
        .current_dir(pki.dir.path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("SANCSR_NO_SUCH_VARIABLE is not set"),
        "{stderr}"
    );
    // A password file others can read is warned of, as a key file is.
    std::fs::write(pki.path("password"), "correct horse\n").expect("write");
    std::fs::set_permissions(pki.path("password"), std::fs::Permissions::from_mode(0o644))
        .expect("chmod");
    let out = bundle(
        &pki,
        &["--force", "--pkcs12", "--password-file", "password"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("password is readable by anyone (mode 644): chmod 600 it"),
        "{stderr}"
    );
}

/// A peer folder of the estate that is a symbolic link to another folder
/// is refused, even with `--force`: it used to be written through,
/// replacing the files there. A folder others can write to is warned of,
/// as `export` warns (#26).
#[test]
fn a_symlinked_peer_folder_is_refused_and_an_open_folder_warned_of() {
    use std::os::unix::fs::PermissionsExt;
    let pki = setup();
    let other = tempfile::TempDir::new().expect("tempdir");
    std::fs::write(other.path().join("server.pem"), "the user's own file\n").expect("write");
    std::fs::create_dir(pki.path("upload")).expect("mkdir");
    std::os::unix::fs::symlink(other.path(), pki.path("upload/expe1.example.com"))
        .expect("symlink");
    let out = bundle(&pki, &["--force"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(other.path().join("server.pem")).expect("read"),
        "the user's own file\n"
    );
    std::fs::remove_file(pki.path("upload/expe1.example.com")).expect("rm");
    std::fs::set_permissions(pki.path("upload"), std::fs::Permissions::from_mode(0o777))
        .expect("chmod");
    let out = bundle(&pki, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("is writable by anyone"), "{stderr}");
}
