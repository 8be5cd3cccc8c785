//! A chain's failures explained in the Expressway admin's terms, from
//! where the walk by issuer names stopped ([`super::chain`] decides, with
//! webpki; this words), and the file's own order.

use super::chain::{End, Purpose, Walk, leaf_allows, name, verified_issuers};
use super::pool::CaPool;
use crate::cisco::Side;
use crate::pki::Document;
use crate::report::{Code, Finding};

/// `chain-order`: a PEM chain file must list the leaf, then its issuer,
/// then that one's issuer.
pub(super) fn order(chain: &[Document]) -> Option<Finding> {
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

/// Trust was not checked: what the file's chain is, and how to check it.
pub(super) fn trust_not_checked(walk: &Walk<'_>) -> Finding {
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
pub(super) fn explain(
    error: &webpki::Error,
    walk: &Walk<'_>,
    with_pool: bool,
    side: Side,
    leaf_eku_reported: bool,
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
            if leaf_eku_reported && !leaf_allows(walk.path[0], side) =>
        {
            Vec::new()
        }
        E::RequiredEkuNotFoundContext(_) => {
            vec![Finding::error(
            Code::UntrustedChain,
            format!(
                "the chain does not allow {}: the certificate or one of its issuers restricts \
                 its Extended Key Usage to other purposes",
                side_eku(side)
            ),
        )
        .fix(format!(
            "ask the CA for a chain whose issuing CAs allow {}",
            side_eku(side)
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

/// The certificates sent with the leaf that are not on the path that
/// verified: `name-alike-issuer` for one with the name of an issuer on the
/// path but another key (a fake root, or a CA renewed with a new key),
/// `off-path-certificate` for the rest. Neither goes in a trust list.
pub(super) fn off_path(chain: &[Document], pool: &CaPool, purpose: &Purpose) -> Vec<Finding> {
    let path = verified_issuers(chain, pool, purpose);
    let mut out = Vec::new();
    for doc in chain.iter().skip(1) {
        if path.iter().any(|p| p.der == doc.der) {
            continue;
        }
        let twin = path
            .iter()
            .find(|p| p.subject_der == doc.subject_der && p.key.public_key != doc.key.public_key);
        out.push(match twin {
            Some(real) => Finding::error(
                Code::NameAlikeIssuer,
                format!(
                    "the file holds \"{}\", which has the name of \"{}\" on the path that \
                     verified but another key: a fake, or a CA renewed with a new key; it is \
                     not trusted and goes in no trust list",
                    name(doc),
                    name(real)
                ),
            )
            .fix("ask the CA for its chain again, and compare it with the root you trust"),
            None => Finding::warning(
                Code::OffPathCertificate,
                format!(
                    "the file holds \"{}\", which is not on the path that verified: it is \
                     left out",
                    name(doc)
                ),
            )
            .fix("send only the leaf and its issuers"),
        });
    }
    out
}

/// A self-signed certificate trusted as itself, but not for this purpose:
/// a clientAuth-only certificate presented as a server's, say.
pub(super) fn self_anchored_eku(side: Side) -> Finding {
    let eku = side_eku(side);
    Finding::error(
        Code::UntrustedChain,
        format!(
            "the certificate is trusted as itself (self-signed, in the trust list), but its \
             Extended Key Usage does not allow {eku}"
        ),
    )
    .fix(format!("use a certificate issued for {eku}"))
}

/// `ca-not-yet-valid`: a CA of the chain whose validity starts later.
pub(super) fn ca_not_yet_valid(ca: &Document) -> Finding {
    Finding::error(
        Code::CaNotYetValid,
        format!(
            "the CA certificate \"{}\" is valid only from {}: every certificate it issued \
             fails verification until then",
            name(ca),
            ca.not_before.as_deref().unwrap_or("?")
        ),
    )
    .fix("check the clocks of the CA and of the boxes; use the CA's current certificate")
}
