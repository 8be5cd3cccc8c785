//! `sancsr links`: every TLS connection the deployment's features make
//! between its hosts ([`crate::cisco::CONNECTIONS`]), checked offline from
//! the certificates and trust lists in a folder per host
//! ([`super::folders`]): the chain against the other side's trust list
//! with the purpose's EKU, the name the client uses, the name a server
//! verifies, and expiry.

use super::chain::{self, Purpose};
use super::folders::Folder;
use super::pool::CaPool;
pub(crate) use super::renewal::{Renewal, new_ca, new_ca_dates, renewal};
use crate::cisco::connections::Protocol;
use crate::cisco::policy::{
    CLUSTER_CLIENT_EKU_EXEMPT_SINCE, SIP_EKU_CHECKING_MODE, SIP_EKU_CHECKING_SINCE,
};
use crate::cisco::services::{Service, TrustList};
use crate::cisco::{CONNECTIONS, Connection, Party, Role, Side, Version};
use crate::model::{AltName, Deployment, HostName};
use crate::pki::{FileContents, Kind};
use crate::report::{Code, Finding, has_errors};
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

/// One TLS connection between two hosts.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    /// What it is.
    pub connection: &'static Connection,
    /// The host that connects.
    pub client: HostName,
    /// The host that listens.
    pub server: HostName,
    /// The server's port: the table's, or the deployment's traversal port.
    pub port: u16,
}

impl std::fmt::Display for Link {
    /// `client → server:port (connection)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} → {}:{} ({})",
            self.client, self.server, self.port, self.connection.key
        )
    }
}

/// A link and what checking it found.
#[derive(Debug, Clone)]
pub(crate) struct Checked {
    /// The link.
    pub link: Link,
    /// Whether every certificate and trust list it needs was in the folder.
    pub checked: bool,
    /// Errors first.
    pub findings: Vec<Finding>,
}

impl Checked {
    /// Checked, and no error.
    pub(crate) fn ok(&self) -> bool {
        self.checked && !has_errors(&self.findings)
    }
}

/// Every link between the deployment's hosts, in the table's order.
pub(crate) fn links(d: &Deployment) -> Vec<Link> {
    let mut out = Vec::new();
    for connection in CONNECTIONS
        .iter()
        .filter(|c| c.applies(&d.features, &d.connections))
    {
        for client in d.hosts(connection.client) {
            for server in d.hosts(connection.server) {
                if client != server {
                    out.push(Link {
                        connection,
                        client: client.clone(),
                        server,
                        port: d.port_of(connection),
                    });
                }
            }
        }
    }
    out
}

/// Checks every link against the folders in `root` at `now`.
pub(crate) fn check_all(d: &Deployment, root: &Path, now: i64) -> Vec<Checked> {
    let mut reads = Reads {
        root,
        certificates: HashMap::new(),
        trusts: HashMap::new(),
    };
    links(d)
        .into_iter()
        .map(|link| check(d, &mut reads, link, now))
        .collect()
}

/// The certificates and trust lists one link needs, read from the folders.
struct Inputs {
    server_chain: Rc<FileContents>,
    client_trust: Rc<CaPool>,
    /// For mutual TLS: the client's chain and the server's trust list.
    mutual: Option<(Rc<FileContents>, Rc<CaPool>)>,
}

/// Each host's files, read once however many links need them (a trust
/// list of thousands of certificates is on many links); what cannot be
/// read is kept as its `not-checked` finding.
struct Reads<'a> {
    root: &'a Path,
    certificates: HashMap<(HostName, Service), Result<Rc<FileContents>, Rc<Finding>>>,
    trusts: HashMap<(HostName, TrustList), Result<Rc<CaPool>, Rc<Finding>>>,
}

impl Reads<'_> {
    fn certificate(
        &mut self,
        host: &HostName,
        service: Service,
    ) -> Result<Rc<FileContents>, Rc<Finding>> {
        let root = self.root;
        self.certificates
            .entry((host.clone(), service))
            .or_insert_with(|| certificate(&Folder::of(root, host), service, host).map(Rc::new))
            .clone()
    }

    /// The chain `host` presents for `service`: the file's, and for an
    /// Expressway the intermediates it sends from its own trusted CA list
    /// (the list is where its chain comes from: the upload page takes the
    /// server certificate alone, source Q).
    fn presented(
        &mut self,
        host: &HostName,
        service: Service,
    ) -> Result<Rc<FileContents>, Rc<Finding>> {
        let chain = self.certificate(host, service)?;
        if !matches!(
            service,
            Service::ExpresswayServer | Service::ExpresswayClient
        ) {
            return Ok(chain);
        }
        match self.trust(host, TrustList::ExpresswayTrustedCa) {
            Ok(own) => Ok(Rc::new(with_sent_intermediates(&chain, &own))),
            Err(_) => Ok(chain),
        }
    }

    fn trust(&mut self, host: &HostName, list: TrustList) -> Result<Rc<CaPool>, Rc<Finding>> {
        let root = self.root;
        self.trusts
            .entry((host.clone(), list))
            .or_insert_with(|| trust(&Folder::of(root, host), list, host).map(Rc::new))
            .clone()
    }
}

fn check(d: &Deployment, reads: &mut Reads<'_>, link: Link, now: i64) -> Checked {
    let (checked, mut findings) = match read_inputs(reads, &link) {
        Ok(inputs) => (true, findings(d, &link, &inputs, now)),
        Err(missing) => (false, vec![(*missing).clone()]),
    };
    findings.sort_by_key(|f| f.severity);
    // Each finding says which link it is about, in the flat list too.
    let findings = findings
        .into_iter()
        .map(|f| f.on_link(link.to_string()))
        .collect();
    Checked {
        link,
        checked,
        findings,
    }
}

/// The server's side, then (mutual TLS) the client's: chain, dates, names.
fn findings(d: &Deployment, link: &Link, inputs: &Inputs, now: i64) -> Vec<Finding> {
    let c = link.connection;
    let server_side = Verified {
        owner: &link.server,
        service: c.server_end.presents,
        verifier: &link.client,
        list: c.client_end.trusts,
        sip_eku_check: sip_eku_check(d, c, c.client),
    };
    let chain = &inputs.server_chain;
    let mut out = side_findings(chain, &inputs.client_trust, Side::Server, now, &server_side);
    if c.client_end.checks_name {
        out.extend(name_check(chain, &link.server, &link.server, "connects to"));
    }
    let Some((client_chain, server_trust)) = &inputs.mutual else {
        return out;
    };
    let client_side = Verified {
        owner: &link.client,
        service: c.client_end.presents,
        verifier: &link.server,
        list: c.server_end.trusts,
        sip_eku_check: sip_eku_check(d, c, c.server),
    };
    out.extend(side_findings(
        client_chain,
        server_trust,
        client_side_eku(d, c, &client_chain.documents[0]),
        now,
        &client_side,
    ));
    for name in verified_client_names(d, c) {
        out.extend(name_check(client_chain, &name, &link.client, "verifies"));
    }
    out
}

/// The EKU the server verifies in the client's certificate: clientAuth,
/// except on cluster links from X15.4, where the cluster database skips the
/// clientAuth check (TAC 225482) and a serverAuth-only peer certificate is
/// verified for the serverAuth it carries.
fn client_side_eku(d: &Deployment, c: &Connection, leaf: &crate::pki::Document) -> Side {
    let Party::Expressway(role) = c.client else {
        return Side::Client;
    };
    let exempt = c.is_cluster()
        && d.cluster(role)
            .and_then(|cluster| cluster.version)
            .is_some_and(|v| v >= CLUSTER_CLIENT_EKU_EXEMPT_SINCE);
    let client_auth = leaf
        .extended_key_usage
        .as_ref()
        .is_none_or(|eku| eku.client_auth);
    if exempt && !client_auth {
        Side::Server
    } else {
        Side::Client
    }
}

/// Reads what the link needs; the first thing missing is a `not-checked`
/// finding.
fn read_inputs(reads: &mut Reads<'_>, link: &Link) -> Result<Inputs, Rc<Finding>> {
    let c = link.connection;
    let server_chain = reads.presented(&link.server, c.server_end.presents)?;
    let client_trust = reads.trust(&link.client, c.client_end.trusts)?;
    let mutual = if c.mutual {
        let chain = reads.presented(&link.client, c.client_end.presents)?;
        Some((chain, reads.trust(&link.server, c.server_end.trusts)?))
    } else {
        None
    };
    Ok(Inputs {
        server_chain,
        client_trust,
        mutual,
    })
}

/// `chain` followed by the issuers its box sends from `own`, its trusted
/// CA list: from the last certificate, the CA certificate whose subject is
/// its issuer, while there is one that is not already there and not
/// self-signed (a root is not sent). Which path is valid is for webpki to
/// say; this only gathers what the box would send.
fn with_sent_intermediates(chain: &FileContents, own: &CaPool) -> FileContents {
    let mut out = chain.clone();
    while let Some(last) = out.documents.last() {
        let next = own
            .with_subject(&last.issuer_der)
            .find(|ca| !ca.self_signed && !out.documents.iter().any(|d| d.der == ca.der));
        match next {
            Some(ca) => out.documents.push(ca.clone()),
            None => break,
        }
    }
    out
}

fn not_checked(host: &HostName, what: &str, why: String) -> Rc<Finding> {
    Rc::new(
        Finding::warning(
            Code::NotChecked,
            format!("not checked: {host}'s {what} {why}"),
        )
        .fix("drop it in the host's folder")
        .for_peer(host.as_str()),
    )
}

fn certificate(
    folder: &Folder,
    service: Service,
    host: &HostName,
) -> Result<FileContents, Rc<Finding>> {
    let what = format!("{} certificate", service.file());
    match folder.certificate(service) {
        None => Err(not_checked(host, &what, "is missing".into())),
        Some(Err(e)) => Err(not_checked(host, &what, format!("cannot be read ({e})"))),
        Some(Ok(contents)) if contents.documents[0].kind != Kind::Certificate => Err(not_checked(
            host,
            &what,
            "is a CSR, not a certificate".into(),
        )),
        Some(Ok(contents)) => Ok(contents),
    }
}

fn trust(folder: &Folder, list: TrustList, host: &HostName) -> Result<CaPool, Rc<Finding>> {
    let what = list.file();
    match folder.trust(list) {
        None => Err(not_checked(host, what, "is missing".into())),
        Some(Err(e)) => Err(not_checked(host, what, format!("cannot be read ({e})"))),
        Some(Ok(pool)) => Ok(pool),
    }
}

/// Whose certificate is verified with whose trust list.
struct Verified<'a> {
    owner: &'a HostName,
    service: Service,
    verifier: &'a HostName,
    list: TrustList,
    /// The verifier's release, when it is an Expressway checking the
    /// far end's EKU on SIP TLS ([`sip_eku_check`]).
    sip_eku_check: Option<Version>,
}

/// The chain one side presents, verified against the other side's trust
/// list for `side`'s EKU, and its leaf's dates; each message says whose
/// certificate and whose list.
fn side_findings(
    chain: &FileContents,
    trust: &CaPool,
    side: Side,
    now: i64,
    who: &Verified<'_>,
) -> Vec<Finding> {
    let purpose = Purpose {
        sides: vec![side],
        now,
        leaf_eku_reported: true,
    };
    let mut out: Vec<Finding> = leaf_eku(&chain.documents[0], side, who.sip_eku_check)
        .into_iter()
        .collect();
    out.extend(chain::verify(&chain.documents, Some(trust), &purpose));
    out.extend(super::check::dates(&chain.documents[0], now));
    let context = format!(
        "{}'s {} certificate, verified with {}'s {}",
        who.owner,
        who.service.file(),
        who.verifier,
        who.list.file()
    );
    out.into_iter()
        .map(|f| {
            f.for_certificate(context.clone())
                .in_file(&chain.name)
                .for_peer(who.owner.as_str())
        })
        .collect()
}

/// `missing-server-auth` / `missing-client-auth`: the leaf's own EKU does
/// not allow its side of the link (a leaf without the extension allows
/// both, RFC 5280 §4.2.1.12).
fn leaf_eku(leaf: &crate::pki::Document, side: Side, sip: Option<Version>) -> Option<Finding> {
    let eku = leaf.extended_key_usage.as_ref()?;
    let (code, has, name) = match side {
        Side::Server => (Code::MissingServerAuth, eku.server_auth, "serverAuth"),
        Side::Client => (Code::MissingClientAuth, eku.client_auth, "clientAuth"),
    };
    let checked_by = sip.map_or_else(String::new, |v| {
        format!(
            "; the Expressway on {v} checks it on SIP TLS (`{SIP_EKU_CHECKING_MODE}`, On by \
             default, TAC 225693)"
        )
    });
    (!has).then(|| {
        Finding::error(
            code,
            format!(
                "the certificate has no {name} Extended Key Usage, which this side of the link \
                 needs{checked_by}"
            ),
        )
        .fix(format!("have it issued with {name}"))
    })
}

/// The release of the Expressway on `verifier`'s side when it checks the
/// far end's EKU on this SIP TLS connection: from X15.5, by default (source
/// K, TAC 225693).
fn sip_eku_check(d: &Deployment, c: &Connection, verifier: Party) -> Option<Version> {
    let Party::Expressway(role) = verifier else {
        return None;
    };
    let release = d.cluster(role)?.version?;
    (c.protocol == Protocol::Sip && release >= SIP_EKU_CHECKING_SINCE).then_some(release)
}

/// `name-mismatch`: `name` is not among the leaf's DNS names (its common
/// name counts only when it has none, as OpenSSL's host check does).
fn name_check(
    chain: &FileContents,
    name: &HostName,
    owner: &HostName,
    verb: &str,
) -> Option<Finding> {
    let leaf = &chain.documents[0];
    let wanted = name.dns();
    let dns: Vec<&AltName> = leaf
        .alt_names()
        .filter(|n| n.kind == crate::cisco::SanKind::Dns)
        .collect();
    let found = if dns.is_empty() {
        leaf.common_names.iter().any(|cn| name.is(cn))
    } else {
        dns.contains(&&wanted)
    };
    (!found).then(|| {
        Finding::error(
            Code::NameMismatch,
            format!("the certificate does not carry {name}, the name the other side {verb}"),
        )
        .fix(format!(
            "add {name} to the certificate's SANs (and to the plan)"
        ))
        .in_file(&chain.name)
        .for_peer(owner.as_str())
    })
}

/// The names a server verifies in the client's certificate: the
/// Expressway-E traversal zone's TLS verify subject name (source E, M), or
/// on SIP TLS to Unified CM the phone security profile names (TAC 211304:
/// Unified CM refused the C's certificate, "did not find matching SAN …
/// Expected=Secure-EX90…").
fn verified_client_names(d: &Deployment, c: &Connection) -> Vec<HostName> {
    if !c.server_end.checks_name {
        return Vec::new();
    }
    match c.server {
        Party::Expressway(Role::ExpresswayE) => d
            .cluster(Role::ExpresswayE)
            .and_then(|e| e.tls_verify_subject_name.as_ref())
            .map(|n| vec![n.value.clone()])
            .unwrap_or_default(),
        Party::UnifiedCm => d
            .phone_security_profiles
            .iter()
            .map(|p| p.value.clone())
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::cisco::{CONNECTIONS, Party};

    /// `docs/links.md` has a row for every connection `links` checks (both
    /// ends have a folder), and names no connection the table lacks.
    #[test]
    fn the_links_document_lists_every_checked_connection() {
        let doc = include_str!("../../docs/links.md");
        let outside = Party::is_outside;
        for c in CONNECTIONS {
            if !outside(c.client) && !outside(c.server) {
                assert!(
                    doc.contains(&format!("`{}`", c.key)),
                    "{} is not in docs/links.md",
                    c.key
                );
            }
        }
        for row in doc.lines().filter(|l| l.starts_with("| `")) {
            for key in row.split('|').nth(1).unwrap_or("").split(", ") {
                let key = key.trim().trim_matches('`');
                assert!(
                    CONNECTIONS.iter().any(|c| c.key == key),
                    "docs/links.md lists {key}, which is not a connection"
                );
            }
        }
    }
}
