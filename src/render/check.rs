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
    /// The Unified CM or IM and Presence certificate it was compared with.
    pub platform: Option<PlatformMatch>,
    /// Findings, errors first.
    pub findings: Vec<Finding>,
}

/// A planned Unified CM or IM and Presence certificate a file matched.
#[derive(Debug, Clone)]
pub(crate) struct PlatformMatch {
    /// `Unified CM tomcat (multi-server)`.
    pub label: String,
    /// `unified-cm` / `im-presence`.
    pub role: &'static str,
    /// The Certificate Purpose.
    pub service: &'static str,
    /// The node whose page generates it.
    pub node: HostName,
    /// The EKUs planned.
    pub eku: Eku,
}

/// Per file: what it was compared with, its findings, and a verdict.
pub(crate) fn text(reports: &[Report], allowed: Allowed, paint: Paint) -> String {
    let mut out = String::new();
    for r in reports {
        let title = match (&r.matched, &r.platform) {
            (_, Some(p)) => format!("{}: {} for {}", r.file, r.kind, p.label),
            (Some((role, peer, Eku::ServerAndClient)), _) => {
                format!("{}: {} for {role} {peer}", r.file, r.kind)
            }
            (Some((role, peer, eku)), _) => format!(
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
            (None, None) => format!(
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
    role: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    service: Option<&'static str>,
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
            role: match (&r.matched, &r.platform) {
                (_, Some(p)) => Some(p.role),
                (Some((role, _, _)), None) => Some(crate::cisco::Party::Expressway(*role).key()),
                (None, None) => None,
            },
            service: r.platform.as_ref().map(|p| p.service),
            peer: match (&r.matched, &r.platform) {
                (_, Some(p)) => Some(&p.node),
                (Some((_, peer, _)), None) => Some(peer),
                (None, None) => None,
            },
            eku: match (&r.matched, &r.platform) {
                (_, Some(p)) => Some(p.eku),
                (Some((_, _, eku)), None) => Some(*eku),
                (None, None) => None,
            },
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
