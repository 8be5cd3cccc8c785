//! Private keys: made for a plan, or read from a file for renewal
//! (`generate --key`) or for `check --key`.

use crate::cisco::{Algorithm, Digest, KeySpec, RSA_MINIMUM_BITS, curve_digest};
use crate::report::{Error, Usage};
use rcgen::{KeyPair, PublicKeyData, RsaKeySize, SignatureAlgorithm};

/// Why a PEM text is not a usable private key, in plain words.
fn key_refusal(pem: &str) -> String {
    if pem.contains("ENCRYPTED PRIVATE KEY") || pem.contains("Proc-Type: 4,ENCRYPTED") {
        "this key is encrypted: decrypt it with `openssl pkey -in KEY -out plain.key` and keep \
         plain.key private (chmod 600)"
            .to_owned()
    } else if pem.contains("PRIVATE KEY") {
        format!(
            "this private key cannot be read: sancsr takes RSA keys of {RSA_MINIMUM_BITS} bits or \
             more and ECDSA P-256, P-384 or P-521 keys, in PKCS#8, PKCS#1 or SEC1 PEM"
        )
    } else {
        "this file holds no PEM private key".to_owned()
    }
}

/// The rcgen signature algorithm for a key spec. Digest/curve combinations
/// were checked when the deployment was read.
pub(crate) fn signature_algorithm(spec: &KeySpec) -> &'static SignatureAlgorithm {
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
pub(crate) fn generate_key(spec: &KeySpec) -> Result<KeyPair, Error> {
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
    result.map_err(|e| Error::Crypto(format!("cannot generate a {spec} key: {e}")))
}

/// A private key read from a file for renewal (`generate --key`).
#[derive(Debug)]
pub(crate) struct ExistingKey {
    /// The path given.
    pub path: String,
    /// The PEM text.
    pem: String,
    /// Its algorithm and size, and the digest the CSR will be signed with.
    pub spec: KeySpec,
}

/// What a key file is, from the algorithm rcgen recognised.
fn probed_spec(probe: &KeyPair, digest: Digest) -> Option<KeySpec> {
    let alg = probe.algorithm();
    let ecdsa = |size| KeySpec {
        algorithm: Algorithm::Ecdsa,
        size,
        digest: curve_digest(size),
    };
    if alg == &rcgen::PKCS_ECDSA_P256_SHA256 {
        Some(ecdsa(256))
    } else if alg == &rcgen::PKCS_ECDSA_P384_SHA384 {
        Some(ecdsa(384))
    } else if [
        &rcgen::PKCS_ECDSA_P521_SHA512,
        &rcgen::PKCS_ECDSA_P521_SHA384,
        &rcgen::PKCS_ECDSA_P521_SHA256,
    ]
    .contains(&alg)
    {
        Some(ecdsa(521))
    } else if [
        &rcgen::PKCS_RSA_SHA256,
        &rcgen::PKCS_RSA_SHA384,
        &rcgen::PKCS_RSA_SHA512,
    ]
    .contains(&alg)
    {
        let size = rsa_bits(&probe.subject_public_key_info())?;
        Some(KeySpec {
            algorithm: Algorithm::Rsa,
            size,
            digest,
        })
    } else {
        None
    }
}

impl ExistingKey {
    /// Reads a PKCS#8, PKCS#1 (RSA) or SEC1 (EC) PEM private key. The key
    /// decides the algorithm and size; `digest` (from the plan) is used for
    /// RSA, the curve's own digest for ECDSA.
    pub fn read(path: &str, digest: Digest) -> Result<ExistingKey, Error> {
        let (name, pem) = crate::io::read_text(path)?;
        let bad = |why: String| Usage::UnusableKey {
            file: name.clone(),
            why,
        };
        // aws-lc-rs refuses RSA keys below 2048 bits when parsing, which is
        // Cisco's minimum anyway (source A).
        let probe = KeyPair::from_pem(&pem).map_err(|_| bad(key_refusal(&pem)))?;
        let spec = probed_spec(&probe, digest)
            .ok_or_else(|| bad("the key type is not RSA or ECDSA P-256/P-384/P-521".into()))?;
        Ok(ExistingKey {
            path: name,
            pem,
            spec,
        })
    }

    /// The PEM text as read.
    pub fn pem(&self) -> &str {
        &self.pem
    }

    /// The key pair, set to sign with the spec's digest.
    pub fn key_pair(&self) -> Result<KeyPair, Error> {
        KeyPair::from_pem_and_sign_algo(&self.pem, signature_algorithm(&self.spec)).map_err(|e| {
            Usage::UnusableKey {
                file: self.path.clone(),
                why: e.to_string(),
            }
            .into()
        })
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

/// The subjectPublicKey of a PEM private key (for `check --key`).
pub(crate) fn public_key_of(path: &str) -> Result<Vec<u8>, Error> {
    use x509_parser::prelude::FromDer;
    let (name, pem) = crate::io::read_text(path)?;
    let unreadable = |why: String| Error::Unreadable {
        file: name.clone(),
        why,
    };
    let key = KeyPair::from_pem(&pem).map_err(|_| unreadable(key_refusal(&pem)))?;
    let spki = key.subject_public_key_info();
    let (_, info) = x509_parser::x509::SubjectPublicKeyInfo::from_der(&spki)
        .map_err(|_| unreadable("its public key cannot be read".to_owned()))?;
    Ok(info.subject_public_key.data.to_vec())
}
