//! `links --renewal`: the trust lists a new CA must join before the
//! certificates it signs are installed, from the connections of the
//! deployment and the folder of each host.

use super::folders::Folder;
use super::links::links;
use crate::cisco::services::{End, TrustList};
use crate::cisco::{Party, Role};
use crate::model::{Deployment, HostName};
use crate::pki::{Document, Kind};
use crate::report::Error;
use std::path::Path;

/// A trust list that must hold a new CA before certificates it signs are
/// installed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Renewal {
    /// The host that holds the list.
    pub host: HostName,
    /// What the host is.
    pub party: Party,
    /// The list.
    pub list: TrustList,
    /// Whether it already holds the new CA (`None`: not in the folder).
    pub has_it: Option<bool>,
    /// The links that need it, by key.
    pub because: Vec<String>,
}

/// The trust lists that verify a certificate of the deployment (an
/// Expressway's, or Unified CM's and IM and Presence's, which the same CA
/// may sign, #27) on some link, and whether each already holds `new_ca`:
/// Unified CM, IM and Presence, then the Expressway-C and -E peers (TAC
/// 218034: the new CA goes in every trust list before the new certificates
/// go on the boxes).
pub(crate) fn renewal(d: &Deployment, root: &Path, new_ca: &Document) -> Vec<Renewal> {
    let mut out: Vec<Renewal> = Vec::new();
    for link in links(d) {
        let c = link.connection;
        let mut need = |host: &HostName, party: Party, end: &End| {
            let key = format!(
                "{} ({} → {}:{})",
                c.key, link.client, link.server, link.port
            );
            match out
                .iter_mut()
                .find(|r| r.host == *host && r.list == end.trusts)
            {
                Some(r) => r.because.push(key),
                None => out.push(Renewal {
                    host: host.clone(),
                    party,
                    list: end.trusts,
                    has_it: holds(root, host, end.trusts, new_ca),
                    because: vec![key],
                }),
            }
        };
        if !c.server.is_outside() {
            need(&link.client, c.client, &c.client_end);
        }
        if c.mutual && !c.client.is_outside() {
            need(&link.server, c.server, &c.server_end);
        }
    }
    out.sort_by_key(|r| (party_order(r.party), r.list));
    out
}

fn party_order(p: Party) -> u8 {
    match p {
        Party::UnifiedCm => 0,
        Party::ImPresence => 1,
        Party::Expressway(Role::ExpresswayC) => 2,
        Party::Expressway(Role::ExpresswayE) => 3,
        _ => 4,
    }
}

fn holds(root: &Path, host: &HostName, list: TrustList, ca: &Document) -> Option<bool> {
    let pool = Folder::of(root, host).trust(list)?.ok()?;
    Some(pool.contains(ca))
}

/// `ca-expired` or `ca-not-yet-valid` for the new CA itself: a renewal to a
/// CA outside its dates would break every link it signs for.
pub(crate) fn new_ca_dates(ca: &Document, now: i64) -> Vec<crate::report::Finding> {
    use crate::report::{Code, Finding};
    let name = crate::audit::chain::name(ca);
    let mut out = Vec::new();
    if ca.not_after_unix.is_some_and(|end| end < now) {
        let until = ca.not_after.as_deref().unwrap_or("?");
        out.push(
            Finding::error(
                Code::CaExpired,
                format!("the new CA \"{name}\" expired at {until}: nothing it signs verifies"),
            )
            .fix("renew to a CA certificate that is in its dates"),
        );
    }
    if ca.not_before_unix.is_some_and(|start| start > now) {
        let from = ca.not_before.as_deref().unwrap_or("?");
        out.push(
            Finding::error(
                Code::CaNotYetValid,
                format!("the new CA \"{name}\" is valid only from {from}"),
            )
            .fix("wait until it is valid, or check the clock of the CA that issued it"),
        );
    }
    out
}

/// Reads the new CA of `--renewal`: its first certificate, which must be a
/// CA.
pub(crate) fn new_ca(path: &str) -> Result<Document, Error> {
    let contents = crate::pki::read_file(path)?;
    let doc = contents
        .documents
        .into_iter()
        .next()
        .expect("a file has a document");
    if doc.kind != Kind::Certificate || !doc.is_ca {
        return Err(Error::Unreadable {
            file: path.to_owned(),
            why: "its first certificate is not a CA certificate (CA:TRUE): give the new CA's \
                  own certificate"
                .into(),
        });
    }
    Ok(doc)
}
