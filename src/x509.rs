//! Reading certificates and CSRs (x509-parser): what `check`, `inspect` and
//! `trust` look at.
//!
//! A file may be PEM (one or many blocks; a chain's first certificate is the
//! leaf) or DER, a certificate or a CSR. Each document becomes a plain
//! [`Document`] value, so the audits never touch DER themselves.

use crate::diagnostics::Error;
use serde::Serialize;
use std::fmt;
use x509_parser::certificate::X509Certificate;
use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::oid_registry::Oid;
use x509_parser::prelude::FromDer;
use x509_parser::public_key::PublicKey;
use x509_parser::x509::{SubjectPublicKeyInfo, X509Name};

/// Certificate or CSR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// An X.509 certificate.
    Certificate,
    /// A PKCS#10 certificate signing request.
    Csr,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Certificate => "certificate",
            Kind::Csr => "CSR",
        })
    }
}

/// One subject alternative name, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum San {
    /// dNSName.
    Dns(String),
    /// otherName id-on-xmppAddr (RFC 6120).
    Xmpp(String),
    /// otherName SRVName (RFC 4985).
    Srv(String),
    /// Any other otherName: its OID.
    OtherName(String),
    /// iPAddress.
    Ip(String),
    /// rfc822Name.
    Email(String),
    /// uniformResourceIdentifier.
    Uri(String),
    /// Anything else, as x509-parser prints it.
    Other(String),
}

impl San {
    /// The Expressway's decoded notation: `DNS:`, `XMPP:`, `SRV:`; others in
    /// OpenSSL's.
    pub fn shown(&self) -> String {
        match self {
            San::Dns(v) => format!("DNS:{v}"),
            San::Xmpp(v) => format!("XMPP:{v}"),
            San::Srv(v) => format!("SRV:{v}"),
            San::OtherName(oid) => format!("othername:{oid}"),
            San::Ip(v) => format!("IP:{v}"),
            San::Email(v) => format!("email:{v}"),
            San::Uri(v) => format!("URI:{v}"),
            San::Other(v) => v.clone(),
        }
    }

    /// The dNSName, if this is one.
    pub fn dns(&self) -> Option<&str> {
        match self {
            San::Dns(v) => Some(v),
            _ => None,
        }
    }
}

/// Extended Key Usage, when the extension is present.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExtendedKeyUsage {
    /// id-kp-serverAuth.
    pub server_auth: bool,
    /// id-kp-clientAuth.
    pub client_auth: bool,
    /// Any other purposes, by name or OID.
    pub other: Vec<String>,
}

/// The public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyInfo {
    /// `rsa`, `ecdsa`, `ed25519` or the algorithm OID.
    pub algorithm: String,
    /// Modulus or curve size in bits, when known.
    pub bits: Option<u32>,
    /// The curve name for ECDSA.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curve: Option<String>,
    /// The subjectPublicKey bit string (compares keys).
    #[serde(skip)]
    pub public_key: Vec<u8>,
}

impl fmt::Display for KeyInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.curve, self.bits) {
            (Some(curve), _) => write!(f, "ECDSA {curve}"),
            (None, Some(bits)) => write!(f, "{} {bits}", self.algorithm.to_uppercase()),
            (None, None) => f.write_str(&self.algorithm),
        }
    }
}

/// What a certificate or CSR contains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// Certificate or CSR.
    pub kind: Kind,
    /// Subject, as `C=US, O=…, CN=…`.
    pub subject: String,
    /// The subject's common name(s).
    pub common_names: Vec<String>,
    /// Issuer (certificates).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// SANs in order.
    #[serde(serialize_with = "serialize_sans")]
    pub sans: Vec<San>,
    /// Key usage names, when the extension is present.
    pub key_usage: Option<Vec<String>>,
    /// Extended key usage, when the extension is present.
    pub extended_key_usage: Option<ExtendedKeyUsage>,
    /// The public key.
    pub key: KeyInfo,
    /// Signature algorithm name (e.g. `sha256WithRSAEncryption`).
    pub signature_algorithm: String,
    /// Whether the signature uses SHA-1 or MD5.
    pub weak_digest: bool,
    /// Validity start (certificates), RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    /// Validity end (certificates), RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_after: Option<String>,
    /// Validity start, Unix seconds.
    #[serde(skip)]
    pub not_before_unix: Option<i64>,
    /// Validity end, Unix seconds.
    #[serde(skip)]
    pub not_after_unix: Option<i64>,
    /// Issuer equals subject and the signature verifies with the
    /// certificate's own key (certificates only).
    pub self_signed: bool,
    /// The CSR's self-signature verifies (CSRs); `None` for certificates or
    /// an algorithm that cannot be verified here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_valid: Option<bool>,
    /// Basic constraints CA flag (certificates).
    pub is_ca: bool,
}

fn serialize_sans<S: serde::Serializer>(sans: &[San], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(sans.iter().map(San::shown))
}

/// A file read: its documents in file order.
#[derive(Debug, Clone)]
pub struct FileContents {
    /// The name used in messages.
    pub name: String,
    /// Certificates and CSRs, in order.
    pub documents: Vec<Document>,
}

/// PEM labels that hold a certificate or a CSR.
const CERT_LABELS: &[&str] = &["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"];
const CSR_LABELS: &[&str] = &["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"];

/// Reads a file (or `-`) of PEM or DER certificates and CSRs.
pub fn read_file(path: &str) -> Result<FileContents, Error> {
    let (name, bytes) = crate::input::read_bytes(path)?;
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
        let mut documents = Vec::new();
        let mut labels = Vec::new();
        for (i, pem) in x509_parser::pem::Pem::iter_from_buffer(bytes).enumerate() {
            let pem = pem.map_err(|e| bad(format!("PEM block {} cannot be read: {e}", i + 1)))?;
            let label = pem.label.as_str();
            if CERT_LABELS.contains(&label) {
                documents.push(
                    certificate(&pem.contents)
                        .map_err(|why| bad(format!("PEM block {} ({label}): {why}", i + 1)))?,
                );
            } else if CSR_LABELS.contains(&label) {
                documents.push(
                    csr(&pem.contents)
                        .map_err(|why| bad(format!("PEM block {} ({label}): {why}", i + 1)))?,
                );
            } else {
                labels.push(pem.label.clone());
            }
        }
        if documents.is_empty() {
            let what = if labels.iter().any(|l| l.contains("PRIVATE KEY")) {
                "it holds a private key, not a certificate or CSR (never send a key to anyone)"
                    .to_owned()
            } else if labels.is_empty() {
                "no complete PEM block was found (is the file truncated?)".to_owned()
            } else {
                format!("it holds {}, not a certificate or CSR", labels.join(", "))
            };
            return Err(bad(what));
        }
        documents
    } else {
        match certificate(bytes) {
            Ok(doc) => vec![doc],
            Err(cert_why) => match csr(bytes) {
                Ok(doc) => vec![doc],
                Err(_) => {
                    return Err(bad(format!(
                        "neither PEM nor a DER certificate or CSR ({cert_why})"
                    )));
                }
            },
        }
    };
    Ok(FileContents {
        name: name.to_owned(),
        documents,
    })
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
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
    let mut sans = Vec::new();
    let mut key_usage = None;
    let mut extended_key_usage = None;
    for ext in tbs.extensions() {
        read_extension(
            ext.parsed_extension(),
            &mut sans,
            &mut key_usage,
            &mut extended_key_usage,
        );
    }
    let (signature_algorithm, weak_digest) = signature_name(&cert.signature_algorithm.algorithm);
    let key = key_info(tbs.public_key());
    let issuer_is_subject = tbs.issuer.as_raw() == tbs.subject.as_raw();
    let self_signed = issuer_is_subject
        && verify(
            &cert.signature_algorithm.algorithm,
            tbs.as_ref(),
            cert.signature_value.data.as_ref(),
            &key,
        )
        .unwrap_or(true);
    let validity = tbs.validity();
    Ok(Document {
        kind: Kind::Certificate,
        subject: tbs.subject.to_string(),
        common_names: common_names(&tbs.subject),
        issuer: Some(tbs.issuer.to_string()),
        sans,
        key_usage,
        extended_key_usage,
        key,
        signature_algorithm,
        weak_digest,
        not_before: Some(rfc3339(validity.not_before.timestamp())),
        not_after: Some(rfc3339(validity.not_after.timestamp())),
        not_before_unix: Some(validity.not_before.timestamp()),
        not_after_unix: Some(validity.not_after.timestamp()),
        self_signed,
        signature_valid: None,
        is_ca: cert.is_ca(),
    })
}

fn csr(der: &[u8]) -> Result<Document, String> {
    let (rest, req) =
        X509CertificationRequest::from_der(der).map_err(|e| format!("not a valid CSR: {e}"))?;
    if !rest.is_empty() {
        return Err(format!("{} unexpected bytes after the CSR", rest.len()));
    }
    let info = &req.certification_request_info;
    let mut sans = Vec::new();
    let mut key_usage = None;
    let mut extended_key_usage = None;
    if let Some(exts) = req.requested_extensions() {
        for ext in exts {
            read_extension(ext, &mut sans, &mut key_usage, &mut extended_key_usage);
        }
    }
    let (signature_algorithm, weak_digest) = signature_name(&req.signature_algorithm.algorithm);
    let key = key_info(&info.subject_pki);
    let signature_valid = verify(
        &req.signature_algorithm.algorithm,
        info.raw,
        req.signature_value.data.as_ref(),
        &key,
    );
    Ok(Document {
        kind: Kind::Csr,
        subject: info.subject.to_string(),
        common_names: common_names(&info.subject),
        issuer: None,
        sans,
        key_usage,
        extended_key_usage,
        key,
        signature_algorithm,
        weak_digest,
        not_before: None,
        not_after: None,
        not_before_unix: None,
        not_after_unix: None,
        self_signed: false,
        signature_valid,
        is_ca: false,
    })
}

fn read_extension(
    ext: &ParsedExtension<'_>,
    sans: &mut Vec<San>,
    key_usage: &mut Option<Vec<String>>,
    eku: &mut Option<ExtendedKeyUsage>,
) {
    match ext {
        ParsedExtension::SubjectAlternativeName(san) => {
            sans.extend(san.general_names.iter().map(general_name));
        }
        ParsedExtension::KeyUsage(ku) => {
            // x509-parser prints e.g. "Digital Signature, Key Encipherment".
            *key_usage = Some(
                ku.to_string()
                    .split(", ")
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
            );
        }
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
            *eku = Some(ExtendedKeyUsage {
                server_auth: e.server_auth,
                client_auth: e.client_auth,
                other,
            });
        }
        _ => {}
    }
}

/// otherName OIDs the Expressway shows by name.
const OID_XMPP_ADDR: &str = "1.3.6.1.5.5.7.8.5";
const OID_SRV_NAME: &str = "1.3.6.1.5.5.7.8.7";

fn general_name(name: &GeneralName<'_>) -> San {
    match name {
        GeneralName::DNSName(d) => San::Dns((*d).to_owned()),
        GeneralName::OtherName(oid, value) => {
            let oid = oid.to_id_string();
            match (oid.as_str(), other_name_text(value)) {
                (OID_XMPP_ADDR, Some(v)) => San::Xmpp(v),
                (OID_SRV_NAME, Some(v)) => San::Srv(v),
                _ => San::OtherName(oid),
            }
        }
        GeneralName::IPAddress(bytes) => San::Ip(ip_text(bytes)),
        GeneralName::RFC822Name(e) => San::Email((*e).to_owned()),
        GeneralName::URI(u) => San::Uri((*u).to_owned()),
        other => San::Other(other.to_string()),
    }
}

/// The string inside an otherName value (`[0] EXPLICIT` around a string).
fn other_name_text(value: &[u8]) -> Option<String> {
    use x509_parser::asn1_rs::Any;
    let (_, explicit) = Any::from_der(value).ok()?;
    let (_, inner) = Any::from_der(explicit.data).ok()?;
    String::from_utf8(inner.data.to_vec()).ok()
}

fn ip_text(bytes: &[u8]) -> String {
    match bytes.len() {
        4 => std::net::Ipv4Addr::from([bytes[0], bytes[1], bytes[2], bytes[3]]).to_string(),
        16 => {
            let mut octets = [0u8; 16];
            octets.copy_from_slice(bytes);
            std::net::Ipv6Addr::from(octets).to_string()
        }
        _ => format!("{bytes:02x?}"),
    }
}

fn common_names(name: &X509Name<'_>) -> Vec<String> {
    name.iter_common_name()
        .filter_map(|cn| cn.as_str().ok().map(str::to_owned))
        .collect()
}

fn oid_name(oid: &Oid<'_>) -> String {
    x509_parser::objects::oid2sn(oid, x509_parser::objects::oid_registry())
        .map(str::to_owned)
        .unwrap_or_else(|_| oid.to_id_string())
}

/// The signature algorithm's name, and whether it hashes with SHA-1 or MD5.
fn signature_name(oid: &Oid<'_>) -> (String, bool) {
    let weak = matches!(
        oid.to_id_string().as_str(),
        "1.2.840.113549.1.1.4"     // md5WithRSAEncryption
            | "1.2.840.113549.1.1.5"   // sha1WithRSAEncryption
            | "1.3.14.3.2.29"          // sha1WithRSA (OIW)
            | "1.2.840.10045.4.1"      // ecdsa-with-SHA1
            | "1.2.840.10040.4.3" // dsa-with-sha1
    );
    (oid_name(oid), weak)
}

fn key_info(spki: &SubjectPublicKeyInfo<'_>) -> KeyInfo {
    let public_key = spki.subject_public_key.data.to_vec();
    let algorithm_oid = spki.algorithm.algorithm.to_id_string();
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.as_oid().ok())
        .map(|oid| match oid.to_id_string().as_str() {
            "1.2.840.10045.3.1.7" => "P-256".to_owned(),
            "1.3.132.0.34" => "P-384".to_owned(),
            "1.3.132.0.35" => "P-521".to_owned(),
            other => other.to_owned(),
        });
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => KeyInfo {
            algorithm: "rsa".into(),
            bits: u32::try_from(rsa.key_size()).ok(),
            curve: None,
            public_key,
        },
        Ok(PublicKey::EC(_)) => {
            let bits = match curve.as_deref() {
                Some("P-256") => Some(256),
                Some("P-384") => Some(384),
                Some("P-521") => Some(521),
                _ => None,
            };
            KeyInfo {
                algorithm: "ecdsa".into(),
                bits,
                curve,
                public_key,
            }
        }
        _ if algorithm_oid == "1.3.101.112" => KeyInfo {
            algorithm: "ed25519".into(),
            bits: Some(256),
            curve: None,
            public_key,
        },
        _ => KeyInfo {
            algorithm: algorithm_oid,
            bits: None,
            curve: None,
            public_key,
        },
    }
}

/// Verifies a signature over `signed` with `key`. `None` when the
/// algorithm is not one that can be verified here.
fn verify(alg: &Oid<'_>, signed: &[u8], signature: &[u8], key: &KeyInfo) -> Option<bool> {
    use aws_lc_rs::signature as sig;
    let rsa_bits = match key.algorithm.as_str() {
        "rsa" => key.bits.unwrap_or(0),
        _ => 0,
    };
    // AWS-LC, which x509-parser's own verifier also uses, with the
    // combinations sancsr and the Expressway produce (x509-parser's verifier
    // has no P-521). Whether a signature is intact is asked apart from
    // whether the key is strong (`weak-key`), so RSA keys under 2048 bits
    // are verified with the legacy parameters.
    let algorithm: &dyn sig::VerificationAlgorithm =
        match (alg.to_id_string().as_str(), key.curve.as_deref()) {
            ("1.2.840.113549.1.1.11", _) if rsa_bits < 2048 => {
                &sig::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY
            }
            ("1.2.840.113549.1.1.13", _) if rsa_bits < 2048 => {
                &sig::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY
            }
            ("1.2.840.113549.1.1.11", _) => &sig::RSA_PKCS1_2048_8192_SHA256,
            ("1.2.840.113549.1.1.12", _) => &sig::RSA_PKCS1_2048_8192_SHA384,
            ("1.2.840.113549.1.1.13", _) => &sig::RSA_PKCS1_2048_8192_SHA512,
            ("1.2.840.113549.1.1.5", _) => &sig::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
            ("1.2.840.10045.4.3.2", Some("P-256")) => &sig::ECDSA_P256_SHA256_ASN1,
            ("1.2.840.10045.4.3.3", Some("P-384")) => &sig::ECDSA_P384_SHA384_ASN1,
            ("1.2.840.10045.4.3.4", Some("P-521")) => &sig::ECDSA_P521_SHA512_ASN1,
            ("1.2.840.10045.4.3.2", Some("P-384")) => &sig::ECDSA_P384_SHA256_ASN1,
            ("1.2.840.10045.4.3.3", Some("P-256")) => &sig::ECDSA_P256_SHA384_ASN1,
            ("1.3.101.112", _) => &sig::ED25519,
            _ => return None,
        };
    Some(
        sig::UnparsedPublicKey::new(algorithm, &key.public_key)
            .verify(signed, signature)
            .is_ok(),
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample_certificate() -> Vec<u8> {
        let key = rcgen::KeyPair::generate().expect("key");
        let params =
            rcgen::CertificateParams::new(vec!["expe.example.com".to_owned()]).expect("params");
        params.self_signed(&key).expect("cert").der().to_vec()
    }

    #[test]
    fn reads_der_and_pem_the_same() {
        let der = sample_certificate();
        let pem = format!(
            "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
            base64_lines(&der)
        );
        let a = parse_bytes("a.der", &der).expect("der");
        let b = parse_bytes("a.pem", pem.as_bytes()).expect("pem");
        assert_eq!(a.documents, b.documents);
        assert_eq!(
            a.documents[0].sans,
            vec![San::Dns("expe.example.com".into())]
        );
        assert!(a.documents[0].self_signed);
    }

    /// PEM body lines, via the pem crate rcgen already uses.
    fn base64_lines(der: &[u8]) -> String {
        let text = pem::encode(&pem::Pem::new("X", der.to_vec()));
        text.lines()
            .filter(|l| !l.starts_with("-----"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn every_truncation_of_a_certificate_is_refused_without_panic() {
        let der = sample_certificate();
        for len in 0..der.len() {
            assert!(parse_bytes("t.der", &der[..len]).is_err(), "length {len}");
        }
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = parse_bytes("fuzz.bin", &bytes);
        }

        #[test]
        fn arbitrary_pem_bodies_never_panic(
            label in prop::sample::select(vec!["CERTIFICATE", "CERTIFICATE REQUEST", "PRIVATE KEY", "X"]),
            bytes in proptest::collection::vec(any::<u8>(), 0..600),
        ) {
            let text = pem::encode(&pem::Pem::new(label, bytes));
            let _ = parse_bytes("fuzz.pem", text.as_bytes());
        }

        #[test]
        fn flipped_bytes_of_a_certificate_never_panic(
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        ) {
            let mut der = sample_certificate();
            for (i, b) in flips {
                let i = i.index(der.len());
                der[i] = b;
            }
            let _ = parse_bytes("flip.der", &der);
        }
    }
}
