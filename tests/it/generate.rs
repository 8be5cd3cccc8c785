//! `sancsr generate`: real CSRs and keys, read back by two independent
//! readers (x509-parser in-process and the openssl binary), and the file
//! safety rules.

use crate::common::{example, listing, openssl, sancsr};
use predicates::prelude::*;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use tempfile::TempDir;
use x509_parser::asn1_rs::Any;
use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::prelude::FromDer;
use x509_parser::public_key::PublicKey;

/// What x509-parser reads out of a CSR.
#[derive(Debug, Default)]
struct ReadBack {
    subject: String,
    sans: Vec<String>,
    digital_signature: bool,
    key_encipherment: bool,
    server_auth: bool,
    client_auth: bool,
    rsa_bits: Option<usize>,
    ec_point_len: Option<usize>,
    signature_oid: String,
}

fn read_csr(path: &Path) -> ReadBack {
    let pem_text = std::fs::read(path).expect("csr file");
    let (_, pem) = x509_parser::pem::parse_x509_pem(&pem_text).expect("PEM");
    assert_eq!(pem.label, "CERTIFICATE REQUEST");
    let (rest, csr) = X509CertificationRequest::from_der(&pem.contents).expect("PKCS#10 DER");
    assert!(rest.is_empty(), "trailing bytes after the CSR");
    let info = &csr.certification_request_info;
    if csr.signature_algorithm.algorithm.to_id_string() == "1.2.840.10045.4.3.4" {
        // x509-parser's verifier has no ecdsa-with-SHA512 (P-521); verify
        // with aws-lc-rs over the raw request info instead.
        let key = aws_lc_rs::signature::UnparsedPublicKey::new(
            &aws_lc_rs::signature::ECDSA_P521_SHA512_ASN1,
            info.subject_pki.subject_public_key.data.as_ref(),
        );
        key.verify(info.raw, csr.signature_value.data.as_ref())
            .expect("P-521 CSR self-signature verifies");
    } else {
        csr.verify_signature().expect("CSR self-signature verifies");
    }
    let mut out = ReadBack {
        subject: info.subject.to_string(),
        signature_oid: csr.signature_algorithm.algorithm.to_id_string(),
        ..ReadBack::default()
    };
    match info.subject_pki.parsed().expect("public key") {
        PublicKey::RSA(rsa) => out.rsa_bits = Some(rsa.key_size()),
        PublicKey::EC(point) => out.ec_point_len = Some(point.data().len()),
        other => panic!("unexpected key {other:?}"),
    }
    for ext in csr.requested_extensions().expect("extension request") {
        match ext {
            ParsedExtension::SubjectAlternativeName(san) => {
                for name in &san.general_names {
                    out.sans.push(match name {
                        GeneralName::DNSName(d) => format!("DNS:{d}"),
                        GeneralName::OtherName(oid, value) => {
                            other_name(&oid.to_id_string(), value)
                        }
                        other => panic!("unexpected SAN {other:?}"),
                    });
                }
            }
            ParsedExtension::KeyUsage(ku) => {
                out.digital_signature = ku.digital_signature();
                out.key_encipherment = ku.key_encipherment();
            }
            ParsedExtension::ExtendedKeyUsage(eku) => {
                out.server_auth = eku.server_auth;
                out.client_auth = eku.client_auth;
            }
            other => panic!("unexpected extension {other:?}"),
        }
    }
    out
}

/// otherName value: `[0] EXPLICIT` around an IA5String (tag 22, SRVName) or
/// UTF8String (tag 12, XmppAddr).
fn other_name(oid: &str, value: &[u8]) -> String {
    let (_, explicit) = Any::from_der(value).expect("[0] EXPLICIT");
    assert_eq!(explicit.tag().0, 0);
    let (_, inner) = Any::from_der(explicit.data).expect("inner string");
    let text = std::str::from_utf8(inner.data).expect("text").to_owned();
    match (oid, inner.tag().0) {
        ("1.3.6.1.5.5.7.8.7", 22) => format!("SRV:{text}"),
        ("1.3.6.1.5.5.7.8.5", 12) => format!("XMPP:{text}"),
        other => panic!("unexpected otherName {other:?}"),
    }
}

fn deployment(key: &str) -> String {
    format!(
        "features = [\"mobile-remote-access\", \"xmpp-federation\"]\n\
         [unified_cm]\nregistration_domains = [\"tbtp.local\", \"example.com\"]\n\
         [im_presence]\nchat_node_aliases = [\"chatnode1.example.com\"]\n\
         [xmpp_federation]\ndomains = [\"example.com\"]\n\
         [expressway_e]\npeers = [\"expe.example.com\"]\n\
         registration_domain_format = \"srv\"\nchat_node_alias_format = \"xmpp-address\"\n\
         [subject]\norganization = \"Example Inc\"\norganizational_unit = \"Collaboration\"\n\
         locality = \"San Jose\"\nstate = \"California\"\ncountry = \"us\"\n\
         [key]\n{key}\n"
    )
}

const SANS: &[&str] = &[
    "DNS:expe.example.com",
    "SRV:_collab-edge._tls.tbtp.local",
    "SRV:_collab-edge._tls.example.com",
    "DNS:example.com",
    "XMPP:chatnode1.example.com",
];

fn generate(dir: &Path, text: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    sancsr()
        .args(["generate", "-", "--out-dir"])
        .arg(dir)
        .args(extra)
        .write_stdin(text.to_owned())
        .assert()
}

/// Every key kind and digest, read back by x509-parser and by openssl.
#[test]
fn every_key_kind_and_digest_reads_back_in_both_readers() {
    // (key table, rsa bits, ec point length, signature OID, openssl's name)
    type Case = (
        &'static str,
        Option<usize>,
        Option<usize>,
        &'static str,
        &'static str,
    );
    let cases: &[Case] = &[
        // (key table, rsa bits, ec point length, signature OID, openssl's name)
        (
            "algorithm = \"rsa\"\nsize = 2048\ndigest = \"sha256\"",
            Some(2048),
            None,
            "1.2.840.113549.1.1.11",
            "sha256WithRSAEncryption",
        ),
        (
            "algorithm = \"rsa\"\nsize = 3072\ndigest = \"sha384\"",
            Some(3072),
            None,
            "1.2.840.113549.1.1.12",
            "sha384WithRSAEncryption",
        ),
        (
            "algorithm = \"rsa\"\nsize = 4096\ndigest = \"sha512\"",
            Some(4096),
            None,
            "1.2.840.113549.1.1.13",
            "sha512WithRSAEncryption",
        ),
        (
            "algorithm = \"ecdsa\"\nsize = 256",
            None,
            Some(65),
            "1.2.840.10045.4.3.2",
            "ecdsa-with-SHA256",
        ),
        (
            "algorithm = \"ecdsa\"\nsize = 384",
            None,
            Some(97),
            "1.2.840.10045.4.3.3",
            "ecdsa-with-SHA384",
        ),
        (
            "algorithm = \"ecdsa\"\nsize = 521\ndigest = \"sha512\"",
            None,
            Some(133),
            "1.2.840.10045.4.3.4",
            "ecdsa-with-SHA512",
        ),
    ];
    for (key, rsa_bits, ec_len, sig_oid, sig_name) in cases {
        let dir = TempDir::new().expect("tempdir");
        generate(dir.path(), &deployment(key), &[]).success();
        let csr = dir.path().join("expe.example.com.csr");
        let key_file = dir.path().join("expe.example.com.key");

        // Reader 1: x509-parser.
        let got = read_csr(&csr);
        assert_eq!(got.sans, SANS, "{key}");
        assert_eq!(
            got.subject,
            "C=US, ST=California, L=San Jose, O=Example Inc, OU=Collaboration, CN=expe.example.com"
        );
        assert_eq!(got.rsa_bits, *rsa_bits, "{key}");
        assert_eq!(got.ec_point_len, *ec_len, "{key}");
        assert_eq!(got.signature_oid, *sig_oid, "{key}");
        assert!(got.digital_signature);
        assert_eq!(
            got.key_encipherment,
            rsa_bits.is_some(),
            "{key}: keyEncipherment only for RSA"
        );
        assert!(got.server_auth && got.client_auth, "{key}: EKU");

        // Reader 2: the openssl binary.
        let csr_s = csr.to_str().expect("utf8");
        let text = openssl(&["req", "-in", csr_s, "-verify", "-noout", "-text"]);
        assert!(text.contains(sig_name), "{key}: {text}");
        assert!(
            text.contains(
                "DNS:expe.example.com, othername: SRVName::_collab-edge._tls.tbtp.local, \
             othername: SRVName::_collab-edge._tls.example.com, DNS:example.com, \
             othername: XmppAddr::chatnode1.example.com"
            ),
            "{key}: {text}"
        );
        assert!(text.contains("TLS Web Server Authentication, TLS Web Client Authentication"));
        if rsa_bits.is_some() {
            assert!(
                text.contains("Digital Signature, Key Encipherment"),
                "{text}"
            );
        } else {
            assert!(text.contains("Digital Signature\n"), "{text}");
        }
        // The CSR's public key is the key file's.
        let from_csr = openssl(&["req", "-in", csr_s, "-noout", "-pubkey"]);
        let from_key = openssl(&["pkey", "-in", key_file.to_str().expect("utf8"), "-pubout"]);
        assert_eq!(from_csr, from_key, "{key}");
        // The key file is PKCS#8 PEM.
        let key_pem = std::fs::read_to_string(&key_file).expect("key");
        assert!(
            key_pem.starts_with("-----BEGIN PRIVATE KEY-----"),
            "{key_pem}"
        );
    }
}

#[test]
fn files_have_safe_modes_and_json_names_them() {
    let dir = TempDir::new().expect("tempdir");
    let out = sancsr()
        .args(["generate"])
        .arg(example("full-cluster.toml"))
        .args(["--role", "c", "--format", "json", "--out-dir"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let certs = v["certificates"].as_array().expect("certificates");
    assert_eq!(certs.len(), 2);
    for c in certs {
        assert_eq!(c["role"], "expressway-c");
        let key = Path::new(c["key"].as_str().expect("key"));
        let csr = Path::new(c["csr"].as_str().expect("csr"));
        assert_eq!(
            std::fs::metadata(key).expect("key").permissions().mode() & 0o777,
            0o600
        );
        let csr_mode = std::fs::metadata(csr).expect("csr").permissions().mode();
        assert_eq!(csr_mode & 0o022, 0, "csr writable by others");
        assert_eq!(
            read_csr(csr).sans,
            c["alternative_names"]
                .as_array()
                .expect("names")
                .iter()
                .map(|s| s.as_str().expect("str").to_owned())
                .collect::<Vec<_>>()
        );
    }
    assert_eq!(
        listing(dir.path()),
        [
            "expc1.example.local.csr",
            "expc1.example.local.key",
            "expc2.example.local.csr",
            "expc2.example.local.key"
        ]
    );
}

#[test]
fn never_overwrites_without_force_and_replaces_atomically_with_it() {
    let dir = TempDir::new().expect("tempdir");
    let text = deployment("algorithm = \"ecdsa\"");
    generate(dir.path(), &text, &[]).success();
    let key = dir.path().join("expe.example.com.key");
    let first = std::fs::read_to_string(&key).expect("key");

    generate(dir.path(), &text, &[])
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("already exist"))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&key).expect("key"),
        first,
        "key untouched"
    );

    generate(dir.path(), &text, &["--force"]).success();
    let second = std::fs::read_to_string(&key).expect("key");
    assert_ne!(second, first, "--force wrote a new key");
    assert_eq!(
        std::fs::metadata(&key).expect("key").permissions().mode() & 0o777,
        0o600
    );
    let files = listing(dir.path());
    assert_eq!(files.len(), 3, "no temporary files left: {files:?}");
    assert_eq!(files[..2], ["expe.example.com.csr", "expe.example.com.key"]);
    assert!(files[2].starts_with("expe.example.com.key.") && files[2].ends_with(".bak"));
}

#[test]
fn an_existing_file_for_one_peer_stops_every_peer() {
    let dir = TempDir::new().expect("tempdir");
    std::fs::write(dir.path().join("expe2.example.com.csr"), "keep me").expect("write");
    sancsr()
        .arg("generate")
        .arg(example("full-cluster.toml"))
        .arg("--out-dir")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expe2.example.com.csr already exists",
        ));
    assert_eq!(listing(dir.path()), ["expe2.example.com.csr"]);
}

#[test]
fn a_directory_where_a_key_goes_is_refused_even_with_force() {
    let dir = TempDir::new().expect("tempdir");
    std::fs::create_dir(dir.path().join("expe2.example.com.key")).expect("mkdir");
    sancsr()
        .arg("generate")
        .arg(example("full-cluster.toml"))
        .args(["--force", "--out-dir"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    assert_eq!(listing(dir.path()), ["expe2.example.com.key"]);
}

#[test]
fn nothing_is_written_for_bad_input_or_a_failing_plan() {
    let dir = TempDir::new().expect("tempdir");
    let out = dir.path().join("out");
    // An invalid name.
    generate(
        &out,
        "[expressway_e]\npeers = [\"bad_name.example.com\"]\n",
        &[],
    )
    .code(2)
    .stderr(predicate::str::contains("invalid name"));
    // A cross-certificate error.
    let text = std::fs::read_to_string(example("full-cluster.toml"))
        .expect("read")
        .replace(
            "\"expe1.example.com\", \"expe2.example.com\"]\n\n[expressway_e]",
            "\"expe9.example.com\"]\n\n[expressway_e]",
        );
    generate(&out, &text, &[])
        .code(2)
        .stderr(predicate::str::contains("traversal-peer-address-missing"))
        .stderr(predicate::str::contains("nothing was written"));
    assert!(listing(&out).is_empty(), "{:?}", listing(&out));
}

#[test]
fn an_unwritable_output_directory_fails_cleanly() {
    let dir = TempDir::new().expect("tempdir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    generate(&file.join("sub"), &deployment("algorithm = \"ecdsa\""), &[])
        .code(1)
        .stderr(predicate::str::contains("cannot write"));
    assert_eq!(listing(dir.path()), ["a-file"]);
}

#[test]
fn key_reuse_with_pkcs8_pkcs1_and_sec1_keys() {
    let dir = TempDir::new().expect("tempdir");
    let keys = dir.path().join("keys");
    std::fs::create_dir(&keys).expect("mkdir");
    let k = |name: &str| keys.join(name).to_str().expect("utf8").to_owned();
    openssl(&[
        "genpkey",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        "rsa_keygen_bits:3072",
        "-out",
        &k("pkcs8.pem"),
    ]);
    openssl(&["genrsa", "-traditional", "-out", &k("pkcs1.pem"), "2048"]);
    openssl(&[
        "ecparam",
        "-name",
        "prime256v1",
        "-genkey",
        "-noout",
        "-out",
        &k("sec1.pem"),
    ]);
    assert!(
        std::fs::read_to_string(k("pkcs1.pem"))
            .expect("pem")
            .contains("BEGIN RSA PRIVATE KEY")
    );
    assert!(
        std::fs::read_to_string(k("sec1.pem"))
            .expect("pem")
            .contains("BEGIN EC PRIVATE KEY")
    );

    for (file, rsa_bits) in [
        ("pkcs8.pem", Some(3072)),
        ("pkcs1.pem", Some(2048)),
        ("sec1.pem", None),
    ] {
        let out = dir.path().join(file.replace(".pem", ""));
        let before = std::fs::read(k(file)).expect("key");
        let mtime = std::fs::metadata(k(file))
            .expect("meta")
            .modified()
            .expect("mtime");
        generate(
            &out,
            &deployment(""),
            &["--key", &k(file), "--format", "json"],
        )
        .success()
        .stdout(predicate::str::contains("\"key_reused\": true"));
        assert_eq!(
            listing(&out),
            ["expe.example.com.csr"],
            "no new key written"
        );
        assert_eq!(
            std::fs::read(k(file)).expect("key"),
            before,
            "given key never rewritten"
        );
        assert_eq!(
            std::fs::metadata(k(file))
                .expect("meta")
                .modified()
                .expect("mtime"),
            mtime
        );
        let csr = out.join("expe.example.com.csr");
        assert_eq!(read_csr(&csr).rsa_bits, rsa_bits);
        assert_eq!(
            openssl(&[
                "req",
                "-in",
                csr.to_str().expect("utf8"),
                "-noout",
                "-pubkey"
            ]),
            openssl(&["pkey", "-in", &k(file), "-pubout"]),
            "{file}: CSR public key equals the given key's"
        );
        openssl(&[
            "req",
            "-in",
            csr.to_str().expect("utf8"),
            "-verify",
            "-noout",
        ]);
    }
}

/// `sancsr generate examples/full-cluster.toml ARGS --out-dir OUT`.
fn generate_example(args: &[&str], out: &Path) -> assert_cmd::assert::Assert {
    sancsr()
        .arg("generate")
        .arg(example("full-cluster.toml"))
        .args(args)
        .arg("--out-dir")
        .arg(out)
        .assert()
}

#[test]
fn key_reuse_needs_exactly_one_certificate_and_a_strong_key() {
    let dir = TempDir::new().expect("tempdir");
    let weak = dir.path().join("weak.pem");
    let weak_s = weak.to_str().expect("utf8");
    openssl(&["genrsa", "-out", weak_s, "1024"]);
    let out = dir.path().join("out");
    generate_example(&["--key", weak_s], &out)
        .code(2)
        .stderr(predicate::str::contains("add --peer"));
    generate_example(&["--peer", "expe1.example.com", "--key", weak_s], &out)
        .code(2)
        .stderr(predicate::str::contains("this private key cannot be read"))
        .stderr(predicate::str::contains("RSA keys of 2048 bits or more"));
    let garbage = dir.path().join("garbage.pem");
    std::fs::write(&garbage, "not a key").expect("write");
    let garbage_s = garbage.to_str().expect("utf8");
    generate_example(&["--peer", "expe1.example.com", "--key", garbage_s], &out)
        .code(2)
        .stderr(predicate::str::contains(
            "this file holds no PEM private key",
        ));
    assert!(listing(&out).is_empty());
}

#[test]
fn text_output_lists_paths_and_reminds_to_restart() {
    let dir = TempDir::new().expect("tempdir");
    generate(dir.path(), &deployment("algorithm = \"ecdsa\""), &[])
        .success()
        .stdout(predicate::str::contains(
            "Expressway-E expe.example.com (ECDSA P-256)",
        ))
        .stdout(predicate::str::contains("expe.example.com.key"))
        .stdout(predicate::str::contains("SRV:_collab-edge._tls.tbtp.local"))
        .stdout(predicate::str::contains("restart the Expressway"))
        .stderr(predicate::str::contains("warning[xmpp-address-format]"));
}
