//! Output formats. Each renderer draws a value computed elsewhere; no
//! decisions are made here.

pub(crate) mod check;
pub(crate) mod errors;
pub(crate) mod export;
pub(crate) mod generate;
pub(crate) mod init;
pub(crate) mod inspect;
pub(crate) mod plan;
pub(crate) mod reissue;
pub(crate) mod rules;
pub(crate) mod style;
pub(crate) mod trust;

use crate::report::Finding;
use std::fmt::Write as _;
use style::Paint;

/// Findings as text lines: `severity[code] location: message`.
pub(crate) fn findings_text(findings: &[Finding], paint: Paint) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&label(f, paint));
        for place in [&f.location, &f.file].into_iter().flatten() {
            let _ = write!(out, " {place}");
        }
        if let Some(peer) = &f.peer {
            let _ = write!(out, " ({peer})");
        }
        let _ = writeln!(out, ": {}", f.message);
    }
    out
}

/// `severity[code]`, coloured by severity.
pub(crate) fn label(f: &Finding, paint: Paint) -> String {
    paint.severity(f.severity, &format!("{}[{}]", f.severity, f.code))
}

/// Pretty JSON with a final newline.
pub(crate) fn json<T: serde::Serialize>(value: &T) -> String {
    // Serialising plain data structs with string keys cannot fail.
    let mut s =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
