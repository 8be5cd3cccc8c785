//! `sancsr check`: audits a certificate the CA sent back (or a CSR) against
//! the planned certificate for its peer, before it goes on the Expressway.
//!
//! Each audit is a small function from the document and its context to
//! findings with stable codes; [`audit`] runs them all.

pub(crate) use super::matching::{ca_as_leaf, match_certificate};
use super::names;
use crate::cisco::policy::{
    CLIENT_AUTH_SUNSET, MAX_VALIDITY_DAYS, SEPARATE_CLIENT_STORE_SINCE, SERVER_EKU_UPLOAD_SWITCH,
    SERVER_ONLY_E_SINCE, interim_remedy,
};
use crate::cisco::{
    CaKind, ECDSA_MINIMUM_BITS, Eku, RSA_MINIMUM_BITS, RSA_SIP_TLS_MAXIMUM_BITS, Role, Version,
};
use crate::model::AltName;
use crate::pki::document::KeyKind;
use crate::pki::{Document, Kind};
use crate::plan::CertificatePlan;
use crate::report::{Code, Finding};
use std::collections::HashSet;

/// What the audit needs besides the document and its plan.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    /// "Now", Unix seconds (fixed by `--now` for reproducible runs).
    pub now: i64,
    /// The subjectPublicKey of the `--key` file, when given.
    pub key: Option<Vec<u8>>,
}

/// Every audit of one document against its planned certificate.
pub(crate) fn audit(doc: &Document, plan: &CertificatePlan, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(names::wildcard(doc));
    out.extend(names::malformed(doc));
    out.extend(sans(doc, plan));
    out.extend(common_name(doc, plan));
    out.extend(subject(doc, plan));
    // The release of the certificate's role (`None`: assume the strictest).
    out.extend(eku(doc, plan, plan.release));
    out.extend(key_strength(doc));
    out.extend(weak_digest(doc));
    out.extend(validity(doc, plan, ctx.now));
    out.extend(key_match(doc, ctx.key.as_deref()));
    if doc.kind == Kind::Certificate && doc.self_signed {
        out.push(
            Finding::warning(
                Code::SelfSigned,
                "the certificate is self-signed: Cisco recommends CA-signed certificates, and \
                 Jabber and endpoints will not trust it",
            )
            .fix("send the CSR to a CA"),
        );
    }
    if doc.signature_valid == Some(false) {
        out.push(
            Finding::error(
                Code::BadSignature,
                "the CSR's signature does not verify: it was altered or is corrupt",
            )
            .fix("generate it again"),
        );
    }
    out.sort_by_key(|f| f.severity);
    out
}

/// `missing-san` and `unexpected-san`, ignoring case.
fn sans(doc: &Document, plan: &CertificatePlan) -> Vec<Finding> {
    let have: HashSet<&AltName> = doc.alt_names().collect();
    let planned: HashSet<&AltName> = plan.entries.iter().map(|e| &e.name).collect();
    let mut out = Vec::new();
    for entry in plan.entries.iter().filter(|e| !have.contains(&e.name)) {
        let why = entry.reasons.first().map_or("planned", |r| &r.why);
        out.push(
            Finding::error(
                Code::MissingSan,
                format!("{entry} was planned but is not in the {}: {why}", doc.kind),
            )
            .fix("ask the CA to include it (some CAs drop otherName or unverified names)"),
        );
    }
    for san in &doc.sans {
        let is_planned = match san {
            crate::pki::San::Name(n) => planned.contains(n),
            _ => false,
        };
        if !is_planned {
            out.push(Finding::info(
                Code::UnexpectedSan,
                format!("{san} is in the {} but not in the plan", doc.kind),
            ));
        }
    }
    out
}

/// A certificate without a common name raises an alarm on the Expressway,
/// and MRA, Jabber Guest and the Meeting Server web proxy fail (source Q,
/// "Loading Certificates and Keys Onto Expressway", X14.3).
fn common_name(doc: &Document, plan: &CertificatePlan) -> Option<Finding> {
    match doc.common_names.first() {
        Some(cn) if plan.common_name.is(cn) => None,
        Some(cn) => Some(
            Finding::warning(
                Code::CnMismatch,
                format!(
                    "the common name is \"{cn}\" but the plan's is \"{}\"",
                    plan.common_name
                ),
            )
            .fix(format!("ask for the common name \"{}\"", plan.common_name)),
        ),
        None => Some(
            Finding::error(
                Code::MissingCn,
                format!(
                    "the {} has no common name: the Expressway raises an alarm, and Mobile and \
                 Remote Access, Jabber Guest and the Meeting Server web proxy fail",
                    doc.kind
                ),
            )
            .fix(format!("ask for the common name \"{}\"", plan.common_name)),
        ),
    }
}

/// `subject-mismatch`: the subject fields besides the CN (C, ST, L, O, OU)
/// against the plan's, the values the Generate CSR page asks for (source
/// A). A CSR must carry exactly the planned fields: anything else means it
/// was made or edited elsewhere (an OpenSSL config strips a leading space,
/// #26). A CA may drop or rewrite fields by policy (public CAs no longer
/// issue OU), so a certificate is held only to the fields the plan has.
fn subject(doc: &Document, plan: &CertificatePlan) -> Option<Finding> {
    let planned = plan.subject.attributes();
    let found = |attribute: &str| {
        doc.subject_fields
            .iter()
            .find(|(a, _)| *a == attribute)
            .map(|(_, v)| v.as_str())
    };
    let mut differences: Vec<String> = planned
        .iter()
        .filter(|(attribute, value)| found(attribute) != Some(*value))
        .map(|(attribute, value)| match found(attribute) {
            Some(have) => format!("{attribute} is \"{have}\", planned \"{value}\""),
            None => format!("{attribute} is missing, planned \"{value}\""),
        })
        .collect();
    if doc.kind == Kind::Csr {
        differences.extend(
            doc.subject_fields
                .iter()
                .filter(|(a, _)| !planned.iter().any(|(p, _)| p == a))
                .map(|(a, v)| format!("{a} is \"{v}\", not planned")),
        );
    }
    if differences.is_empty() {
        return None;
    }
    Some(
        Finding::warning(
            Code::SubjectMismatch,
            format!(
                "the {}'s subject differs from the plan: {}",
                doc.kind,
                differences.join("; ")
            ),
        )
        .fix("generate the CSR again with sancsr, or change [subject] to what the CA issues"),
    )
}

/// EKU against the planned certificate's purpose, by role and version:
/// source I, J, K (FN74362; TAC 225482, 225693).
fn eku(doc: &Document, plan: &CertificatePlan, version: Option<Version>) -> Vec<Finding> {
    // No EKU extension means no restriction (RFC 5280 §4.2.1.12).
    let Some(eku) = &doc.extended_key_usage else {
        return Vec::new();
    };
    let (role, wanted) = (plan.role, plan.purpose.eku);
    let mut out = Vec::new();
    if wanted == Eku::Client {
        if !eku.client_auth {
            out.push(
                Finding::error(
                    Code::MissingClientAuth,
                    format!(
                        "the {} has no clientAuth Extended Key Usage: it is meant for the {role}'s \
                     client certificate store ({SEPARATE_CLIENT_STORE_SINCE}), which takes only \
                     a certificate with clientAuth",
                        doc.kind
                    ),
                )
                .fix(
                    "ask the private CA for a client certificate (a serverAuth-only certificate \
                 goes in the server certificate store)",
                ),
            );
        }
        return out;
    }
    if !eku.server_auth {
        out.push(
            Finding::error(
                Code::MissingServerAuth,
                format!(
                    "the {} has no serverAuth Extended Key Usage: the {role} cannot use it as its \
                 server certificate",
                    doc.kind
                ),
            )
            .fix("ask the CA for a TLS server certificate"),
        );
    }
    if wanted == Eku::ServerAndClient && !eku.client_auth {
        out.push(missing_client_auth(doc, plan, version));
    }
    out
}

fn missing_client_auth(
    doc: &Document,
    plan: &CertificatePlan,
    version: Option<Version>,
) -> Finding {
    let (kind, role) = (doc.kind, plan.role);
    let (c, e) = (Role::ExpresswayC, Role::ExpresswayE);
    let private = "ask a private CA for a certificate with serverAuth and clientAuth";
    match (role, version) {
        // A private CA that left clientAuth out: its template, not the
        // public CAs' sunset (AD CS's Web Server template issues
        // serverAuth only; source Z).
        (Role::ExpresswayC, _) if plan.purpose.ca == CaKind::Private => Finding::error(
            Code::MissingClientAuth,
            format!(
                "the {kind} has no clientAuth Extended Key Usage: the {c} is the TLS client of \
                 the traversal zone and always needs serverAuth and clientAuth; the private CA's \
                 template issued serverAuth only"
            ),
        )
        .fix(
            "have the AD CS template issue Client Authentication too: duplicate the Web Server \
             template, add Client Authentication to its Application Policies, publish it, and \
             request with it (Cisco's Certificate Creation and Use guide, \"Enable AD CS to \
             Issue 'Client and Server' Certificates\")",
        ),
        (Role::ExpresswayC, _) => Finding::error(
            Code::MissingClientAuth,
            format!(
                "the {kind} has no clientAuth Extended Key Usage: the {c} is the TLS client of \
                 the traversal zone and always needs serverAuth and clientAuth; \
                 {CLIENT_AUTH_SUNSET}"
            ),
        )
        .fix(private),
        (Role::ExpresswayE, Some(v)) if v >= SEPARATE_CLIENT_STORE_SINCE => Finding::warning(
            Code::MissingClientAuth,
            format!(
                "no clientAuth Extended Key Usage: on {v} it can be the {e}'s server \
                 certificate, but it cannot be uploaded as the client certificate \
                 ({SEPARATE_CLIENT_STORE_SINCE} keeps the two apart)"
            ),
        )
        .fix(
            "connections where the Expressway-E is the TLS client need a separate certificate \
             with clientAuth, from a private CA",
        ),
        (Role::ExpresswayE, Some(v)) if v >= SERVER_ONLY_E_SINCE => Finding::warning(
            Code::MissingClientAuth,
            format!(
                "no clientAuth Extended Key Usage: {v} accepts a serverAuth-only certificate on \
                 the {e} only after a CLI switch"
            ),
        )
        .fix(format!(
            "run `{SERVER_EKU_UPLOAD_SWITCH}` on every peer before the upload"
        )),
        (Role::ExpresswayE, known) => Finding::error(
            Code::MissingClientAuth,
            format!(
                "no clientAuth Extended Key Usage: {} the {e} needs serverAuth and clientAuth \
                 ({SERVER_ONLY_E_SINCE} and later can take a serverAuth-only certificate); \
                 {CLIENT_AUTH_SUNSET}",
                match known {
                    Some(v) => format!("on {v}"),
                    None => format!(
                        "with expressway_version unknown, assuming before {SERVER_ONLY_E_SINCE},"
                    ),
                }
            ),
        )
        .fix(format!(
            "upgrade to {SERVER_ONLY_E_SINCE} or later and plan for a public CA, or {}",
            interim_remedy(e)
        )),
    }
}

/// Key size against Cisco's policy (source A, W; X15.0 guide for the
/// SIP TLS maximum).
pub(crate) fn key_strength(doc: &Document) -> Option<Finding> {
    let key = &doc.key;
    let bits = key.bits?;
    match key.algorithm {
        KeyKind::Rsa if bits < RSA_MINIMUM_BITS => Some(Finding::error(
            Code::WeakKey,
            format!(
                "the RSA key is {bits} bits: the Expressway and Webex App need \
                 {RSA_MINIMUM_BITS} at least"
            ),
        )
        .fix(format!("make a new key of {RSA_MINIMUM_BITS} bits or more, and a new CSR"))),
        KeyKind::Rsa if bits > RSA_SIP_TLS_MAXIMUM_BITS => Some(Finding::warning(
            Code::LargeKey,
            format!(
                "the RSA key is {bits} bits: keys above {RSA_SIP_TLS_MAXIMUM_BITS} bits can stop \
                 SIP TLS zones coming up"
            ),
        )
        .fix(format!("use a key of {RSA_SIP_TLS_MAXIMUM_BITS} bits at most"))),
        KeyKind::Ecdsa if bits < ECDSA_MINIMUM_BITS => Some(Finding::error(
            Code::WeakKey,
            format!("the ECDSA key is {bits} bits, below P-{ECDSA_MINIMUM_BITS}"),
        )
        .fix(format!("use P-{ECDSA_MINIMUM_BITS} or larger"))),
        _ => None,
    }
}

/// The page stopped offering SHA-1 in X8.10, and uploading a SHA-1
/// certificate gives a weak-security warning (source A, B, Q). sancsr keeps it
/// an error: clients (Webex App, browsers) refuse SHA-1 chains.
pub(crate) fn weak_digest(doc: &Document) -> Option<Finding> {
    doc.weak_digest.then(|| {
        Finding::error(
            Code::WeakDigest,
            format!(
                "the {} is signed with {}: the Generate CSR page has not offered SHA-1 since \
                 X8.10 and the Expressway warns of weak security when such a certificate is \
                 uploaded, while clients refuse it",
                doc.kind, doc.signature_algorithm
            ),
        )
        .fix("ask for SHA-256 or stronger")
    })
}

/// `expired` and `not-yet-valid` at `now`: for `check`, and for the
/// leaves `links` and `probe` meet.
pub(crate) fn dates(doc: &Document, now: i64) -> Vec<Finding> {
    let (Some(start), Some(end)) = (doc.not_before_unix, doc.not_after_unix) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if now < start {
        let from = doc.not_before.as_deref().unwrap_or("");
        out.push(
            Finding::error(
                Code::NotYetValid,
                format!("the certificate is valid only from {from}"),
            )
            .fix("check the CA's and the Expressway's clocks"),
        );
    }
    if now > end {
        let to = doc.not_after.as_deref().unwrap_or("");
        out.push(
            Finding::error(Code::Expired, format!("the certificate expired at {to}"))
                .fix("renew it"),
        );
    }
    out
}

fn validity(doc: &Document, plan: &CertificatePlan, now: i64) -> Vec<Finding> {
    let mut out = dates(doc, now);
    let (Some(start), Some(end)) = (doc.not_before_unix, doc.not_after_unix) else {
        return out;
    };
    // Only Webex App sees it: the certificate the Expressway-E presents as
    // a server (source W), not its X15.5 client certificate.
    let seen_by_clients = plan.role == Role::ExpresswayE && plan.purpose.eku.server_auth();
    let days = (end - start) / 86_400;
    if days > MAX_VALIDITY_DAYS && seen_by_clients {
        let from = doc.not_before.as_deref().unwrap_or("");
        let to = doc.not_after.as_deref().unwrap_or("");
        out.push(
            Finding::warning(
                Code::LongValidity,
                format!(
                    "the certificate is valid for {days} days ({from} to {to}): Webex App on iOS \
                 refuses a private-CA certificate valid for more than {MAX_VALIDITY_DAYS} days"
                ),
            )
            .fix(format!(
                "ask for a validity of {MAX_VALIDITY_DAYS} days at most"
            )),
        );
    }
    out
}

fn key_match(doc: &Document, key: Option<&[u8]>) -> Option<Finding> {
    let key = key?;
    (key != doc.key.public_key.as_slice()).then(|| {
        Finding::error(
            Code::KeyMismatch,
            format!(
                "the {}'s public key is not the given key's: it was issued for another CSR",
                doc.kind
            ),
        )
        .fix("upload it with the key that made its CSR, or send the right CSR to the CA")
    })
}
