//! Findings and errors: what every command reports, as data. A finding is a
//! record (code, severity, what it is about, where, message, fix) and is
//! worded into text, JSON or SARIF late, by `render`. Nothing here words a
//! command-line flag or draws anything; `render` and `cli` do.

mod allow;
mod code;
mod error;
pub(crate) mod escape;
pub(crate) mod sources;
mod suggest;
mod usage;

pub use allow::{Allowance, Allowed, Refusal};
pub use code::{Code, Releases};
pub(crate) use error::{Collector, Diagnostic, Explain, Source, Span, floor_char_boundary};
pub use error::{Error, InputErrors};
pub(crate) use suggest::closest;
pub use usage::Usage;
pub(crate) use usage::join_paths;

use serde::Serialize;
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The deployment or certificate would fail.
    Error,
    /// Likely trouble; decide.
    Warning,
    /// Worth knowing.
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// A place in a file: the deployment file, or a file named on the command
/// line. Lines and columns count from 1; columns count characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Location {
    /// The file, as given on the command line (`<stdin>` for `-`).
    pub file: String,
    /// The line.
    pub line: usize,
    /// The column.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One finding: what a check found, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable code.
    pub code: Code,
    /// Severity: one of the code's declared levels.
    pub severity: Severity,
    /// What was found and why it matters.
    pub message: String,
    /// What to do about it, when there is something to do.
    pub fix: Option<String>,
    /// Where in the deployment file it points, when it does.
    pub location: Option<Location>,
    /// The certificate file it is about (`check`, `trust`, `links`).
    pub file: Option<String>,
    /// The files, when it is about several (a duplicate in `trust`).
    pub files: Vec<String>,
    /// The peer or host it is about.
    pub peer: Option<String>,
    /// Which certificate of that peer, and how it was verified (`links`).
    pub certificate: Option<String>,
    /// The TLS connection it is about (`links`): `client → server:port
    /// (connection)`.
    pub link: Option<String>,
}

impl Finding {
    /// A finding about nothing in particular yet. The severity must be one
    /// the code declares (checked in debug builds, so every test checks it).
    pub(crate) fn new(severity: Severity, code: Code, message: impl Into<String>) -> Self {
        debug_assert!(
            code.rule().levels.contains(&severity),
            "{code} is not declared at {severity}"
        );
        Finding {
            severity,
            code,
            message: message.into(),
            fix: None,
            location: None,
            file: None,
            files: Vec::new(),
            peer: None,
            certificate: None,
            link: None,
        }
    }

    /// An error finding.
    pub(crate) fn error(code: Code, message: impl Into<String>) -> Self {
        Finding::new(Severity::Error, code, message)
    }

    /// A warning finding.
    pub(crate) fn warning(code: Code, message: impl Into<String>) -> Self {
        Finding::new(Severity::Warning, code, message)
    }

    /// An info finding.
    pub(crate) fn info(code: Code, message: impl Into<String>) -> Self {
        Finding::new(Severity::Info, code, message)
    }

    /// Sets the fix.
    pub(crate) fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    /// Sets the deployment-file location.
    pub(crate) fn at(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }

    /// Sets the certificate file.
    pub(crate) fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Sets the peer.
    pub(crate) fn for_peer(mut self, peer: impl Into<String>) -> Self {
        self.peer = Some(peer.into());
        self
    }

    /// Sets which certificate it is about.
    pub(crate) fn for_certificate(mut self, certificate: impl Into<String>) -> Self {
        self.certificate = Some(certificate.into());
        self
    }

    /// Sets the TLS connection it is about.
    pub(crate) fn on_link(mut self, link: impl Into<String>) -> Self {
        self.link = Some(link.into());
        self
    }

    /// The source keys of its code (`docs/cisco-rules.md`).
    pub fn sources(&self) -> &'static [&'static str] {
        self.code.rule().sources
    }
}

/// The JSON shape of a finding; `file` is a list for a finding about
/// several files.
#[derive(Serialize)]
struct FindingJson<'a> {
    code: Code,
    severity: Severity,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a str>,
    sources: &'static [&'static str],
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(rename = "file", skip_serializing_if = "<[String]>::is_empty")]
    files: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    peer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    certificate: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<&'a str>,
}

impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        FindingJson {
            code: self.code,
            severity: self.severity,
            message: &self.message,
            fix: self.fix.as_deref(),
            sources: self.sources(),
            location: self.location.as_ref(),
            file: self.file.as_deref(),
            files: &self.files,
            peer: self.peer.as_deref(),
            certificate: self.certificate.as_deref(),
            link: self.link.as_deref(),
        }
        .serialize(s)
    }
}

/// Whether any finding is an error.
pub(crate) fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// How many findings have this severity.
pub(crate) fn count(findings: &[Finding], severity: Severity) -> usize {
    findings.iter().filter(|f| f.severity == severity).count()
}

/// Items for a message, each once (ignoring case: a peer with a server and
/// a client certificate is one name), in their order, joined by ", ".
pub(crate) fn list<S: AsRef<str>>(items: &[S]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for item in items {
        let item = item.as_ref();
        if !seen.iter().any(|s| s.eq_ignore_ascii_case(item)) {
            seen.push(item);
        }
    }
    seen.join(", ")
}

#[cfg(test)]
mod list_tests {
    #[test]
    fn each_item_once_ignoring_case_in_order() {
        let cases: [(&[&str], &str); 3] = [
            (&["a", "b", "A", "c", "b"], "a, b, c"),
            (&[], ""),
            (
                &["expe1.example.com", "EXPE1.example.com"],
                "expe1.example.com",
            ),
        ];
        for (items, joined) in cases {
            assert_eq!(super::list(items), joined);
        }
    }
}
