//! `sancsr probe` output: text, JSON (README, "JSON shapes") and a
//! Prometheus node-exporter textfile.

use crate::audit::chain;
use crate::pki::{Document, FileContents};
use crate::probe::judge::Judged;
use crate::render::style::Paint;
use crate::report::{Allowed, Finding, Severity, has_errors};
use serde::Serialize;
use std::fmt::Write as _;

/// One line per endpoint: status, days left, issuer; then its findings.
pub(crate) fn text(judged: &[Judged], now: i64, allowed: Allowed, paint: Paint) -> String {
    let mut out = String::new();
    for j in judged {
        let e = &j.outcome.endpoint;
        let status = status(j, paint);
        let detail = match j.chain.first() {
            Some(leaf) => format!(
                "{}, issued by {}",
                days_left(leaf, now),
                super::escape(leaf.issuer.as_deref().unwrap_or("?"))
            ),
            None => "no certificate".into(),
        };
        let _ = writeln!(
            out,
            "{status}  {}:{} {}  {detail}",
            super::escape(&e.host),
            e.port,
            e.service
        );
        findings(&mut out, &j.findings, paint);
    }
    let failed = judged.iter().filter(|j| has_errors(&j.findings)).count();
    let _ = writeln!(out, "\n{} endpoints, {failed} with errors", judged.len());
    out.push_str(&super::allowed_line(allowed));
    out
}

fn status(j: &Judged, paint: Paint) -> String {
    let worst = j.findings.iter().map(|f| f.severity).min();
    match worst {
        Some(Severity::Error) => paint.severity(Severity::Error, "FAIL"),
        Some(Severity::Warning) => paint.severity(Severity::Warning, "warn"),
        _ => paint.good("ok  "),
    }
}

fn days_left(leaf: &Document, now: i64) -> String {
    match leaf.not_after_unix {
        Some(end) if end < now => "expired".into(),
        Some(end) => format!("{} days left", (end - now).div_euclid(86_400)),
        None => "no expiry".into(),
    }
}

fn findings(out: &mut String, findings: &[Finding], paint: Paint) {
    for f in findings {
        super::finding(out, f, paint, "    ", super::Place::Omitted);
    }
}

/// `--connect`: the chain as `inspect` shows it, then the findings.
pub(crate) fn connect_text(judged: &[Judged], paint: Paint) -> String {
    let mut out = String::new();
    for j in judged {
        let e = &j.outcome.endpoint;
        if !j.chain.is_empty() {
            out.push_str(&super::inspect::text(&[FileContents {
                name: format!("{}:{}", e.host, e.port),
                documents: j.chain.clone(),
            }]));
        }
        let _ = writeln!(
            out,
            "{}  {}:{}",
            status(j, paint),
            super::escape(&e.host),
            e.port
        );
        findings(&mut out, &j.findings, paint);
    }
    out
}

#[derive(Serialize)]
struct JsonCertificate {
    subject: String,
    issuer: Option<String>,
    not_after: Option<String>,
    sha256: String,
}

#[derive(Serialize)]
struct JsonEndpoint<'a> {
    host: &'a str,
    port: u16,
    service: &'a str,
    address: Option<String>,
    reachable: bool,
    chain: Vec<JsonCertificate>,
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct Json<'a> {
    ok: bool,
    allowed: usize,
    endpoints: Vec<JsonEndpoint<'a>>,
    findings: Vec<&'a Finding>,
}

/// `{ "ok", "endpoints": [ { "host", "port", "service", "address",
/// "reachable", "chain": [ { "subject", "issuer", "not_after", "sha256" } ],
/// "findings" } ], "findings" }`.
pub(crate) fn json(judged: &[Judged], allowed: Allowed) -> String {
    let endpoints = judged
        .iter()
        .map(|j| JsonEndpoint {
            host: &j.outcome.endpoint.host,
            port: j.outcome.endpoint.port,
            service: j.outcome.endpoint.service,
            address: j.outcome.address.map(|a| a.to_string()),
            reachable: j.outcome.result.is_ok(),
            chain: j
                .chain
                .iter()
                .map(|d| JsonCertificate {
                    subject: d.subject.clone(),
                    issuer: d.issuer.clone(),
                    not_after: d.not_after.clone(),
                    sha256: d.sha256(),
                })
                .collect(),
            findings: &j.findings,
        })
        .collect();
    let findings: Vec<&Finding> = judged.iter().flat_map(|j| &j.findings).collect();
    super::json(&Json {
        allowed: allowed.0,
        ok: !findings.iter().any(|f| f.severity == Severity::Error),
        endpoints,
        findings,
    })
}

/// A label value, escaped as the exposition format wants.
fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// A node-exporter textfile: `sancsr_probe_success` per endpoint and
/// `sancsr_certificate_not_after_seconds` per endpoint and leaf.
pub(crate) fn prometheus(judged: &[Judged]) -> String {
    let mut out = String::from(
        "# HELP sancsr_probe_success Whether the endpoint presented a certificate chain (1) or not (0).\n\
         # TYPE sancsr_probe_success gauge\n",
    );
    let labels = |j: &Judged| {
        let e = &j.outcome.endpoint;
        format!(
            "host=\"{}\",port=\"{}\",service=\"{}\"",
            label(&e.host),
            e.port,
            label(e.service)
        )
    };
    for j in judged {
        let up = u8::from(!j.chain.is_empty());
        let _ = writeln!(out, "sancsr_probe_success{{{}}} {up}", labels(j));
    }
    out.push_str(
        "# HELP sancsr_certificate_not_after_seconds When the endpoint's leaf certificate expires (Unix time).\n\
         # TYPE sancsr_certificate_not_after_seconds gauge\n",
    );
    for j in judged {
        let Some(leaf) = j.chain.first() else {
            continue;
        };
        let Some(end) = leaf.not_after_unix else {
            continue;
        };
        let _ = writeln!(
            out,
            "sancsr_certificate_not_after_seconds{{{},subject=\"{}\",sha256=\"{}\"}} {end}",
            labels(j),
            label(chain::name(leaf)),
            leaf.sha256()
        );
    }
    health(&mut out, judged, &labels);
    out
}

/// `sancsr_probe_findings` by severity, and `sancsr_probe_healthy`: 0 when
/// any error finding holds (an expired leaf, a chain that does not verify,
/// a stale certificate), which `sancsr_probe_success` alone does not say.
fn health(out: &mut String, judged: &[Judged], labels: &dyn Fn(&Judged) -> String) {
    out.push_str(
        "# HELP sancsr_probe_findings How many findings of each severity the endpoint has.\n\
         # TYPE sancsr_probe_findings gauge\n",
    );
    for j in judged {
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            let count = j.findings.iter().filter(|f| f.severity == severity).count();
            let _ = writeln!(
                out,
                "sancsr_probe_findings{{{},severity=\"{severity}\"}} {count}",
                labels(j)
            );
        }
    }
    out.push_str(
        "# HELP sancsr_probe_healthy Whether the endpoint has no error finding (1) or has one (0).\n\
         # TYPE sancsr_probe_healthy gauge\n",
    );
    for j in judged {
        let healthy = u8::from(!crate::report::has_errors(&j.findings));
        let _ = writeln!(out, "sancsr_probe_healthy{{{}}} {healthy}", labels(j));
    }
}
