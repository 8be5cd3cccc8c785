//! `sancsr export`: the plan as input for other CSR tools, for keys made
//! elsewhere (an HSM, a policy-mandated tool).
//!
//! - OpenSSL ([`openssl`]): a `req` configuration per peer, so that
//!   `openssl req -new -config <peer>.cnf -key K` gives a CSR with the
//!   planned subject, SANs (same order, otherNames included), KU and EKU.
//! - cfssl ([`cfssl`]): a CSR JSON per peer (`CN`, `hosts`, `names`, `key`).
//!   cfssl cannot carry otherName SANs, nor KU/EKU in a request (its
//!   signing profile decides them): each is a warning, never silently
//!   dropped.
//! - Microsoft AD CS ([`certreq`]): a `certreq` INF per certificate, with
//!   the template from `--template`; otherName SANs are warnings.

mod certreq;
mod cfssl;
mod openssl;

use crate::plan::CertificatePlan;
use crate::report::Finding;

/// The export targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// OpenSSL `req` configuration (`<peer>.cnf`).
    Openssl,
    /// cfssl CSR JSON (`<peer>.json`).
    Cfssl,
    /// Microsoft certreq INF (`<peer>.inf`).
    Certreq,
}

impl Target {
    /// File extension of the target's files.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Target::Openssl => "cnf",
            Target::Cfssl => "json",
            Target::Certreq => "inf",
        }
    }
}

/// The file for one certificate, and what the target could not carry.
/// `template` is the AD CS certificate template (certreq only).
pub(crate) fn render(
    target: Target,
    plan: &CertificatePlan,
    template: Option<&str>,
) -> (String, Vec<Finding>) {
    match target {
        Target::Openssl => (openssl::config(plan), Vec::new()),
        Target::Cfssl => cfssl::csr_json(plan),
        Target::Certreq => certreq::inf(plan, template),
    }
}

/// The Key Usage the Expressway's own Generate CSR page requests, by key
/// algorithm, in OpenSSL's and in words.
pub(crate) fn key_usage(algorithm: crate::cisco::Algorithm) -> (&'static str, &'static str) {
    match algorithm {
        crate::cisco::Algorithm::Rsa => (
            "digitalSignature, keyEncipherment",
            "digital signature + key encipherment",
        ),
        crate::cisco::Algorithm::Ecdsa => ("digitalSignature", "digital signature"),
    }
}
