//! Output formats. Each renderer draws a value computed elsewhere; no
//! decisions are made here.

pub(crate) mod check;
pub(crate) mod errors;
pub(crate) mod escape;
pub(crate) mod export;
pub(crate) mod generate;
pub(crate) mod init;
pub(crate) mod inspect;
pub(crate) mod links;
pub(crate) mod plan;
pub(crate) mod probe;
mod purpose;
pub(crate) mod reissue;
pub(crate) mod rules;
pub(crate) mod style;
pub(crate) mod trust;

use crate::report::Finding;
pub(crate) use escape::escape;
use std::fmt::Write as _;
use style::Paint;

/// Findings as text lines: `severity[code] location: message`.
pub(crate) fn findings_text(findings: &[Finding], paint: Paint) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&label(f, paint));
        for place in [&f.location, &f.file].into_iter().flatten() {
            let _ = write!(out, " {}", escape(place));
        }
        if !f.files.is_empty() {
            let _ = write!(out, " {}", escape(&f.files.join(", ")));
        }
        if let Some(peer) = &f.peer {
            let _ = write!(out, " ({})", escape(peer));
        }
        let _ = writeln!(out, ": {}", escape(&f.message));
    }
    out
}

/// `severity[code]`, coloured by severity.
pub(crate) fn label(f: &Finding, paint: Paint) -> String {
    paint.severity(f.severity, &format!("{}[{}]", f.severity, f.code))
}

/// Pretty JSON with a final newline.
pub(crate) fn json<T: serde::Serialize>(value: &T) -> String {
    json_sized(value, 0)
}

/// Pretty JSON into a buffer of about `capacity` bytes, so that a large
/// output is not copied each time it outgrows its buffer.
pub(crate) fn json_sized<T: serde::Serialize>(value: &T, capacity: usize) -> String {
    let mut buffer = Vec::with_capacity(capacity);
    // Serialising plain data structs with string keys cannot fail, and
    // serde_json writes UTF-8.
    match serde_json::to_writer_pretty(&mut buffer, value) {
        Ok(()) => {
            let mut s = String::from_utf8(buffer).unwrap_or_default();
            s.push('\n');
            s
        }
        Err(e) => format!("{{\"error\":\"{e}\"}}\n"),
    }
}
