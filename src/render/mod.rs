//! Output formats. Each renderer draws a value computed elsewhere; no
//! decisions are made here.

pub mod check;
pub mod generate;
pub mod inspect;
pub mod plan;
pub mod reissue;
pub mod rules;
pub mod style;
pub mod trust;

use crate::findings::Finding;
use std::fmt::Write as _;
use style::Paint;

/// `plan --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFormat {
    /// For people: per certificate, the Generate CSR page and the reasons.
    Text,
    /// For programs (SPEC §4).
    Json,
    /// Names × certificates, for reviewers.
    Grid,
    /// A Markdown report for a change ticket.
    Markdown,
}

/// Text or JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// For people.
    Text,
    /// For programs (SPEC §4).
    Json,
}

/// Findings as text lines: `severity[code] location: message`.
pub fn findings_text(findings: &[Finding], paint: Paint) -> String {
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
pub fn label(f: &Finding, paint: Paint) -> String {
    paint.severity(f.severity, &format!("{}[{}]", f.severity, f.code))
}

/// Pretty JSON with a final newline.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    // Serialising plain data structs with string keys cannot fail.
    let mut s =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
