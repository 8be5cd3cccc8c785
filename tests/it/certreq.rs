//! `export --to certreq`: the INF, parsed as certreq reads it (sections,
//! `key = value`, `_continue_` lines, `;` comments; Microsoft, *certreq*),
//! carries every planned DNS SAN in order, the planned EKU OIDs, the key
//! and the template; otherName entries are warnings.

use crate::common::{example, plan_json, sancsr};
use std::collections::BTreeMap;
use tempfile::TempDir;

/// An INF: section → ordered (key, value) pairs, values unquoted.
type Inf = BTreeMap<String, Vec<(String, String)>>;

fn parse(text: &str) -> Inf {
    let mut inf = Inf::new();
    let mut section = String::new();
    for line in text.lines() {
        let line = strip_comment(line).trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_owned();
            inf.entry(section.clone()).or_default();
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("not key = value: {line}"));
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        inf.entry(section.clone())
            .or_default()
            .push((key.trim().to_owned(), value.replace("\"\"", "\"")));
    }
    inf
}

/// A `;` outside quotes starts a comment.
fn strip_comment(line: &str) -> &str {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => return &line[..i],
            _ => {}
        }
    }
    line
}

fn values<'a>(inf: &'a Inf, section: &str, key: &str) -> Vec<&'a str> {
    inf.get(section)
        .into_iter()
        .flatten()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect()
}

#[test]
fn every_certificate_gets_an_inf_with_its_sans_ekus_and_template() {
    for (name, expected_files) in [("full-cluster.toml", 4), ("x15-5-public-edge.toml", 3)] {
        let dir = TempDir::new().expect("tempdir");
        let out = sancsr()
            .args(["export"])
            .arg(example(name))
            .args([
                "--to",
                "certreq",
                "--template",
                "ExpresswayServerClient",
                "--client-template",
                "ExpresswayClient",
                "--out-dir",
            ])
            .arg(dir.path())
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let plan = plan_json(&[example(name).to_str().expect("utf8")]);
        let certificates = plan["certificates"].as_array().expect("certificates");
        assert_eq!(certificates.len(), expected_files);
        for c in certificates {
            let stem = match c["eku"].as_str() {
                Some("server") => format!("{}.server", c["peer"].as_str().expect("peer")),
                Some("client") => format!("{}.client", c["peer"].as_str().expect("peer")),
                _ => c["peer"].as_str().expect("peer").to_owned(),
            };
            let text =
                std::fs::read_to_string(dir.path().join(format!("{stem}.inf"))).expect("inf");
            let inf = parse(&text);
            assert_eq!(values(&inf, "Version", "Signature"), ["$Windows NT$"]);
            assert_eq!(values(&inf, "NewRequest", "RequestType"), ["PKCS10"]);
            let subject = values(&inf, "NewRequest", "Subject")[0];
            assert!(
                subject.starts_with(&format!("CN={},", c["common_name"].as_str().expect("cn"))),
                "{subject}"
            );
            assert_eq!(
                values(&inf, "NewRequest", "KeyLength"),
                [c["key"]["size"].to_string()]
            );
            // Every planned DNS name, in plan order, as dns= in the SAN text.
            let planned: Vec<String> = c["entries"]
                .as_array()
                .expect("entries")
                .iter()
                .filter(|e| e["format"] == "DNS")
                .map(|e| format!("dns={}&", e["value"].as_str().expect("v")))
                .collect();
            assert_eq!(values(&inf, "Extensions", "2.5.29.17"), ["{text}"]);
            assert_eq!(values(&inf, "Extensions", "_continue_"), planned, "{stem}");
            let ekus = values(&inf, "EnhancedKeyUsageExtension", "OID");
            // A client certificate requests both EKUs (TAC 225693's
            // working case; docs/cisco-rules.md).
            let expected: &[&str] = match c["eku"].as_str() {
                Some("server") => &["1.3.6.1.5.5.7.3.1"],
                _ => &["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"],
            };
            assert_eq!(ekus, expected, "{stem}");
            // --template for private-CA requests, --client-template for
            // X15.5 client certificates, none for a public CA's (#25).
            let template: &[&str] = match (c["ca"].as_str(), c["eku"].as_str()) {
                (Some("public"), _) => &[],
                (_, Some("client")) => &["ExpresswayClient"],
                _ => &["ExpresswayServerClient"],
            };
            assert_eq!(
                values(&inf, "RequestAttributes", "CertificateTemplate"),
                template,
                "{stem}"
            );
            if template.is_empty() {
                assert!(text.contains("a public CA signs this request"), "{text}");
            }
        }
    }
}

/// An XMPP or SRV entry cannot be written in certreq's SAN text: a warning
/// names it.
#[test]
fn othername_entries_are_warned_about() {
    let dir = TempDir::new().expect("tempdir");
    let deployment = r#"features = ["mobile-remote-access", "xmpp-federation"]
[unified_cm]
registration_domains = ["example.com"]
[xmpp_federation]
domains = ["example.com"]
[expressway_e]
peers = ["expe1.example.com"]
registration_domain_format = "srv"
xmpp_federation_domain_format = "xmpp-address"
"#;
    std::fs::write(dir.path().join("d.toml"), deployment).expect("write");
    let out = sancsr()
        .args(["export", "d.toml", "--to", "certreq", "--out-dir", "inf"])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("warning[certreq-no-othername]"), "{stderr}");
    assert!(
        stderr.contains("SRV:_collab-edge._tls.example.com, XMPP:example.com"),
        "{stderr}"
    );
    let inf =
        parse(&std::fs::read_to_string(dir.path().join("inf/expe1.example.com.inf")).expect("inf"));
    assert_eq!(
        values(&inf, "Extensions", "_continue_"),
        ["dns=expe1.example.com&"]
    );
    assert!(
        !inf.contains_key("RequestAttributes"),
        "no template asked for"
    );
    // A template for another target is a usage error.
    let out = sancsr()
        .args(["export", "d.toml", "--to", "openssl", "--template", "X"])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}
