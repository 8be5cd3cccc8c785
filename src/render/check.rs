//! `sancsr check` output: text and JSON (README, "JSON shapes").

use crate::cisco::Role;
use crate::model::HostName;
use crate::pki::Kind;
use crate::render::style::Paint;
use crate::report::{Finding, Severity, count, has_errors};
use serde::Serialize;
use std::fmt::Write as _;

/// One checked file.
#[derive(Debug, Clone)]
pub(crate) struct Report {
    /// The file.
    pub file: String,
    /// Certificate or CSR.
    pub kind: Kind,
    /// The role of the planned certificate it was compared with.
    pub role: Role,
    /// Its peer.
    pub peer: HostName,
    /// Findings, errors first.
    pub findings: Vec<Finding>,
}

/// Per file: what it was compared with, its findings, and a verdict.
pub(crate) fn text(reports: &[Report], paint: Paint) -> String {
    let mut out = String::new();
    for r in reports {
        let title = format!("{}: {} for {} {}", r.file, r.kind, r.role, r.peer);
        let _ = writeln!(out, "{}", paint.heading(&title));
        for f in &r.findings {
            let _ = writeln!(out, "  {}: {}", super::label(f, paint), f.message);
        }
        let count = |s: Severity| count(&r.findings, s);
        // A CSR goes to the CA; a certificate goes on the Expressway.
        let verdict = match (r.kind, has_errors(&r.findings)) {
            (Kind::Csr, true) => paint.severity(Severity::Error, "do not send it to the CA"),
            (Kind::Csr, false) => paint.good("ok to send to the CA"),
            (Kind::Certificate, true) => paint.severity(Severity::Error, "do not upload it"),
            (Kind::Certificate, false) => paint.good("ok to upload"),
        };
        let _ = writeln!(
            out,
            "  {} error(s), {} warning(s), {} info: {verdict}",
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info)
        );
    }
    out
}

#[derive(Serialize)]
struct Json<'a> {
    ok: bool,
    findings: Vec<&'a Finding>,
}

/// `{ "ok", "findings": [ { "severity", "code", "message", "file", "peer" } ] }`.
pub(crate) fn json(reports: &[Report]) -> String {
    let findings: Vec<&Finding> = reports.iter().flat_map(|r| &r.findings).collect();
    super::json(&Json {
        ok: !findings.iter().any(|f| f.severity == Severity::Error),
        findings,
    })
}
