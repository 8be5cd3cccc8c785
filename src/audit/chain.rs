//! Chains: the path from a leaf through its intermediates to a trusted
//! root, as a TLS peer builds it. Path building and signatures are
//! rustls-webpki's (with aws-lc-rs); this module only chooses the inputs
//! and explains a failure in the Expressway admin's terms.
//!
//! The explanation walks issuer names from the leaf through the
//! certificates at hand. It decides nothing: whether a path exists is
//! webpki's answer; the walk only says where it breaks.

use super::explain::{explain, order, trust_not_checked};
use super::pool::CaPool;
use crate::cisco::Side;
use crate::pki::Document;
use crate::report::{Code, Finding};
use rustls_pki_types::{CertificateDer, TrustAnchor, UnixTime};
use webpki::{EndEntityCert, KeyUsage};

/// What a chain is verified for.
pub(crate) struct Purpose {
    /// The EKU the verifier requires (serverAuth for a server certificate).
    pub side: Side,
    /// "Now", Unix seconds.
    pub now: i64,
    /// Whether the caller reports the leaf's own EKU (as `check` does), so
    /// that a path refused for it is not reported twice.
    pub leaf_eku_reported: bool,
}

/// Verifies `chain` (leaf first, then what the file or the peer sent)
/// against `pool`; without a pool, verifies the chain's own signatures and
/// says trust was not checked.
pub(crate) fn verify(chain: &[Document], pool: Option<&CaPool>, purpose: &Purpose) -> Vec<Finding> {
    let Some(leaf) = chain.first() else {
        return Vec::new();
    };
    let mut out: Vec<Finding> = order(chain).into_iter().collect();
    let walk = Walk::from(leaf, &chain[1..], pool);
    out.extend(walk.dated(purpose.now));
    out.extend(walk.weak());
    let verdict = match pool {
        Some(pool) if pool.contains(leaf) => Ok(()),
        Some(pool) => webpki_verify(leaf, &chain[1..], pool, purpose),
        None => self_consistent(chain, purpose),
    };
    match (verdict, pool) {
        (Ok(()), None) => out.push(trust_not_checked(&walk)),
        (Ok(()), Some(_)) => {}
        (Err(e), _) => out.extend(explain(&e, &walk, pool.is_some(), purpose)),
    }
    out
}

/// The issuers of `chain[0]`, as far as issuer names lead through the rest
/// of `chain` and `pool`: its intermediates and root, for a trusted CA list.
pub(crate) fn issuers<'a>(chain: &'a [Document], pool: Option<&'a CaPool>) -> Vec<&'a Document> {
    let Some(leaf) = chain.first() else {
        return Vec::new();
    };
    Walk::from(leaf, &chain[1..], pool).issuers().collect()
}

/// A certificate's common name, else its subject.
pub(crate) fn name(doc: &Document) -> &str {
    doc.common_names.first().unwrap_or(&doc.subject)
}

/// The certificates from the leaf up, as far as issuer names lead, and
/// where the walk stopped.
pub(super) struct Walk<'a> {
    /// Leaf first.
    pub path: Vec<&'a Document>,
    /// Why it stopped.
    pub end: End<'a>,
}

/// Where the walk by issuer names stopped.
#[derive(Debug, PartialEq)]
pub(super) enum End<'a> {
    /// At a self-signed root in the pool.
    TrustedRoot,
    /// At a self-signed root the pool lacks.
    UntrustedRoot,
    /// At a certificate whose issuer is nowhere to be found.
    MissingIssuer(&'a Document),
    /// At a certificate of the pool (trusted, no root needed).
    InPool,
}

impl<'a> Walk<'a> {
    fn from(leaf: &'a Document, sent: &'a [Document], pool: Option<&'a CaPool>) -> Walk<'a> {
        let mut path = vec![leaf];
        loop {
            let current = *path.last().expect("not empty");
            let in_pool = pool.is_some_and(|p| p.contains(current));
            if current.self_signed {
                let end = if in_pool {
                    End::TrustedRoot
                } else {
                    End::UntrustedRoot
                };
                return Walk { path, end };
            }
            if in_pool && path.len() > 1 {
                return Walk {
                    path,
                    end: End::InPool,
                };
            }
            let from_pool = pool
                .into_iter()
                .flat_map(|p| p.with_subject(&current.issuer_der));
            let issuer = sent
                .iter()
                .chain(from_pool)
                .find(|d| d.subject_der == current.issuer_der && !path.contains(d));
            match issuer {
                Some(next) if path.len() < 16 => path.push(next),
                _ => {
                    let end = End::MissingIssuer(current);
                    return Walk { path, end };
                }
            }
        }
    }

    /// The issuers (every certificate but the leaf).
    pub(super) fn issuers(&self) -> impl Iterator<Item = &'a Document> + '_ {
        self.path.iter().skip(1).copied()
    }

    /// `ca-expired` and `ca-expires-first`.
    fn dated(&self, now: i64) -> Vec<Finding> {
        let leaf_end = self.path[0].not_after_unix.unwrap_or(i64::MAX);
        let mut out = Vec::new();
        for ca in self.issuers() {
            let end = ca.not_after_unix.unwrap_or(i64::MAX);
            let until = ca.not_after.as_deref().unwrap_or("?");
            if end < now {
                out.push(
                    Finding::error(
                        Code::CaExpired,
                        format!(
                            "the CA certificate \"{}\" expired at {until}: every certificate it \
                         issued fails verification",
                            name(ca)
                        ),
                    )
                    .fix("install the renewed CA certificate on every trust list"),
                );
            } else if end < leaf_end {
                out.push(Finding::warning(
                    Code::CaExpiresFirst,
                    format!(
                        "the CA certificate \"{}\" expires at {until}, before the certificate it \
                         vouches for: the chain stops verifying then",
                        name(ca)
                    ),
                )
                .fix("plan the CA's renewal before that date"));
            }
        }
        out
    }

    /// `weak-chain-digest`: an intermediate signed with SHA-1 or MD5 (a
    /// root's own signature is never checked).
    fn weak(&self) -> Vec<Finding> {
        self.issuers()
            .filter(|ca| ca.weak_digest && !ca.self_signed)
            .map(|ca| {
                Finding::error(
                    Code::WeakChainDigest,
                    format!(
                        "the CA certificate \"{}\" is signed with {}: clients refuse a chain \
                         with SHA-1 or MD5",
                        name(ca),
                        ca.signature_algorithm
                    ),
                )
                .fix("ask the CA for its SHA-256 intermediate")
            })
            .collect()
    }
}

/// rustls-webpki's path building: the leaf, every other certificate sent
/// and the pool's CA certificates as intermediates, the pool's self-signed
/// certificates as trust anchors.
fn webpki_verify(
    leaf: &Document,
    sent: &[Document],
    pool: &CaPool,
    purpose: &Purpose,
) -> Result<(), webpki::Error> {
    let pool_docs = pool.items.iter().map(|i| &i.document);
    let anchors_der: Vec<CertificateDer<'_>> = pool_docs
        .clone()
        .filter(|d| d.self_signed)
        .map(|d| CertificateDer::from(d.der.as_slice()))
        .collect();
    let anchors: Vec<TrustAnchor<'_>> = anchors_der
        .iter()
        .filter_map(|d| webpki::anchor_from_trusted_cert(d).ok())
        .collect();
    let intermediates: Vec<CertificateDer<'_>> = sent
        .iter()
        .chain(pool_docs.filter(|d| !d.self_signed && d.is_ca))
        .map(|d| CertificateDer::from(d.der.as_slice()))
        .collect();
    run_webpki(leaf, &anchors, &intermediates, purpose)
}

/// Without a pool: the chain's own signatures, the topmost certificate
/// standing in as the anchor.
fn self_consistent(chain: &[Document], purpose: &Purpose) -> Result<(), webpki::Error> {
    let [leaf, rest @ ..] = chain else {
        return Ok(());
    };
    let Some((top, middle)) = rest.split_last() else {
        return Ok(());
    };
    let top_der = CertificateDer::from(top.der.as_slice());
    let anchor = webpki::anchor_from_trusted_cert(&top_der)?;
    let intermediates: Vec<CertificateDer<'_>> = middle
        .iter()
        .map(|d| CertificateDer::from(d.der.as_slice()))
        .collect();
    run_webpki(leaf, &[anchor], &intermediates, purpose)
}

fn run_webpki(
    leaf: &Document,
    anchors: &[TrustAnchor<'_>],
    intermediates: &[CertificateDer<'_>],
    purpose: &Purpose,
) -> Result<(), webpki::Error> {
    let leaf_der = CertificateDer::from(leaf.der.as_slice());
    let cert = EndEntityCert::try_from(&leaf_der)?;
    let usage = match purpose.side {
        Side::Server => KeyUsage::server_auth(),
        Side::Client => KeyUsage::client_auth(),
    };
    let seconds = u64::try_from(purpose.now).unwrap_or(0);
    let time = UnixTime::since_unix_epoch(std::time::Duration::from_secs(seconds));
    cert.verify_for_usage(
        webpki::ALL_VERIFICATION_ALGS,
        anchors,
        intermediates,
        time,
        usage,
        None,
        None,
    )
    .map(|_| ())
}
