//! `sancsr pull`: reads the certificates in service and the trust lists
//! from the boxes' own HTTPS APIs, read-only, into the estate folder's
//! layout (`docs/estate.md`, `docs/pull.md`): the Expressway REST API on
//! each C and E peer, the Certificate Management REST API on each Unified
//! CM and IM and Presence node. Hosts are read at most [`WORKERS`] at a
//! time; one host's failure does not stop the others.

mod bodies;
pub(crate) mod credentials;
pub(crate) mod http;

use crate::cisco::apis::{self, Api};
use crate::cisco::{Party, Role};
use crate::model::{Deployment, HostName};
use http::{Client, Failure};
use std::io::IsTerminal as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// At most this many hosts are read at once.
pub(crate) const WORKERS: usize = 64;

/// A user name and password for one kind of box. Never printed: `Debug`
/// shows the user only.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Credentials {
    /// The account.
    pub user: String,
    /// Its password.
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, password withheld)", self.user)
    }
}

/// The accounts, by kind of box.
#[derive(Debug, Clone, Default)]
pub(crate) struct Logins {
    /// Expressway C and E peers (an admin account).
    pub expressway: Option<Credentials>,
    /// Unified CM nodes (a platform user).
    pub unified_cm: Option<Credentials>,
    /// IM and Presence nodes (else Unified CM's).
    pub im_presence: Option<Credentials>,
}

/// One host to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// Its FQDN (the estate folder's name).
    pub host: HostName,
    /// What it is.
    pub party: Party,
}

/// The deployment's hosts: Expressway-C peers, Expressway-E peers, Unified
/// CM nodes, IM and Presence nodes.
pub(crate) fn targets(d: &Deployment) -> Vec<Target> {
    [
        Party::Expressway(Role::ExpresswayC),
        Party::Expressway(Role::ExpresswayE),
        Party::UnifiedCm,
        Party::ImPresence,
    ]
    .into_iter()
    .flat_map(|party| {
        d.hosts(party)
            .into_iter()
            .map(move |host| Target { host, party })
    })
    .collect()
}

/// One file read from a host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fetched {
    /// The estate file's stem (`server`, `trusted-ca`, `tomcat-trust`…).
    pub stem: &'static str,
    /// The API path it came from.
    pub endpoint: &'static str,
    /// The certificates, DER, in the order received.
    pub certificates: Vec<Vec<u8>>,
    /// SHA-256 of the body received, hex.
    pub received_sha256: String,
}

/// What one host gave: its files, or why not (worded with the host).
#[derive(Debug, Clone)]
pub(crate) struct Pulled {
    /// The host.
    pub target: Target,
    /// Its files, or the reason it gave none.
    pub result: Result<Vec<Fetched>, String>,
}

/// Reads every target, at most [`WORKERS`] at once, in the targets' order;
/// with `progress`, a count on a terminal's standard error.
pub(crate) fn pull_all(
    targets: &[Target],
    logins: &Logins,
    client: &Client,
    progress: bool,
) -> Vec<Pulled> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Pulled>>> = Mutex::new(vec![None; targets.len()]);
    let done = AtomicUsize::new(0);
    let progress = progress && std::io::stderr().is_terminal();
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(targets.len()) {
            let worker = || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(target) = targets.get(i) else { break };
                let pulled = pull_one(target, logins, client);
                results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(pulled);
                let n = done.fetch_add(1, Ordering::SeqCst) + 1;
                if progress {
                    eprint!("\rpulled {n}/{}", targets.len());
                }
            };
            // A worker that cannot start leaves its share to the others.
            if std::thread::Builder::new()
                .spawn_scoped(scope, worker)
                .is_err()
            {
                break;
            }
        }
    });
    if progress {
        eprint!("\r\x1b[K");
    }
    let results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    targets
        .iter()
        .zip(results)
        .map(|(t, r)| {
            r.unwrap_or_else(|| Pulled {
                target: t.clone(),
                result: Err(format!("{} was not read: no worker could start", t.host)),
            })
        })
        .collect()
}

fn login(party: Party, logins: &Logins) -> Option<&Credentials> {
    match party {
        Party::Expressway(_) => logins.expressway.as_ref(),
        Party::UnifiedCm => logins.unified_cm.as_ref(),
        Party::ImPresence => logins.im_presence.as_ref().or(logins.unified_cm.as_ref()),
        _ => None,
    }
}

fn pull_one(target: &Target, logins: &Logins, client: &Client) -> Pulled {
    let host = target.host.as_str();
    let result = match login(target.party, logins) {
        None => Err(format!("no credentials for {host}")),
        Some(credentials) => match target.party {
            Party::Expressway(_) => expressway(host, credentials, client),
            _ => platform(host, credentials, client),
        },
    };
    Pulled {
        target: target.clone(),
        result,
    }
}

fn get(
    host: &str,
    api: &Api,
    credentials: &Credentials,
    client: &Client,
) -> Result<(Vec<u8>, String), String> {
    let body = client
        .get(host, api, credentials)
        .map_err(|f| explain(host, api, &f, client))?;
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &body);
    let hex = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    Ok((body, hex))
}

/// The Expressway's server certificate and trusted CA list.
fn expressway(
    host: &str,
    credentials: &Credentials,
    client: &Client,
) -> Result<Vec<Fetched>, String> {
    let mut out = Vec::new();
    for (api, stem) in [
        (apis::EXPRESSWAY_SERVER_CERTIFICATE, "server"),
        (apis::EXPRESSWAY_TRUSTED_CAS, "trusted-ca"),
    ] {
        let (body, sha) = get(host, &api, credentials, client)?;
        let certificates = bodies::certificates_in(&body);
        if certificates.is_empty() {
            return Err(no_certificate(host, &api, &body));
        }
        out.push(Fetched {
            stem,
            endpoint: api.path,
            certificates,
            received_sha256: sha,
        });
    }
    Ok(out)
}

/// A Unified CM or IM and Presence node's identities and trust stores.
fn platform(
    host: &str,
    credentials: &Credentials,
    client: &Client,
) -> Result<Vec<Fetched>, String> {
    let api = apis::PLATFORM_CERTIFICATE_SNAPSHOT;
    let (body, sha) = get(host, &api, credentials, client)?;
    let services = bodies::snapshot(&body).unwrap_or_default();
    let mut out: Vec<Fetched> = Vec::new();
    for s in services.into_iter().filter(|s| !s.certificates.is_empty()) {
        let Some(stem) = apis::snapshot_file(&s.service, s.trust) else {
            continue;
        };
        match out.iter_mut().find(|f| f.stem == stem) {
            Some(f) => f.certificates.extend(s.certificates),
            None => out.push(Fetched {
                stem,
                endpoint: api.path,
                certificates: s.certificates,
                received_sha256: sha.clone(),
            }),
        }
    }
    if out.is_empty() {
        return Err(no_certificate(host, &api, &body));
    }
    Ok(out)
}

fn no_certificate(host: &str, api: &Api, body: &[u8]) -> String {
    format!(
        "{host} answered {} with no certificate ({} bytes); docs/pull.md says what shape was expected and what to report",
        api.path,
        body.len()
    )
}

/// A failure in words, naming the host; an untrusted API certificate names
/// the CA its chain needs (read again, unverified, to say which).
fn explain(host: &str, api: &Api, failure: &Failure, client: &Client) -> String {
    match failure {
        Failure::CredentialsRefused => format!("credentials refused by {host} (HTTP 401)"),
        Failure::NoSuchApi => format!(
            "{host} has no such API: GET {} answered 404 ({}, {} and later)",
            api.path, api.document, api.since
        ),
        Failure::Status(code) => format!("{host} answered HTTP {code} to GET {}", api.path),
        Failure::Timeout => format!(
            "no answer from {host} within {} s",
            client.timeout.as_secs_f64()
        ),
        Failure::TooLarge => format!(
            "{host} sent more than {} MB for {}: refused",
            http::MAX_BODY / (1024 * 1024),
            api.path
        ),
        Failure::Untrusted(why) => format!(
            "{host}'s API certificate is not trusted ({why}): {}",
            needed_ca(host, client)
        ),
        Failure::WrongName => format!(
            "{host}'s API certificate does not carry the name {host}: connect by a name it \
             carries, or have that certificate issued again with it"
        ),
        Failure::Unreachable(why) => format!("cannot reach {host}: {why}"),
    }
}

/// Which CA the API's chain ends at: the issuer of its last certificate.
fn needed_ca(host: &str, client: &Client) -> String {
    let Ok(address) = client.network.address(host, 443) else {
        return "its chain could not be read again".into();
    };
    let dial = crate::probe::tls::Dial {
        address,
        server_name: host.to_owned(),
        xmpp_to: host.to_owned(),
        starttls: None,
        timeout: client.timeout,
    };
    let chain = match crate::probe::tls::capture(&dial) {
        Ok(capture) => capture.chain,
        Err(_) => return "its chain could not be read again".into(),
    };
    let last = chain
        .last()
        .and_then(|der| crate::pki::parse_bytes("api", der).ok());
    match last.as_ref().and_then(|c| c.documents.first()) {
        Some(d) if d.self_signed => format!(
            "it presents \"{}\", self-signed: trust that certificate or its CA",
            d.subject
        ),
        Some(d) => format!(
            "its chain ends at a certificate issued by \"{}\": trust that CA",
            d.issuer.as_deref().unwrap_or("?")
        ),
        None => "its chain could not be read".into(),
    }
}
