//! Output formats. Each renderer draws a value computed elsewhere; no
//! decisions are made here.

pub(crate) mod check;
pub(crate) mod errors;
pub(crate) mod export;
pub(crate) mod generate;
pub(crate) mod html;
pub(crate) mod init;
pub(crate) mod inspect;
pub(crate) mod links;
pub(crate) mod plan;
pub(crate) mod platform;
pub(crate) mod probe;
pub(crate) mod pull;
mod purpose;
pub(crate) mod reissue;
pub(crate) mod rules;
pub(crate) mod sarif;
pub(crate) mod style;
pub(crate) mod trust;

pub(crate) use crate::report::escape::escape;
use crate::report::{Allowed, Finding};
use std::fmt::Write as _;
use style::Paint;

/// Findings as text: `severity[code] where (peer): message`, and the fix
/// on the next line.
pub(crate) fn findings_text(findings: &[Finding], paint: Paint) -> String {
    let mut out = String::new();
    for f in findings {
        finding(&mut out, f, paint, "", Place::Shown);
    }
    out
}

/// Whether a finding's line names where it points (off where a heading
/// already names the file or the link).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// Location, files and peer after the label.
    Shown,
    /// The label alone.
    Omitted,
}

/// One finding: its line, then `fix:` under it. Every field from outside
/// goes through [`escape`].
pub(crate) fn finding(out: &mut String, f: &Finding, paint: Paint, indent: &str, place: Place) {
    let _ = write!(out, "{indent}{}", label(f, paint));
    if place == Place::Shown {
        if let Some(location) = &f.location {
            let _ = write!(out, " {}", escape(&location.to_string()));
        }
        if let Some(file) = &f.file {
            let _ = write!(out, " {}", escape(file));
        }
        if !f.files.is_empty() {
            let _ = write!(out, " {}", escape(&f.files.join(", ")));
        }
        if let Some(peer) = &f.peer {
            let _ = write!(out, " ({})", escape(peer));
        }
    }
    out.push_str(": ");
    if let Some(certificate) = &f.certificate {
        let _ = write!(out, "{}: ", escape(certificate));
    }
    let _ = writeln!(out, "{}", escape(&f.message));
    if let Some(fix) = &f.fix {
        let _ = writeln!(out, "{indent}  fix: {}", escape(fix));
    }
}

/// The line that says how many findings were accepted and not shown
/// (nothing when none were).
pub(crate) fn allowed_line(allowed: Allowed) -> String {
    match allowed.0 {
        0 => String::new(),
        n => format!("{n} accepted finding(s) not shown\n"),
    }
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
