//! Findings and errors: what every command reports, as data. Nothing here
//! words a command-line flag or draws anything; `render` and `cli` do.

mod code;
mod error;
mod usage;

pub use code::Code;
pub(crate) use error::{Collector, Diagnostic, Explain, Source, Span, floor_char_boundary};
pub use error::{Error, InputErrors};
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

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Severity.
    pub severity: Severity,
    /// Stable code.
    pub code: Code,
    /// What was found, why it matters, and what to do.
    pub message: String,
    /// `file:line:column` in the deployment file, when it points there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The certificate file it is about (`check`, `trust`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The files, when it is about several (a duplicate in `trust`): a
    /// list in JSON, under the same `file` key.
    #[serde(rename = "file", skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<String>,
    /// The peer it is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer: Option<String>,
}

impl Finding {
    /// A finding with no location.
    pub(crate) fn new(severity: Severity, code: Code, message: impl Into<String>) -> Self {
        Finding {
            severity,
            code,
            message: message.into(),
            location: None,
            file: None,
            files: Vec::new(),
            peer: None,
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

    /// Sets the deployment-file location.
    pub(crate) fn at(mut self, location: Option<String>) -> Self {
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
}

/// Whether any finding is an error.
pub(crate) fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// How many findings have this severity.
pub(crate) fn count(findings: &[Finding], severity: Severity) -> usize {
    findings.iter().filter(|f| f.severity == severity).count()
}
