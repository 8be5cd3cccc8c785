//! `sancsr trust` output: text and JSON (README, "JSON shapes").

use crate::render::style::Paint;
use crate::report::{Allowed, Finding, Severity, count, has_errors};
use serde::Serialize;
use std::fmt::Write as _;

/// The findings, then a verdict line.
pub(crate) fn text(
    certificates: usize,
    findings: &[Finding],
    allowed: Allowed,
    paint: Paint,
) -> String {
    let mut out = String::new();
    for f in findings {
        super::finding(&mut out, f, paint, "", super::Place::Shown);
    }
    let errors = count(findings, Severity::Error);
    let _ = writeln!(
        out,
        "{certificates} certificate(s) read, {errors} error(s): {}",
        if has_errors(findings) {
            paint.severity(
                Severity::Error,
                "fix them before the Expressway-C trusts these certificates",
            )
        } else {
            paint.good("ok")
        }
    );
    out.push_str(&super::allowed_line(allowed));
    out
}

#[derive(Serialize)]
struct Json<'a> {
    ok: bool,
    allowed: usize,
    findings: &'a [Finding],
}

/// `{ "ok", "findings": [ { "severity", "code", "message", "file" } ] }`.
pub(crate) fn json(findings: &[Finding], allowed: Allowed) -> String {
    super::json(&Json {
        allowed: allowed.0,
        ok: !has_errors(findings),
        findings,
    })
}
