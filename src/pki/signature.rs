//! Verifying a signature with AWS-LC, which x509-parser's own verifier also
//! uses, over the combinations sancsr and the Expressway produce
//! (x509-parser's verifier has no P-521).

use super::document::{KeyInfo, KeyKind};
use super::oids::*;
use aws_lc_rs::signature as sig;
use x509_parser::oid_registry::Oid;

/// Verifies a signature over `signed` with `key`. `None` when the
/// algorithm is not one that can be verified here.
pub(crate) fn verify(
    alg: &Oid<'_>,
    signed: &[u8],
    signature: &[u8],
    key: &KeyInfo,
) -> Option<bool> {
    let algorithm = algorithm(alg, key)?;
    Some(
        sig::UnparsedPublicKey::new(algorithm, &key.public_key)
            .verify(signed, signature)
            .is_ok(),
    )
}

/// A verification algorithm of AWS-LC.
type Algorithm = &'static dyn sig::VerificationAlgorithm;

/// RSA PKCS#1 v1.5: the signature OID, the algorithm for keys of 2048 bits
/// or more, and the legacy one for smaller keys.
static RSA: [(Oid<'static>, Algorithm, Algorithm); 4] = [
    (
        OID_PKCS1_SHA256WITHRSA,
        &sig::RSA_PKCS1_2048_8192_SHA256,
        &sig::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
    ),
    (
        OID_PKCS1_SHA384WITHRSA,
        &sig::RSA_PKCS1_2048_8192_SHA384,
        &sig::RSA_PKCS1_2048_8192_SHA384,
    ),
    (
        OID_PKCS1_SHA512WITHRSA,
        &sig::RSA_PKCS1_2048_8192_SHA512,
        &sig::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
    ),
    (
        OID_PKCS1_SHA1WITHRSA,
        &sig::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
        &sig::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
    ),
];

/// ECDSA: the signature OID and the key's curve.
static ECDSA: [(Oid<'static>, &str, Algorithm); 5] = [
    (
        OID_SIG_ECDSA_WITH_SHA256,
        "P-256",
        &sig::ECDSA_P256_SHA256_ASN1,
    ),
    (
        OID_SIG_ECDSA_WITH_SHA384,
        "P-384",
        &sig::ECDSA_P384_SHA384_ASN1,
    ),
    (
        OID_SIG_ECDSA_WITH_SHA512,
        "P-521",
        &sig::ECDSA_P521_SHA512_ASN1,
    ),
    (
        OID_SIG_ECDSA_WITH_SHA256,
        "P-384",
        &sig::ECDSA_P384_SHA256_ASN1,
    ),
    (
        OID_SIG_ECDSA_WITH_SHA384,
        "P-256",
        &sig::ECDSA_P256_SHA384_ASN1,
    ),
];

/// Whether a signature is intact is asked apart from whether the key is
/// strong (`weak-key`), so RSA keys under 2048 bits are verified with the
/// legacy parameters.
fn algorithm(alg: &Oid<'_>, key: &KeyInfo) -> Option<Algorithm> {
    let small_rsa = key.algorithm == KeyKind::Rsa && key.bits.unwrap_or(0) < 2048;
    if let Some((_, strong, legacy)) = RSA.iter().find(|(oid, _, _)| alg == oid) {
        return Some(if small_rsa { *legacy } else { *strong });
    }
    let curve = key.curve.as_deref();
    if let Some((_, _, v)) = ECDSA
        .iter()
        .find(|(oid, c, _)| alg == oid && curve == Some(*c))
    {
        return Some(*v);
    }
    (*alg == OID_SIG_ED25519).then_some(&sig::ED25519 as Algorithm)
}
