//! Helpers shared by the integration tests.

use assert_cmd::Command;
use std::path::PathBuf;

/// The built `sancsr` binary.
pub fn sancsr() -> Command {
    Command::cargo_bin("sancsr").expect("binary built")
}

/// Path of a shipped example.
pub fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// Path of a test fixture.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs `sancsr plan FILE --format json` and parses the output.
pub fn plan_json(args: &[&str]) -> serde_json::Value {
    let out = sancsr()
        .arg("plan")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// `alternative_names` of every certificate, by peer.
pub fn sans_by_peer(plan: &serde_json::Value) -> Vec<(String, Vec<String>)> {
    plan["certificates"]
        .as_array()
        .expect("certificates")
        .iter()
        .map(|c| {
            (
                c["peer"].as_str().expect("peer").to_owned(),
                c["alternative_names"]
                    .as_array()
                    .expect("alternative_names")
                    .iter()
                    .map(|s| s.as_str().expect("string").to_owned())
                    .collect(),
            )
        })
        .collect()
}

/// Runs the `openssl` binary; panics with its stderr when it fails.
pub fn openssl(args: &[&str]) -> String {
    let out = std::process::Command::new("openssl")
        .args(args)
        .output()
        .expect("the openssl binary is installed (.ci/run installs it)");
    assert!(
        out.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file name in a directory, sorted.
pub fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A test certificate authority made at test time with rcgen.
pub struct TestCa {
    key: rcgen::KeyPair,
    params: rcgen::CertificateParams,
    /// The CA certificate, PEM.
    pub pem: String,
}

/// What a test CA puts in an issued certificate; each field can be changed
/// to build the offending certificate a test needs.
pub struct Issue {
    /// Common name.
    pub common_name: String,
    /// dNSName SANs (used when `copy_sans` is false).
    pub dns: Vec<String>,
    /// Copy the CSR's SAN extension byte for byte (otherNames included).
    pub copy_sans: bool,
    /// Extended key usages.
    pub eku: Vec<rcgen::ExtendedKeyUsagePurpose>,
    /// Validity start and end.
    pub not_before: time::OffsetDateTime,
    /// Validity end.
    pub not_after: time::OffsetDateTime,
}

impl TestCa {
    /// A new CA with an ECDSA P-256 key.
    pub fn new() -> TestCa {
        let key = rcgen::KeyPair::generate().expect("CA key");
        let mut params = rcgen::CertificateParams::default();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "sancsr test CA");
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params.key_usages = vec![
            rcgen::KeyUsagePurpose::KeyCertSign,
            rcgen::KeyUsagePurpose::CrlSign,
        ];
        let pem = params.self_signed(&key).expect("CA cert").pem();
        TestCa { key, params, pem }
    }

    /// Defaults for a certificate from a CSR: the CSR's CN and SANs, both
    /// EKUs, valid from yesterday for 300 days.
    pub fn defaults(csr_pem: &str) -> Issue {
        let (_, pem) = x509_parser::pem::parse_x509_pem(csr_pem.as_bytes()).expect("pem");
        let (_, csr) = <x509_parser::certification_request::X509CertificationRequest as x509_parser::prelude::FromDer<_>>::from_der(
            &pem.contents,
        )
        .expect("csr");
        let common_name = csr
            .certification_request_info
            .subject
            .iter_common_name()
            .next()
            .and_then(|cn| cn.as_str().ok())
            .unwrap_or("")
            .to_owned();
        let now = time::OffsetDateTime::now_utc();
        Issue {
            common_name,
            dns: Vec::new(),
            copy_sans: true,
            eku: vec![
                rcgen::ExtendedKeyUsagePurpose::ServerAuth,
                rcgen::ExtendedKeyUsagePurpose::ClientAuth,
            ],
            not_before: now - time::Duration::days(1),
            not_after: now + time::Duration::days(299),
        }
    }

    /// Signs a certificate for the CSR's public key.
    pub fn issue(&self, csr_pem: &str, issue: &Issue) -> String {
        use x509_parser::prelude::FromDer;
        let (_, pem) = x509_parser::pem::parse_x509_pem(csr_pem.as_bytes()).expect("pem");
        let (_, csr) =
            x509_parser::certification_request::X509CertificationRequest::from_der(&pem.contents)
                .expect("csr");
        let info = &csr.certification_request_info;
        let spki = CsrKey::of(&info.subject_pki);
        let mut params = rcgen::CertificateParams::default();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, issue.common_name.as_str());
        params.not_before = issue.not_before;
        params.not_after = issue.not_after;
        params.extended_key_usages = issue.eku.clone();
        params.key_usages = vec![
            rcgen::KeyUsagePurpose::DigitalSignature,
            rcgen::KeyUsagePurpose::KeyEncipherment,
        ];
        if issue.copy_sans {
            let san = csr
                .requested_extensions()
                .into_iter()
                .flatten()
                .find_map(|e| match e {
                    x509_parser::extensions::ParsedExtension::SubjectAlternativeName(_) => Some(()),
                    _ => None,
                });
            assert!(san.is_some(), "the CSR has SANs");
            let raw = info
                .attributes()
                .iter()
                .flat_map(|a| match a.parsed_attribute() {
                    x509_parser::cri_attributes::ParsedCriAttribute::ExtensionRequest(r) => {
                        r.extensions.iter().collect::<Vec<_>>()
                    }
                    _ => Vec::new(),
                })
                .find(|e| e.oid.to_id_string() == "2.5.29.17")
                .expect("SAN extension")
                .value
                .to_vec();
            params
                .custom_extensions
                .push(rcgen::CustomExtension::from_oid_content(
                    &[2, 5, 29, 17],
                    raw,
                ));
        } else {
            for d in &issue.dns {
                params
                    .subject_alt_names
                    .push(rcgen::SanType::DnsName(d.clone().try_into().expect("ia5")));
            }
        }
        let issuer = rcgen::Issuer::from_params(&self.params, &self.key);
        params.signed_by(&spki, &issuer).expect("signed").pem()
    }
}

/// A CSR's public key, for rcgen to certify.
struct CsrKey {
    raw: Vec<u8>,
    alg: &'static rcgen::SignatureAlgorithm,
}

impl CsrKey {
    fn of(spki: &x509_parser::x509::SubjectPublicKeyInfo<'_>) -> CsrKey {
        let rsa = spki.algorithm.algorithm.to_id_string() == "1.2.840.113549.1.1.1";
        let curve = spki
            .algorithm
            .parameters
            .as_ref()
            .and_then(|p| p.as_oid().ok())
            .map(|o| o.to_id_string());
        let alg = match curve.as_deref() {
            _ if rsa => &rcgen::PKCS_RSA_SHA256,
            None => &rcgen::PKCS_RSA_SHA256,
            Some("1.2.840.10045.3.1.7") => &rcgen::PKCS_ECDSA_P256_SHA256,
            Some("1.3.132.0.34") => &rcgen::PKCS_ECDSA_P384_SHA384,
            Some("1.3.132.0.35") => &rcgen::PKCS_ECDSA_P521_SHA512,
            Some(other) => panic!("curve {other}"),
        };
        CsrKey {
            raw: spki.subject_public_key.data.to_vec(),
            alg,
        }
    }
}

impl rcgen::PublicKeyData for CsrKey {
    fn der_bytes(&self) -> &[u8] {
        &self.raw
    }
    fn algorithm(&self) -> &'static rcgen::SignatureAlgorithm {
        self.alg
    }
}

/// Starts `sancsr generate DEPLOYMENT --out-dir OUT [extra]` with a test
/// pause point (`SANCSR_TEST_PAUSE_BEFORE_WRITE` or `…_MID_WRITE`) set to
/// `marker`, and returns it once it waits there. Its standard error is
/// piped, its standard output dropped.
pub fn generate_paused(
    deployment: &std::path::Path,
    out: &std::path::Path,
    extra: &[&str],
    hook: &str,
    marker: &std::path::Path,
) -> std::process::Child {
    use std::process::Stdio;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("sancsr"))
        .arg("generate")
        .arg(deployment)
        .arg("--out-dir")
        .arg(out)
        .args(extra)
        .env(hook, marker)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = std::time::Instant::now();
    while !marker.exists() {
        assert!(
            child.try_wait().expect("wait").is_none(),
            "generate ended before the pause point"
        );
        assert!(
            start.elapsed() < std::time::Duration::from_secs(120),
            "never paused"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child
}

/// `sancsr plan - ARGS` with `text` on standard input: (exit code, stdout,
/// stderr).
pub fn plan_stdin(text: &str, args: &[&str]) -> (i32, String, String) {
    let out = sancsr()
        .args(["plan", "-"])
        .args(args)
        .write_stdin(text.to_owned())
        .output()
        .expect("runs");
    (
        out.status.code().expect("code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `sancsr check DEPLOYMENT FILE ARGS --format json`: the exit code and the
/// code of each finding, in order.
pub fn check_codes(
    deployment: &std::path::Path,
    file: &std::path::Path,
    args: &[&str],
) -> (i32, Vec<String>) {
    let out = sancsr()
        .arg("check")
        .arg(deployment)
        .arg(file)
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let codes = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().expect("code").to_owned())
        .collect();
    (out.status.code().expect("exit code"), codes)
}

/// A self-signed certificate for the check deployment's Expressway-E peer
/// expe1 (CN `expe.example.com`, its three planned DNS names), made by
/// `openssl req -x509` with `args` (the key: `-newkey rsa:2048`; a digest,
/// extensions), valid 300 days: `dir/<name>.pem`, its key `dir/<name>.key`.
pub fn expe_self_signed(dir: &std::path::Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(format!("{name}.pem"));
    let key = dir.join(format!("{name}.key"));
    let mut all = vec!["req", "-x509", "-nodes", "-days", "300"];
    all.extend(args);
    all.extend([
        "-subj",
        "/CN=expe.example.com",
        "-addext",
        "subjectAltName=DNS:expe.example.com,DNS:expe1.example.com,DNS:collab-edge.example.com",
        "-keyout",
        key.to_str().expect("utf8"),
        "-out",
        out.to_str().expect("utf8"),
    ]);
    openssl(&all);
    out
}

/// Whether `openssl verify ARGS` accepts the chain: OpenSSL's verdict, to
/// set beside sancsr's.
pub fn openssl_verifies<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> bool {
    std::process::Command::new("openssl")
        .arg("verify")
        .args(args)
        .output()
        .expect("openssl runs")
        .status
        .success()
}
