//! A cfssl CSR JSON for a planned certificate, and warnings for what cfssl
//! cannot carry.

use super::key_usage;
use crate::cisco::{Algorithm, Digest, SanKind};
use crate::plan::CertificatePlan;
use crate::report::{Code, Finding};
use serde::Serialize;

#[derive(Serialize)]
struct CfsslRequest<'a> {
    #[serde(rename = "CN")]
    cn: &'a str,
    hosts: Vec<&'a str>,
    names: Vec<CfsslName<'a>>,
    key: CfsslKey,
}

#[derive(Serialize)]
struct CfsslName<'a> {
    #[serde(rename = "C", skip_serializing_if = "Option::is_none")]
    c: Option<&'a str>,
    #[serde(rename = "ST", skip_serializing_if = "Option::is_none")]
    st: Option<&'a str>,
    #[serde(rename = "L", skip_serializing_if = "Option::is_none")]
    l: Option<&'a str>,
    #[serde(rename = "O", skip_serializing_if = "Option::is_none")]
    o: Option<&'a str>,
    #[serde(rename = "OU", skip_serializing_if = "Option::is_none")]
    ou: Option<&'a str>,
}

#[derive(Serialize)]
struct CfsslKey {
    algo: &'static str,
    size: u32,
}

/// A cfssl CSR JSON, and warnings for what cfssl cannot carry.
pub(crate) fn csr_json(plan: &CertificatePlan) -> (String, Vec<Finding>) {
    let attributes = plan.subject.attributes();
    let get = |a: &str| attributes.iter().find(|(k, _)| *k == a).map(|(_, v)| *v);
    let name = CfsslName {
        c: get("C"),
        st: get("ST"),
        l: get("L"),
        o: get("O"),
        ou: get("OU"),
    };
    let has_name = [name.c, name.st, name.l, name.o, name.ou]
        .iter()
        .any(Option::is_some);
    let request = CfsslRequest {
        cn: plan.common_name.as_str(),
        hosts: plan
            .entries
            .iter()
            .filter(|e| e.name.kind == SanKind::Dns)
            .map(|e| e.name.value.as_str())
            .collect(),
        names: if has_name { vec![name] } else { Vec::new() },
        key: CfsslKey {
            algo: plan.key.algorithm.key(),
            size: plan.key.size,
        },
    };
    (crate::render::json(&request), warnings(plan))
}

/// What cfssl cannot carry, each a warning.
fn warnings(plan: &CertificatePlan) -> Vec<Finding> {
    let mut warnings = Vec::new();
    let dropped: Vec<String> = plan
        .entries
        .iter()
        .filter(|e| e.name.kind != SanKind::Dns)
        .map(|e| e.to_string())
        .collect();
    if !dropped.is_empty() {
        warnings.push(
            Finding::warning(
                Code::CfsslNoOthername,
                format!(
                    "cfssl CSRs carry only DNS and IP hosts: {} cannot be requested",
                    dropped.join(", ")
                ),
            )
            .fix("make the CSR with OpenSSL or sancsr generate, or choose the DNS format")
            .for_peer(plan.peer.as_str()),
        );
    }
    warnings.push(
        Finding::warning(
            Code::CfsslNoKeyUsage,
            "a cfssl CSR cannot request Key Usage or Extended Key Usage",
        )
        .fix(format!(
            "have the CA's signing profile give {} and {}",
            key_usage(plan.key.algorithm).1,
            plan.purpose.eku.requested().title()
        ))
        .for_peer(plan.peer.as_str()),
    );
    if plan.key.digest != Digest::Sha256 && plan.key.algorithm == Algorithm::Rsa {
        warnings.push(
            Finding::warning(
                Code::CfsslDigest,
                format!(
                    "cfssl chooses the CSR's digest itself; the plan's {} is not carried",
                    plan.key.digest.title()
                ),
            )
            .fix("have the CA's signing profile choose the digest")
            .for_peer(plan.peer.as_str()),
        );
    }
    warnings
}
