//! Reading certificates and CSRs (x509-parser): what `check`, `inspect` and
//! `trust` look at.
//!
//! A file may be PEM (one or many blocks; a chain's first certificate is the
//! leaf) or DER, a certificate or a CSR, or a PKCS#7 certificate bundle
//! (`.p7b`/`.p7c`, DER or PEM) as Microsoft AD CS hands them out. Each document becomes a plain
//! [`Document`].

use super::document::{
    Document, ExtendedKeyUsage, FileContents, KeyInfo, KeyKind, KeyUsage, Kind, San,
};
use super::names::{common_names, general_name, subject_fields};
use super::{bundle, oids, signature};
use crate::report::Error;
use x509_parser::certificate::X509Certificate;
use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::extensions::ParsedExtension;
use x509_parser::oid_registry::Oid;
use x509_parser::prelude::FromDer;
use x509_parser::public_key::PublicKey;
use x509_parser::x509::{SubjectPublicKeyInfo, X509Name};

/// PEM labels that hold a certificate or a CSR.
const CERT_LABELS: &[&str] = &["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"];
const CSR_LABELS: &[&str] = &["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"];
/// PEM labels of a PKCS#7 bundle (RFC 7468 §8; `openssl crl2pkcs7`).
const PKCS7_LABELS: &[&str] = &["PKCS7", "PKCS #7 SIGNED DATA", "CMS"];

/// Reads a file (or `-`) of PEM or DER certificates and CSRs.
pub fn read_file(path: &str) -> Result<FileContents, Error> {
    let (name, bytes) = crate::io::read_bytes(path)?;
    parse_bytes(&name, &bytes)
}

/// Reads a file whose name need not be UTF-8 (a directory entry).
pub(crate) fn read_path(path: &std::path::Path) -> Result<FileContents, Error> {
    let (name, bytes) = crate::io::read_path(path)?;
    parse_bytes(&name, &bytes)
}

/// Parses PEM or DER bytes; `name` is used in messages. Never panics.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<FileContents, Error> {
    let bad = |why: String| Error::Unreadable {
        file: name.to_owned(),
        why,
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(bad("the file is empty".into()));
    }
    let documents = if contains(bytes, b"-----BEGIN ") {
        pem_documents(bytes).map_err(bad)?
    } else if let Some(bundle) = bundle::certificates(bytes) {
        bundle_documents(&bundle.map_err(&bad)?).map_err(bad)?
    } else {
        let doc = certificate(bytes)
            .or_else(|_| csr(bytes))
            .map_err(|_| der_refusal(bytes));
        vec![doc.map_err(bad)?]
    };
    Ok(FileContents {
        name: name.to_owned(),
        documents,
    })
}

/// Why DER bytes are not a certificate or CSR, in plain words: a PKCS#12
/// bundle (a SEQUENCE opening with version 3, RFC 7292) says how to get the
/// certificate out of it.
fn der_refusal(bytes: &[u8]) -> String {
    use x509_parser::asn1_rs::{Any, FromDer, Integer, Tag};
    let pfx_version = Any::from_der(bytes)
        .ok()
        .filter(|(_, seq)| seq.tag() == Tag::Sequence)
        .and_then(|(_, seq)| Integer::from_der(seq.data).ok())
        .and_then(|(_, version)| version.as_u32().ok());
    if pfx_version == Some(3) {
        "this is a PKCS#12 (.p12/.pfx) file, which bundles a certificate with its private key: \
         export the certificate with `openssl pkcs12 -in FILE -nokeys -clcerts -out cert.pem`"
            .to_owned()
    } else {
        "this file holds no certificate or CSR: it is neither PEM nor a DER certificate or CSR \
         (is it truncated, or another kind of file?)"
            .to_owned()
    }
}

/// Every certificate and CSR block; other blocks are named if nothing else
/// is found.
fn pem_documents(bytes: &[u8]) -> Result<Vec<Document>, String> {
    let mut documents = Vec::new();
    let mut labels = Vec::new();
    for (i, pem) in x509_parser::pem::Pem::iter_from_buffer(bytes).enumerate() {
        let pem = pem.map_err(|_| {
            format!(
                "PEM block {} cannot be read: its base64 text is damaged or cut short",
                i + 1
            )
        })?;
        let label = pem.label.as_str();
        if PKCS7_LABELS.contains(&label) {
            let bundle = bundle::certificates(&pem.contents)
                .unwrap_or_else(|| Err("is not a PKCS#7 SignedData".into()));
            let why = |why| format!("PEM block {} ({label}) {why}", i + 1);
            documents.extend(bundle_documents(&bundle.map_err(why)?).map_err(why)?);
            continue;
        }
        let parsed = if CERT_LABELS.contains(&label) {
            certificate(&pem.contents)
        } else if CSR_LABELS.contains(&label) {
            csr(&pem.contents)
        } else {
            labels.push(pem.label.clone());
            continue;
        };
        documents.push(parsed.map_err(|why| format!("PEM block {} ({label}) {why}", i + 1))?);
    }
    if !documents.is_empty() {
        return Ok(documents);
    }
    Err(if labels.iter().any(|l| l.contains("PRIVATE KEY")) {
        "it holds a private key, not a certificate or CSR (never send a key to anyone)".to_owned()
    } else if labels.is_empty() {
        "no complete PEM block was found (is the file truncated?)".to_owned()
    } else {
        format!("it holds {}, not a certificate or CSR", summarise(&labels))
    })
}

/// A PKCS#7 bundle's certificates, leaf first (a SET OF has no order).
fn bundle_documents(ders: &[Vec<u8>]) -> Result<Vec<Document>, String> {
    let documents = ders
        .iter()
        .map(|der| certificate(der))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(bundle::leaf_first(documents))
}

/// PEM labels counted, the first few named: "2 × RSA PUBLIC KEY, X509 CRL".
fn summarise(labels: &[String]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for label in labels {
        match counts.iter().position(|(l, _)| *l == label.as_str()) {
            Some(i) => counts[i].1 += 1,
            None if counts.len() < 3 => counts.push((label, 1)),
            None => {}
        }
    }
    let named: usize = counts.iter().map(|(_, n)| n).sum();
    let mut parts: Vec<String> = counts
        .iter()
        .map(|(l, n)| {
            if *n == 1 {
                (*l).to_owned()
            } else {
                format!("{n} × {l}")
            }
        })
        .collect();
    if named < labels.len() {
        parts.push(format!("{} other blocks", labels.len() - named));
    }
    parts.join(", ")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The extensions sancsr reads.
#[derive(Default)]
struct Extensions {
    sans: Vec<San>,
    key_usage: Option<KeyUsage>,
    extended_key_usage: Option<ExtendedKeyUsage>,
}

fn certificate(der: &[u8]) -> Result<Document, String> {
    let (rest, cert) =
        X509Certificate::from_der(der).map_err(|e| format!("not a valid certificate: {e}"))?;
    if !rest.is_empty() {
        return Err(format!(
            "{} unexpected bytes after the certificate",
            rest.len()
        ));
    }
    let tbs = &cert.tbs_certificate;
    let ext = extensions(tbs.extensions().iter().map(|e| e.parsed_extension()));
    let repeated_extensions = repeated(tbs.extensions().iter().map(|e| &e.oid));
    let alg = &cert.signature_algorithm.algorithm;
    let key = key_info(tbs.public_key());
    let self_signed = tbs.issuer.as_raw() == tbs.subject.as_raw()
        && signature::verify(alg, tbs.as_ref(), cert.signature_value.data.as_ref(), &key)
            .unwrap_or(true);
    let validity = tbs.validity();
    let (start, end) = (
        validity.not_before.timestamp(),
        validity.not_after.timestamp(),
    );
    Ok(Document {
        issuer: Some(tbs.issuer.to_string()),
        not_before: Some(rfc3339(start)),
        not_after: Some(rfc3339(end)),
        not_before_unix: Some(start),
        not_after_unix: Some(end),
        self_signed,
        is_ca: cert.is_ca(),
        path_len: cert
            .basic_constraints()
            .ok()
            .flatten()
            .and_then(|b| b.value.path_len_constraint),
        repeated_extensions,
        serial: Some(
            tbs.raw_serial()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<Vec<_>>()
                .join(":"),
        ),
        der: der.to_vec(),
        issuer_der: tbs.issuer.as_raw().to_vec(),
        ..shared_fields(Kind::Certificate, &tbs.subject, ext, key, alg)
    })
}

fn csr(der: &[u8]) -> Result<Document, String> {
    let (rest, req) = X509CertificationRequest::from_der(der)
        .map_err(|_| "does not decode as a CSR: it is damaged or cut short".to_owned())?;
    if !rest.is_empty() {
        return Err(format!("has {} unexpected bytes after the CSR", rest.len()));
    }
    let info = &req.certification_request_info;
    let ext = extensions(req.requested_extensions().into_iter().flatten());
    let alg = &req.signature_algorithm.algorithm;
    let key = key_info(&info.subject_pki);
    let signature_valid = signature::verify(alg, info.raw, req.signature_value.data.as_ref(), &key);
    Ok(Document {
        signature_valid,
        der: der.to_vec(),
        ..shared_fields(Kind::Csr, &info.subject, ext, key, alg)
    })
}

/// What a certificate and a CSR both carry; the fields only a certificate
/// has (issuer, validity, CA flag) are left empty.
fn shared_fields(
    kind: Kind,
    subject: &X509Name<'_>,
    ext: Extensions,
    key: KeyInfo,
    alg: &Oid<'_>,
) -> Document {
    Document {
        kind,
        subject: subject.to_string(),
        common_names: common_names(subject),
        subject_fields: subject_fields(subject),
        issuer: None,
        sans: ext.sans,
        key_usage: ext.key_usage,
        extended_key_usage: ext.extended_key_usage,
        key,
        signature_algorithm: oid_name(alg),
        weak_digest: oids::is_weak_signature(alg),
        not_before: None,
        not_after: None,
        not_before_unix: None,
        not_after_unix: None,
        self_signed: false,
        signature_valid: None,
        is_ca: false,
        path_len: None,
        repeated_extensions: Vec::new(),
        serial: None,
        der: Vec::new(),
        subject_der: subject.as_raw().to_vec(),
        issuer_der: Vec::new(),
    }
}

fn extensions<'a, 'b: 'a>(parsed: impl Iterator<Item = &'a ParsedExtension<'b>>) -> Extensions {
    let mut out = Extensions::default();
    for ext in parsed {
        match ext {
            ParsedExtension::SubjectAlternativeName(san) => {
                out.sans.extend(san.general_names.iter().map(general_name));
            }
            ParsedExtension::KeyUsage(ku) => out.key_usage = Some(KeyUsage(ku.flags)),
            ParsedExtension::ExtendedKeyUsage(e) => {
                let mut other: Vec<String> = e.other.iter().map(oid_name).collect();
                for (set, name) in [
                    (e.any, "anyExtendedKeyUsage"),
                    (e.code_signing, "codeSigning"),
                    (e.email_protection, "emailProtection"),
                    (e.time_stamping, "timeStamping"),
                    (e.ocsp_signing, "OCSPSigning"),
                ] {
                    if set {
                        other.push(name.to_owned());
                    }
                }
                out.extended_key_usage = Some(ExtendedKeyUsage {
                    server_auth: e.server_auth,
                    client_auth: e.client_auth,
                    other,
                });
            }
            _ => {}
        }
    }
    out
}

/// The names of extensions that appear more than once.
fn repeated<'a, 'b: 'a>(oids: impl Iterator<Item = &'a Oid<'b>>) -> Vec<String> {
    let mut seen: Vec<&Oid<'_>> = Vec::new();
    let mut twice = Vec::new();
    for oid in oids {
        if seen.contains(&oid) {
            let name = oid_name(oid);
            if !twice.contains(&name) {
                twice.push(name);
            }
        } else {
            seen.push(oid);
        }
    }
    twice
}

pub(super) fn oid_name(oid: &Oid<'_>) -> String {
    x509_parser::objects::oid2sn(oid, x509_parser::objects::oid_registry())
        .map(str::to_owned)
        .unwrap_or_else(|_| oid.to_id_string())
}

fn curve_name(oid: &Oid<'_>) -> (String, Option<u32>) {
    for (known, name, bits) in [
        (oids::OID_EC_P256, "P-256", 256),
        (oids::OID_NIST_EC_P384, "P-384", 384),
        (oids::OID_NIST_EC_P521, "P-521", 521),
    ] {
        if *oid == known {
            return (name.to_owned(), Some(bits));
        }
    }
    (oid.to_id_string(), None)
}

fn key_info(spki: &SubjectPublicKeyInfo<'_>) -> KeyInfo {
    let public_key = spki.subject_public_key.data.to_vec();
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.as_oid().ok())
        .map(|oid| curve_name(&oid));
    let (algorithm, bits, curve) = match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => (KeyKind::Rsa, u32::try_from(rsa.key_size()).ok(), None),
        Ok(PublicKey::EC(_)) => {
            let (name, bits) = curve.unzip();
            (KeyKind::Ecdsa, bits.flatten(), name)
        }
        _ if spki.algorithm.algorithm == oids::OID_SIG_ED25519 => {
            (KeyKind::Ed25519, Some(256), None)
        }
        _ => (
            KeyKind::Other(spki.algorithm.algorithm.to_id_string()),
            None,
            None,
        ),
    };
    KeyInfo {
        algorithm,
        bits,
        curve,
        public_key,
    }
}

/// Unix seconds as RFC 3339 UTC.
pub fn rfc3339(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| unix.to_string())
}
