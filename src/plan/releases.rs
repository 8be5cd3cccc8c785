//! The two boxes' releases, side by side: an Expressway-C that cannot take
//! the Expressway-E's planned certificate, and a pair on different
//! releases (source I, J).

use super::Plan;
use crate::cisco::policy::SERVER_ONLY_E_SINCE;
use crate::cisco::{Eku, Role};
use crate::model::Deployment;
use crate::report::{Code, Finding};

/// `c-requires-dual-eku` and `release-mismatch`.
pub(super) fn findings(d: &Deployment, plan: &Plan) -> Vec<Finding> {
    let (Some(c), Some(e)) = (d.cluster(Role::ExpresswayC), d.cluster(Role::ExpresswayE)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let e_server_only = plan
        .certificates
        .iter()
        .any(|cert| cert.role == Role::ExpresswayE && cert.purpose.eku == Eku::Server);
    if let Some(release) = c
        .version
        .filter(|v| e_server_only && *v < SERVER_ONLY_E_SINCE)
    {
        // TAC 225482, FAQ: before X15.4 the Expressway-C requires both EKUs
        // on the Expressway-E's certificate; "without combined EKU, MRA SIP
        // registration fails".
        let message = format!(
            "the Expressway-C on {release} requires serverAuth and clientAuth on the \
             Expressway-E's certificate, but the Expressway-E's planned server certificate is \
             serverAuth-only: the traversal zone and MRA SIP registration would fail"
        );
        out.push(
            Finding::error(Code::CRequiresDualEku, message)
                .fix(format!(
                    "upgrade the Expressway-C to {} (the Expressway-E's release; \
                     {SERVER_ONLY_E_SINCE} at least) before the Expressway-E takes a \
                     serverAuth-only certificate",
                    e.version
                        .unwrap_or(SERVER_ONLY_E_SINCE)
                        .max(SERVER_ONLY_E_SINCE)
                ))
                .at(Some(d.location(&c.span))),
        );
    }
    if let (Some(cv), Some(ev)) = (c.version, e.version)
        && cv != ev
    {
        // FN74362 and TAC 225482: both boxes are upgraded, to the same
        // release.
        let message = format!(
            "the Expressway-C runs {cv} and the Expressway-E {ev}: Cisco's sunset answers \
             assume both boxes on the same release"
        );
        out.push(
            Finding::warning(Code::ReleaseMismatch, message)
                .fix(format!("upgrade both to {}", cv.max(ev)))
                .at(Some(d.location(&e.span))),
        );
    }
    out
}
