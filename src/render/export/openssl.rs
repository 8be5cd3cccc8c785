//! An OpenSSL `req` configuration for a planned certificate.

use super::key_usage;
use crate::cisco::{Eku, SanKind};
use crate::pki::oids;
use crate::plan::CertificatePlan;
use std::fmt::Write as _;

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
pub(crate) fn config(plan: &CertificatePlan) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# OpenSSL request configuration for {0} {1}, written by sancsr.\n\
         # openssl req -new -config {2}.cnf -key <key file> -out {2}.csr\n",
        plan.role,
        plan.peer,
        plan.file_stem()
    );
    let md = plan.key.digest.key();
    let _ = writeln!(
        out,
        "[ req ]\nprompt = no\nutf8 = yes\nstring_mask = utf8only\ndefault_md = {md}\n\
         distinguished_name = subject\nreq_extensions = extensions\n"
    );
    out.push_str("[ subject ]\n");
    for (attribute, value) in plan.subject.attributes() {
        let _ = writeln!(out, "{attribute} = {}", escape(value));
    }
    let _ = writeln!(out, "CN = {}\n", escape(plan.common_name.as_str()));
    // What the Expressway's own Generate CSR page requests, with the EKU
    // of the certificate's purpose (a public CA's CSR never asks for
    // clientAuth).
    let (key_usage, _) = key_usage(plan.key.algorithm);
    let eku = openssl_eku(plan.purpose.eku.requested());
    let _ = writeln!(
        out,
        "[ extensions ]\nkeyUsage = critical, {key_usage}\nextendedKeyUsage = {eku}\n\
         subjectAltName = @alternative_names\n"
    );
    // Entries keep plan order: OpenSSL reads a section in file order.
    out.push_str("[ alternative_names ]\n");
    let dotted = |arcs: &[u64]| {
        arcs.iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(".")
    };
    for (i, e) in plan.entries.iter().enumerate() {
        let (n, value) = (i + 1, &e.name.value);
        let _ = match e.name.kind {
            SanKind::Dns => writeln!(out, "DNS.{n} = {value}"),
            SanKind::Xmpp => writeln!(
                out,
                "otherName.{n} = {};UTF8:{value}",
                dotted(oids::XMPP_ADDR)
            ),
            SanKind::Srv => writeln!(
                out,
                "otherName.{n} = {};IA5STRING:{value}",
                dotted(oids::SRV_NAME)
            ),
        };
    }
    out
}

/// The `extendedKeyUsage` value OpenSSL reads.
fn openssl_eku(eku: Eku) -> &'static str {
    match eku {
        Eku::ServerAndClient => "serverAuth, clientAuth",
        Eku::Server => "serverAuth",
        Eku::Client => "clientAuth",
    }
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
