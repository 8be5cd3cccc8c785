//! What a certificate or CSR contains, as plain values: the audits and
//! renderers never touch DER themselves.

use crate::model::AltName;
use serde::Serialize;
use std::fmt;

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
    /// dNSName, otherName XMPP (RFC 6120) or SRVName (RFC 4985).
    Name(AltName),
    /// Any other otherName: its OID.
    OtherName(String),
    /// An XMPP or SRVName otherName whose value is not the string type its
    /// RFC requires (OpenSSL cannot decode it).
    MisencodedName {
        /// XMPP or SRV.
        kind: crate::cisco::SanKind,
        /// The value's ASN.1 type as found (`OCTET STRING`).
        found: String,
    },
    /// iPAddress.
    Ip(String),
    /// rfc822Name.
    Email(String),
    /// uniformResourceIdentifier.
    Uri(String),
    /// Anything else, as x509-parser prints it.
    Other(String),
}

impl fmt::Display for San {
    /// The Expressway's decoded notation: `DNS:`, `XMPP:`, `SRV:`; others in
    /// OpenSSL's.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            San::Name(n) => n.fmt(f),
            San::OtherName(oid) => write!(f, "othername:{oid}"),
            San::MisencodedName { kind, found } => {
                write!(f, "othername:{kind} (misencoded as {found})")
            }
            San::Ip(v) => write!(f, "IP:{v}"),
            San::Email(v) => write!(f, "email:{v}"),
            San::Uri(v) => write!(f, "URI:{v}"),
            San::Other(v) => f.write_str(v),
        }
    }
}

impl San {
    /// The dNSName, if this is one.
    pub fn dns(&self) -> Option<&str> {
        match self {
            San::Name(n) if n.kind == crate::cisco::SanKind::Dns => Some(&n.value),
            _ => None,
        }
    }
}

/// A Key Usage bit (RFC 5280 §4.2.1.3), in bit order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyUsageBit {
    /// digitalSignature.
    DigitalSignature,
    /// nonRepudiation.
    NonRepudiation,
    /// keyEncipherment.
    KeyEncipherment,
    /// dataEncipherment.
    DataEncipherment,
    /// keyAgreement.
    KeyAgreement,
    /// keyCertSign.
    KeyCertSign,
    /// cRLSign.
    CrlSign,
    /// encipherOnly.
    EncipherOnly,
    /// decipherOnly.
    DecipherOnly,
}

impl KeyUsageBit {
    /// Every bit, in bit order.
    pub const ALL: [KeyUsageBit; 9] = [
        KeyUsageBit::DigitalSignature,
        KeyUsageBit::NonRepudiation,
        KeyUsageBit::KeyEncipherment,
        KeyUsageBit::DataEncipherment,
        KeyUsageBit::KeyAgreement,
        KeyUsageBit::KeyCertSign,
        KeyUsageBit::CrlSign,
        KeyUsageBit::EncipherOnly,
        KeyUsageBit::DecipherOnly,
    ];

    /// Its name, as OpenSSL and x509-parser print it.
    pub fn title(self) -> &'static str {
        match self {
            KeyUsageBit::DigitalSignature => "Digital Signature",
            KeyUsageBit::NonRepudiation => "Non Repudiation",
            KeyUsageBit::KeyEncipherment => "Key Encipherment",
            KeyUsageBit::DataEncipherment => "Data Encipherment",
            KeyUsageBit::KeyAgreement => "Key Agreement",
            KeyUsageBit::KeyCertSign => "Key Cert Sign",
            KeyUsageBit::CrlSign => "CRL Sign",
            KeyUsageBit::EncipherOnly => "Encipher Only",
            KeyUsageBit::DecipherOnly => "Decipher Only",
        }
    }
}

/// The Key Usage extension's bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyUsage(pub u16);

impl KeyUsage {
    /// Whether the bit is set.
    pub fn has(self, bit: KeyUsageBit) -> bool {
        (self.0 >> bit as u16) & 1 == 1
    }

    /// The bits set, in bit order.
    pub fn bits(self) -> impl Iterator<Item = KeyUsageBit> {
        KeyUsageBit::ALL.into_iter().filter(move |b| self.has(*b))
    }
}

impl Serialize for KeyUsage {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.bits().map(KeyUsageBit::title))
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

/// A public key's algorithm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyKind {
    /// RSA.
    Rsa,
    /// ECDSA.
    Ecdsa,
    /// Ed25519.
    Ed25519,
    /// Anything else: its OID.
    Other(String),
}

impl KeyKind {
    /// `rsa`, `ecdsa`, `ed25519`, or the OID.
    pub fn name(&self) -> &str {
        match self {
            KeyKind::Rsa => "rsa",
            KeyKind::Ecdsa => "ecdsa",
            KeyKind::Ed25519 => "ed25519",
            KeyKind::Other(oid) => oid,
        }
    }
}

impl Serialize for KeyKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// The public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyInfo {
    /// Its algorithm.
    pub algorithm: KeyKind,
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
            (None, Some(bits)) => write!(f, "{} {bits}", self.algorithm.name().to_uppercase()),
            (None, None) => f.write_str(self.algorithm.name()),
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
    /// Key usage, when the extension is present.
    pub key_usage: Option<KeyUsage>,
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
    /// Basic constraints path length constraint, when a CA sets one.
    #[serde(skip)]
    pub path_len: Option<u32>,
    /// The serial number, hex bytes joined by colons (as OpenSSL prints
    /// it); certificates only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    /// Extensions that appear more than once (RFC 5280 §4.2: at most once).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub repeated_extensions: Vec<String>,
    /// Subject fields besides the CN (C, ST, L, O, OU), for `import`.
    #[serde(skip)]
    pub subject_fields: Vec<(&'static str, String)>,
    /// The document's DER, for path validation.
    #[serde(skip)]
    pub der: Vec<u8>,
    /// The subject name's DER, to find issuers.
    #[serde(skip)]
    pub subject_der: Vec<u8>,
    /// The issuer name's DER (certificates).
    #[serde(skip)]
    pub issuer_der: Vec<u8>,
}

fn serialize_sans<S: serde::Serializer>(sans: &[San], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(sans.iter().map(San::to_string))
}

impl Document {
    /// The SHA-256 fingerprint of the DER, in lower-case hex (what
    /// `openssl x509 -fingerprint -sha256` prints, without colons).
    pub fn sha256(&self) -> String {
        let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &self.der);
        digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The names a peer could be matched by: its dNSNames and common names.
    pub fn host_names(&self) -> impl Iterator<Item = &str> {
        self.sans
            .iter()
            .filter_map(San::dns)
            .chain(self.common_names.iter().map(String::as_str))
    }

    /// Its SANs of the kinds the Expressway writes.
    pub fn alt_names(&self) -> impl Iterator<Item = &AltName> {
        self.sans.iter().filter_map(|s| match s {
            San::Name(n) => Some(n),
            _ => None,
        })
    }
}

/// A file read: its documents in file order.
#[derive(Debug, Clone)]
pub struct FileContents {
    /// The name used in messages.
    pub name: String,
    /// Certificates and CSRs, in order.
    pub documents: Vec<Document>,
}
