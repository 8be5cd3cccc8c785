//! `sancsr bundle`: what came back from the CA, matched to its planned
//! certificate and its key, checked as `check` does, with the trusted CA
//! list entries each peer needs: the issuers of its own certificate and of
//! the certificates of every box it talks to over TLS (the connections
//! table). Writing is the CLI's.

use super::chain::{self, Purpose};
use super::check::{self, Context};
use super::pool::CaPool;
use crate::cisco::policy::SEPARATE_CLIENT_STORE_SINCE;
use crate::cisco::{CONNECTIONS, Eku, Party};
use crate::model::Deployment;
use crate::pki::keys::ExistingKey;
use crate::pki::{Document, FileContents, Kind};
use crate::plan::{CertificatePlan, Plan};
use crate::report::{Code, Error, Finding};
use std::path::{Path, PathBuf};

/// A private key found for a certificate.
#[derive(Debug, Clone)]
pub(crate) struct FoundKey {
    /// Its file.
    pub path: PathBuf,
    /// The file's text, written unchanged.
    pub pem: String,
    /// PKCS#8 DER, for a PKCS#12.
    pub pkcs8: Vec<u8>,
}

/// One response, ready to bundle.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    /// The file it came from, leaf first.
    pub contents: FileContents,
    /// The planned certificate it is for.
    pub planned: CertificatePlan,
    /// Its key.
    pub key: Option<FoundKey>,
    /// Everything `check` says, and the chain.
    pub findings: Vec<Finding>,
}

/// Matches, finds keys and checks every response.
pub(crate) fn prepare(
    plan: &Plan,
    responses: Vec<FileContents>,
    key_dir: &Path,
    pool: Option<&CaPool>,
    now: i64,
) -> Result<Vec<Prepared>, Error> {
    let keys = keys_in(key_dir)?;
    let mut out = Vec::new();
    for contents in responses {
        let leaf = &contents.documents[0];
        let name = contents.name.clone();
        let planned = match check::match_certificate(plan, leaf) {
            Ok(c) if leaf.kind == Kind::Certificate => c.clone(),
            Ok(_) => return Err(not_a_certificate(&name)),
            Err(finding) => {
                return Err(Error::ResponseFindings {
                    findings: vec![finding.in_file(&name)],
                });
            }
        };
        let key = keys
            .iter()
            .find(|(public, _)| *public == leaf.key.public_key);
        let planned = key
            .and_then(|(_, k)| planned_for_key(plan, &planned, &k.path))
            .unwrap_or(planned);
        let mut findings = check::audit(leaf, &planned, &Context { now, key: None });
        let purpose = Purpose::of(planned.purpose.eku, now, true);
        findings.extend(chain::verify(&contents.documents, pool, &purpose));
        if key.is_none() {
            findings.push(no_key(&planned, key_dir));
        }
        let peer = planned.peer.to_string();
        let findings = findings
            .into_iter()
            .map(|f| f.in_file(&name).for_peer(&peer))
            .collect();
        out.push(Prepared {
            key: key.map(|(_, k)| k.clone()),
            contents,
            planned,
            findings,
        });
    }
    Ok(out)
}

fn not_a_certificate(name: &str) -> Error {
    Error::Unreadable {
        file: name.to_owned(),
        why: "it is a CSR: bundle takes the certificate the CA sent back".into(),
    }
}

fn no_key(planned: &CertificatePlan, dir: &Path) -> Finding {
    Finding::error(
        Code::KeyNotFound,
        format!(
            "no private key in {} matches this certificate (expected {}.key): it was issued \
             for another CSR, or the key is elsewhere",
            dir.display(),
            planned.file_stem()
        ),
    )
    .fix("give the folder that holds the key of the CSR this certificate was issued for")
}

/// Every readable private key in `dir`: its public key and the key.
/// Whether the single serverAuth + clientAuth certificate `planned` also
/// belongs in the X15.5 client certificate store: its box is the TLS client
/// of a mutual TLS connection (source D, K; `client-store`).
pub(crate) fn for_client_store(d: &Deployment, planned: &CertificatePlan) -> bool {
    let me = Party::Expressway(planned.role);
    let release = d.cluster(planned.role).and_then(|c| c.version);
    planned.purpose.eku == Eku::ServerAndClient
        && release.is_some_and(|v| v >= SEPARATE_CLIENT_STORE_SINCE)
        && planned
            .purpose
            .connections
            .iter()
            .any(|c| c.client == me && c.mutual)
}

/// A peer's server and client certificates carry the same names, and a
/// client certificate requests both EKUs ([`crate::cisco::Eku::requested`]):
/// the key that matches the response says which one it is, by the file
/// `generate` named it (`<peer>.server.key`, `<peer>.client.key`).
fn planned_for_key(plan: &Plan, matched: &CertificatePlan, key: &Path) -> Option<CertificatePlan> {
    let stem = key.file_stem()?.to_str()?;
    plan.certificates
        .iter()
        .find(|c| c.peer == matched.peer && c.file_stem() == stem)
        .cloned()
}

fn keys_in(dir: &Path) -> Result<Vec<(Vec<u8>, FoundKey)>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "key"))
        .collect();
    paths.sort();
    Ok(paths.iter().filter_map(|p| read_key(p)).collect())
}

fn read_key(path: &Path) -> Option<(Vec<u8>, FoundKey)> {
    use rcgen::PublicKeyData as _;
    use x509_parser::prelude::FromDer;
    let key = ExistingKey::read(path.to_str()?, crate::cisco::Digest::Sha256).ok()?;
    let pair = key.key_pair().ok()?;
    let spki = pair.subject_public_key_info();
    let (_, info) = x509_parser::x509::SubjectPublicKeyInfo::from_der(&spki).ok()?;
    let public = info.subject_public_key.data.to_vec();
    let found = FoundKey {
        path: path.to_path_buf(),
        // The text already read, through io's size limit: not read again.
        pem: key.pem().to_owned(),
        pkcs8: pair.serialize_der(),
    };
    Some((public, found))
}

/// The trusted CA list entries of `this`: the issuers on the verified
/// paths of its own chain and of every other response's chain whose box it
/// talks to, without repeats. Nothing without a trust list: which issuers
/// are genuine is known only from a path that verified to one.
pub(crate) fn trusted_ca_list<'a>(
    d: &Deployment,
    this: &'a Prepared,
    all: &'a [Prepared],
    pool: Option<&'a CaPool>,
    now: i64,
) -> Vec<&'a Document> {
    let mut out: Vec<&Document> = Vec::new();
    for other in all
        .iter()
        .filter(|o| std::ptr::eq(*o, this) || talks_to(d, this, o))
    {
        let Some(pool) = pool else { break };
        let purpose = Purpose::of(other.planned.purpose.eku, now, true);
        for ca in chain::verified_issuers(&other.contents.documents, pool, &purpose) {
            if !out.iter().any(|c| c.der == ca.der) {
                out.push(ca);
            }
        }
    }
    out
}

/// Whether a connection of the deployment's features joins the two boxes.
fn talks_to(d: &Deployment, a: &Prepared, b: &Prepared) -> bool {
    joined(d, &a.planned, &b.planned)
}

/// Whether a connection of the deployment's features joins the boxes of
/// two planned certificates.
fn joined(d: &Deployment, a: &CertificatePlan, b: &CertificatePlan) -> bool {
    let (pa, pb) = (Party::Expressway(a.role), Party::Expressway(b.role));
    a.peer != b.peer
        && CONNECTIONS.iter().any(|c| {
            c.applies(&d.features, &d.connections)
                && ((c.client == pa && c.server == pb) || (c.client == pb && c.server == pa))
        })
}

/// `partner-ca-missing`: a box `this` talks to whose certificate came with
/// no response in this run, so its issuers cannot be in `this`'s trusted
/// CA list.
pub(crate) fn missing_partners(
    d: &Deployment,
    plan: &Plan,
    this: &Prepared,
    all: &[Prepared],
) -> Vec<Finding> {
    plan.certificates
        .iter()
        .filter(|c| joined(d, &this.planned, c))
        .filter(|c| {
            !all.iter()
                .any(|p| p.planned.peer == c.peer && p.planned.purpose == c.purpose)
        })
        .map(|c| {
            Finding::warning(
                Code::PartnerCaMissing,
                format!(
                    "the trusted CA list of {} lacks the CA of {}'s {} certificate, which it \
                     talks to over TLS: no response for it was given",
                    this.planned.peer,
                    c.peer,
                    c.purpose.eku.title()
                ),
            )
            .fix(format!(
                "bundle {}'s response too, or add its issuing CA to {}'s trusted CA list by hand",
                c.peer, this.planned.peer
            ))
            .for_peer(this.planned.peer.as_str())
        })
        .collect()
}
