//! What a document's names say on their own: wildcards, and what OpenSSL
//! and the Expressway read differently from a lenient parser.

use crate::model::AltName;
use crate::pki::Document;
use crate::report::{Code, Finding};
use std::collections::HashSet;

/// "Wildcard certificates are not supported by Expressway" (source B, L).
pub(super) fn wildcard(doc: &Document) -> Vec<Finding> {
    // A wildcard CN is usually also a SAN: one finding per name.
    let mut seen = HashSet::new();
    doc.host_names()
        .filter(|n| n.contains('*') && seen.insert(AltName::dns(*n)))
        .map(|name| {
            Finding::error(
                Code::Wildcard,
                format!(
                    "\"{name}\" is a wildcard: Expressway does not support wildcard \
                     certificates"
                ),
            )
            .fix("request a certificate with the planned names")
        })
        .collect()
}

/// What OpenSSL and the Expressway read differently from a lenient parser:
/// a repeated extension (RFC 5280 §4.2 allows each once; OpenSSL's host
/// check fails), an otherName in the wrong string type, a NUL in a name.
pub(super) fn malformed(doc: &Document) -> Vec<Finding> {
    let mut out: Vec<Finding> = doc
        .repeated_extensions
        .iter()
        .map(|ext| {
            Finding::error(
                Code::RepeatedExtension,
                format!(
                    "the {} has more than one {ext} extension: RFC 5280 allows each extension \
                     once, and OpenSSL's name check fails on it",
                    doc.kind
                ),
            )
            .fix("ask the CA to reissue it")
        })
        .collect();
    for san in &doc.sans {
        match san {
            crate::pki::San::MisencodedName { kind, found } => out.push(
                Finding::error(
                    Code::MisencodedOthername,
                    format!(
                        "a {kind} otherName is encoded as {found}: RFC 6120 (XMPP) requires a \
                     UTF8String and RFC 4985 (SRV) an IA5String, and OpenSSL cannot decode it"
                    ),
                )
                .fix("ask the CA to reissue it"),
            ),
            crate::pki::San::Name(n) if n.value.contains('\0') => out.push(
                Finding::error(
                    Code::NulInName,
                    format!(
                        "the name {n} holds a NUL character, which hides what follows it from some \
                     readers: no CA should issue it"
                    ),
                )
                .fix("do not use this certificate; report it to the CA"),
            ),
            _ => {}
        }
    }
    out
}
