//! A saved `probe --format json` run, read back for `report --probe`: the
//! shape `render::probe::json` writes (README, "JSON shapes"). Unknown
//! fields are ignored, so a later sancsr's output still reads.

use crate::report::{Code, Error, Finding, Severity, Usage};
use serde::Deserialize;

/// One endpoint of a saved probe run.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Endpoint {
    /// The host probed.
    pub host: String,
    /// Its port.
    pub port: u16,
    /// Whether a chain was captured.
    pub reachable: bool,
    /// The chain as sent, leaf first.
    #[serde(default)]
    pub chain: Vec<Certificate>,
    /// Its findings, as written.
    #[serde(default)]
    pub findings: Vec<SavedFinding>,
}

/// One certificate of a captured chain.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Certificate {
    /// Subject, as OpenSSL prints it.
    pub subject: String,
    /// Expiry, RFC 3339.
    pub not_after: Option<String>,
}

/// A finding as `probe` wrote it.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct SavedFinding {
    code: String,
    severity: String,
    message: String,
    fix: Option<String>,
}

#[derive(Deserialize)]
struct Run {
    endpoints: Vec<Endpoint>,
}

/// Reads a saved run; text that is not one is a usage error naming the file.
pub(crate) fn read(name: &str, text: &str) -> Result<Vec<Endpoint>, Error> {
    serde_json::from_str::<Run>(text)
        .map(|run| run.endpoints)
        .map_err(|e| {
            Usage::BadProbeFile {
                file: name.to_owned(),
                why: e.to_string(),
            }
            .into()
        })
}

impl SavedFinding {
    /// As a finding of this sancsr, for `host`. A code this release does
    /// not know (a later one's) is shown as `not-checked` with the code in
    /// its message, so nothing is dropped or misread as passed.
    pub(crate) fn finding(&self, host: &str) -> Finding {
        let (code, message) = match self.code.parse::<Code>() {
            Ok(code) => (code, self.message.clone()),
            Err(()) => (
                Code::NotChecked,
                format!("[{}] {}", self.code, self.message),
            ),
        };
        let severity = match self.severity.as_str() {
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            _ => Severity::Error,
        };
        let severity = if code.rule().levels.contains(&severity) {
            severity
        } else {
            code.rule().severity()
        };
        let mut f = Finding::new(severity, code, message).for_peer(host);
        f.fix = self.fix.clone();
        f
    }
}
