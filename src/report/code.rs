//! Finding codes: a public, stable interface. Scripts match on them, so a
//! code, once published, never changes its spelling.
//!
//! Each code is declared once, here, as a record in the manner of zlint's
//! lints: the severities it is raised at (the first is its usual one), the
//! letters of its sources in `docs/cisco-rules.md`, the releases it applies
//! to, and a one-line summary. `sancsr rules --format json` lists the
//! records, SARIF takes its rules from them, and a test keeps the code tables
//! of `docs/cisco-rules.md` in step with them both ways.

use super::Severity;
use crate::cisco::policy::{PROFILE_FQDN_SINCE, SEPARATE_CLIENT_STORE_SINCE, SERVER_ONLY_E_SINCE};
use crate::cisco::{ECDSA_SINCE, Version};
use serde::Serialize;
use std::fmt;

/// The Expressway releases a code applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Releases {
    /// Every release.
    All,
    /// Releases before this one.
    Before(Version),
    /// This release and later.
    From(Version),
    /// From the first release up to, not including, the second.
    Between(Version, Version),
}

impl fmt::Display for Releases {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Releases::All => f.write_str("all"),
            Releases::Before(v) => write!(f, "before {v}"),
            Releases::From(v) => write!(f, "{v} and later"),
            Releases::Between(a, b) => write!(f, "{a} up to {b}"),
        }
    }
}

impl Serialize for Releases {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What is declared of one code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The severities it is raised at; the first is the usual one.
    pub levels: &'static [Severity],
    /// Source keys of `docs/cisco-rules.md` ("A", "TAC 225476", "RFC 5280").
    pub sources: &'static [&'static str],
    /// The releases it applies to.
    pub releases: Releases,
    /// One line: what it means.
    pub summary: &'static str,
}

impl Rule {
    /// Its usual severity.
    pub fn severity(&self) -> Severity {
        self.levels[0]
    }

    /// Whether it is only ever an error (so `--allow` cannot take it).
    pub fn always_error(&self) -> bool {
        self.levels.iter().all(|l| *l == Severity::Error)
    }
}

macro_rules! codes {
    ($($variant:ident = $spelling:literal, [$($level:ident),+], [$($source:literal),*],
       $releases:expr, $summary:literal;)+) => {
        /// A finding's stable, kebab-case code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(#[doc = $summary] $variant,)+
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

            /// What is declared of it.
            pub fn rule(self) -> &'static Rule {
                match self {
                    $(Code::$variant => &Rule {
                        levels: &[$(Severity::$level),+],
                        sources: &[$($source),*],
                        releases: $releases,
                        summary: $summary,
                    },)+
                }
            }
        }
    };
}

use Releases::{All, Before, Between, From};

codes! {
    // --- plan ---
    TlsVerifySubjectNameMissing = "tls-verify-subject-name-missing", [Error], ["E", "M"], All,
        "The Expressway-E traversal zone's TLS verify subject name is not a SAN of every Expressway-C certificate.";
    TraversalPeerAddressMissing = "traversal-peer-address-missing", [Error], ["E", "M"], All,
        "A peer address of the Expressway-C traversal zone is not a SAN of any Expressway-E certificate.";
    InvalidDerivedName = "invalid-derived-name", [Error], ["C"], All,
        "A format turns a listed name into one the name rule refuses.";
    XmppAddressFormat = "xmpp-address-format", [Warning], ["C"], All,
        "XMPPAddress format chosen: a CA may not support it and Cisco may discontinue it.";
    MraWithoutRegistrationDomain = "mra-without-registration-domain", [Warning], ["L", "M"], All,
        "Mobile and Remote Access with no Unified CM registration domain in the Expressway-E SANs.";
    TooManySans = "too-many-sans", [Warning], ["LE"], All,
        "More SANs than many public CAs accept in one certificate.";
    EcdsaBeforeX14_3 = "ecdsa-before-x14-3", [Error, Warning], ["A", "B"], Before(ECDSA_SINCE),
        "An ECDSA key on a release that does not support it, or with no release given.";
    UnusedNames = "unused-names", [Warning], ["C"], All,
        "Names listed that no planned certificate carries.";
    CnTooLong = "cn-too-long", [Warning], ["RFC 5280"], All,
        "A common name longer than X.509 allows.";
    SrvFormat = "srv-format", [Info], ["C", "TAC 211304"], All,
        "SRVName format chosen for registration domains: accepted, but not the documented choice.";
    NoFeatures = "no-features", [Info], ["C"], All,
        "No features listed: each certificate carries only its common name and chosen names.";
    CrossCheckSkipped = "cross-check-skipped", [Info], [], All,
        "A cross-certificate check that needs both Expressway tables cannot run.";
    PeerFqdnMissing = "peer-fqdn-missing", [Error], ["A"], All,
        "A clustered peer's certificate without the peer's own FQDN.";
    ClusterFqdnMissing = "cluster-fqdn-missing", [Warning], ["A", "C"], All,
        "A clustered peer's certificate without the cluster FQDN.";
    ClientAuthUnavailable = "client-auth-unavailable", [Error], ["I", "J", "K"],
        Before(SEPARATE_CLIENT_STORE_SINCE),
        "A public CA for a box whose release needs clientAuth in its one certificate.";
    ReleaseNeeded = "release-needed", [Error], ["J", "K"], All,
        "A public CA with no release given: the certificates to request depend on it.";
    ServerEkuSwitch = "server-eku-switch", [Warning], ["J"],
        Between(SERVER_ONLY_E_SINCE, SEPARATE_CLIENT_STORE_SINCE),
        "An Expressway-E that takes a serverAuth-only certificate only after a CLI switch.";
    NoClientCertificate = "no-client-certificate", [Warning], ["D", "J", "K"],
        Between(SERVER_ONLY_E_SINCE, SEPARATE_CLIENT_STORE_SINCE),
        "An Expressway-E that opens TLS connections as the client with no clientAuth certificate.";
    CRequiresDualEku = "c-requires-dual-eku", [Error], ["J", "I"], Before(SERVER_ONLY_E_SINCE),
        "An Expressway-C before X15.4 with an Expressway-E planned for a serverAuth-only certificate.";
    ReleaseMismatch = "release-mismatch", [Warning], ["I", "J"], All,
        "The Expressway-C and Expressway-E on different releases.";
    UnplannedClientConnections = "unplanned-client-connections", [Warning], ["I", "T"],
        From(SERVER_ONLY_E_SINCE),
        "An Expressway-E with no client certificate that may be the TLS client with mutual TLS.";
    ClientStore = "client-store", [Info], ["D", "K"], From(SEPARATE_CLIENT_STORE_SINCE),
        "A single dual-EKU certificate on a release with a client certificate store: load it there too.";
    ProfileNameNotFqdn = "profile-name-not-fqdn", [Warning], ["C", "E"], Before(PROFILE_FQDN_SINCE),
        "A bare phone security profile name: accepted before the release that requires an FQDN.";
    CollabEdgeDoubled = "collab-edge-doubled", [Warning], ["C"], All,
        "CollabEdgeDNS on a domain that already starts with collab-edge.";
    ChatAliasFormatMismatch = "chat-alias-format-mismatch", [Warning], ["C"], All,
        "Chat node aliases written in different formats on the Expressway-C and the Expressway-E.";
    PageSubjectIncomplete = "page-subject-incomplete", [Warning], ["A", "F"], All,
        "A subject without the fields the Generate CSR page requires.";
    FileNameTooLong = "file-name-too-long", [Error], ["POSIX"], All,
        "A peer FQDN too long to name the files generate writes for it.";
    TemplateNames = "template-names", [Warning], [], All,
        "sancsr init's example names are still in the deployment file.";
    // --- check ---
    MissingSan = "missing-san", [Error], ["C"], All,
        "A planned name is not in the certificate or CSR.";
    UnexpectedSan = "unexpected-san", [Info], [], All,
        "A name in the certificate or CSR that the plan does not have.";
    CnMismatch = "cn-mismatch", [Warning], ["A", "F"], All,
        "The common name differs from the plan's.";
    PlatformClientAuthSunset = "platform-client-auth-sunset", [Warning], ["FN74345"], All,
        "Unified CM or IM and Presence before the separate client certificate, planned with a public CA: one certificate per service needs clientAuth, which public CAs stop issuing.";
    CallmanagerRenewalOrder = "callmanager-renewal-order", [Warning], ["TAC 214231"], All,
        "A new CallManager certificate touches TVS and the ITL: renew in Cisco's order.";
    SubjectMismatch = "subject-mismatch", [Warning], ["A"], All,
        "A subject field (C, ST, L, O, OU) differs from the plan's; in a CSR, also one the plan lacks.";
    Wildcard = "wildcard", [Error], ["B", "L"], All,
        "A wildcard name: Expressway does not support wildcard certificates.";
    ChainIncomplete = "chain-incomplete", [Error], ["Q", "TAC 225476"], All,
        "No path to a trusted root: an issuer is neither in the file nor in the trust list.";
    UntrustedChain = "untrusted-chain", [Error], ["Q"], All,
        "The path ends at a root that is not trusted, or does not verify.";
    ChainOrder = "chain-order", [Warning], ["RFC 5246"], All,
        "A PEM chain file that is not the leaf, then its issuers in order.";
    CaExpired = "ca-expired", [Error], ["H"], All,
        "An intermediate or root of the path is expired.";
    CaNotYetValid = "ca-not-yet-valid", [Error], ["H"], All,
        "An intermediate or root of the path is not valid yet.";
    CaExpiresFirst = "ca-expires-first", [Warning], ["H"], All,
        "An issuer expires before the certificate it vouches for.";
    NameAlikeIssuer = "name-alike-issuer", [Error], ["Q"], All,
        "A certificate sent with the leaf that has an issuer's name but another key.";
    OffPathCertificate = "off-path-certificate", [Warning], ["RFC 5246"], All,
        "A certificate sent with the leaf that is not on the path that verified.";
    WeakChainDigest = "weak-chain-digest", [Error], ["A", "B"], All,
        "An intermediate signed with SHA-1 or MD5.";
    TrustNotChecked = "trust-not-checked", [Info], [], All,
        "Without a trust list, the chain's signatures verify but trust is not checked.";
    ChainSignature = "chain-signature", [Error], [], All,
        "Without a trust list, the file's own chain does not verify.";
    NotChecked = "not-checked", [Warning], [], All,
        "A link whose certificates or trust lists are not in the folder.";
    NameMismatch = "name-mismatch", [Error], ["E", "M", "TAC 218018"], All,
        "The name one side of a link uses is not among the other side's DNS names.";
    Unreachable = "unreachable", [Error], [], All,
        "The endpoint gave no certificate chain.";
    ExpiresSoon = "expires-soon", [Warning], [], All,
        "The served leaf expires within the warning period.";
    DifferentCertificates = "different-certificates", [Warning], ["Q"], All,
        "One peer presents different leaves on different ports.";
    StaleCertificate = "stale-certificate", [Error], ["C"], All,
        "The served key is not the newest CSR's or key's: not uploaded, or not restarted.";
    HandshakeStopped = "handshake-stopped", [Info], [], All,
        "The handshake stopped after the chain was captured.";
    PublicCaName = "public-ca-name", [Warning], ["CABF"], All,
        "A name a public CA will not issue on a certificate planned for one.";
    CertreqNoOthername = "certreq-no-othername", [Warning], ["MS"], All,
        "A certreq INF cannot carry an otherName SAN.";
    CertreqNoTemplate = "certreq-no-template", [Warning], ["Z", "MS"], All,
        "A private-CA certreq INF that names no AD CS template.";
    PartnerCaMissing = "partner-ca-missing", [Warning], ["Q"], All,
        "A box a peer talks to has no response in the bundle: its CA is not in the peer's list.";
    KeyNotFound = "key-not-found", [Error], [], All,
        "No private key has the certificate's public key.";
    MissingClientAuth = "missing-client-auth", [Error, Warning], ["I", "J", "K", "D", "N"], All,
        "No clientAuth Extended Key Usage where the certificate is used as a TLS client.";
    MissingServerAuth = "missing-server-auth", [Error], ["J", "N"], All,
        "No serverAuth Extended Key Usage on a server certificate.";
    WeakKey = "weak-key", [Error], ["A", "W"], All,
        "A key smaller than the Expressway and Webex App accept.";
    LargeKey = "large-key", [Warning, Error], ["U", "UCSG"], All,
        "An RSA key above the size SIP TLS zones come up with; on Unified CM and IM and Presence, above the 4096 bits they take (an error).";
    WeakDigest = "weak-digest", [Error], ["A", "B", "Q"], All,
        "Signed with SHA-1 or MD5.";
    Expired = "expired", [Error], [], All,
        "Past its end of validity.";
    NotYetValid = "not-yet-valid", [Error], [], All,
        "Before its start of validity.";
    LongValidity = "long-validity", [Warning], ["W"], All,
        "Valid for longer than Webex App on iOS accepts of a private-CA certificate.";
    KeyMismatch = "key-mismatch", [Error], [], All,
        "The certificate's public key is not the given key's.";
    NoMatchingPeer = "no-matching-peer", [Error], [], All,
        "A file whose names match no peer of the deployment, or several.";
    CaAsLeaf = "ca-as-leaf", [Error], [], All,
        "A CA certificate where the peer's certificate should be.";
    RepeatedExtension = "repeated-extension", [Error], ["RFC 5280"], All,
        "An extension that appears more than once.";
    MisencodedOthername = "misencoded-othername", [Error], ["RFC 6120", "RFC 4985"], All,
        "An XMPP or SRV otherName in the wrong string type.";
    NulInName = "nul-in-name", [Error], ["RFC 5280"], All,
        "A name with an embedded NUL.";
    SelfSigned = "self-signed", [Warning], ["C"], All,
        "A self-signed certificate: Cisco recommends CA-signed ones.";
    BadSignature = "bad-signature", [Error], ["RFC 2986"], All,
        "A CSR whose signature does not verify.";
    // --- trust ---
    DuplicateSelfSignedCn = "duplicate-self-signed-cn", [Error], ["C"], All,
        "Self-signed service certificates sharing a common name.";
    DuplicateCaCn = "duplicate-ca-cn", [Warning], ["Q"], All,
        "CA certificates sharing a common name, as an old root and its renewal do.";
    MissingCn = "missing-cn", [Error], ["Q"], All,
        "A certificate without a common name.";
    MissingKeyUsage = "missing-key-usage", [Warning], ["N"], All,
        "A service certificate without Digital Signature and Key Encipherment.";
    NodeNotInSan = "node-not-in-san", [Error], ["C", "E", "O"], All,
        "A node FQDN that is not a SAN of its certificate.";
    NodeWithoutCertificate = "node-without-certificate", [Warning], [], All,
        "No certificate names a node.";
    UnusableSelfSigned = "unusable-self-signed", [Error], ["RFC 5280"], All,
        "A self-signed CA certificate that can anchor no server certificate (no keyCertSign, or no serverAuth).";
    Skipped = "skipped", [Info], [], All,
        "A file of a directory that holds no certificate.";
    // --- export ---
    CfsslNoOthername = "cfssl-no-othername", [Warning], ["CF"], All,
        "A cfssl CSR cannot carry otherName SANs.";
    CfsslNoKeyUsage = "cfssl-no-key-usage", [Warning], ["CF"], All,
        "A cfssl CSR cannot request Key Usage or Extended Key Usage.";
    CfsslDigest = "cfssl-digest", [Warning], ["CF"], All,
        "cfssl chooses the CSR's digest itself.";
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

impl std::str::FromStr for Code {
    type Err = ();

    /// A code from its spelling.
    fn from_str(s: &str) -> Result<Code, ()> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet, HashSet};

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
            assert_eq!(s.parse::<Code>(), Ok(*code));
        }
    }

    /// What the rule book's code tables say of each code: the severities
    /// named in its rows and the source keys of its rows.
    fn book_rows() -> BTreeMap<String, (BTreeSet<Severity>, BTreeSet<String>)> {
        let book = include_str!("../../docs/cisco-rules.md");
        let mut rows: BTreeMap<String, (BTreeSet<Severity>, BTreeSet<String>)> = BTreeMap::new();
        let mut in_table = false;
        for line in book.lines() {
            if line.starts_with("| code | severity | rule | source |") {
                in_table = true;
                continue;
            }
            if !line.starts_with('|') {
                in_table = false;
            }
            let cells: Vec<&str> = line.split(" | ").collect();
            if !in_table || cells.len() < 4 || !cells[0].starts_with("| `") {
                continue;
            }
            let code = cells[0].trim_start_matches("| `").trim_end_matches('`');
            let entry = rows.entry(code.to_owned()).or_default();
            for (word, level) in [
                ("error", Severity::Error),
                ("warning", Severity::Warning),
                ("info", Severity::Info),
            ] {
                if cells[1].to_lowercase().contains(word) {
                    entry.0.insert(level);
                }
            }
            entry.1.extend(source_keys(cells[cells.len() - 1]));
        }
        rows
    }

    /// `A ("Server certificates"), TAC 225476 |` → {"A", "TAC 225476"}.
    fn source_keys(cell: &str) -> Vec<String> {
        let cell = cell.trim_end_matches('|').trim();
        let mut out = Vec::new();
        for part in cell.split(", ") {
            let key = part.split(" (").next().unwrap_or("").trim();
            if !key.is_empty() && key != "—" {
                out.push(key.to_owned());
            }
        }
        out
    }

    #[test]
    fn the_rule_book_tables_and_the_registry_agree_both_ways() {
        let rows = book_rows();
        for code in Code::ALL {
            let rule = code.rule();
            let Some((levels, sources)) = rows.get(code.as_str()) else {
                panic!("{code} has no row in a code table of docs/cisco-rules.md");
            };
            let declared: BTreeSet<Severity> = rule.levels.iter().copied().collect();
            assert_eq!(levels, &declared, "{code}: severities in the book");
            let declared: BTreeSet<String> = rule.sources.iter().map(|s| s.to_string()).collect();
            assert_eq!(sources, &declared, "{code}: sources in the book");
        }
        for code in rows.keys() {
            assert!(
                code.parse::<Code>().is_ok(),
                "the book lists {code}, which is not declared"
            );
        }
    }

    /// Whether the rule book's Sources section defines `key`.
    fn defined(key: &str) -> bool {
        let book = include_str!("../../docs/cisco-rules.md");
        let sources = &book[book.find("\n## Sources").expect("Sources section")..];
        sources.contains(&format!("- **{key}**:"))
            || sources
                .lines()
                .any(|l| l.starts_with("- **") && l.contains(&format!("{key}**")))
    }

    #[test]
    fn every_source_key_is_defined_in_the_sources_section() {
        for code in Code::ALL {
            for key in code.rule().sources {
                assert!(
                    defined(key),
                    "{code}: source {key} is not in the Sources section"
                );
            }
        }
        for c in crate::cisco::CONNECTIONS {
            for key in c.source.split(", ") {
                assert!(defined(key), "{}: source {key} is not defined", c.key);
            }
        }
    }

    #[test]
    fn levels_are_distinct_and_summaries_one_line() {
        for code in Code::ALL {
            let rule = code.rule();
            let distinct: HashSet<_> = rule.levels.iter().collect();
            assert_eq!(distinct.len(), rule.levels.len(), "{code}");
            assert!(
                !rule.summary.contains('\n') && rule.summary.ends_with('.'),
                "{code}"
            );
        }
    }
}
