//! The walk by issuer names, from the leaf up through the certificates at
//! hand: it decides nothing (webpki does), it says where a path breaks and
//! which CA certificates were met, for the dates and digests it reports.

use super::chain::name;
use super::explain::ca_not_yet_valid;
use super::pool::CaPool;
use crate::pki::Document;
use crate::report::{Code, Finding};

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
    pub(super) fn from(
        leaf: &'a Document,
        sent: &'a [Document],
        pool: Option<&'a CaPool>,
    ) -> Walk<'a> {
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
    pub(super) fn dated(&self, now: i64) -> Vec<Finding> {
        let leaf_end = self.path[0].not_after_unix.unwrap_or(i64::MAX);
        let mut out = Vec::new();
        for ca in self.issuers() {
            let end = ca.not_after_unix.unwrap_or(i64::MAX);
            let until = ca.not_after.as_deref().unwrap_or("?");
            if ca.not_before_unix.is_some_and(|start| now < start) {
                out.push(ca_not_yet_valid(ca));
            }
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
    pub(super) fn weak(&self) -> Vec<Finding> {
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
