//! What a certificate says is shown, never executed: control characters in
//! a subject or a SAN reach the terminal as escapes.

use crate::common::sancsr;
use tempfile::TempDir;
use x509_cert::ext::pkix::name::{GeneralName, OtherName};

/// A self-signed certificate whose CN and SANs carry terminal controls.
fn hostile() -> String {
    let key = rcgen::KeyPair::generate().expect("key");
    let mut p = rcgen::CertificateParams::default();
    p.distinguished_name.push(
        rcgen::DnType::CommonName,
        "e.example.com\u{1b}]0;pwned\u{7}",
    );
    p.subject_alt_names = vec![
        rcgen::SanType::DnsName("e.example.com".try_into().expect("ia5")),
        rcgen::SanType::DnsName(
            "x.example.com\nerror[forged]: Signature verifies\u{1b}[2J"
                .try_into()
                .expect("ia5"),
        ),
    ];
    p.self_signed(&key).expect("cert").pem()
}

fn assert_escaped(output: &[u8]) {
    let text = String::from_utf8_lossy(output);
    assert!(!output.contains(&0x1b), "raw ESC: {text}");
    assert!(!output.contains(&0x07), "raw BEL: {text}");
    assert!(
        !text.lines().any(|l| l.starts_with("error[forged]")),
        "a forged line: {text}"
    );
}

#[test]
fn inspect_check_and_trust_escape_control_characters() {
    let dir = TempDir::new().expect("tempdir");
    let cert = dir.path().join("hostile.pem");
    std::fs::write(&cert, hostile()).expect("write");
    let deployment = dir.path().join("d.toml");
    std::fs::write(&deployment, "[expressway_e]\npeers = [\"e.example.com\"]\n").expect("write");

    let out = sancsr().arg("inspect").arg(&cert).output().expect("runs");
    assert!(out.status.success());
    assert_escaped(&out.stdout);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("DNS:x.example.com\\nerror[forged]: Signature verifies\\x1b[2J"),
        "{text}"
    );
    assert!(text.contains("e.example.com\\x1b]0;pwned\\x07"), "{text}");

    let out = sancsr()
        .arg("check")
        .arg(&deployment)
        .arg(&cert)
        .output()
        .expect("runs");
    assert_escaped(&out.stdout);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\\x1b]0;pwned\\x07"));

    let out = sancsr().arg("trust").arg(&cert).output().expect("runs");
    assert_escaped(&out.stdout);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\\x1b]0;pwned\\x07"));

    // JSON stays JSON: serde escapes, and the value reads back whole.
    let out = sancsr()
        .args(["inspect", "--format", "json"])
        .arg(&cert)
        .output()
        .expect("runs");
    assert!(!out.stdout.contains(&0x1b));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        v["files"][0]["documents"][0]["common_names"][0],
        "e.example.com\u{1b}]0;pwned\u{7}"
    );
}

#[test]
fn a_typed_name_with_controls_is_escaped_in_the_error() {
    let out = sancsr()
        .args(["plan", "-"])
        .write_stdin("[expressway_e]\npeers = [\"e\\u001b[2J.example.com\"]\n")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !out.stderr.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("invalid name \"e\\x1b[2J.example.com\"")
    );
}

/// DER of a GeneralNames holding `names` (x509-cert, encoded by der).
pub(crate) fn general_names(names: Vec<GeneralName>) -> Vec<u8> {
    use der::Encode;
    names.to_der().expect("DER")
}

/// A dNSName.
pub(crate) fn dns_name(name: &str) -> GeneralName {
    GeneralName::DnsName(der::asn1::Ia5String::new(name).expect("IA5"))
}

/// A certificate for e.example.com with extra extensions, signed by itself.
pub(crate) fn with_extensions(
    cn: rcgen::DnValue,
    sans: Vec<rcgen::SanType>,
    extra: Vec<rcgen::CustomExtension>,
) -> String {
    let key = rcgen::KeyPair::generate().expect("key");
    let mut p = rcgen::CertificateParams::default();
    p.distinguished_name.push(rcgen::DnType::CommonName, cn);
    p.subject_alt_names = sans;
    p.custom_extensions = extra;
    p.self_signed(&key).expect("cert").pem()
}

/// (exit code, [(code, severity)]) of `check` on one certificate.
pub(crate) fn check(pem: &str) -> (i32, Vec<(String, String)>) {
    let dir = TempDir::new().expect("tempdir");
    let cert = dir.path().join("c.pem");
    std::fs::write(&cert, pem).expect("write");
    let deployment = dir.path().join("d.toml");
    std::fs::write(&deployment, "[expressway_e]\npeers = [\"e.example.com\"]\n").expect("write");
    let out = sancsr()
        .arg("check")
        .arg(&deployment)
        .arg(&cert)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let findings = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().expect("code").to_owned(),
                f["severity"].as_str().expect("severity").to_owned(),
            )
        })
        .collect();
    (out.status.code().expect("code"), findings)
}

pub(crate) fn dns(name: &str) -> rcgen::SanType {
    rcgen::SanType::DnsName(name.try_into().expect("ia5"))
}

pub(crate) const SAN: &[u64] = &[2, 5, 29, 17];

#[test]
fn two_san_extensions_are_an_error_not_a_merge() {
    let second = general_names(vec![dns_name("evil.example.com")]);
    let pem = with_extensions(
        "e.example.com".into(),
        vec![dns("e.example.com")],
        vec![rcgen::CustomExtension::from_oid_content(SAN, second)],
    );
    let (code, f) = check(&pem);
    assert_eq!(code, 1);
    assert!(
        f.contains(&("repeated-extension".into(), "error".into())),
        "{f:?}"
    );
}

#[test]
fn an_xmpp_othername_in_an_octet_string_is_misencoded() {
    // An XMPP address whose value is an OCTET STRING, not a UTF8String.
    let xmpp = GeneralName::OtherName(OtherName {
        type_id: der::asn1::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.8.5"),
        value: der::asn1::Any::new(der::Tag::OctetString, b"chat.example.com".to_vec())
            .expect("value"),
    });
    let san = general_names(vec![dns_name("e.example.com"), xmpp]);
    let pem = with_extensions(
        "e.example.com".into(),
        Vec::new(),
        vec![rcgen::CustomExtension::from_oid_content(SAN, san)],
    );
    let (code, f) = check(&pem);
    assert_eq!(code, 1);
    assert!(
        f.contains(&("misencoded-othername".into(), "error".into())),
        "{f:?}"
    );
}

#[test]
fn a_nul_in_a_dns_name_is_an_error() {
    let pem = with_extensions(
        "e.example.com".into(),
        vec![dns("e.example.com"), dns("good.example.com\0.evil.example")],
        Vec::new(),
    );
    let (code, f) = check(&pem);
    assert_eq!(code, 1);
    assert!(f.contains(&("nul-in-name".into(), "error".into())), "{f:?}");
}

#[test]
fn a_bmpstring_common_name_is_read() {
    let cn = rcgen::DnValue::BmpString("e.example.com".try_into().expect("bmp"));
    let pem = with_extensions(cn, vec![dns("e.example.com")], Vec::new());
    let (code, f) = check(&pem);
    assert_eq!(code, 0, "{f:?}");
    assert!(
        !f.iter()
            .any(|(c, _)| c == "missing-cn" || c == "cn-mismatch"),
        "{f:?}"
    );
}

/// A CA whose name carries terminal controls, a forged line and a bidi
/// override, and a leaf it issued for expe1.example.com.
fn hostile_ca() -> (crate::servers::Ca, crate::servers::Leaf) {
    let ca = crate::servers::Ca::root("evil\u{1b}]0;PWNED\u{7}\u{1b}[2J\r\nFAIL forged\u{202e}");
    let leaf = ca.leaf(
        &["expe1.example.com", "expe.example.com", "example.com"],
        -1,
        300,
    );
    (ca, leaf)
}

/// No raw control character (but line ends) and no bidi override.
fn assert_clean(what: &str, output: &[u8]) {
    let text = String::from_utf8_lossy(output);
    let raw = text
        .chars()
        .find(|c| (c.is_control() && *c != '\n' && *c != '\t') || *c == '\u{202e}');
    assert!(raw.is_none(), "{what}: raw {raw:?} in {text}");
    assert!(
        !text.lines().any(|l| l.starts_with("FAIL forged")),
        "{what}: a forged line in {text}"
    );
}

/// The hostile CA through the commands added last round (#26): probe's
/// text (its issuer line used to be raw), `links` and `links --renewal`
/// (a raw CN), and the imports. Nothing of it reaches a terminal raw.
#[test]
fn a_hostile_ca_name_reaches_no_terminal_raw() {
    let (ca, leaf) = hostile_ca();
    let tree = crate::links::tree(crate::links::Fault::None);
    let d = tree.path();
    std::fs::write(d.join("hostile-ca.pem"), &ca.pem).expect("write");
    std::fs::write(d.join("leaf.pem"), leaf.pem.clone() + &ca.pem).expect("write");
    std::fs::write(
        d.join("expe1.example.com/server.pem"),
        leaf.pem.clone() + &ca.pem,
    )
    .expect("write");
    let run = |args: &[&str]| {
        let out = sancsr().args(args).current_dir(d).output().expect("runs");
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    };
    run(&["links", "deployment.toml", ".", "--color", "never"]);
    run(&[
        "links",
        "deployment.toml",
        ".",
        "--renewal",
        "hostile-ca.pem",
    ]);
    run(&["import", "certificates", "leaf.pem", "hostile-ca.pem"]);
    run(&["inspect", "leaf.pem"]);
    run(&["trust", "hostile-ca.pem"]);
    std::fs::create_dir(d.join("keys")).expect("mkdir");
    std::fs::write(d.join("keys/expe1.example.com.key"), &leaf.key_pem).expect("write");
    let bundle = ["bundle", "deployment.toml", "leaf.pem", "--key-dir", "keys"];
    run(&[&bundle[..], &["--out-dir", "out", "--ca", "hostile-ca.pem"]].concat());
    run(&[&bundle[..], &["--out-dir", "untrusted"]].concat());
    // Both wrote (the second without trust checked), and what they wrote
    // is as clean as what they printed.
    // (Without --ca no trusted CA list is written, by design.)
    for written in [
        "out/expe1.example.com/server.pem",
        "out/expe1.example.com/trusted-ca.pem",
        "untrusted/expe1.example.com/server.pem",
    ] {
        let text = std::fs::read(d.join(written)).expect(written);
        assert_clean(written, &text);
    }
    run(&[
        "check",
        "deployment.toml",
        "leaf.pem",
        "--ca",
        "hostile-ca.pem",
    ]);
    let mut b = crate::servers::Behaviour::presenting(&leaf, &[]);
    b.chain.push(ca.der.clone());
    let server = crate::servers::start(b);
    let target = server.to_string();
    run(&[
        "probe",
        "--connect",
        &target,
        "--servername",
        "expe1.example.com",
    ]);
    run(&[
        "probe",
        "deployment.toml",
        "--role",
        "e",
        "--timeout",
        "3",
        "--resolve",
        &format!("expe1.example.com:443:{}", server.ip()),
        "--resolve",
        &format!("expe2.example.com:443:{}", server.ip()),
        "--port",
        &format!("443={}", server.port()),
    ]);
}

/// `import xconfiguration` with controls in a zone name and a domain (#26):
/// they used to reach the draft's comments raw, so the draft stopped being
/// TOML while the import exited 0. Now the draft is TOML and clean, or the
/// import refuses (exit 2).
#[test]
fn controls_in_a_dump_reach_no_draft_raw() {
    let dir = TempDir::new().expect("tempdir");
    let fixture = |name: &str| {
        std::fs::read_to_string(crate::common::fixture(&format!("xconfiguration/{name}")))
            .expect("fixture")
    };
    // The E's second traversal zone is named in a `# check:` comment.
    let e = fixture("expe1.txt").replace(
        "\"B2B Traversal\"",
        "\"B2B\u{1b}[2J\u{7}\u{0}\u{1}\u{7f} Traversal\"",
    );
    std::fs::write(dir.path().join("c.txt"), fixture("expc1.txt")).expect("write");
    std::fs::write(dir.path().join("e.txt"), e).expect("write");
    let out = sancsr()
        .args(["import", "xconfiguration", "c.txt", "e.txt"])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    assert_clean("stdout", &out.stdout);
    assert_clean("stderr", &out.stderr);
    match out.status.code() {
        Some(0) => {
            let draft = String::from_utf8_lossy(&out.stdout);
            toml::from_str::<toml::Table>(&draft).unwrap_or_else(|e| panic!("{e}\n{draft}"));
        }
        code => assert_eq!(code, Some(2)),
    }
}

/// A template name cannot write more than itself into an INF (#26): one
/// with `"\r\n[Extensions]…` used to add a section. It is refused (exit 2),
/// nothing written.
#[test]
fn a_template_name_cannot_inject_into_an_inf() {
    let dir = TempDir::new().expect("tempdir");
    let deployment = dir.path().join("d.toml");
    std::fs::write(&deployment, "[expressway_e]\npeers = [\"e.example.com\"]\n").expect("write");
    for name in [
        "Web\"\r\n[Extensions]\n_continue_ = \"dns=evil.example.com&\"",
        "Web;comment",
        "Web\u{1b}[2J",
    ] {
        let out = sancsr()
            .arg("export")
            .arg(&deployment)
            .args(["--to", "certreq", "--template", name, "--out-dir"])
            .arg(dir.path().join("out"))
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name:?}: {stderr}");
        assert!(stderr.contains("template name"), "{stderr}");
        assert_clean("stderr", &out.stderr);
        assert!(!dir.path().join("out").exists(), "nothing written");
    }
}
