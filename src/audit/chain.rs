//! Chains: the path from a leaf through its intermediates to a trusted
//! root, as a TLS peer builds it. Path building and signatures are
//! rustls-webpki's (with aws-lc-rs); this module only chooses the inputs
//! and explains a failure in the Expressway admin's terms.
//!
//! The explanation walks issuer names from the leaf through the
//! certificates at hand. It decides nothing: whether a path exists is
//! webpki's answer; the walk only says where it breaks.

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

/// `chain-order`: a PEM chain file must list the leaf, then its issuer,
/// then that one's issuer.
fn order(chain: &[Document]) -> Option<Finding> {
    let broken = chain
        .windows(2)
        .position(|w| w[0].issuer_der != w[1].subject_der)?;
    Some(
        Finding::warning(
            Code::ChainOrder,
            format!(
                "the file's chain is not in order: certificate {} (\"{}\") is not the issuer of \
             certificate {} (\"{}\"), and some uploads take only an ordered chain",
                broken + 2,
                name(&chain[broken + 1]),
                broken + 1,
                name(&chain[broken])
            ),
        )
        .fix("list the leaf first, then each issuer"),
    )
}

/// A certificate's common name, else its subject.
pub(crate) fn name(doc: &Document) -> &str {
    doc.common_names.first().unwrap_or(&doc.subject)
}

/// The certificates from the leaf up, as far as issuer names lead, and
/// where the walk stopped.
struct Walk<'a> {
    /// Leaf first.
    path: Vec<&'a Document>,
    /// Why it stopped.
    end: End<'a>,
}

#[derive(Debug, PartialEq)]
enum End<'a> {
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
    fn issuers(&self) -> impl Iterator<Item = &'a Document> + '_ {
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

/// Trust was not checked: what the file's chain is, and how to check it.
fn trust_not_checked(walk: &Walk<'_>) -> Finding {
    let names: Vec<&str> = walk.path.iter().map(|d| name(d)).collect();
    Finding::info(
        Code::TrustNotChecked,
        format!(
            "the chain's signatures verify ({}), but trust was not checked",
            names.join(" → ")
        ),
    )
    .fix("give the CA certificates the other side trusts, to check the chain against them")
}

/// A failed verification, explained by where the walk stopped.
fn explain(
    error: &webpki::Error,
    walk: &Walk<'_>,
    with_pool: bool,
    purpose: &Purpose,
) -> Vec<Finding> {
    use webpki::Error as E;
    match error {
        E::UnknownIssuer => vec![where_it_stops(walk)],
        // The leaf's own dates are `expired`/`not-yet-valid`; a CA's are
        // `ca-expired` from the walk.
        E::CertExpired { .. } | E::CertNotValidYet { .. } => Vec::new(),
        E::UnsupportedSignatureAlgorithmContext(_) if walk.issuers().any(|d| d.weak_digest) => {
            Vec::new()
        }
        // The leaf's EKU is `missing-server-auth`/`missing-client-auth`
        // when the caller reports it; an intermediate's is reported here.
        E::RequiredEkuNotFoundContext(_)
            if purpose.leaf_eku_reported && !leaf_has(walk.path[0], purpose.side) =>
        {
            Vec::new()
        }
        E::RequiredEkuNotFoundContext(_) => {
            vec![Finding::error(
            Code::UntrustedChain,
            format!(
                "the chain does not allow {}: the certificate or one of its issuers restricts \
                 its Extended Key Usage to other purposes",
                side_eku(purpose.side)
            ),
        )
        .fix(format!(
            "ask the CA for a chain whose issuing CAs allow {}",
            side_eku(purpose.side)
        ))]
        }
        other => {
            let code = if with_pool {
                Code::UntrustedChain
            } else {
                Code::ChainSignature
            };
            vec![
                Finding::error(
                    code,
                    format!("the chain does not verify: {}", describe(other)),
                )
                .fix("check that each certificate was issued by the next"),
            ]
        }
    }
}

/// `chain-incomplete` or `untrusted-chain`, from where the names lead.
fn where_it_stops(walk: &Walk<'_>) -> Finding {
    match walk.end {
        End::MissingIssuer(last) => Finding::error(
            Code::ChainIncomplete,
            format!(
                "no path to a trusted root: the issuer of \"{}\", \"{}\", is neither in the file \
                 nor in the trusted certificates",
                name(last),
                last.issuer.as_deref().unwrap_or("?")
            ),
        )
        .fix("add that intermediate (and its root) to the chain or the trust list"),
        End::UntrustedRoot => Finding::error(
            Code::UntrustedChain,
            format!(
                "the chain ends at the root \"{}\", which is not among the trusted \
                 certificates",
                name(walk.path.last().expect("not empty"))
            ),
        )
        .fix("add the root to the trust list of the side that verifies"),
        End::TrustedRoot | End::InPool => Finding::error(
            Code::UntrustedChain,
            "no trusted path: the certificates at hand name each other, but their signatures \
             or constraints do not verify",
        )
        .fix("check that each certificate was issued by the next, with the issuer's key"),
    }
}

/// Whether the leaf's EKU allows `side` (no EKU extension allows all).
fn leaf_has(leaf: &Document, side: Side) -> bool {
    leaf.extended_key_usage.as_ref().is_none_or(|e| match side {
        Side::Server => e.server_auth,
        Side::Client => e.client_auth,
    })
}

/// `serverAuth` / `clientAuth`.
pub(crate) fn side_eku(side: Side) -> &'static str {
    match side {
        Side::Server => "serverAuth",
        Side::Client => "clientAuth",
    }
}

/// webpki's error in words.
fn describe(error: &webpki::Error) -> String {
    use webpki::Error as E;
    match error {
        E::InvalidSignatureForPublicKey => "a signature is not valid".into(),
        E::CaUsedAsEndEntity => "the leaf is a CA certificate".into(),
        E::EndEntityUsedAsCa => "a leaf certificate stands where an issuer should".into(),
        E::PathLenConstraintViolated => "a CA's path length constraint is exceeded".into(),
        E::NameConstraintViolation => "a CA's name constraints exclude the leaf".into(),
        other => format!("{other:?}"),
    }
}
