//! Cross-certificate checks: names one Expressway's traversal zone expects
//! in the other's certificate.

use super::Plan;
use crate::cisco::Role;
use crate::model::{Cluster, Deployment, Name};
use crate::report::{Code, Finding};

/// `tls-verify-subject-name-missing`, `traversal-peer-address-missing`, and
/// `cross-check-skipped` when the other Expressway is not in the file.
pub(super) fn findings(d: &Deployment, plan: &Plan) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(e) = d.cluster(Role::ExpresswayE)
        && let Some(subject_name) = &e.tls_verify_subject_name
    {
        out.extend(tls_verify_subject_name(d, plan, subject_name));
    }
    if let Some(c) = d.cluster(Role::ExpresswayC) {
        for address in &c.traversal_peer_addresses {
            out.extend(traversal_peer_address(d, plan, address));
        }
    }
    out
}

fn skipped(d: &Deployment, what: &str, name: &Name, missing: Role) -> Finding {
    let message = format!(
        "{what} \"{}\" is not checked: the deployment has no [{}] table",
        name.value,
        missing.table()
    );
    Finding::info(Code::CrossCheckSkipped, message)
        .fix(format!("add the [{}] table to check it", missing.table()))
        .at(Some(d.location(&name.span)))
}

/// "The TLS verify subject name on the E must be in the C's SAN; for a
/// cluster, use the cluster name" (source E, M).
fn tls_verify_subject_name(d: &Deployment, plan: &Plan, name: &Name) -> Option<Finding> {
    let Some(c) = d.cluster(Role::ExpresswayC) else {
        return Some(skipped(
            d,
            "tls_verify_subject_name",
            name,
            Role::ExpresswayC,
        ));
    };
    let lacking: Vec<&str> = plan
        .certificates
        .iter()
        .filter(|cert| cert.role == Role::ExpresswayC && !cert.has_dns(&name.value))
        .map(|cert| cert.peer.as_str())
        .collect();
    if lacking.is_empty() {
        return None;
    }
    let message = format!(
        "the Expressway-E traversal zone's TLS verify subject name \"{}\" is not a SAN of the \
         Expressway-C certificate for {}: the Expressway matches the SAN, not the CN, so the \
         traversal zone would fail with a TLS negotiation error",
        name.value,
        crate::report::list(&lacking),
    );
    Some(
        Finding::error(Code::TlsVerifySubjectNameMissing, message)
            .fix(subject_name_fix(c, name))
            .at(Some(d.location(&name.span))),
    )
}

fn subject_name_fix(c: &Cluster, name: &Name) -> String {
    let is_peer = c.peers.iter().any(|p| p.value == name.value);
    match &c.cluster_name {
        // A peer's own FQDN is on its own certificate only: the other peers'
        // certificates lack it (issue: do not suggest adding a listed peer).
        Some(cn) if is_peer => format!(
            "set tls_verify_subject_name to the Expressway-C cluster name \"{}\", which every \
             Expressway-C certificate carries, or set alternative_names = \
             \"cluster-and-all-peers\" in [expressway_c] so that every certificate carries \"{}\"",
            cn.value, name.value
        ),
        Some(cn) => format!(
            "set tls_verify_subject_name to the Expressway-C cluster name \"{}\", or add \"{}\" \
             to [expressway_c] additional_names",
            cn.value, name.value
        ),
        None => format!(
            "set tls_verify_subject_name to the Expressway-C's FQDN \"{}\", or add \"{}\" to \
             [expressway_c] additional_names",
            c.peers[0].value, name.value
        ),
    }
}

/// The C refuses an E certificate without the peer address it dials.
fn traversal_peer_address(d: &Deployment, plan: &Plan, address: &Name) -> Option<Finding> {
    if d.cluster(Role::ExpresswayE).is_none() {
        return Some(skipped(
            d,
            "traversal peer address",
            address,
            Role::ExpresswayE,
        ));
    }
    let carried = plan
        .certificates
        .iter()
        .any(|cert| cert.role == Role::ExpresswayE && cert.has_dns(&address.value));
    if carried {
        return None;
    }
    let message = format!(
        "the Expressway-C traversal zone's peer address \"{0}\" is not a SAN of any Expressway-E \
         certificate: the Expressway-C would refuse the Expressway-E's certificate and the \
         traversal zone would not come up",
        address.value
    );
    let fix = format!(
        "add \"{}\" to [expressway_e] peers or additional_names, or correct the peer address",
        address.value
    );
    Some(
        Finding::error(Code::TraversalPeerAddressMissing, message)
            .fix(fix)
            .at(Some(d.location(&address.span))),
    )
}
