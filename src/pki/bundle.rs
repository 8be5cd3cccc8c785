//! PKCS#7 certificate bundles (`.p7b`/`.p7c`): a CMS SignedData with
//! certificates and no signers (RFC 5652 §5), as Microsoft AD CS and many
//! CAs send a chain. Decoded with RustCrypto's `cms` crate.

use super::document::Document;
use cms::content_info::ContentInfo;
use cms::signed_data::{CertificateSet, SignedData};
use der::{Decode, Encode};

/// The DER of each certificate in a PKCS#7 bundle; `None` when `der` is not
/// a CMS ContentInfo at all (so the caller tries other formats).
pub(crate) fn certificates(der: &[u8]) -> Option<Result<Vec<Vec<u8>>, String>> {
    let info = ContentInfo::from_der(der).ok()?;
    if info.content_type != const_oid::db::rfc5911::ID_SIGNED_DATA {
        return Some(Err(format!(
            "is a PKCS#7 / CMS file of type {}, not a certificate bundle (SignedData)",
            info.content_type
        )));
    }
    Some(signed_certificates(&info))
}

fn signed_certificates(info: &ContentInfo) -> Result<Vec<Vec<u8>>, String> {
    let data: SignedData = info
        .content
        .decode_as()
        .map_err(|e| format!("is a PKCS#7 bundle that does not decode: {e}"))?;
    let Some(CertificateSet(set)) = data.certificates else {
        return Err("is a PKCS#7 bundle with no certificates".into());
    };
    let mut out = Vec::new();
    for choice in set.iter() {
        if let cms::cert::CertificateChoices::Certificate(c) = choice {
            out.push(
                c.to_der()
                    .map_err(|e| format!("holds a certificate: {e}"))?,
            );
        }
    }
    if out.is_empty() {
        return Err("is a PKCS#7 bundle with no X.509 certificates".into());
    }
    Ok(out)
}

/// A bundle's certificates in chain order: the leaf (the one that issued
/// none of the others) first, then each one's issuer where the bundle has
/// it, then whatever is left. A SET OF has no order of its own; this only
/// orders for display and for `check`'s leaf, and proves nothing about the
/// chain (path validation does that).
pub(crate) fn leaf_first(mut documents: Vec<Document>) -> Vec<Document> {
    let issues_another = |d: &Document, all: &[Document]| {
        all.iter()
            .any(|o| !std::ptr::eq(o, d) && o.issuer_der == d.subject_der && !o.self_signed)
    };
    let Some(leaf) = documents
        .iter()
        .position(|d| !issues_another(d, &documents))
    else {
        return documents;
    };
    let mut ordered = vec![documents.remove(leaf)];
    loop {
        let last = ordered.last().expect("not empty");
        if last.self_signed {
            break;
        }
        let Some(next) = documents
            .iter()
            .position(|d| d.subject_der == last.issuer_der)
        else {
            break;
        };
        ordered.push(documents.remove(next));
    }
    ordered.extend(documents);
    ordered
}
