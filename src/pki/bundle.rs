//! PKCS#7 certificate bundles (`.p7b`/`.p7c`): a CMS SignedData with
//! certificates and no signers (RFC 5652 §5), as Microsoft AD CS and many
//! CAs send a chain. Decoded with RustCrypto's `cms` crate.

use super::document::Document;
use cms::content_info::ContentInfo;
use cms::signed_data::{CertificateSet, SignedData};
use der::{Decode, Encode};
use std::collections::HashMap;

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
    // Decoded under BER rules: DER rules would sort the certificates' SET
    // OF, comparing certificates by encoding them again, which made 20,000
    // certificates take 15 times as long as the same in PEM; the order is
    // ours to choose anyway ([`leaf_first`]). BER also reads the indefinite
    // lengths some Windows tools write.
    let data: SignedData = info
        .content
        .decode_as_encoding(der::EncodingRules::Ber)
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
/// it, then whatever is left, in the bundle's order. A SET OF has no order
/// of its own; this only orders for display and for `check`'s leaf, and
/// proves nothing about the chain (path validation does that).
///
/// Linear in the bundle's size: names are looked up in a hash map, never by
/// scanning, so a bundle of 100,000 certificates in adversarial order reads
/// as fast as the same certificates in PEM.
pub(crate) fn leaf_first(documents: Vec<Document>) -> Vec<Document> {
    // How many certificates (not self-signed) each subject issued.
    let mut issued: HashMap<&[u8], usize> = HashMap::new();
    let mut by_subject: HashMap<&[u8], Vec<usize>> = HashMap::new();
    for (i, d) in documents.iter().enumerate() {
        if !d.self_signed {
            *issued.entry(d.issuer_der.as_slice()).or_default() += 1;
        }
        by_subject
            .entry(d.subject_der.as_slice())
            .or_default()
            .push(i);
    }
    // A certificate "issued another" when some other one names it issuer.
    let issues_another = |d: &Document| {
        let own = usize::from(!d.self_signed && d.issuer_der == d.subject_der);
        issued.get(d.subject_der.as_slice()).copied().unwrap_or(0) > own
    };
    let Some(leaf) = documents.iter().position(|d| !issues_another(d)) else {
        return documents;
    };
    let mut taken = vec![false; documents.len()];
    let mut order = vec![leaf];
    taken[leaf] = true;
    while order.len() < documents.len() {
        let last = &documents[*order.last().expect("not empty")];
        if last.self_signed {
            break;
        }
        let next = by_subject
            .get(last.issuer_der.as_slice())
            .and_then(|c| c.iter().copied().find(|i| !taken[*i]));
        let Some(next) = next else { break };
        taken[next] = true;
        order.push(next);
    }
    order.extend((0..documents.len()).filter(|i| !taken[*i]));
    let mut slots: Vec<Option<Document>> = documents.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}
