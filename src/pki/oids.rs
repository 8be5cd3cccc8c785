//! Every OID sancsr names, in one place: oid-registry's constants where it
//! has them, arcs here for the few it lacks.

use x509_parser::oid_registry::Oid;
pub(crate) use x509_parser::oid_registry::{
    OID_EC_P256, OID_MD5_WITH_RSA, OID_NIST_EC_P384, OID_NIST_EC_P521, OID_PKCS1_MD5WITHRSAENC,
    OID_PKCS1_SHA1WITHRSA, OID_PKCS1_SHA256WITHRSA, OID_PKCS1_SHA384WITHRSA,
    OID_PKCS1_SHA512WITHRSA, OID_SHA1_WITH_RSA, OID_SIG_DSA_WITH_SHA1, OID_SIG_ECDSA_WITH_SHA256,
    OID_SIG_ECDSA_WITH_SHA384, OID_SIG_ECDSA_WITH_SHA512, OID_SIG_ED25519,
    OID_X509_EXT_SUBJECT_ALT_NAME,
};

/// id-on-xmppAddr (RFC 6120 §13.7.1.4); its value is a UTF8String.
pub(crate) const XMPP_ADDR: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 8, 5];
/// id-on-dnsSRV, SRVName (RFC 4985 §2); its value is an IA5String.
pub(crate) const SRV_NAME: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 8, 7];
/// ecdsa-with-SHA1 (RFC 5758), absent from oid-registry.
pub(crate) const ECDSA_WITH_SHA1: &[u64] = &[1, 2, 840, 10045, 4, 1];

/// Whether `oid` has these arcs.
pub(crate) fn is(oid: &Oid<'_>, arcs: &[u64]) -> bool {
    oid.iter().is_some_and(|i| i.eq(arcs.iter().copied()))
}

/// The arcs of an oid-registry constant (for rcgen).
pub(crate) fn arcs(oid: &Oid<'_>) -> Vec<u64> {
    oid.iter().map(Iterator::collect).unwrap_or_default()
}

/// Signature algorithms that hash with SHA-1 or MD5.
pub(crate) fn is_weak_signature(oid: &Oid<'_>) -> bool {
    [
        OID_PKCS1_MD5WITHRSAENC,
        OID_PKCS1_SHA1WITHRSA,
        OID_SHA1_WITH_RSA,
        OID_MD5_WITH_RSA,
        OID_SIG_DSA_WITH_SHA1,
    ]
    .contains(oid)
        || is(oid, ECDSA_WITH_SHA1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arcs_and_matching_agree_with_the_dotted_forms() {
        assert_eq!(arcs(&OID_X509_EXT_SUBJECT_ALT_NAME), [2, 5, 29, 17]);
        assert_eq!(OID_PKCS1_SHA1WITHRSA.to_id_string(), "1.2.840.113549.1.1.5");
        assert!(is_weak_signature(&OID_PKCS1_SHA1WITHRSA));
        assert!(!is_weak_signature(&OID_PKCS1_SHA256WITHRSA));
        assert!(is(&OID_X509_EXT_SUBJECT_ALT_NAME, &[2, 5, 29, 17]));
        assert!(!is(&OID_X509_EXT_SUBJECT_ALT_NAME, XMPP_ADDR));
    }
}
