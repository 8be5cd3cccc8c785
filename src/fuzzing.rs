//! The checks behind the fuzz targets (`fuzz/`), shared with the regression
//! test that replays saved inputs, so CI runs the same assertions without
//! libFuzzer.
#![doc(hidden)]

use crate::cisco::SanKind;
use crate::model::{Deployment, HostName, NameKind};
use crate::plan::Plan;
use crate::render;
use crate::report::Code;
use std::collections::HashSet;

/// Arbitrary bytes as a deployment file: loading, planning and every
/// renderer never panic, and a plan keeps its invariants.
pub fn deployment(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(deployment) = Deployment::parse("fuzz.toml", text) else {
        return;
    };
    let plan = Plan::build(&deployment);
    for c in &plan.certificates {
        // What the page values give is exactly what the plan shows.
        let preview = crate::plan::preview(&c.typed(), &c.box_facts()).expect("page values");
        let planned: Vec<&crate::model::AltName> = c.entries.iter().map(|e| &e.name).collect();
        assert_eq!(preview.iter().collect::<Vec<_>>(), planned, "{}", c.peer);
        let mut seen = HashSet::new();
        for e in &c.entries {
            // No name twice, ignoring case.
            assert!(seen.insert(&e.name), "duplicate {e}");
            // Derived names (collab-edge.…) may break the rule; the plan
            // then says so.
            if e.name.kind == SanKind::Dns
                && HostName::parse(&e.name.value, NameKind::Host).is_err()
            {
                assert!(
                    plan.findings
                        .iter()
                        .any(|f| f.code == Code::InvalidDerivedName)
                );
            }
        }
    }
    let _ = render::plan::text(&plan, render::style::Paint::PLAIN);
    let _ = render::plan::json(&plan);
    let _ = render::plan::grid(&plan);
    let _ = render::plan::markdown(&plan);
}

/// The name rule never panics, agrees with an independent statement of
/// the rule ([`reference_name_rule`]) on every input, and every refusal
/// explains itself.
pub fn names(data: &[u8]) {
    let Ok(name) = std::str::from_utf8(data) else {
        return;
    };
    for (kind, min_levels) in [
        (NameKind::Host, 1),
        (NameKind::Fqdn, 2),
        (NameKind::PhoneSecurityProfile, 2),
    ] {
        let ours = HostName::parse(name, kind);
        assert_eq!(
            ours.is_ok(),
            reference_name_rule(name, min_levels),
            "{name:?} as {kind:?}"
        );
        if let Err(e) = ours {
            assert!(!e.rule().is_empty());
            assert!(!e.fix(name).is_empty());
        }
    }
}

/// The Expressway name rule stated again, apart from `model::names`, as
/// Cisco words it: levels of letters, digits and hyphens separated by dots,
/// no level starting or ending with a hyphen, the final level starting with
/// a letter; RFC 1035's 63 bytes a level and 253 in all.
pub fn reference_name_rule(name: &str, min_levels: usize) -> bool {
    let levels: Vec<&[u8]> = name.as_bytes().split(|b| *b == b'.').collect();
    let level_ok = |l: &&[u8]| {
        (1..=63).contains(&l.len())
            && l.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
            && l.first() != Some(&b'-')
            && l.last() != Some(&b'-')
    };
    (1..=253).contains(&name.len())
        && levels.len() >= min_levels
        && levels.iter().all(level_ok)
        && levels
            .last()
            .and_then(|l| l.first())
            .is_some_and(u8::is_ascii_alphabetic)
}

/// Arbitrary bytes as a certificate or CSR file: read or refused, never a
/// panic; what is read renders; and a DER document read the same once
/// wrapped in PEM.
pub fn x509(data: &[u8]) {
    let Ok(contents) = crate::pki::parse_bytes("fuzz.der", data) else {
        return;
    };
    assert!(!contents.documents.is_empty());
    let _ = render::inspect::text(std::slice::from_ref(&contents));
    if !data.windows(11).any(|w| w == b"-----BEGIN ") {
        let label = match contents.documents[0].kind {
            crate::pki::Kind::Certificate => "CERTIFICATE",
            crate::pki::Kind::Csr => "CERTIFICATE REQUEST",
        };
        let text = pem::encode(&pem::Pem::new(label, data.to_vec()));
        let again = crate::pki::parse_bytes("fuzz.pem", text.as_bytes()).expect("PEM of DER read");
        assert_eq!(again.documents, contents.documents, "PEM and DER differ");
    }
    let _ = render::inspect::json(&[contents]);
}

/// Arbitrary bytes as a deployment file: every planned certificate becomes
/// a CSR in memory that reads back with a valid signature and exactly the
/// planned SANs, in order.
pub fn csr(data: &[u8]) {
    use std::sync::OnceLock;
    static KEY: OnceLock<rcgen::KeyPair> = OnceLock::new();
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(deployment) = Deployment::parse("fuzz.toml", text) else {
        return;
    };
    let key = KEY.get_or_init(|| rcgen::KeyPair::generate().expect("key"));
    let spec = crate::cisco::KeySpec {
        algorithm: crate::cisco::Algorithm::Ecdsa,
        size: 256,
        digest: crate::cisco::Digest::Sha256,
    };
    let plan = Plan::build(&deployment);
    if plan.has_errors() {
        return;
    }
    for c in plan.certificates.iter().take(4) {
        let pem = crate::pki::csr::build_csr(c, key, &spec).expect("a CSR for a valid plan");
        let read = crate::pki::parse_bytes("fuzz.csr", pem.as_bytes()).expect("CSR reads back");
        let doc = &read.documents[0];
        assert_eq!(doc.signature_valid, Some(true));
        let sans: Vec<String> = doc.sans.iter().map(ToString::to_string).collect();
        assert_eq!(sans, c.alternative_names());
    }
}

/// Arbitrary bytes wrapped as PEM certificate and CSR blocks (by the pem
/// crate), so the DER parsers behind the PEM decoder are reached.
pub fn x509_pem(data: &[u8]) {
    for label in ["CERTIFICATE", "CERTIFICATE REQUEST"] {
        let text = pem::encode(&pem::Pem::new(label, data.to_vec()));
        if let Ok(contents) = crate::pki::parse_bytes("fuzz.pem", text.as_bytes()) {
            let _ = render::inspect::json(&[contents]);
        }
    }
}

/// Arbitrary bytes as a PKCS#7 bundle (DER, and the same wrapped in PEM):
/// what it holds reads as the same certificates as their PEM, in any order.
pub fn pkcs7(data: &[u8]) {
    let Some(Ok(ders)) = crate::pki::bundle::certificates(data) else {
        return;
    };
    let Ok(bundle) = crate::pki::parse_bytes("fuzz.p7b", data) else {
        return;
    };
    let pem: String = ders
        .iter()
        .map(|d| pem::encode(&pem::Pem::new("CERTIFICATE", d.clone())))
        .collect();
    let Ok(listed) = crate::pki::parse_bytes("fuzz.pem", pem.as_bytes()) else {
        return;
    };
    let sorted = |docs: &[crate::pki::Document]| {
        let mut v: Vec<Vec<u8>> = docs.iter().map(|d| d.der.clone()).collect();
        v.sort();
        v
    };
    assert_eq!(sorted(&bundle.documents), sorted(&listed.documents));
    let text = pem::encode(&pem::Pem::new("PKCS7", data.to_vec()));
    if let Ok(wrapped) = crate::pki::parse_bytes("fuzz.p7b.pem", text.as_bytes()) {
        assert_eq!(sorted(&wrapped.documents), sorted(&bundle.documents));
    }
}

/// Arbitrary text as one Expressway's `xConfiguration` output: the draft
/// is a TOML document (a value never breaks out of its string or comment),
/// or the import refuses.
pub fn xconfiguration(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(config) = crate::import::xconfiguration::BoxConfig::read("fuzz.txt", text.to_owned())
    else {
        return;
    };
    let Ok(draft) = crate::import::xconf_draft::draft(&[config], &[]) else {
        return;
    };
    let toml_text = crate::import::toml(&draft, "fuzz.txt");
    toml::from_str::<toml::Table>(&toml_text)
        .unwrap_or_else(|e| panic!("the draft is not TOML: {e}\n{toml_text}"));
}

/// Arbitrary bytes as installed certificates: the draft is a TOML document
/// whose comments hold everything from outside, and it never has keys the
/// certificates cannot give (no `ca`, no `[findings]`).
pub fn import_certificates(data: &[u8]) {
    let Ok(contents) = crate::pki::parse_bytes("fuzz.pem", data) else {
        return;
    };
    let mut draft = crate::import::certificates::draft(&contents.documents);
    let _ = crate::import::compare(&mut draft, &contents.documents);
    let toml_text = crate::import::toml(&draft, "fuzz.pem");
    let table = toml::from_str::<toml::Table>(&toml_text)
        .unwrap_or_else(|e| panic!("the draft is not TOML: {e}\n{toml_text}"));
    assert!(
        !table.contains_key("ca") && !table.contains_key("findings"),
        "{toml_text}"
    );
}

/// Arbitrary bytes as a deployment file: every export (certreq INF,
/// OpenSSL configuration, cfssl JSON) of every planned certificate parses
/// as its format and writes only its own sections.
pub fn exports(data: &[u8]) {
    use crate::render::export::{Target, render};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(deployment) = Deployment::parse("fuzz.toml", text) else {
        return;
    };
    let plan = Plan::build(&deployment);
    for c in &plan.certificates {
        let (json, _) = render(Target::Cfssl, c, None);
        serde_json::from_str::<serde_json::Value>(&json).expect("cfssl JSON parses");
        let (inf, _) = render(Target::Certreq, c, Some("Template"));
        let sections: Vec<&str> = inf.lines().filter(|l| l.starts_with('[')).collect();
        for s in &sections {
            assert!(
                [
                    "[Version]",
                    "[NewRequest]",
                    "[EnhancedKeyUsageExtension]",
                    "[Extensions]",
                    "[RequestAttributes]"
                ]
                .contains(s),
                "an injected INF section {s}"
            );
        }
        let (cnf, _) = render(Target::Openssl, c, None);
        for line in cnf.lines().filter(|l| l.starts_with('[')) {
            assert!(
                line.trim_end().ends_with(']') && !line[1..].contains('['),
                "an injected section {line}"
            );
        }
    }
}

/// Arbitrary bytes as the files of a `links` folder: split at `0xFF 0x00`
/// into the certificates and trust lists of a C, an E, a Unified CM node
/// and an IM and Presence node. Every link is listed; one whose files are
/// unusable is `not-checked`, never passed; every finding names its link.
pub fn links_folder(data: &[u8]) {
    const DEPLOYMENT: &str = "features = [\"mobile-remote-access\"]\n\
        expressway_version = \"X15.5\"\n\
        [unified_cm]\nregistration_domains = [\"example.com\"]\nnodes = [\"cucm1.example.local\"]\n\
        [im_presence]\nnodes = [\"imp1.example.local\"]\n\
        [expressway_c]\npeers = [\"expc1.example.local\"]\n\
        traversal_peer_addresses = [\"expe1.example.com\"]\n\
        [expressway_e]\npeers = [\"expe1.example.com\"]\n\
        tls_verify_subject_name = \"expc1.example.local\"\n";
    const FILES: [&str; 12] = [
        "expc1.example.local/server.pem",
        "expc1.example.local/trusted-ca.pem",
        "expc1.example.local/client.pem",
        "expe1.example.com/server.pem",
        "expe1.example.com/trusted-ca.pem",
        "cucm1.example.local/tomcat.pem",
        "cucm1.example.local/CallManager.pem",
        "cucm1.example.local/tomcat-trust.pem",
        "cucm1.example.local/CallManager-trust.der",
        "imp1.example.local/tomcat.pem",
        "imp1.example.local/cup-xmpp.p7b",
        "imp1.example.local/cup-xmpp-trust.pem",
    ];
    let deployment = Deployment::parse("fuzz.toml", DEPLOYMENT).expect("the fixed deployment");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut chunks = data.split(|b| *b == 0xff).filter(|c| c.first() != Some(&0));
    for file in FILES {
        let Some(chunk) = chunks.next() else { break };
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, chunk).expect("write");
    }
    let checked = crate::audit::links::check_all(&deployment, dir.path(), 0);
    assert_eq!(checked.len(), crate::audit::links::links(&deployment).len());
    for c in &checked {
        if !c.checked {
            assert!(c.findings.iter().any(|f| f.code == Code::NotChecked));
            assert!(!c.ok());
        }
        assert!(c.findings.iter().all(|f| f.link.is_some()), "{}", c.link);
    }
}

/// The server's side of a connection, from memory: reads come from the
/// fuzz input, writes are kept to check what sancsr sent. A read ends
/// after a `>`, as a real XMPP server's replies arrive element by element
/// (it sends `<proceed/>` and waits for the ClientHello), so the reader
/// never swallows the TLS bytes that follow; TLS records cope with any
/// split.
struct Replay<'a> {
    from_server: &'a [u8],
    read: usize,
    sent: Vec<u8>,
}

impl std::io::Read for Replay<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let rest = &self.from_server[self.read..];
        let n = rest.len().min(buffer.len());
        let n = rest[..n]
            .iter()
            .position(|b| *b == b'>')
            .map_or(n, |at| at + 1);
        buffer[..n].copy_from_slice(&rest[..n]);
        self.read += n;
        Ok(n)
    }
}

impl std::io::Write for Replay<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.sent.extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Arbitrary bytes as what a server sends to `probe`: the first byte picks
/// straight TLS, XMPP client or XMPP server STARTTLS; the rest is the
/// server's side. The XMPP reader reads a bounded prelude, sends only its
/// own two messages (nothing of the server's echoes back), succeeds only
/// on `<proceed`; a captured chain is certificates the server really sent.
/// Says whether a chain was captured (the seeds' replay checks they reach
/// that far).
pub fn probe_capture(data: &[u8]) -> bool {
    use crate::cisco::StartTls;
    use crate::probe::{tls, xmpp};
    let Some((&mode, from_server)) = data.split_first() else {
        return false;
    };
    let starttls = match mode % 3 {
        0 => None,
        1 => Some(StartTls::XmppClient),
        _ => Some(StartTls::XmppServer),
    };
    if let Some(kind) = starttls {
        let mut replay = Replay {
            from_server,
            read: 0,
            sent: Vec::new(),
        };
        let negotiated = xmpp::negotiate(&mut replay, kind, "example.com");
        assert!(
            replay.read <= 2 * (xmpp::MAX_PRELUDE + 4096),
            "read {}",
            replay.read
        );
        // Exactly the stream header, then at most `<starttls/>`.
        let sent = String::from_utf8(replay.sent).expect("sancsr sends text");
        let header_end = sent.find("'>").expect("a stream header") + 2;
        assert!(sent.starts_with("<?xml version='1.0'?><stream:stream to='example.com'"));
        let rest = &sent[header_end..];
        assert!(
            rest.is_empty() || rest.starts_with("<starttls xmlns="),
            "{rest}"
        );
        assert_eq!(rest.matches('<').count(), usize::from(!rest.is_empty()));
        if negotiated.is_ok() {
            assert!(String::from_utf8_lossy(&from_server[..replay.read]).contains("<proceed"));
        }
    }
    let mut replay = Replay {
        from_server,
        read: 0,
        sent: Vec::new(),
    };
    let Ok(capture) = tls::over(&mut replay, starttls, "example.com", "expe1.example.com") else {
        return false;
    };
    assert!(!capture.chain.is_empty());
    for certificate in &capture.chain {
        assert!(
            from_server
                .windows(certificate.len())
                .any(|w| w == certificate.as_slice()),
            "a captured certificate the server did not send"
        );
    }
    true
}
