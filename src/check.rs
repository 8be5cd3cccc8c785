//! `sancsr check`: audits a certificate the CA sent back (or a CSR) against
//! the planned certificate for its peer, before it goes on the Expressway.
//!
//! Each audit is a small function from the document and its context to
//! findings with stable codes; [`audit`] runs them all.

use crate::deployment::Version;
use crate::diagnostics::Error;
use crate::findings::{Finding, Severity};
use crate::plan::{CertificatePlan, Plan};
use crate::rules::Role;
use crate::x509::{Document, Kind};
use std::collections::HashSet;

/// What the audit needs besides the document and its plan.
#[derive(Debug, Clone)]
pub struct Context {
    /// Target Expressway version (`None`: assume the strictest).
    pub version: Option<Version>,
    /// "Now", Unix seconds (fixed by `--now` for reproducible runs).
    pub now: i64,
    /// The subjectPublicKey of the `--key` file, when given.
    pub key: Option<Vec<u8>>,
}

/// X15.4 lets the Expressway-E take a serverAuth-only certificate
/// (cisco-facts.md, source J).
pub const SERVER_ONLY_E_SINCE: Version = Version::new(15, 4, 0);
/// X15.5 separates the server and client certificate stores (source D, K).
pub const SEPARATE_CLIENT_STORE_SINCE: Version = Version::new(15, 5, 0);
/// Webex App on iOS refuses private-CA certificates valid longer than 398
/// days (cisco-facts.md, source W).
pub const MAX_VALIDITY_DAYS: i64 = 398;

/// The planned certificate a document is for: the one `--peer` chose, or the
/// only one whose peer FQDN is among the document's names.
pub fn match_certificate<'a>(
    plan: &'a Plan,
    doc: &Document,
    file: &str,
) -> Result<&'a CertificatePlan, Error> {
    if let [only] = plan.certificates.as_slice() {
        return Ok(only);
    }
    let names: HashSet<String> = doc
        .sans
        .iter()
        .filter_map(|s| s.dns())
        .chain(doc.common_names.iter().map(String::as_str))
        .map(crate::names::fold)
        .collect();
    let candidates: Vec<&CertificatePlan> = plan
        .certificates
        .iter()
        .filter(|c| names.contains(&crate::names::fold(&c.peer)))
        .collect();
    match candidates.as_slice() {
        [one] => Ok(one),
        [] => Err(Error::usage(format!(
            "{file}: none of its names is a peer of the deployment ({}); add --peer FQDN",
            peers(&plan.certificates)
        ))),
        many => Err(Error::usage(format!(
            "{file}: its names match several peers ({}); add --peer FQDN",
            peers(many.iter().copied())
        ))),
    }
}

fn peers<'a>(certs: impl IntoIterator<Item = &'a CertificatePlan>) -> String {
    certs
        .into_iter()
        .map(|c| c.peer.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every audit of one document against its planned certificate.
pub fn audit(doc: &Document, plan: &CertificatePlan, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    wildcard(doc, &mut out);
    sans(doc, plan, &mut out);
    common_name(doc, plan, &mut out);
    eku(doc, plan.role, ctx.version, &mut out);
    key_strength(doc, &mut out);
    validity(doc, ctx.now, &mut out);
    key_match(doc, ctx.key.as_deref(), &mut out);
    if doc.kind == Kind::Certificate && doc.self_signed {
        out.push(Finding::new(
            Severity::Warning,
            "self-signed",
            "the certificate is self-signed: Cisco recommends CA-signed certificates, and \
             Jabber and endpoints will not trust it",
        ));
    }
    if doc.signature_valid == Some(false) {
        out.push(Finding::new(
            Severity::Error,
            "bad-signature",
            "the CSR's signature does not verify: it was altered or is corrupt; generate it again",
        ));
    }
    out.sort_by_key(|f| f.severity);
    out
}

/// "Wildcard certificates are not supported by Expressway" (cisco-facts.md,
/// sources B, L).
fn wildcard(doc: &Document, out: &mut Vec<Finding>) {
    let names = doc
        .sans
        .iter()
        .filter_map(|s| s.dns())
        .chain(doc.common_names.iter().map(String::as_str));
    for name in names.filter(|n| n.contains('*')) {
        out.push(Finding::new(
            Severity::Error,
            "wildcard",
            format!(
                "\"{name}\" is a wildcard: Expressway does not support wildcard certificates; \
                 request a certificate with the planned names"
            ),
        ));
    }
}

fn sans(doc: &Document, plan: &CertificatePlan, out: &mut Vec<Finding>) {
    let have: HashSet<String> = doc
        .sans
        .iter()
        .map(|s| s.shown().to_ascii_lowercase())
        .collect();
    for entry in &plan.entries {
        let shown = entry.shown();
        if !have.contains(&shown.to_ascii_lowercase()) {
            let why = entry
                .reasons
                .first()
                .map(|r| r.why.as_str())
                .unwrap_or("planned");
            out.push(Finding::new(
                Severity::Error,
                "missing-san",
                format!(
                    "{shown} was planned but is not in the {}: {why}; ask the CA to include it \
                     (some CAs drop otherName or unverified names)",
                    doc.kind
                ),
            ));
        }
    }
    let planned: HashSet<String> = plan
        .entries
        .iter()
        .map(|e| e.shown().to_ascii_lowercase())
        .collect();
    for san in &doc.sans {
        let shown = san.shown();
        if !planned.contains(&shown.to_ascii_lowercase()) {
            out.push(Finding::new(
                Severity::Info,
                "unexpected-san",
                format!("{shown} is in the {} but not in the plan", doc.kind),
            ));
        }
    }
}

fn common_name(doc: &Document, plan: &CertificatePlan, out: &mut Vec<Finding>) {
    match doc.common_names.first() {
        Some(cn) if cn.eq_ignore_ascii_case(&plan.common_name) => {}
        Some(cn) => out.push(Finding::new(
            Severity::Warning,
            "cn-mismatch",
            format!(
                "the common name is \"{cn}\" but the plan's is \"{}\"",
                plan.common_name
            ),
        )),
        None => out.push(Finding::new(
            Severity::Warning,
            "cn-mismatch",
            format!(
                "the {} has no common name; the plan's is \"{}\"",
                doc.kind, plan.common_name
            ),
        )),
    }
}

/// EKU by role and version: cisco-facts.md, "Extended Key Usage and the 2026
/// clientAuth sunset" (FN74362; TAC 225482, 225693).
fn eku(doc: &Document, role: Role, version: Option<Version>, out: &mut Vec<Finding>) {
    // No EKU extension means no restriction (RFC 5280 §4.2.1.12).
    let Some(eku) = &doc.extended_key_usage else {
        return;
    };
    if !eku.server_auth {
        out.push(Finding::new(
            Severity::Error,
            "missing-server-auth",
            format!(
                "the {} has no serverAuth Extended Key Usage: the {role} cannot use it as its \
                 server certificate; ask the CA for a TLS server certificate",
                doc.kind
            ),
        ));
    }
    if eku.client_auth {
        return;
    }
    let sunset = "public CAs stopped issuing clientAuth in 2026 (field notice FN74362); \
                  use an enterprise or private CA for it";
    let (severity, message) = match role {
        Role::ExpresswayC => (
            Severity::Error,
            format!(
                "the {} has no clientAuth Extended Key Usage: the Expressway-C is the TLS \
                 client of the traversal zone and always needs serverAuth and clientAuth; {sunset}",
                doc.kind
            ),
        ),
        Role::ExpresswayE => match version {
            Some(v) if v >= SEPARATE_CLIENT_STORE_SINCE => (
                Severity::Warning,
                format!(
                    "no clientAuth Extended Key Usage: on {v} it can be the Expressway-E's \
                     server certificate, but it cannot be uploaded as the client certificate \
                     (X15.5 keeps the two apart); connections where the Expressway-E is the TLS \
                     client need a separate certificate with clientAuth"
                ),
            ),
            Some(v) if v >= SERVER_ONLY_E_SINCE => (
                Severity::Warning,
                format!(
                    "no clientAuth Extended Key Usage: {v} accepts a serverAuth-only \
                     certificate on the Expressway-E only after `xConfiguration XCP TLS \
                     Certificate CVS EnableServerEkuUpload: On`"
                ),
            ),
            known => (
                Severity::Error,
                format!(
                    "no clientAuth Extended Key Usage: {} the Expressway-E needs serverAuth and \
                     clientAuth (X15.4 and later can take a serverAuth-only certificate); {sunset}",
                    match known {
                        Some(v) => format!("on {v}"),
                        None => "with expressway_version unknown, assuming before X15.4,".into(),
                    }
                ),
            ),
        },
    };
    out.push(Finding::new(severity, "missing-client-auth", message));
}

fn key_strength(doc: &Document, out: &mut Vec<Finding>) {
    let key = &doc.key;
    match (key.algorithm.as_str(), key.bits) {
        ("rsa", Some(bits)) if bits < 2048 => out.push(Finding::new(
            Severity::Error,
            "weak-key",
            format!("the RSA key is {bits} bits: the Expressway and Webex App need 2048 at least"),
        )),
        // "Keys of 8192 bits can stop SIP TLS zones coming up; use 4096 at
        // most" (cisco-facts.md, X15.0 guide).
        ("rsa", Some(bits)) if bits > 4096 => out.push(Finding::new(
            Severity::Warning,
            "large-key",
            format!(
                "the RSA key is {bits} bits: keys above 4096 bits can stop SIP TLS zones coming up"
            ),
        )),
        ("ecdsa", Some(bits)) if bits < 256 => out.push(Finding::new(
            Severity::Error,
            "weak-key",
            format!("the ECDSA key is {bits} bits: use P-256 or larger"),
        )),
        _ => {}
    }
    // SHA-1 was removed in X8.10 (cisco-facts.md, sources A, B).
    if doc.weak_digest {
        out.push(Finding::new(
            Severity::Error,
            "weak-digest",
            format!(
                "the {} is signed with {}: SHA-1 and MD5 are refused; use SHA-256 or stronger",
                doc.kind, doc.signature_algorithm
            ),
        ));
    }
}

fn validity(doc: &Document, now: i64, out: &mut Vec<Finding>) {
    let (Some(start), Some(end)) = (doc.not_before_unix, doc.not_after_unix) else {
        return;
    };
    let (from, to) = (
        doc.not_before.as_deref().unwrap_or(""),
        doc.not_after.as_deref().unwrap_or(""),
    );
    if now < start {
        out.push(Finding::new(
            Severity::Error,
            "not-yet-valid",
            format!("the certificate is valid only from {from}: check the CA's and the Expressway's clocks"),
        ));
    }
    if now > end {
        out.push(Finding::new(
            Severity::Error,
            "expired",
            format!("the certificate expired at {to}"),
        ));
    }
    let days = (end - start) / 86_400;
    if days > MAX_VALIDITY_DAYS {
        out.push(Finding::new(
            Severity::Warning,
            "long-validity",
            format!(
                "the certificate is valid for {days} days ({from} to {to}): Webex App on iOS \
                 refuses a private-CA certificate valid for more than {MAX_VALIDITY_DAYS} days"
            ),
        ));
    }
}

fn key_match(doc: &Document, key: Option<&[u8]>, out: &mut Vec<Finding>) {
    if let Some(key) = key
        && key != doc.key.public_key.as_slice()
    {
        out.push(Finding::new(
            Severity::Error,
            "key-mismatch",
            format!(
                "the {}'s public key is not the given key's: it was issued for another CSR; \
                 upload it with the key that made its CSR, or send the right CSR to the CA",
                doc.kind
            ),
        ));
    }
}

/// The subjectPublicKey of a PEM private key (for `--key`).
pub fn public_key_of(path: &str) -> Result<Vec<u8>, Error> {
    use rcgen::PublicKeyData;
    use x509_parser::prelude::FromDer;
    let (name, pem) = crate::input::read_text(path)?;
    let key = rcgen::KeyPair::from_pem(&pem).map_err(|e| Error::Unreadable {
        file: name.clone(),
        why: format!("not a usable PEM private key ({e})"),
    })?;
    let spki = key.subject_public_key_info();
    let (_, info) = x509_parser::x509::SubjectPublicKeyInfo::from_der(&spki).map_err(|e| {
        Error::Unreadable {
            file: name,
            why: format!("cannot read its public key ({e})"),
        }
    })?;
    Ok(info.subject_public_key.data.to_vec())
}

/// Parses `--now`: RFC 3339 (`2026-11-27T12:00:00Z`) or a date
/// (`2026-11-27`, midnight UTC).
pub fn parse_now(s: &str) -> Result<i64, Error> {
    use time::format_description::well_known::Rfc3339;
    let full = if s.len() == 10 {
        format!("{s}T00:00:00Z")
    } else {
        s.to_owned()
    };
    time::OffsetDateTime::parse(&full, &Rfc3339)
        .map(|t| t.unix_timestamp())
        .map_err(|e| {
            Error::usage(format!(
                "--now {s}: {e}; write a date such as 2026-11-27 or 2026-11-27T12:00:00Z"
            ))
        })
}

/// The current time, Unix seconds.
pub fn system_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
