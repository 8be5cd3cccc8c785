//! Keys and certificate signing requests, in memory (rcgen, aws-lc-rs).
//!
//! A CSR carries what the Expressway's own Generate CSR page requests: the
//! subject, the planned SANs in plan order, Key Usage (RSA: digitalSignature
//! and keyEncipherment; ECDSA: digitalSignature) and Extended Key Usage
//! serverAuth and clientAuth ("Until X15.3 the CSR always requests both
//! serverAuth and clientAuth EKU", cisco-facts.md source A; the Expressway-C
//! always needs both, source J).
//!
//! The SAN extension is built here with yasna (the DER writer rcgen itself
//! uses) because rcgen's `OtherNameValue` writes only UTF8String, and an
//! RFC 4985 SRVName is an IA5String.

use crate::deployment::{Algorithm, Digest, KeySpec};
use crate::diagnostics::Error;
use crate::plan::{CertificatePlan, EntryKind};
use rcgen::{
    CertificateParams, CustomExtension, DistinguishedName, DnType, ExtendedKeyUsagePurpose,
    KeyPair, KeyUsagePurpose, PublicKeyData, RsaKeySize, SignatureAlgorithm,
};
use yasna::Tag;
use yasna::models::ObjectIdentifier;

/// id-ce-subjectAltName (RFC 5280 §4.2.1.6).
const OID_SUBJECT_ALT_NAME: &[u64] = &[2, 5, 29, 17];
/// id-on-xmppAddr (RFC 6120 §13.7.1.4), value UTF8String.
pub const OID_XMPP_ADDR: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 8, 5];
/// id-on-dnsSRV, SRVName (RFC 4985 §2), value IA5String.
pub const OID_SRV_NAME: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 8, 7];

/// The rcgen signature algorithm for a key spec. Digest/curve combinations
/// were checked when the deployment was read.
pub fn signature_algorithm(spec: &KeySpec) -> &'static SignatureAlgorithm {
    match (spec.algorithm, spec.size, spec.digest) {
        (Algorithm::Rsa, _, Digest::Sha256) => &rcgen::PKCS_RSA_SHA256,
        (Algorithm::Rsa, _, Digest::Sha384) => &rcgen::PKCS_RSA_SHA384,
        (Algorithm::Rsa, _, Digest::Sha512) => &rcgen::PKCS_RSA_SHA512,
        (Algorithm::Ecdsa, 384, _) => &rcgen::PKCS_ECDSA_P384_SHA384,
        (Algorithm::Ecdsa, 521, _) => &rcgen::PKCS_ECDSA_P521_SHA512,
        (Algorithm::Ecdsa, _, _) => &rcgen::PKCS_ECDSA_P256_SHA256,
    }
}

/// Generates a new private key for `spec`.
pub fn generate_key(spec: &KeySpec) -> Result<KeyPair, Error> {
    let alg = signature_algorithm(spec);
    let result = match spec.algorithm {
        Algorithm::Rsa => {
            let size = match spec.size {
                3072 => RsaKeySize::_3072,
                4096 => RsaKeySize::_4096,
                _ => RsaKeySize::_2048,
            };
            KeyPair::generate_rsa_for(alg, size)
        }
        Algorithm::Ecdsa => KeyPair::generate_for(alg),
    };
    result.map_err(|e| Error::Other(format!("cannot generate a {spec} key: {e}")))
}

/// A private key read from a file for renewal (`generate --key`).
#[derive(Debug)]
pub struct ExistingKey {
    /// The path given.
    pub path: String,
    /// The PEM text.
    pem: String,
    /// Its algorithm and size, and the digest the CSR will be signed with.
    pub spec: KeySpec,
}

impl ExistingKey {
    /// Reads a PKCS#8, PKCS#1 (RSA) or SEC1 (EC) PEM private key. The key
    /// decides the algorithm and size; `digest` (from the plan) is used for
    /// RSA, the curve's own digest for ECDSA.
    pub fn read(path: &str, digest: Digest) -> Result<ExistingKey, Error> {
        let (name, pem) = crate::input::read_text(path)?;
        let bad = |why: String| {
            Error::usage(format!(
                "--key {name}: {why}; give a PEM private key (\"PRIVATE KEY\", \"RSA PRIVATE KEY\" or \"EC PRIVATE KEY\")"
            ))
        };
        // aws-lc-rs refuses RSA keys below 2048 bits at parse time, which
        // is the minimum Cisco offers anyway (cisco-facts.md, source A).
        let probe = KeyPair::from_pem(&pem).map_err(|e| {
            bad(format!(
                "not a usable key ({e}; RSA keys below 2048 bits are refused)"
            ))
        })?;
        let probed = probe.algorithm();
        let spec = if probed == &rcgen::PKCS_ECDSA_P256_SHA256 {
            KeySpec {
                algorithm: Algorithm::Ecdsa,
                size: 256,
                digest: Digest::Sha256,
            }
        } else if probed == &rcgen::PKCS_ECDSA_P384_SHA384 {
            KeySpec {
                algorithm: Algorithm::Ecdsa,
                size: 384,
                digest: Digest::Sha384,
            }
        } else if probed == &rcgen::PKCS_ECDSA_P521_SHA512
            || probed == &rcgen::PKCS_ECDSA_P521_SHA384
            || probed == &rcgen::PKCS_ECDSA_P521_SHA256
        {
            KeySpec {
                algorithm: Algorithm::Ecdsa,
                size: 521,
                digest: Digest::Sha512,
            }
        } else if probed == &rcgen::PKCS_RSA_SHA256
            || probed == &rcgen::PKCS_RSA_SHA384
            || probed == &rcgen::PKCS_RSA_SHA512
        {
            let bits = rsa_bits(&probe.subject_public_key_info())
                .ok_or_else(|| bad("cannot read the RSA modulus".into()))?;
            // Cisco's smallest offered key is RSA 2048 (cisco-facts.md, A).
            if bits < 2048 {
                return Err(bad(format!(
                    "an RSA key of {bits} bits is below the 2048-bit minimum"
                )));
            }
            KeySpec {
                algorithm: Algorithm::Rsa,
                size: bits,
                digest,
            }
        } else {
            return Err(bad(
                "the key type is not RSA or ECDSA P-256/P-384/P-521".into()
            ));
        };
        Ok(ExistingKey {
            path: name,
            pem,
            spec,
        })
    }

    /// The key pair, set to sign with the spec's digest.
    pub fn key_pair(&self) -> Result<KeyPair, Error> {
        KeyPair::from_pem_and_sign_algo(&self.pem, signature_algorithm(&self.spec))
            .map_err(|e| Error::usage(format!("--key {}: {e}", self.path)))
    }
}

/// RSA modulus size in bits, from a SubjectPublicKeyInfo.
fn rsa_bits(spki: &[u8]) -> Option<u32> {
    use x509_parser::prelude::FromDer;
    use x509_parser::public_key::PublicKey;
    let (_, info) = x509_parser::x509::SubjectPublicKeyInfo::from_der(spki).ok()?;
    match info.parsed().ok()? {
        PublicKey::RSA(rsa) => u32::try_from(rsa.key_size()).ok(),
        _ => None,
    }
}

/// The DER of a GeneralNames (RFC 5280 §4.2.1.6) holding the plan's SANs, in
/// plan order: dNSName, or otherName with the XMPP (UTF8String) or SRVName
/// (IA5String) value.
pub fn subject_alt_names_der(plan: &CertificatePlan) -> Vec<u8> {
    yasna::construct_der(|writer| {
        writer.write_sequence(|writer| {
            for entry in &plan.entries {
                match entry.format {
                    // dNSName [2] IA5String
                    EntryKind::Dns => writer.next().write_tagged_implicit(Tag::context(2), |w| {
                        w.write_ia5_string(&entry.value)
                    }),
                    // otherName [0] { type-id OID, value [0] EXPLICIT ANY }
                    EntryKind::Xmpp => write_other_name(writer.next(), OID_XMPP_ADDR, |w| {
                        w.write_utf8_string(&entry.value)
                    }),
                    EntryKind::Srv => write_other_name(writer.next(), OID_SRV_NAME, |w| {
                        w.write_ia5_string(&entry.value)
                    }),
                }
            }
        })
    })
}

fn write_other_name(
    writer: yasna::DERWriter<'_>,
    oid: &[u64],
    value: impl FnOnce(yasna::DERWriter<'_>),
) {
    writer.write_tagged_implicit(Tag::context(0), |w| {
        w.write_sequence(|w| {
            w.next().write_oid(&ObjectIdentifier::from_slice(oid));
            w.next().write_tagged(Tag::context(0), value);
        })
    });
}

/// The CSR (PKCS#10 PEM) for a planned certificate, signed with `key`.
pub fn build_csr(plan: &CertificatePlan, key: &KeyPair, spec: &KeySpec) -> Result<String, Error> {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    let s = &plan.subject;
    for (ty, value) in [
        (DnType::CountryName, &s.country),
        (DnType::StateOrProvinceName, &s.state),
        (DnType::LocalityName, &s.locality),
        (DnType::OrganizationName, &s.organization),
        (DnType::OrganizationalUnitName, &s.organizational_unit),
    ] {
        if let Some(v) = value {
            dn.push(ty, v.as_str());
        }
    }
    dn.push(DnType::CommonName, plan.common_name.as_str());
    params.distinguished_name = dn;
    params.key_usages = match spec.algorithm {
        Algorithm::Rsa => vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ],
        Algorithm::Ecdsa => vec![KeyUsagePurpose::DigitalSignature],
    };
    params.extended_key_usages = vec![
        ExtendedKeyUsagePurpose::ServerAuth,
        ExtendedKeyUsagePurpose::ClientAuth,
    ];
    params.custom_extensions = vec![CustomExtension::from_oid_content(
        OID_SUBJECT_ALT_NAME,
        subject_alt_names_der(plan),
    )];
    let csr = params
        .serialize_request(key)
        .map_err(|e| Error::Other(format!("cannot build the CSR for {}: {e}", plan.peer)))?;
    csr.pem()
        .map_err(|e| Error::Other(format!("cannot encode the CSR for {}: {e}", plan.peer)))
}
