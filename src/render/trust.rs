//! `sancsr trust` output: text and JSON (README, "JSON shapes").

use crate::render::style::Paint;
use crate::report::{Finding, Severity, count, has_errors};
use serde::Serialize;
use std::fmt::Write as _;

/// The findings, then a verdict line.
pub(crate) fn text(certificates: usize, findings: &[Finding], paint: Paint) -> String {
    let mut out = String::new();
    for f in findings {
        let file = match (&f.file, f.files.as_slice()) {
            (Some(file), _) => format!(" {file}"),
            (None, []) => String::new(),
            (None, files) => format!(" {}", files.join(", ")),
        };
        let _ = writeln!(
            out,
            "{}{}: {}",
            super::label(f, paint),
            super::escape(&file),
            super::escape(&f.message)
        );
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
    out
}

#[derive(Serialize)]
struct Json<'a> {
    ok: bool,
    findings: &'a [Finding],
}

/// `{ "ok", "findings": [ { "severity", "code", "message", "file" } ] }`.
pub(crate) fn json(findings: &[Finding]) -> String {
    super::json(&Json {
        ok: !has_errors(findings),
        findings,
    })
}
