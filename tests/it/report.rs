//! `sancsr report` (#28): one self-contained HTML page. Read back by
//! Python's HTML parser (tests/fixtures/report/parse.py) and, in
//! `estate.rs`, by headless Chromium.

use crate::common::{example, fixture, sancsr};
use serde_json::Value;
use std::path::Path;

/// `sancsr report ARGS`: exit code, stdout, stderr.
pub(crate) fn report(args: &[&str], dir: Option<&Path>) -> (i32, String, String) {
    let mut command = sancsr();
    command.arg("report").args(args);
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let out = command.output().expect("runs");
    (
        out.status.code().expect("code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What Python's HTML parser reads in `html`.
pub(crate) fn parse(html: &str) -> Value {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("page.html");
    std::fs::write(&page, html).expect("write");
    let out = std::process::Command::new("python3")
        .arg(fixture("report/parse.py"))
        .arg(&page)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_owned())
        .collect()
}

/// The snapshot form: one element per line, the clock's time out.
fn for_snapshot(html: &str, file: &str) -> String {
    let html = html.replace(file, "EXAMPLE");
    let start = html.find("<dt>Report made</dt><dd>").expect("made") + 24;
    let end = start + html[start..].find("</dd>").expect("end");
    let html = format!("{}(time){}", &html[..start], &html[end..]);
    let body = html.split("</style>").nth(1).expect("body");
    body.replace("><", ">\n<")
}

#[test]
fn report_of_the_shipped_examples() {
    for name in ["uc-estate", "full-cluster"] {
        let file = example(&format!("{name}.toml"));
        let file = file.to_str().expect("path");
        let (code, html, stderr) = report(&[file, "--now", "2026-12-01"], None);
        assert_eq!(code, 0, "{stderr}");
        insta::assert_snapshot!(format!("report-{name}"), for_snapshot(&html, file));
    }
}

/// Well formed, no script, no handler, nothing loaded from elsewhere; the
/// diagram has one lane per connection the deployment opens.
#[test]
fn the_page_loads_nothing_and_draws_the_connection_table() {
    let file = example("uc-estate.toml");
    let (code, html, _) = report(&[file.to_str().expect("path")], None);
    assert_eq!(code, 0);
    let page = parse(&html);
    assert_eq!(page["scripts"], 0);
    assert!(strings(&page["handlers"]).is_empty());
    assert!(
        strings(&page["external"]).is_empty(),
        "{}",
        page["external"]
    );
    assert!(
        strings(&page["unclosed"]).is_empty(),
        "{}",
        page["unclosed"]
    );
    assert!(html.contains("default-src 'none'"));
    let tags = strings(&page["tags"]);
    assert_eq!(
        tags.iter().filter(|t| *t == "svg").count(),
        1,
        "one diagram, no dates"
    );
    let lanes = strings(&page["connections"]);
    for present in [
        "traversal-zone",
        "unified-cm-sip",
        "im-presence-xmpp",
        "mra-clients",
        "xmpp-federation-in",
    ] {
        assert!(
            lanes.contains(&format!("{present} not-checked")),
            "{present}: {lanes:?}"
        );
    }
    for absent in ["jabber-guest", "b2b-sip-in"] {
        assert!(!lanes.iter().any(|l| l.starts_with(absent)), "{absent}");
    }
    // The header names the file by its SHA-256.
    let text = std::fs::read(&file).expect("example");
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &text);
    let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    assert!(page["text"].as_str().expect("text").contains(&hex));
    // Every code links to its rule within the page.
    assert!(html.contains("href=\"#rule-callmanager-renewal-order\""));
    assert!(html.contains("id=\"rule-callmanager-renewal-order\""));
}

/// Hostile text from a file name and a saved probe run (a host, a
/// message, a certificate subject): it comes out as text, never markup,
/// and controls and bidi overrides arrive as visible escapes.
#[test]
fn hostile_names_come_out_inert() {
    let dir = tempfile::tempdir().expect("tempdir");
    let name = "d<img src=x onerror=alert(1)>\"'\u{202e}.toml";
    std::fs::copy(example("uc-estate.toml"), dir.path().join(name)).expect("copy");
    let probe = serde_json::json!({
        "ok": false,
        "endpoints": [
            {
                "host": "<script>alert(2)</script>",
                "port": 8443,
                "service": "mra-clients",
                "reachable": false,
                "chain": [],
                "findings": [{ "code": "unreachable", "severity": "error",
                    "message": "\"><img src=x onerror=alert(3)>\u{1b}[2J\u{202e}" }]
            },
            {
                "host": "expe1.example.com",
                "port": 8443,
                "service": "mra-clients",
                "reachable": true,
                "chain": [{ "subject": "CN=</td><script>alert(4)</script>\u{7}", "not_after": "2027-01-01T00:00:00Z", "sha256": "00" }],
                "findings": [{ "code": "expired", "severity": "error",
                    "message": "<b onmouseover=alert(5)>x</b>", "fix": "'\"><svg onload=alert(6)>" }]
            }
        ]
    });
    std::fs::write(dir.path().join("probe.json"), probe.to_string()).expect("write");
    let (code, html, stderr) = report(&[name, "--probe", "probe.json"], Some(dir.path()));
    assert_eq!(code, 0, "{stderr}");
    let page = parse(&html);
    assert_eq!(page["scripts"], 0);
    assert!(
        strings(&page["handlers"]).is_empty(),
        "{}",
        page["handlers"]
    );
    assert!(
        strings(&page["external"]).is_empty(),
        "{}",
        page["external"]
    );
    let raw = html
        .chars()
        .find(|c| (c.is_control() && *c != '\n') || *c == '\u{202e}');
    assert!(raw.is_none(), "raw {raw:?}");
    let text = page["text"].as_str().expect("text");
    for shown in [
        "<img src=x onerror=alert(1)>",
        "onerror=alert(3)",
        "<script>alert(4)</script>",
        "onmouseover=alert(5)",
    ] {
        assert!(text.contains(shown), "{shown} is not shown as text");
    }
    // The failing endpoint marks its connection as failing.
    assert!(strings(&page["connections"]).contains(&"mra-clients fails".to_owned()));
}

#[test]
fn a_file_that_is_not_a_probe_run_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("p.json"), "{\"endpoints\": 3}").expect("write");
    let file = example("uc-estate.toml");
    let (code, html, stderr) = report(
        &[file.to_str().expect("path"), "--probe", "p.json"],
        Some(dir.path()),
    );
    assert_eq!(code, 2);
    assert!(html.is_empty());
    assert!(
        stderr.contains("--probe p.json: not a saved probe run"),
        "{stderr}"
    );
}
