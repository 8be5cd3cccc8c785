//! A Microsoft `certreq` INF file for a planned certificate, for a
//! Microsoft AD CS (`certreq -new FILE.inf FILE.req`, then `certreq
//! -submit`). Syntax: Microsoft, *certreq* (Windows Server commands),
//! "[NewRequest]", "[EnhancedKeyUsageExtension]", "[Extensions]" and
//! "[RequestAttributes]".
//!
//! The SAN extension uses the `{text}` form, which has `dns=` but no
//! otherName for XMPP addresses or SRV names: those entries are warnings,
//! never silently dropped.

use super::key_usage;
use crate::cisco::{Algorithm, CaKind, Digest, Eku, SanKind};
use crate::plan::CertificatePlan;
use crate::report::{Code, Finding};
use std::fmt::Write as _;

/// id-kp-serverAuth and id-kp-clientAuth (RFC 5280 §4.2.1.12).
const SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
const CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";

/// The INF, and what it cannot carry.
pub(crate) fn inf(plan: &CertificatePlan, template: Option<&str>) -> (String, Vec<Finding>) {
    let mut out = String::new();
    let stem = plan.file_stem();
    let _ = writeln!(
        out,
        "; certreq request for {} {}, written by sancsr.\n\
         ; certreq -new {stem}.inf {stem}.req\n\
         ; certreq -submit -config \"<CA host>\\<CA name>\" {stem}.req {stem}.cer\n\n\
         [Version]\nSignature=\"$Windows NT$\"\n",
        plan.role, plan.peer
    );
    new_request(&mut out, plan);
    eku(&mut out, plan.purpose.eku.requested());
    let dropped = extensions(&mut out, plan);
    let mut findings = warnings(plan, dropped);
    match template {
        Some(name) => {
            let _ = writeln!(out, "[RequestAttributes]\nCertificateTemplate = {name}");
        }
        None if plan.purpose.ca == CaKind::Public => {
            out.push_str("; No CertificateTemplate: a public CA signs this request, not AD CS.\n");
        }
        None => findings.push(no_template(plan)),
    }
    (out, findings)
}

/// `[NewRequest]`: subject, key, hash, key usage; an exportable machine key
/// (the Expressway needs the key file).
fn new_request(out: &mut String, plan: &CertificatePlan) {
    let mut rdns: Vec<String> = vec![format!("CN={}", quote(plan.common_name.as_str()))];
    for (attribute, value) in plan.subject.attributes().iter().rev() {
        // certreq spells stateOrProvinceName S, not ST.
        let attribute = if *attribute == "ST" { "S" } else { attribute };
        rdns.push(format!("{attribute}={}", quote(value)));
    }
    let key = plan.key;
    let (algorithm, provider, key_usage_bits) = match key.algorithm {
        Algorithm::Rsa => (
            "RSA",
            "Microsoft RSA SChannel Cryptographic Provider",
            "0xA0",
        ),
        Algorithm::Ecdsa => (
            match key.size {
                384 => "ECDSA_P384",
                521 => "ECDSA_P521",
                _ => "ECDSA_P256",
            },
            "Microsoft Software Key Storage Provider",
            "0x80",
        ),
    };
    let hash = match key.digest {
        Digest::Sha256 => "sha256",
        Digest::Sha384 => "sha384",
        Digest::Sha512 => "sha512",
    };
    let _ = writeln!(
        out,
        "[NewRequest]\nSubject = \"{}\"\nKeyAlgorithm = {algorithm}\nKeyLength = {}\n\
         HashAlgorithm = {hash}\nKeyUsage = {key_usage_bits} ; {}\nProviderName = \"{provider}\"\n\
         MachineKeySet = TRUE\nExportable = TRUE\nRequestType = PKCS10",
        rdns.join(","),
        key.size,
        key_usage(key.algorithm).1
    );
    if key.algorithm == Algorithm::Rsa {
        out.push_str("KeySpec = 1\n");
    }
    out.push('\n');
}

/// A relative distinguished name value: quoted (quotes doubled) when it
/// holds a character the Subject string would split on.
fn quote(value: &str) -> String {
    if value.contains([',', '+', '=', '"', ';']) {
        // The value in quotes, a quote in it escaped (RFC 4514), every
        // quote doubled inside the INF string.
        format!("\"\"{}\"\"", value.replace('"', "\\\"\""))
    } else {
        value.to_owned()
    }
}

fn eku(out: &mut String, eku: Eku) {
    out.push_str("[EnhancedKeyUsageExtension]\n");
    if eku.server_auth() {
        let _ = writeln!(out, "OID = {SERVER_AUTH} ; Server Authentication");
    }
    if eku.client_auth() {
        let _ = writeln!(out, "OID = {CLIENT_AUTH} ; Client Authentication");
    }
    out.push('\n');
}

/// `[Extensions]`: the SANs as `dns=` entries in plan order; the otherName
/// entries it cannot write are returned.
fn extensions(out: &mut String, plan: &CertificatePlan) -> Vec<String> {
    out.push_str("[Extensions]\n2.5.29.17 = \"{text}\"\n");
    let mut dropped = Vec::new();
    for e in &plan.entries {
        match e.name.kind {
            SanKind::Dns => {
                let _ = writeln!(out, "_continue_ = \"dns={}&\"", e.name.value);
            }
            SanKind::Xmpp | SanKind::Srv => dropped.push(e.to_string()),
        }
    }
    out.push('\n');
    dropped
}

fn warnings(plan: &CertificatePlan, dropped: Vec<String>) -> Vec<Finding> {
    if dropped.is_empty() {
        return Vec::new();
    }
    vec![
        Finding::warning(
            Code::CertreqNoOthername,
            format!(
                "a certreq INF's SAN text has no otherName: {} cannot be requested",
                dropped.join(", ")
            ),
        )
        .fix("make the CSR with OpenSSL or sancsr generate and submit it, or choose the DNS format")
        .for_peer(plan.peer.as_str()),
    ]
}

/// `certreq-no-template`: a private-CA request that names no AD CS
/// template: AD CS then issues with the template it is given at submission,
/// and its default *Web Server* issues serverAuth only (source Z).
fn no_template(plan: &CertificatePlan) -> Finding {
    Finding::warning(
        Code::CertreqNoTemplate,
        format!(
            "{}.inf names no AD CS certificate template: AD CS's default Web Server template \
             issues serverAuth only, which the {} cannot use where it is the TLS client",
            plan.file_stem(),
            plan.role
        ),
    )
    .fix("name the template that issues serverAuth and clientAuth (see the README)")
    .for_peer(plan.peer.as_str())
}
