//! Each connection's status from what was checked: `links` over the estate
//! folder and a saved `probe` run. A connection fails when any of its links
//! or probed endpoints fails; it is ok when something checked it and
//! nothing failed; otherwise it was not checked.

use super::Estate;
use crate::cisco::Connection;
use crate::report::has_errors;

/// What is known of one connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Checked, and nothing failed.
    Ok,
    /// A link or an endpoint failed.
    Fails,
    /// Nothing checked it (or some of it could not be checked).
    NotChecked,
}

impl Status {
    /// The CSS class and the word shown beside the colour.
    pub(crate) fn class(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Fails => "fails",
            Status::NotChecked => "not-checked",
        }
    }

    /// The word and mark, so status never rests on colour alone.
    pub(crate) fn words(self) -> &'static str {
        match self {
            Status::Ok => "✓ ok",
            Status::Fails => "✗ fails",
            Status::NotChecked => "? not checked",
        }
    }

    /// Stroke colour and dash pattern in the diagram.
    pub(crate) fn stroke(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Status::Ok => ("#1a7f37", "none", "2"),
            Status::Fails => ("#c0262d", "8 4", "3"),
            Status::NotChecked => ("#6e7781", "2 4", "2"),
        }
    }

    /// Fails over ok over not checked.
    fn merge(self, other: Status) -> Status {
        match (self, other) {
            (Status::Fails, _) | (_, Status::Fails) => Status::Fails,
            (Status::Ok, _) | (_, Status::Ok) => Status::Ok,
            _ => Status::NotChecked,
        }
    }
}

/// The status of `connection` from the links and the probe run given.
pub(crate) fn of(estate: &Estate<'_>, connection: &Connection) -> Status {
    from_links(estate, connection).merge(from_probe(estate, connection))
}

fn from_links(estate: &Estate<'_>, connection: &Connection) -> Status {
    let Some(checked) = estate.links else {
        return Status::NotChecked;
    };
    let mine: Vec<_> = checked
        .iter()
        .filter(|c| c.link.connection.key == connection.key)
        .collect();
    if mine.iter().any(|c| c.checked && has_errors(&c.findings)) {
        Status::Fails
    } else if !mine.is_empty() && mine.iter().all(|c| c.ok()) {
        Status::Ok
    } else {
        Status::NotChecked
    }
}

fn from_probe(estate: &Estate<'_>, connection: &Connection) -> Status {
    let Some(endpoints) = estate.probe else {
        return Status::NotChecked;
    };
    let d = estate.deployment;
    let port = d.port_of(connection);
    let servers = d.hosts(connection.server);
    let mine: Vec<_> = endpoints
        .iter()
        .filter(|e| e.port == port && servers.iter().any(|s| s.is(&e.host)))
        .collect();
    let failed = |e: &&crate::probe::results::Endpoint| {
        !e.reachable || e.findings.iter().any(|f| f.is_error())
    };
    if mine.iter().any(failed) {
        Status::Fails
    } else if mine.is_empty() {
        Status::NotChecked
    } else {
        Status::Ok
    }
}
