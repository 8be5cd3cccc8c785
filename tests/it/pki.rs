//! A PKI built with the openssl binary for the chain tests: roots,
//! intermediates and leaves, RSA or ECDSA, with the digest asked for.

use crate::common::openssl;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// Key kinds the helper makes.
#[derive(Clone, Copy)]
pub enum Key {
    Rsa,
    P256,
    P384,
    P521,
}

/// A directory of keys and certificates named `<name>.key` / `<name>.pem`.
pub struct Pki {
    pub dir: TempDir,
}

impl Pki {
    pub fn new() -> Pki {
        Pki {
            dir: TempDir::new().expect("tempdir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn s(&self, name: &str) -> String {
        self.path(name).to_str().expect("utf8").to_owned()
    }

    fn key(&self, name: &str, key: Key) {
        let out = self.s(&format!("{name}.key"));
        let curve = match key {
            Key::Rsa => {
                openssl(&["genrsa", "-out", &out, "2048"]);
                return;
            }
            Key::P256 => "prime256v1",
            Key::P384 => "secp384r1",
            Key::P521 => "secp521r1",
        };
        openssl(&["ecparam", "-name", curve, "-genkey", "-noout", "-out", &out]);
    }

    /// A self-signed root CA valid for `days`.
    pub fn root(&self, name: &str, key: Key, digest: &str, days: u32) -> PathBuf {
        self.key(name, key);
        let days = days.to_string();
        openssl(&[
            "req",
            "-x509",
            "-new",
            &format!("-{digest}"),
            "-key",
            &self.s(&format!("{name}.key")),
            "-subj",
            &format!("/O=sancsr tests/CN={name}"),
            "-days",
            &days,
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
            "-out",
            &self.s(&format!("{name}.pem")),
        ]);
        self.path(&format!("{name}.pem"))
    }

    /// An intermediate CA signed by `issuer`, valid for `days`.
    pub fn intermediate(
        &self,
        name: &str,
        issuer: &str,
        key: Key,
        digest: &str,
        days: u32,
    ) -> PathBuf {
        self.intermediate_with(name, issuer, key, digest, days, "")
    }

    /// An intermediate CA with `extra` extension lines (`extendedKeyUsage =
    /// serverAuth`, say).
    pub fn intermediate_with(
        &self,
        name: &str,
        issuer: &str,
        key: Key,
        digest: &str,
        days: u32,
        extra: &str,
    ) -> PathBuf {
        self.key(name, key);
        let csr = self.s(&format!("{name}.csr"));
        openssl(&[
            "req",
            "-new",
            "-key",
            &self.s(&format!("{name}.key")),
            "-subj",
            &format!("/O=sancsr tests/CN={name}"),
            "-out",
            &csr,
        ]);
        let ext = self.path(&format!("{name}.ext"));
        std::fs::write(
            &ext,
            format!(
                "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n{extra}"
            ),
        )
        .expect("write");
        self.sign(&csr, issuer, digest, days, &ext, &format!("{name}.pem"))
    }

    /// A leaf for `csr` (its extensions copied), signed by `issuer`.
    pub fn leaf(&self, csr: &Path, issuer: &str, digest: &str, days: u32, out: &str) -> PathBuf {
        let ext = self.path("leaf.ext");
        std::fs::write(&ext, "basicConstraints=CA:FALSE\n").expect("write");
        self.sign(csr.to_str().expect("utf8"), issuer, digest, days, &ext, out)
    }

    fn sign(
        &self,
        csr: &str,
        issuer: &str,
        digest: &str,
        days: u32,
        ext: &Path,
        out: &str,
    ) -> PathBuf {
        let days = days.to_string();
        openssl(&[
            "x509",
            "-req",
            "-in",
            csr,
            &format!("-{digest}"),
            "-CA",
            &self.s(&format!("{issuer}.pem")),
            "-CAkey",
            &self.s(&format!("{issuer}.key")),
            "-CAcreateserial",
            "-days",
            &days,
            "-copy_extensions",
            "copy",
            "-extfile",
            ext.to_str().expect("utf8"),
            "-out",
            &self.s(out),
        ]);
        self.path(out)
    }

    /// The check deployment (`tests/fixtures/check.toml` at X15.5) as
    /// `deployment.toml`, with its CSRs and keys generated into `out`.
    pub fn check_deployment(&self, out: &str) {
        let text = std::fs::read_to_string(crate::common::fixture("check.toml"))
            .expect("fixture")
            .replace("VERSION", "X15.5");
        std::fs::write(self.path("deployment.toml"), text).expect("write");
        crate::common::sancsr()
            .args(["generate", "deployment.toml", "--out-dir", out])
            .current_dir(self.dir.path())
            .assert()
            .success();
    }

    /// The files' PEM text, concatenated into `out`.
    pub fn concat(&self, files: &[&Path], out: &str) -> PathBuf {
        let text: String = files
            .iter()
            .map(|f| std::fs::read_to_string(f).expect("read"))
            .collect();
        std::fs::write(self.path(out), text).expect("write");
        self.path(out)
    }

    /// A PKCS#7 bundle of the files, made by `openssl crl2pkcs7`.
    pub fn pkcs7(&self, files: &[&Path], der: bool, out: &str) -> PathBuf {
        let mut args: Vec<String> = vec!["crl2pkcs7".into(), "-nocrl".into()];
        for f in files {
            args.push("-certfile".into());
            args.push(f.to_str().expect("utf8").into());
        }
        if der {
            args.extend(["-outform".into(), "DER".into()]);
        }
        args.extend(["-out".into(), self.s(out)]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        openssl(&args);
        self.path(out)
    }
}
