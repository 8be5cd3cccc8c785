//! Findings: what a command noticed, with a stable code and a severity.
//!
//! `plan`, `check` and `trust` all report findings the same way (SPEC §4).

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
    /// Stable, kebab-case code (e.g. `xmpp-address-format`).
    pub code: &'static str,
    /// What was found, why it matters, and what to do.
    pub message: String,
    /// `file:line:column` in the deployment file, when it points there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The certificate file it is about (`check`, `trust`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The peer it is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer: Option<String>,
}

impl Finding {
    /// A finding with no location.
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Finding {
            severity,
            code,
            message: message.into(),
            location: None,
            file: None,
            peer: None,
        }
    }

    /// Sets the deployment-file location.
    pub fn at(mut self, location: Option<String>) -> Self {
        self.location = location;
        self
    }

    /// Sets the certificate file.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Sets the peer.
    pub fn for_peer(mut self, peer: impl Into<String>) -> Self {
        self.peer = Some(peer.into());
        self
    }
}

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// How many findings are errors.
pub fn count_errors(findings: &[Finding]) -> usize {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count()
}
