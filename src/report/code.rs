//! Finding codes: a public, stable interface. Scripts match on them, so a
//! code, once published, never changes its spelling; each one is documented
//! in `docs/cisco-rules.md` (a test checks it).

use serde::Serialize;
use std::fmt;

macro_rules! codes {
    ($($(#[doc = $doc:literal])+ $variant:ident = $spelling:literal,)+) => {
        /// A finding's stable, kebab-case code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)+];

            /// The spelling scripts see (`xmpp-address-format`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $spelling,)+
                }
            }
        }
    };
}

codes! {
    // --- plan ---
    /// The E's TLS verify subject name is not a SAN of every C certificate.
    TlsVerifySubjectNameMissing = "tls-verify-subject-name-missing",
    /// A C traversal peer address is not a SAN of any E certificate.
    TraversalPeerAddressMissing = "traversal-peer-address-missing",
    /// A format turns a listed name into one the name rule refuses.
    InvalidDerivedName = "invalid-derived-name",
    /// XMPPAddress format chosen.
    XmppAddressFormat = "xmpp-address-format",
    /// Mobile and Remote Access with no registration domain.
    MraWithoutRegistrationDomain = "mra-without-registration-domain",
    /// More SANs than public CAs accept.
    TooManySans = "too-many-sans",
    /// ECDSA on a release before X14.3.
    EcdsaBeforeX14_3 = "ecdsa-before-x14-3",
    /// Names listed that no certificate carries.
    UnusedNames = "unused-names",
    /// A common name longer than X.509 allows.
    CnTooLong = "cn-too-long",
    /// SRVName format chosen.
    SrvFormat = "srv-format",
    /// No features listed.
    NoFeatures = "no-features",
    /// A cross-certificate check that cannot run.
    CrossCheckSkipped = "cross-check-skipped",
    /// A clustered peer's certificate without its own FQDN.
    PeerFqdnMissing = "peer-fqdn-missing",
    /// A clustered peer's certificate without the cluster FQDN.
    ClusterFqdnMissing = "cluster-fqdn-missing",
    /// A public CA where the box's release needs clientAuth in its one
    /// certificate (the 2026 sunset).
    ClientAuthUnavailable = "client-auth-unavailable",
    /// A public CA with no release given: the certificates depend on it.
    ReleaseNeeded = "release-needed",
    /// An X15.4 Expressway-E with a serverAuth-only certificate: the switch.
    ServerEkuSwitch = "server-eku-switch",
    /// An X15.4 Expressway-E that opens TLS connections with no clientAuth.
    NoClientCertificate = "no-client-certificate",
    /// A bare phone security profile name, accepted before X12.6.
    ProfileNameNotFqdn = "profile-name-not-fqdn",
    /// CollabEdgeDNS on a domain that already starts with `collab-edge.`.
    CollabEdgeDoubled = "collab-edge-doubled",
    /// Chat node aliases written in different formats on the C and the E.
    ChatAliasFormatMismatch = "chat-alias-format-mismatch",
    /// A subject the Generate CSR page will refuse.
    PageSubjectIncomplete = "page-subject-incomplete",
    /// A peer FQDN too long to name its files.
    FileNameTooLong = "file-name-too-long",
    /// `sancsr init`'s example names still in the file.
    TemplateNames = "template-names",
    // --- check ---
    /// A planned SAN is missing.
    MissingSan = "missing-san",
    /// A SAN that was not planned.
    UnexpectedSan = "unexpected-san",
    /// The common name differs from the plan's.
    CnMismatch = "cn-mismatch",
    /// A wildcard name.
    Wildcard = "wildcard",
    /// No path to a trusted root: an intermediate is missing.
    ChainIncomplete = "chain-incomplete",
    /// The path ends at a root not trusted, or does not verify.
    UntrustedChain = "untrusted-chain",
    /// The file's chain is not leaf then issuers in order.
    ChainOrder = "chain-order",
    /// An intermediate or root is expired.
    CaExpired = "ca-expired",
    /// An issuer expires before the leaf.
    CaExpiresFirst = "ca-expires-first",
    /// An intermediate signed with SHA-1 or MD5.
    WeakChainDigest = "weak-chain-digest",
    /// Without `--ca`: the chain's signatures verify, trust unchecked.
    TrustNotChecked = "trust-not-checked",
    /// Without `--ca`: the file's own chain does not verify.
    ChainSignature = "chain-signature",
    /// `links`: a link whose certificates or trust lists are not in the folder.
    NotChecked = "not-checked",
    /// `links`: the name one side uses is not in the other's certificate.
    NameMismatch = "name-mismatch",
    /// `probe`: the endpoint gave no chain (the OS or TLS reason).
    Unreachable = "unreachable",
    /// `probe`: the leaf expires within `--warn-days`.
    ExpiresSoon = "expires-soon",
    /// `probe`: one peer presents different leaves on different ports.
    DifferentCertificates = "different-certificates",
    /// `probe`: the served key is not the newest CSR's or key's.
    StaleCertificate = "stale-certificate",
    /// `probe`: the handshake stopped after the chain was captured.
    HandshakeStopped = "handshake-stopped",
    /// certreq INF cannot carry an otherName SAN.
    CertreqNoOthername = "certreq-no-othername",
    /// `bundle`: no private key matches the certificate.
    KeyNotFound = "key-not-found",
    /// No clientAuth EKU.
    MissingClientAuth = "missing-client-auth",
    /// No serverAuth EKU.
    MissingServerAuth = "missing-server-auth",
    /// A key too small.
    WeakKey = "weak-key",
    /// An RSA key above 4096 bits.
    LargeKey = "large-key",
    /// Signed with SHA-1 or MD5.
    WeakDigest = "weak-digest",
    /// Past its end of validity.
    Expired = "expired",
    /// Before its start of validity.
    NotYetValid = "not-yet-valid",
    /// Valid for longer than Webex App on iOS accepts.
    LongValidity = "long-validity",
    /// The certificate's key is not the given key.
    KeyMismatch = "key-mismatch",
    /// A file whose names match no peer, or several.
    NoMatchingPeer = "no-matching-peer",
    /// A CA certificate given as, or first in place of, the leaf.
    CaAsLeaf = "ca-as-leaf",
    /// An extension that appears more than once.
    RepeatedExtension = "repeated-extension",
    /// An XMPP or SRV otherName in the wrong string type.
    MisencodedOthername = "misencoded-othername",
    /// A name with an embedded NUL.
    NulInName = "nul-in-name",
    /// Self-signed.
    SelfSigned = "self-signed",
    /// A CSR whose signature does not verify.
    BadSignature = "bad-signature",
    // --- trust ---
    /// Self-signed service certificates sharing a common name.
    DuplicateSelfSignedCn = "duplicate-self-signed-cn",
    /// CA roots sharing a common name (an old root and its renewal).
    DuplicateCaCn = "duplicate-ca-cn",
    /// A certificate without a common name.
    MissingCn = "missing-cn",
    /// A service certificate without the usual key usages.
    MissingKeyUsage = "missing-key-usage",
    /// A node FQDN that is not a SAN of its certificate.
    NodeNotInSan = "node-not-in-san",
    /// No certificate names a node.
    NodeWithoutCertificate = "node-without-certificate",
    /// A file of a directory that holds no certificate.
    Skipped = "skipped",
    // --- export ---
    /// cfssl cannot carry otherName SANs.
    CfsslNoOthername = "cfssl-no-othername",
    /// cfssl cannot request KU/EKU.
    CfsslNoKeyUsage = "cfssl-no-key-usage",
    /// cfssl chooses the digest itself.
    CfsslDigest = "cfssl-digest",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "{s} twice");
            assert!(
                s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{s}"
            );
            assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"));
        }
    }

    #[test]
    fn every_code_is_documented() {
        let book = include_str!("../../docs/cisco-rules.md");
        for code in Code::ALL {
            assert!(
                book.contains(&format!("`{code}`")),
                "{code} is not documented in docs/cisco-rules.md"
            );
        }
    }
}
