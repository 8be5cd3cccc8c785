//! `sancsr export`: the plan as input for other CSR tools, for keys made
//! elsewhere (an HSM, a policy-mandated tool).
//!
//! - OpenSSL: a `req` configuration per peer, so that
//!   `openssl req -new -config <peer>.cnf -key K` gives a CSR with the
//!   planned subject, SANs (same order, otherNames included), KU and EKU.
//! - cfssl: a CSR JSON per peer (`CN`, `hosts`, `names`, `key`). cfssl
//!   cannot carry otherName SANs, nor KU/EKU in a request (its signing
//!   profile decides them): each is a warning, never silently dropped.

use crate::deployment::{Algorithm, Digest};
use crate::findings::{Finding, Severity};
use crate::plan::{CertificatePlan, EntryKind};
use serde::Serialize;
use std::fmt::Write as _;

/// The export targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// OpenSSL `req` configuration (`<peer>.cnf`).
    Openssl,
    /// cfssl CSR JSON (`<peer>.json`).
    Cfssl,
}

impl Target {
    /// File extension of the target's files.
    pub fn extension(self) -> &'static str {
        match self {
            Target::Openssl => "cnf",
            Target::Cfssl => "json",
        }
    }
}

/// The file for one certificate, and what the target could not carry.
pub fn render(target: Target, plan: &CertificatePlan) -> (String, Vec<Finding>) {
    match target {
        Target::Openssl => (openssl_config(plan), Vec::new()),
        Target::Cfssl => cfssl_json(plan),
    }
}

/// Escapes a value for an OpenSSL configuration file: `\`, `#` (comment),
/// `$` (variable), and quotes are taken literally when backslash-escaped.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '\\' | '#' | '$' | '"' | '\'' | ';') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An OpenSSL `req` configuration for the planned certificate.
pub fn openssl_config(plan: &CertificatePlan) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# OpenSSL request configuration for {} {}, written by sancsr.\n\
         # openssl req -new -config {}.cnf -key <key file> -out {}.csr\n",
        plan.role, plan.peer, plan.peer, plan.peer
    );
    let md = match plan.key.digest {
        Digest::Sha256 => "sha256",
        Digest::Sha384 => "sha384",
        Digest::Sha512 => "sha512",
    };
    let _ = writeln!(
        out,
        "[ req ]\nprompt = no\nutf8 = yes\nstring_mask = utf8only\ndefault_md = {md}\n\
         distinguished_name = subject\nreq_extensions = extensions\n"
    );
    out.push_str("[ subject ]\n");
    let s = &plan.subject;
    for (field, value) in [
        ("C", &s.country),
        ("ST", &s.state),
        ("L", &s.locality),
        ("O", &s.organization),
        ("OU", &s.organizational_unit),
    ] {
        if let Some(v) = value {
            let _ = writeln!(out, "{field} = {}", escape(v));
        }
    }
    let _ = writeln!(out, "CN = {}\n", escape(&plan.common_name));
    // What the Expressway's own Generate CSR page requests.
    let key_usage = match plan.key.algorithm {
        Algorithm::Rsa => "critical, digitalSignature, keyEncipherment",
        Algorithm::Ecdsa => "critical, digitalSignature",
    };
    let _ = writeln!(
        out,
        "[ extensions ]\nkeyUsage = {key_usage}\nextendedKeyUsage = serverAuth, clientAuth\n\
         subjectAltName = @alternative_names\n"
    );
    // Entries keep plan order: OpenSSL reads a section in file order.
    out.push_str("[ alternative_names ]\n");
    for (i, e) in plan.entries.iter().enumerate() {
        let n = i + 1;
        let _ = match e.format {
            EntryKind::Dns => writeln!(out, "DNS.{n} = {}", e.value),
            EntryKind::Xmpp => writeln!(out, "otherName.{n} = 1.3.6.1.5.5.7.8.5;UTF8:{}", e.value),
            EntryKind::Srv => writeln!(
                out,
                "otherName.{n} = 1.3.6.1.5.5.7.8.7;IA5STRING:{}",
                e.value
            ),
        };
    }
    out
}

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
pub fn cfssl_json(plan: &CertificatePlan) -> (String, Vec<Finding>) {
    let s = &plan.subject;
    let name = CfsslName {
        c: s.country.as_deref(),
        st: s.state.as_deref(),
        l: s.locality.as_deref(),
        o: s.organization.as_deref(),
        ou: s.organizational_unit.as_deref(),
    };
    let has_name = [name.c, name.st, name.l, name.o, name.ou]
        .iter()
        .any(Option::is_some);
    let request = CfsslRequest {
        cn: &plan.common_name,
        hosts: plan
            .entries
            .iter()
            .filter(|e| e.format == EntryKind::Dns)
            .map(|e| e.value.as_str())
            .collect(),
        names: if has_name { vec![name] } else { Vec::new() },
        key: CfsslKey {
            algo: match plan.key.algorithm {
                Algorithm::Rsa => "rsa",
                Algorithm::Ecdsa => "ecdsa",
            },
            size: plan.key.size,
        },
    };
    let mut warnings = Vec::new();
    let dropped: Vec<String> = plan
        .entries
        .iter()
        .filter(|e| e.format != EntryKind::Dns)
        .map(|e| e.shown())
        .collect();
    if !dropped.is_empty() {
        warnings.push(
            Finding::new(
                Severity::Warning,
                "cfssl-no-othername",
                format!(
                    "cfssl CSRs carry only DNS and IP hosts: {} cannot be requested; use \
                     --to openssl or sancsr generate, or choose the DNS format",
                    dropped.join(", ")
                ),
            )
            .for_peer(&plan.peer),
        );
    }
    warnings.push(
        Finding::new(
            Severity::Warning,
            "cfssl-no-key-usage",
            format!(
                "a cfssl CSR cannot request Key Usage or Extended Key Usage: the CA's signing \
                 profile must give {} and serverAuth + clientAuth",
                match plan.key.algorithm {
                    Algorithm::Rsa => "digital signature + key encipherment",
                    Algorithm::Ecdsa => "digital signature",
                }
            ),
        )
        .for_peer(&plan.peer),
    );
    if plan.key.digest != Digest::Sha256 && plan.key.algorithm == Algorithm::Rsa {
        warnings.push(
            Finding::new(
                Severity::Warning,
                "cfssl-digest",
                format!(
                    "cfssl chooses the CSR's digest itself; the plan's {} is not carried",
                    plan.key.digest.title()
                ),
            )
            .for_peer(&plan.peer),
        );
    }
    (crate::render::json(&request), warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_config_syntax_literal() {
        assert_eq!(escape("Example Inc"), "Example Inc");
        assert_eq!(escape("A#1 $HOME \"q\""), "A\\#1 \\$HOME \\\"q\\\"");
        assert_eq!(escape("a\\b;c"), "a\\\\b\\;c");
    }
}
