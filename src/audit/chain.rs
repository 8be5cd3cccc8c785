//! Chains: the path from a leaf through its intermediates to a trusted
//! root, as a TLS peer builds it. Path building and signatures are
//! rustls-webpki's (with aws-lc-rs); this module only chooses the inputs
//! and explains a failure in the Expressway admin's terms.
//!
//! The explanation walks issuer names from the leaf through the
//! certificates at hand. It decides nothing: whether a path exists is
//! webpki's answer; the walk only says where it breaks.

use super::explain::{explain, off_path, order, self_anchored_eku, trust_not_checked};
use super::pool::CaPool;
pub(super) use super::walk::{End, Walk};
use crate::cisco::Side;
use crate::pki::Document;
use crate::report::{Code, Finding};
use rustls_pki_types::{CertificateDer, TrustAnchor, UnixTime};
use webpki::{EndEntityCert, KeyUsage};

/// What a chain is verified for.
pub(crate) struct Purpose {
    /// Every EKU the certificate serves, each verified: serverAuth for a
    /// server certificate, clientAuth for a client certificate, both for
    /// the single certificate of a box that is a TLS server and client.
    pub sides: Vec<Side>,
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
    let mut verified = true;
    for &side in &purpose.sides {
        let found = match side_verdict(chain, pool, side, purpose) {
            Ok((ok, found)) => {
                verified &= ok;
                found
            }
            Err(e) => {
                // An error webpki reports with no finding of its own (a
                // CA's dates, a weak digest) is said by the walk above.
                verified = false;
                explain(&e, &walk, pool.is_some(), side, purpose.leaf_eku_reported)
            }
        };
        // Both purposes may fail for one reason: say it once.
        for f in found {
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    match pool {
        None if verified => out.push(trust_not_checked(&walk)),
        Some(pool) if verified => out.extend(off_path(chain, pool, purpose)),
        _ => {}
    }
    out
}

/// One purpose: webpki's verdict, then what webpki leaves to the verifier
/// and OpenSSL enforces (each CA's key usage and path length, the root's
/// included). `Ok((verified, findings))`.
fn side_verdict(
    chain: &[Document],
    pool: Option<&CaPool>,
    side: Side,
    purpose: &Purpose,
) -> Result<(bool, Vec<Finding>), webpki::Error> {
    let leaf = &chain[0];
    let path: Vec<&Document> = match pool {
        // Only a self-signed certificate is its own trust anchor, as in
        // OpenSSL; its EKU must still allow the purpose (said by the caller
        // when it reports the leaf's EKU).
        Some(pool) if leaf.self_signed && pool.contains(leaf) => {
            let ok = leaf_allows(leaf, side);
            let said = (!ok && !purpose.leaf_eku_reported).then(|| self_anchored_eku(side));
            return Ok((ok, said.into_iter().collect()));
        }
        Some(pool) => webpki_path(leaf, &chain[1..], pool, side, purpose.now)?,
        None => {
            self_consistent(chain, side, purpose.now)?;
            chain.iter().skip(1).collect()
        }
    };
    let broken = ca_constraints(&path);
    Ok((broken.is_empty(), broken))
}

impl Purpose {
    /// The purposes a certificate with this planned EKU serves.
    pub(crate) fn of(eku: crate::cisco::Eku, now: i64, leaf_eku_reported: bool) -> Purpose {
        let sides = [Side::Server, Side::Client]
            .into_iter()
            .filter(|s| eku.serves(*s))
            .collect();
        Purpose {
            sides,
            now,
            leaf_eku_reported,
        }
    }
}

/// RFC 5280 §6.1.4 (k), (l), (n) on the path that verified (its issuers,
/// the root last): every CA may sign certificates (keyCertSign, when it has
/// a key usage), and no CA has more intermediates below it than its path
/// length constraint allows. rustls-webpki leaves these to the caller for
/// the root; OpenSSL enforces them, and the differential test found the
/// difference.
fn ca_constraints(path: &[&Document]) -> Vec<Finding> {
    use crate::pki::document::KeyUsageBit;
    let mut out = Vec::new();
    for (below, ca) in path.iter().enumerate() {
        if ca
            .key_usage
            .is_some_and(|ku| !ku.has(KeyUsageBit::KeyCertSign))
        {
            out.push(
                Finding::error(
                    Code::UntrustedChain,
                    format!(
                        "the CA certificate \"{}\" has a key usage without keyCertSign: it may \
                         not sign certificates, and the chain does not verify",
                        name(ca)
                    ),
                )
                .fix("ask the CA for its issuing certificate with keyCertSign"),
            );
        }
        if let Some(limit) = ca.path_len.filter(|l| below > *l as usize) {
            out.push(
                Finding::error(
                    Code::UntrustedChain,
                    format!(
                        "the CA certificate \"{}\" allows {limit} intermediate(s) below it, and \
                         the chain has {below}: the path length constraint is exceeded",
                        name(ca)
                    ),
                )
                .fix("ask the CA for a chain its root allows"),
            );
        }
    }
    out
}

/// Whether the leaf's EKU allows `side` (no EKU extension allows all).
pub(super) fn leaf_allows(leaf: &Document, side: Side) -> bool {
    leaf.extended_key_usage.as_ref().is_none_or(|e| match side {
        Side::Server => e.server_auth,
        Side::Client => e.client_auth,
    })
}

/// The issuers of `chain[0]` on the paths rustls-webpki verified to a
/// root of `pool`, one path per purpose: its intermediates and root, for a
/// trusted CA list. Only what verified: a certificate of the response that
/// merely shares a name (a fake root with another key) is never among
/// them. Empty when nothing verified, or with no pool; a self-signed
/// certificate trusted as itself is its own issuer.
pub(crate) fn verified_issuers<'a>(
    chain: &'a [Document],
    pool: &'a CaPool,
    purpose: &Purpose,
) -> Vec<&'a Document> {
    let Some(leaf) = chain.first() else {
        return Vec::new();
    };
    if leaf.self_signed && pool.contains(leaf) {
        return vec![leaf];
    }
    let mut out: Vec<&Document> = Vec::new();
    for &side in &purpose.sides {
        let Ok(path) = webpki_path(leaf, &chain[1..], pool, side, purpose.now) else {
            continue;
        };
        for doc in path {
            if !out.iter().any(|d| d.der == doc.der) {
                out.push(doc);
            }
        }
    }
    out
}

/// A certificate's common name, else its subject.
pub(crate) fn name(doc: &Document) -> &str {
    match doc.common_names.first() {
        Some(cn) => cn,
        None if doc.subject.is_empty() => EMPTY_SUBJECT,
        None => &doc.subject,
    }
}

/// How a certificate with no subject at all is named.
pub(crate) const EMPTY_SUBJECT: &str = "(empty subject)";

/// rustls-webpki's path building: the leaf, every other certificate sent
/// and the pool's CA certificates as intermediates, the pool's self-signed
/// certificates as trust anchors.
///
/// The path webpki verified, as the documents it is made of: the
/// intermediates it used (from what was sent or the pool), then the pool's
/// root it ended at.
fn webpki_path<'a>(
    leaf: &Document,
    sent: &'a [Document],
    pool: &'a CaPool,
    side: Side,
    now: i64,
) -> Result<Vec<&'a Document>, webpki::Error> {
    let pool_docs = pool.items.iter().map(|i| &i.document);
    let roots: Vec<&Document> = pool_docs.clone().filter(|d| d.self_signed).collect();
    let roots_der: Vec<CertificateDer<'_>> = roots
        .iter()
        .map(|d| CertificateDer::from(d.der.as_slice()))
        .collect();
    // Each anchor beside the root it came from, to name the path's end.
    let anchors: Vec<(TrustAnchor<'_>, &Document)> = roots_der
        .iter()
        .zip(&roots)
        .filter_map(|(der, doc)| Some((webpki::anchor_from_trusted_cert(der).ok()?, *doc)))
        .collect();
    let candidates: Vec<&Document> = sent
        .iter()
        .chain(pool_docs.filter(|d| !d.self_signed && d.is_ca))
        .collect();
    let intermediates: Vec<CertificateDer<'_>> = candidates
        .iter()
        .map(|d| CertificateDer::from(d.der.as_slice()))
        .collect();
    let trust: Vec<TrustAnchor<'_>> = anchors.iter().map(|(a, _)| a.clone()).collect();
    let leaf_der = CertificateDer::from(leaf.der.as_slice());
    let cert = EndEntityCert::try_from(&leaf_der)?;
    let path = verify_for(&cert, &trust, &intermediates, side, now)?;
    let mut out: Vec<&Document> = path
        .intermediate_certificates()
        .filter_map(|c| {
            candidates
                .iter()
                .copied()
                .find(|d| d.der == c.der().as_ref())
        })
        .collect();
    let anchor = path.anchor();
    out.extend(anchors.iter().find(|(a, _)| a == anchor).map(|(_, d)| *d));
    Ok(out)
}

/// Without a pool: the chain's own signatures, the topmost certificate
/// standing in as the anchor.
fn self_consistent(chain: &[Document], side: Side, now: i64) -> Result<(), webpki::Error> {
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
    run_webpki(leaf, &[anchor], &intermediates, side, now)
}

fn run_webpki(
    leaf: &Document,
    anchors: &[TrustAnchor<'_>],
    intermediates: &[CertificateDer<'_>],
    side: Side,
    now: i64,
) -> Result<(), webpki::Error> {
    let leaf_der = CertificateDer::from(leaf.der.as_slice());
    let cert = EndEntityCert::try_from(&leaf_der)?;
    verify_for(&cert, anchors, intermediates, side, now).map(|_| ())
}

/// webpki's verification for one purpose at `now`.
fn verify_for<'p>(
    cert: &'p EndEntityCert<'p>,
    anchors: &'p [TrustAnchor<'p>],
    intermediates: &'p [CertificateDer<'p>],
    side: Side,
    now: i64,
) -> Result<webpki::VerifiedPath<'p>, webpki::Error> {
    let usage = match side {
        Side::Server => KeyUsage::server_auth(),
        Side::Client => KeyUsage::client_auth(),
    };
    let seconds = u64::try_from(now).unwrap_or(0);
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
}

/// Whether `leaf` is valid for the host name or IP address `name`, as a
/// TLS client checks it (rustls-webpki: the SANs, wildcards included; the
/// common name does not count). `None`: the certificate or the name cannot
/// be read as such.
pub(crate) fn valid_for_name(leaf: &Document, name: &str) -> Option<bool> {
    let der = CertificateDer::from(leaf.der.as_slice());
    let cert = EndEntityCert::try_from(&der).ok()?;
    let server_name = rustls_pki_types::ServerName::try_from(name).ok()?;
    Some(cert.verify_is_valid_for_subject_name(&server_name).is_ok())
}
