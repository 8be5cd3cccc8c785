//! `check` of a returned Unified CM or IM and Presence certificate against
//! its planned one ([`crate::plan::platform`]): matched by `--service` and
//! by its names; every planned node and name in its SANs, no wildcard,
//! key usage and EKU for the release, key, digest and validity.

use super::check::{self, Context};
use super::names;
use crate::cisco::Eku;
use crate::cisco::platform::{PLATFORM_KEY_USAGE, PLATFORM_MAX_RSA_BITS};
use crate::model::AltName;
use crate::pki::Document;
use crate::pki::document::{KeyKind, KeyUsageBit};
use crate::plan::Plan;
use crate::plan::platform::PlatformCertificate;
use crate::report::{Code, Finding};

/// The planned platform certificate a document is for: among those of
/// `service` (a Certificate Purpose, `tomcat`, `CallManager-ECDSA`, any
/// case) when given, the one whose common name or nodes the document
/// names. `None` when the plan has none the document could be.
pub(crate) fn match_platform<'a>(
    plan: &'a Plan,
    doc: &Document,
    service: Option<&str>,
) -> Option<Result<&'a PlatformCertificate, Box<Finding>>> {
    let of_service: Vec<&PlatformCertificate> = plan
        .platform
        .iter()
        .filter(|c| service.is_none_or(|s| c.purpose.eq_ignore_ascii_case(s)))
        .collect();
    // Its own node or common name first: per-node certificates share the
    // chat node aliases.
    let own = |c: &&PlatformCertificate| {
        doc.host_names()
            .any(|n| c.node.is(n) || c.common_name.eq_ignore_ascii_case(n))
    };
    let mut named: Vec<&PlatformCertificate> = of_service.iter().copied().filter(own).collect();
    if named.is_empty() {
        named = of_service
            .iter()
            .copied()
            .filter(|c| doc.host_names().any(|n| c.names_host(n)))
            .collect();
    }
    match named.as_slice() {
        [] if service.is_some() => Some(Err(Box::new(unmatched(doc, &of_service)))),
        [] => None,
        [one] => Some(Ok(one)),
        many => Some(Err(Box::new(
            Finding::error(
                Code::NoMatchingPeer,
                format!(
                    "the {}'s names match several planned certificates ({})",
                    doc.kind,
                    crate::report::list(&many.iter().map(|c| c.label()).collect::<Vec<_>>())
                ),
            )
            .fix("name the certificate purpose: tomcat, CallManager, cup-xmpp, cup-xmpp-s2s"),
        ))),
    }
}

fn unmatched(doc: &Document, candidates: &[&PlatformCertificate]) -> Finding {
    let planned: Vec<String> = candidates.iter().map(|c| c.label()).collect();
    let message = if planned.is_empty() {
        "the plan has no Unified CM or IM and Presence certificate of that purpose".to_owned()
    } else {
        format!(
            "none of the {}'s names is a planned node or common name of {}",
            doc.kind,
            crate::report::list(&planned)
        )
    };
    Finding::error(Code::NoMatchingPeer, message)
        .fix("check the file is this purpose's certificate, and the deployment lists its nodes")
}

/// Every audit of one document against its planned platform certificate.
pub(crate) fn audit(doc: &Document, c: &PlatformCertificate, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(names::wildcard(doc));
    out.extend(names::malformed(doc));
    out.extend(missing_names(doc, c));
    if !doc
        .common_names
        .iter()
        .any(|n| n.eq_ignore_ascii_case(&c.common_name))
    {
        out.push(
            Finding::warning(
                Code::CnMismatch,
                format!(
                    "the common name is \"{}\" but the plan's is \"{}\"",
                    doc.common_names.first().map_or("", String::as_str),
                    c.common_name
                ),
            )
            .fix(format!(
                "generate the CSR with Common Name {}",
                c.common_name
            )),
        );
    }
    out.extend(usages(doc, c));
    out.extend(key_size(doc));
    out.extend(check::weak_digest(doc));
    out.extend(check::dates(doc, ctx.now));
    out.sort_by_key(|f| f.severity);
    out
}

/// Nodes missing from the SANs are `node-not-in-san` (CSCus47235; a
/// multi-server certificate names every node, TAC 118731); other planned
/// names are `missing-san`.
fn missing_names(doc: &Document, c: &PlatformCertificate) -> Vec<Finding> {
    let have: Vec<&AltName> = doc.alt_names().collect();
    let missing: Vec<_> = c
        .names
        .iter()
        .filter(|n| !have.contains(&&n.name.dns()))
        .collect();
    let (nodes, others): (Vec<_>, Vec<_>) = missing.into_iter().partition(|n| n.node);
    let mut out = Vec::new();
    if !nodes.is_empty() {
        let list: Vec<String> = nodes.iter().map(|n| n.name.to_string()).collect();
        out.push(
            Finding::error(
                Code::NodeNotInSan,
                format!(
                    "{} lacks the node(s) {}: TLS to those nodes fails, as the client matches \
                     the node's FQDN against the SANs (CSCus47235)",
                    c.label(),
                    crate::report::list(&list)
                ),
            )
            .fix("generate the CSR again on the publisher with every node in the SANs"),
        );
    }
    for n in others {
        out.push(
            Finding::error(
                Code::MissingSan,
                format!(
                    "{} was planned but is not in the certificate: {}",
                    n.name, n.why
                ),
            )
            .fix("add it to the SANs on Generate CSR and have the certificate issued again"),
        );
    }
    out
}

/// Key usage (source N) and EKU for the plan's release and CA (FN74345).
fn usages(doc: &Document, c: &PlatformCertificate) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(ku) = doc.key_usage {
        let missing: Vec<&str> = [KeyUsageBit::DigitalSignature, KeyUsageBit::KeyEncipherment]
            .into_iter()
            .filter(|u| !ku.has(*u) && doc.key.algorithm == KeyKind::Rsa)
            .map(KeyUsageBit::title)
            .collect();
        if !missing.is_empty() {
            out.push(
                Finding::warning(
                    Code::MissingKeyUsage,
                    format!(
                        "{} lacks the key usage {}: Cisco lists {PLATFORM_KEY_USAGE}",
                        c.label(),
                        missing.join(" and ")
                    ),
                )
                .fix("have it issued from a CA template that keeps the CSR's key usage"),
            );
        }
    }
    let (server, client) = doc
        .extended_key_usage
        .as_ref()
        .map_or((true, true), |e| (e.server_auth, e.client_auth));
    if !server {
        out.push(
            Finding::error(
                Code::MissingServerAuth,
                format!("{} has no serverAuth: TLS clients refuse it", c.label()),
            )
            .fix("have it issued with serverAuth"),
        );
    }
    if !client && c.eku == Eku::ServerAndClient {
        let release = c
            .release
            .map_or_else(|| "this release".to_owned(), |v| v.to_string());
        out.push(
            Finding::error(
                Code::MissingClientAuth,
                format!(
                    "{} has no clientAuth: on {release} the same certificate opens TLS to its \
                     peers (SIP TLS to the Expressway-C, node to node), which needs clientAuth \
                     (FN74345)",
                    c.label()
                ),
            )
            .fix("have it issued with serverAuth and clientAuth by a private CA"),
        );
    }
    out
}

/// Unified CM takes 4096 bits at most (source UCSG); short keys as for
/// the Expressways.
fn key_size(doc: &Document) -> Option<Finding> {
    match doc.key.bits {
        Some(bits) if doc.key.algorithm == KeyKind::Rsa && bits > PLATFORM_MAX_RSA_BITS => Some(
            Finding::error(
                Code::LargeKey,
                format!(
                    "an RSA key of {bits} bits: Unified CM and IM and Presence take \
                     {PLATFORM_MAX_RSA_BITS} bits at most"
                ),
            )
            .fix(format!(
                "generate the CSR with Key Length {PLATFORM_MAX_RSA_BITS} or less"
            )),
        ),
        _ => check::key_strength(doc).filter(|f| f.code == Code::WeakKey),
    }
}

/// One Unified CM or IM and Presence certificate across two plans.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct PlatformVerdict {
    /// `Unified CM tomcat (multi-server)`.
    pub label: String,
    /// `unified-cm` / `im-presence`.
    pub role: &'static str,
    /// The Certificate Purpose.
    pub service: &'static str,
    /// The node whose page generates it.
    pub peer: String,
    /// Whether a new certificate is needed (new, or its names, key or EKU
    /// changed).
    pub reissue: bool,
    /// SANs the new plan adds.
    pub added: Vec<String>,
    /// SANs the new plan drops.
    pub removed: Vec<String>,
}

/// `reissue` for the platform certificates: each of the new plan against
/// the same purpose and node in the old; a CallManager one to reissue is
/// `callmanager-renewal-order` (TAC 214231).
pub(crate) fn reissue(old: &Plan, new: &Plan) -> (Vec<PlatformVerdict>, Vec<Finding>) {
    let same = |a: &PlatformCertificate, b: &PlatformCertificate| {
        a.service == b.service && a.purpose == b.purpose && a.node == b.node
    };
    let shown = |c: &PlatformCertificate| -> Vec<String> {
        c.names.iter().map(|n| n.name.to_string()).collect()
    };
    let verdicts: Vec<PlatformVerdict> = new
        .platform
        .iter()
        .map(|n| {
            let before = old.platform.iter().find(|o| same(o, n));
            let (was, now) = (before.map(shown).unwrap_or_default(), shown(n));
            let added: Vec<String> = now.iter().filter(|x| !was.contains(x)).cloned().collect();
            let removed: Vec<String> = was.iter().filter(|x| !now.contains(x)).cloned().collect();
            let reissue = before.is_none_or(|o| {
                !added.is_empty() || !removed.is_empty() || o.key != n.key || o.eku != n.eku
            });
            PlatformVerdict {
                label: n.label(),
                role: n.product().key(),
                service: n.purpose,
                peer: n.node.to_string(),
                reissue,
                added,
                removed,
            }
        })
        .collect();
    let callmanager: Vec<&PlatformCertificate> = new
        .platform
        .iter()
        .zip(&verdicts)
        .filter(|(c, v)| {
            v.reissue && c.service.service == crate::cisco::services::Service::CallManager
        })
        .map(|(c, _)| c)
        .collect();
    let findings = crate::plan::platform::renewal_order(&callmanager)
        .into_iter()
        .collect();
    (verdicts, findings)
}
