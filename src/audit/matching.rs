//! Which planned certificate a document is for: by its names, then by its
//! EKU when a peer has a server and a client certificate; and a CA
//! certificate given where the peer's own should be.

use crate::cisco::Side;
use crate::model::AltName;
use crate::pki::{Document, Kind};
use crate::plan::{CertificatePlan, Plan};
use crate::report::{Code, Finding};
use std::collections::HashSet;

/// The planned certificate a document is for: the only one selected, or
/// the only one whose peer FQDN is among the document's names; otherwise a
/// `no-matching-peer` finding for the file.
pub(crate) fn match_certificate<'a>(
    plan: &'a Plan,
    doc: &Document,
) -> Result<&'a CertificatePlan, Box<Finding>> {
    if let [only] = plan.certificates.as_slice() {
        return Ok(only);
    }
    // One peer selected (`--peer`) with a server and a client certificate:
    // the peer is named, whatever the certificate's names; its EKU decides.
    let one_peer = plan.certificates.windows(2).all(|w| w[0].peer == w[1].peer);
    let names: HashSet<AltName> = doc.host_names().map(AltName::dns).collect();
    let candidates: Vec<&CertificatePlan> = plan
        .certificates
        .iter()
        .filter(|c| one_peer || names.contains(&c.peer.dns()))
        .collect();
    // Each peer once, though it has a server and a client certificate.
    let peers = |certs: &mut dyn Iterator<Item = &CertificatePlan>| {
        let mut names: Vec<String> = Vec::new();
        for c in certs {
            let name = c.peer.to_string();
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.join(", ")
    };
    let candidates = by_eku(candidates, doc);
    let message = match candidates.as_slice() {
        [one] => return Ok(one),
        [] => format!(
            "none of the {}'s names is among the peers checked ({}): it is for another box, \
             or the deployment lacks its peer",
            doc.kind,
            peers(&mut plan.certificates.iter())
        ),
        many => format!(
            "the {}'s names match several peers ({})",
            doc.kind,
            peers(&mut many.iter().copied())
        ),
    };
    Err(Box::new(
        Finding::error(Code::NoMatchingPeer, message).fix("name the peer to compare it with"),
    ))
}

/// A peer's server and client certificates have the same names: the
/// document's EKU tells them apart. The server certificate of a split peer
/// comes from a public CA, which no longer issues clientAuth, and sancsr's
/// client CSR requests both EKUs ([`crate::cisco::Eku::requested`]): a
/// certificate with clientAuth is the client certificate; serverAuth alone,
/// or no EKU extension, the server certificate.
fn by_eku<'a>(candidates: Vec<&'a CertificatePlan>, doc: &Document) -> Vec<&'a CertificatePlan> {
    let one_peer = candidates.windows(2).all(|w| w[0].peer == w[1].peer);
    if candidates.len() < 2 || !one_peer {
        return candidates;
    }
    let side = match &doc.extended_key_usage {
        Some(e) if e.client_auth => Side::Client,
        _ => Side::Server,
    };
    let serving: Vec<_> = candidates
        .iter()
        .copied()
        .filter(|c| c.purpose.eku.serves(side))
        .collect();
    match serving.first() {
        Some(first) => vec![*first],
        None => candidates,
    }
}

/// A CA certificate where the peer's certificate should be: alone, or first
/// in a chain file.
pub(crate) fn ca_as_leaf(documents: &[Document]) -> Option<Finding> {
    let leaf = documents.first()?;
    let server = leaf
        .extended_key_usage
        .as_ref()
        .is_some_and(|e| e.server_auth);
    if leaf.kind != Kind::Certificate || !leaf.is_ca || server {
        return None;
    }
    let cn = leaf
        .common_names
        .first()
        .map_or("(no common name)", String::as_str);
    let message = if documents.len() > 1 {
        (
            format!(
                "the file's first certificate, \"{cn}\", is a CA certificate: a chain file \
                 starts with the leaf, the peer's own certificate, then its issuers"
            ),
            "put the leaf first",
        )
    } else {
        (
            format!("this is a CA certificate (\"{cn}\", CA:TRUE), not a peer's certificate"),
            "check the certificate the CA issued for the peer; the CA certificate goes in the \
             trusted CA list",
        )
    };
    Some(Finding::error(Code::CaAsLeaf, message.0).fix(message.1))
}
