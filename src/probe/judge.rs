//! What `probe` says of each endpoint: the same audits as `check` against
//! the peer's planned certificate, the chain against `--ca` or the system
//! roots, time left, and, across endpoints, a peer that serves different
//! certificates or a certificate older than its newest CSR.

use super::Outcome;
use crate::audit::chain::{self, Purpose};
use crate::audit::check::{self as audit, Context};
use crate::audit::pool::CaPool;
use crate::cisco::Side;
use crate::pki::{self, Document};
use crate::plan::Plan;
use crate::report::{Code, Finding};
use std::collections::HashMap;
use std::path::Path;

/// One endpoint judged.
#[derive(Debug, Clone)]
pub(crate) struct Judged {
    /// What the endpoint gave.
    pub outcome: Outcome,
    /// The chain, read (empty when unreachable).
    pub chain: Vec<Document>,
    /// Errors first.
    pub findings: Vec<Finding>,
}

/// What the judgement needs besides the outcomes.
pub(crate) struct Judge<'a> {
    /// The plan, when a deployment was given.
    pub plan: Option<&'a Plan>,
    /// `--ca` or the system roots.
    pub pool: Option<&'a CaPool>,
    /// "Now", Unix seconds.
    pub now: i64,
    /// `--warn-days`.
    pub warn_days: i64,
    /// `--out-dir`: where the newest CSRs and keys are.
    pub out_dir: Option<&'a Path>,
}

impl Judge<'_> {
    /// Judges every outcome, then the peers across their endpoints.
    pub(crate) fn all(&self, outcomes: Vec<Outcome>) -> Vec<Judged> {
        let mut judged: Vec<Judged> = outcomes.into_iter().map(|o| self.one(o)).collect();
        different_certificates(&mut judged);
        if let Some(dir) = self.out_dir {
            for j in &mut judged {
                j.findings.extend(stale(j, dir));
            }
        }
        for j in &mut judged {
            j.findings.sort_by_key(|f| f.severity);
        }
        judged
    }

    fn one(&self, outcome: Outcome) -> Judged {
        let capture = match &outcome.result {
            Ok(capture) => capture.clone(),
            Err(why) => {
                let finding = Finding::error(Code::Unreachable, why.0.clone());
                return Judged {
                    outcome,
                    chain: Vec::new(),
                    findings: vec![finding],
                };
            }
        };
        let chain = read_chain(&capture.chain);
        let mut findings = Vec::new();
        if chain.is_empty() {
            findings.push(Finding::error(
                Code::Unreachable,
                "the server's certificate cannot be read",
            ));
        } else {
            findings.extend(self.audit(&outcome, &chain));
        }
        if let Some(why) = &capture.stopped {
            findings.push(Finding::info(
                Code::HandshakeStopped,
                format!("the chain was captured, then the handshake stopped: {why} (a server that asks for a client certificate stops it)"),
            ).for_peer(outcome.endpoint.host.clone()));
        }
        Judged {
            outcome,
            chain,
            findings,
        }
    }

    /// `check`'s audits against the planned certificate, the chain, and
    /// time left.
    fn audit(&self, outcome: &Outcome, chain: &[Document]) -> Vec<Finding> {
        let leaf = &chain[0];
        let planned = self
            .plan
            .zip(outcome.endpoint.planned)
            .map(|(p, i)| &p.certificates[i]);
        let mut out = match planned {
            Some(c) => {
                let ctx = Context {
                    now: self.now,
                    key: None,
                };
                audit::audit(leaf, c, &ctx)
            }
            None => Vec::new(),
        };
        if let Some(pool) = self.pool {
            let purpose = Purpose {
                sides: vec![Side::Server],
                now: self.now,
                leaf_eku_reported: planned.is_some(),
            };
            out.extend(chain::verify(chain, Some(pool), &purpose));
        }
        // The plan's audit already said whether it is in its dates.
        if planned.is_none() {
            out.extend(audit::dates(leaf, self.now));
        }
        if let Some(name) = &outcome.endpoint.expect_name {
            out.extend(name_mismatch(leaf, name));
        }
        out.extend(self.time_left(leaf));
        out
    }

    /// `expires-soon`, for a leaf not yet expired.
    fn time_left(&self, leaf: &Document) -> Option<Finding> {
        let end = leaf.not_after_unix?;
        let until = leaf.not_after.as_deref().unwrap_or("?");
        let days = (end - self.now).div_euclid(86_400);
        (end >= self.now && days < self.warn_days).then(|| {
            Finding::warning(
                Code::ExpiresSoon,
                format!(
                    "the certificate expires in {days} day(s), at {until}, within the {} days \
                     warned of",
                    self.warn_days
                ),
            )
            .fix("renew it now")
        })
    }
}

/// `name-mismatch`: `--connect`'s certificate is not valid for the name the
/// client asked for (`--servername`, else the host), as a TLS client would
/// refuse it.
fn name_mismatch(leaf: &Document, name: &str) -> Option<Finding> {
    if chain::valid_for_name(leaf, name)? {
        return None;
    }
    Some(
        Finding::error(
            Code::NameMismatch,
            format!("the certificate is not valid for {name}, the name asked for"),
        )
        .fix(format!(
            "serve a certificate that carries {name} as a SAN, or ask for one of its names"
        )),
    )
}

fn read_chain(ders: &[Vec<u8>]) -> Vec<Document> {
    ders.iter()
        .filter_map(|der| pki::parse_bytes("chain", der).ok())
        .flat_map(|c| c.documents)
        .collect()
}

/// `different-certificates`: one host, different leaves on different ports.
fn different_certificates(judged: &mut [Judged]) {
    let mut by_host: HashMap<String, Vec<(u16, String)>> = HashMap::new();
    for j in judged.iter() {
        if let Some(leaf) = j.chain.first() {
            let host = j.outcome.endpoint.host.to_ascii_lowercase();
            by_host
                .entry(host)
                .or_default()
                .push((j.outcome.endpoint.port, leaf.sha256()));
        }
    }
    for j in judged.iter_mut() {
        let host = j.outcome.endpoint.host.to_ascii_lowercase();
        // An endpoint without a chain (a firewalled port) has nothing to
        // compare; the host's other ports still do.
        let (Some(seen), Some(leaf)) = (by_host.get(&host), j.chain.first()) else {
            continue;
        };
        let mine = leaf.sha256();
        let others: Vec<String> = seen
            .iter()
            .filter(|(_, f)| *f != mine)
            .map(|(p, _)| p.to_string())
            .collect();
        if !others.is_empty() {
            j.findings.push(
                Finding::warning(
                    Code::DifferentCertificates,
                    format!(
                        "{} serves another certificate on port(s) {}",
                        j.outcome.endpoint.host,
                        others.join(", ")
                    ),
                )
                .fix("upload one certificate and restart, so that every service presents it"),
            );
        }
    }
}

/// `stale-certificate`: in an estate folder (`docs/estate.md`), the served
/// leaf is not the peer's `server.pem`; in `generate`'s folder, its key is
/// not the key of the newest CSR or key for this peer.
fn stale(j: &Judged, dir: &Path) -> Option<Finding> {
    let leaf = j.chain.first()?;
    j.outcome.endpoint.planned?;
    let host = &j.outcome.endpoint.host;
    let estate = dir.join(host).join(crate::audit::folders::file(
        crate::cisco::services::Service::ExpresswayServer,
        "pem",
    ));
    if estate.is_file() {
        return not_the_estates(leaf, host, &estate);
    }
    let (path, key) = newest_key(dir, host)?;
    (key != leaf.key.public_key).then(|| {
        Finding::error(
            Code::StaleCertificate,
            format!(
                "{host} still serves a certificate whose key is not that of {}, the newest CSR \
                 or key for it: the new certificate is not uploaded, or the Expressway was not \
                 restarted after the upload",
                path.display()
            ),
        )
        .fix("upload the new certificate, then restart the Expressway")
    })
}

/// `stale-certificate` when `leaf` is not the estate's `server.pem`.
fn not_the_estates(leaf: &Document, host: &str, estate: &Path) -> Option<Finding> {
    let contents = pki::reader::read_path(estate).ok()?;
    let expected = contents.documents.first()?;
    (expected.der != leaf.der).then(|| {
        Finding::error(
            Code::StaleCertificate,
            format!(
                "{host} serves another certificate than {}: the new certificate is not \
                 uploaded, or the Expressway was not restarted after the upload",
                estate.display()
            ),
        )
        .fix("upload the estate's certificate, then restart the Expressway")
    })
}

/// The public key of the newest `<host>.csr`/`.key` (or `.server.*`) in `dir`.
fn newest_key(dir: &Path, host: &str) -> Option<(std::path::PathBuf, Vec<u8>)> {
    let stems = [host.to_owned(), format!("{host}.server")];
    let mut candidates: Vec<(std::time::SystemTime, std::path::PathBuf)> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase());
            name.is_some_and(|n| {
                stems.iter().any(|s| {
                    let s = s.to_ascii_lowercase();
                    n == format!("{s}.csr") || n == format!("{s}.key")
                })
            })
        })
        .filter_map(|p| Some((p.metadata().ok()?.modified().ok()?, p)))
        .collect();
    candidates.sort();
    let (_, path) = candidates.pop()?;
    let key = if path.extension().is_some_and(|e| e == "key") {
        crate::pki::keys::public_key_of(path.to_str()?).ok()?
    } else {
        let contents = pki::reader::read_path(&path).ok()?;
        contents.documents.first()?.key.public_key.clone()
    };
    Some((path, key))
}
