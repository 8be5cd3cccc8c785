//! A saved `probe --format json` run, read back for `report --probe`: the
//! shape `render::probe::json` writes (README, "JSON shapes"). Unknown
//! fields are ignored, so a later sancsr's output still reads.

use crate::audit::expiry::Expiry;
use crate::model::{Deployment, HostName, NameKind};
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
    /// Its severity as written, when `code` declares it; else the code's
    /// own (a later release's level is not trusted blindly).
    fn severity(&self, code: Code) -> Severity {
        let written = match self.severity.as_str() {
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            _ => Severity::Error,
        };
        if code.rule().levels.contains(&written) {
            written
        } else {
            code.rule().severity()
        }
    }

    /// Whether it is an error (as [`SavedFinding::finding`] reads it).
    pub(crate) fn is_error(&self) -> bool {
        let code = self.code.parse::<Code>().unwrap_or(Code::NotChecked);
        self.severity(code) == Severity::Error
    }

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
        let severity = self.severity(code);
        let mut f = Finding::new(severity, code, message).for_peer(host);
        f.fix = self.fix.clone();
        f
    }
}

/// The leaf of each probed endpoint of a deployment host, with its date
/// (the service is the one the connection's server presents there).
pub(crate) fn expiries(d: &Deployment, endpoints: &[Endpoint]) -> Vec<Expiry> {
    let mut out: Vec<Expiry> = Vec::new();
    for e in endpoints {
        let Ok(host) = HostName::parse(&e.host, NameKind::Host) else {
            continue;
        };
        let Some(leaf) = e.chain.first() else {
            continue;
        };
        let Some(not_after) = leaf
            .not_after
            .as_deref()
            .and_then(|t| crate::audit::clock::parse_time(t).ok())
        else {
            continue;
        };
        let Some(connection) = crate::cisco::CONNECTIONS
            .iter()
            .find(|c| d.port_of(c) == e.port && d.hosts(c.server).contains(&host))
        else {
            continue;
        };
        let service = connection.server_end.presents;
        if !out.iter().any(|x| x.host == host && x.service == service) {
            out.push(Expiry {
                host,
                service,
                subject: leaf.subject.clone(),
                not_after,
            });
        }
    }
    out
}
