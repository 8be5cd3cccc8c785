//! `sancsr check` output: text and JSON (README, "JSON shapes").

use crate::cisco::{Eku, Role};
use crate::model::HostName;
use crate::pki::Kind;
use crate::render::style::Paint;
use crate::report::{Allowed, Finding, Severity, count, has_errors};
use serde::Serialize;
use std::fmt::Write as _;

/// One checked file.
#[derive(Debug, Clone)]
pub(crate) struct Report {
    /// The file.
    pub file: String,
    /// Certificate or CSR.
    pub kind: Kind,
    /// The role, peer and EKU of the planned certificate it was compared
    /// with, when one was found.
    pub matched: Option<(Role, HostName, Eku)>,
    /// Findings, errors first.
    pub findings: Vec<Finding>,
}

/// Per file: what it was compared with, its findings, and a verdict.
pub(crate) fn text(reports: &[Report], allowed: Allowed, paint: Paint) -> String {
    let mut out = String::new();
    for r in reports {
        let title = match &r.matched {
            Some((role, peer, Eku::ServerAndClient)) => {
                format!("{}: {} for {role} {peer}", r.file, r.kind)
            }
            Some((role, peer, eku)) => format!(
                "{}: {} for {role} {peer}, its {} certificate ({})",
                r.file,
                r.kind,
                if *eku == Eku::Client {
                    "client"
                } else {
                    "server"
                },
                eku.title()
            ),
            None => format!(
                "{}: {}, not compared with a planned certificate",
                r.file, r.kind
            ),
        };
        let _ = writeln!(out, "{}", paint.heading(&title));
        for f in &r.findings {
            super::finding(&mut out, f, paint, "  ", super::Place::Omitted);
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
    out.push_str(&super::allowed_line(allowed));
    out
}

#[derive(Serialize)]
struct JsonFile<'a> {
    file: &'a str,
    kind: Kind,
    role: Option<Role>,
    peer: Option<&'a HostName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    eku: Option<Eku>,
    ok: bool,
}

#[derive(Serialize)]
struct Json<'a> {
    ok: bool,
    allowed: usize,
    files: Vec<JsonFile<'a>>,
    findings: Vec<&'a Finding>,
}

/// `{ "ok", "files": [ { "file", "kind", "role", "peer", "ok" } ],
/// "findings": [ { "severity", "code", "message", "file", "peer" } ] }`.
pub(crate) fn json(reports: &[Report], allowed: Allowed) -> String {
    let findings: Vec<&Finding> = reports.iter().flat_map(|r| &r.findings).collect();
    let files = reports
        .iter()
        .map(|r| JsonFile {
            file: &r.file,
            kind: r.kind,
            role: r.matched.as_ref().map(|(role, _, _)| *role),
            peer: r.matched.as_ref().map(|(_, peer, _)| peer),
            eku: r.matched.as_ref().map(|(_, _, eku)| *eku),
            ok: !has_errors(&r.findings),
        })
        .collect();
    super::json(&Json {
        allowed: allowed.0,
        ok: !findings.iter().any(|f| f.severity == Severity::Error),
        files,
        findings,
    })
}
