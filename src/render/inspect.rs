//! `sancsr inspect` output: what a certificate or CSR really contains.

use crate::pki::{Document, FileContents};
use serde::Serialize;
use std::fmt::Write as _;

/// Every document of every file, field by field.
pub(crate) fn text(files: &[FileContents]) -> String {
    let mut out = String::new();
    for file in files {
        for (i, d) in file.documents.iter().enumerate() {
            if !out.is_empty() {
                out.push('\n');
            }
            let position = if file.documents.len() > 1 {
                format!(" (#{} of {})", i + 1, file.documents.len())
            } else {
                String::new()
            };
            let _ = writeln!(out, "{}{position}: {}", super::escape(&file.name), d.kind);
            document(&mut out, d);
        }
    }
    out
}

fn document(out: &mut String, d: &Document) {
    let mut field = |name: &str, value: &str| {
        let _ = writeln!(out, "  {name:<24}{}", super::escape(value));
    };
    let subject = if d.subject.is_empty() {
        crate::audit::chain::EMPTY_SUBJECT
    } else {
        d.subject.as_str()
    };
    field("Subject", subject);
    if let Some(issuer) = &d.issuer {
        field("Issuer", issuer);
    }
    let sans: Vec<String> = d.sans.iter().map(ToString::to_string).collect();
    field(
        "Alternative names",
        &if sans.is_empty() {
            "(none)".to_owned()
        } else {
            sans.join(", ")
        },
    );
    field(
        "Key usage",
        &d.key_usage.map_or("(no extension)".to_owned(), |k| {
            k.bits().map(|b| b.title()).collect::<Vec<_>>().join(", ")
        }),
    );
    field(
        "Extended key usage",
        &d.extended_key_usage
            .as_ref()
            .map_or("(no extension: any purpose)".to_owned(), |e| {
                let mut names = Vec::new();
                if e.server_auth {
                    names.push("serverAuth".to_owned());
                }
                if e.client_auth {
                    names.push("clientAuth".to_owned());
                }
                names.extend(e.other.iter().cloned());
                names.join(", ")
            }),
    );
    field("Public key", &d.key.to_string());
    field("Signature algorithm", &d.signature_algorithm);
    if let Some(valid) = d.signature_valid {
        field(
            "Signature",
            if valid { "verifies" } else { "DOES NOT VERIFY" },
        );
    }
    if let (Some(from), Some(to)) = (&d.not_before, &d.not_after) {
        field("Valid", &format!("{from} to {to}"));
    }
    if let Some(serial) = &d.serial {
        field("Serial number", serial);
        field("SHA-256 fingerprint", &d.sha256());
    }
    if d.issuer.is_some() {
        field("Self-signed", if d.self_signed { "yes" } else { "no" });
        field("CA", if d.is_ca { "yes" } else { "no" });
    }
}

#[derive(Serialize)]
struct JsonFile<'a> {
    file: &'a str,
    documents: &'a [Document],
}

/// `{ "files": [ { "file", "documents": [ { "kind", "subject", "sans", … } ] } ] }`.
pub(crate) fn json(files: &[FileContents]) -> String {
    #[derive(Serialize)]
    struct Json<'a> {
        files: Vec<JsonFile<'a>>,
    }
    super::json(&Json {
        files: files
            .iter()
            .map(|f| JsonFile {
                file: &f.name,
                documents: &f.documents,
            })
            .collect(),
    })
}
