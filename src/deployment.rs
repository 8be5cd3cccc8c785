//! The deployment file (SPEC §1): reading the TOML, checking every value, and
//! the validated model the planner works from.
//!
//! Reading is two steps. First serde reads the TOML into `Raw*` structs that
//! keep every value's span and refuse unknown keys. Then [`Deployment::load`]
//! checks each value (names, choices, key, subject) and collects *every*
//! problem, each with its position, the rule and the fix, before giving up.

use crate::diagnostics::{Collector, Diagnostic, Error, InputErrors, Source, Span};
use crate::names::{self, NameKind, check_name};
use crate::rules::{Element, Feature, Role};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;
use toml::Spanned;

/// A name the user typed, with where they typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name, spelled as typed.
    pub value: String,
    /// Its position in the deployment file.
    pub span: Span,
}

/// How the common name is chosen on the Generate CSR page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommonNameChoice {
    /// "FQDN of Expressway cluster".
    Cluster,
    /// "FQDN of this peer".
    Peer,
}

/// The "Subject alternative names" choice on the Generate CSR page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AlternativeNamesChoice {
    /// "FQDN of Expressway cluster plus FQDN of this peer".
    ClusterAndThisPeer,
    /// "FQDN of Expressway cluster plus FQDNs of all peers in the cluster".
    ClusterAndAllPeers,
    /// "None".
    None,
}

/// The format chosen for one element's entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A dNSName as typed ("DNS").
    Dns,
    /// A dNSName `collab-edge.<domain>` ("CollabEdgeDNS").
    CollabEdgeDns,
    /// An otherName SRVName `_collab-edge._tls.<domain>` (RFC 4985).
    Srv,
    /// An otherName id-on-xmppAddr (RFC 6120) ("XMPPAddress").
    XmppAddress,
}

impl Format {
    /// The spelling in the deployment file.
    pub fn key(self) -> &'static str {
        match self {
            Format::Dns => "dns",
            Format::CollabEdgeDns => "collab-edge-dns",
            Format::Srv => "srv",
            Format::XmppAddress => "xmpp-address",
        }
    }

    /// The name on the Expressway's Format drop-down.
    pub fn title(self) -> &'static str {
        match self {
            Format::Dns => "DNS",
            Format::CollabEdgeDns => "CollabEdgeDNS",
            Format::Srv => "SRV",
            Format::XmppAddress => "XMPPAddress",
        }
    }
}

/// A format choice and where it was made (for findings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatChoice {
    /// The format.
    pub format: Format,
    /// The `*_format` key's value, when given.
    pub span: Option<Span>,
}

impl Default for FormatChoice {
    fn default() -> Self {
        FormatChoice {
            format: Format::Dns,
            span: None,
        }
    }
}

/// Formats for the elements that have a Format drop-down.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Formats {
    /// Unified CM registration domains: dns, collab-edge-dns or srv.
    pub registration_domain: FormatChoice,
    /// XMPP federation domains: dns or xmpp-address.
    pub xmpp_federation_domain: FormatChoice,
    /// Chat node aliases: dns or xmpp-address.
    pub chat_node_alias: FormatChoice,
}

impl Formats {
    /// The format of an element's entries (DNS for elements without a
    /// drop-down).
    pub fn of(&self, element: Element) -> &FormatChoice {
        static DNS: FormatChoice = FormatChoice {
            format: Format::Dns,
            span: None,
        };
        match element {
            Element::UnifiedCmRegistrationDomain => &self.registration_domain,
            Element::XmppFederationDomain => &self.xmpp_federation_domain,
            Element::ChatNodeAlias => &self.chat_node_alias,
            Element::PhoneSecurityProfile | Element::ClusterName => &DNS,
        }
    }
}

/// Key algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Algorithm {
    /// RSA.
    Rsa,
    /// ECDSA on a NIST curve.
    Ecdsa,
}

/// Signature digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Digest {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Digest {
    /// As the Expressway page shows it.
    pub fn title(self) -> &'static str {
        match self {
            Digest::Sha256 => "SHA-256",
            Digest::Sha384 => "SHA-384",
            Digest::Sha512 => "SHA-512",
        }
    }
}

/// The key and digest of a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KeySpec {
    /// RSA or ECDSA.
    pub algorithm: Algorithm,
    /// RSA modulus bits, or the ECDSA curve size (256, 384, 521).
    pub size: u32,
    /// Digest used to sign the CSR.
    pub digest: Digest,
}

impl Default for KeySpec {
    fn default() -> Self {
        KeySpec {
            algorithm: Algorithm::Rsa,
            size: 2048,
            digest: Digest::Sha256,
        }
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.algorithm {
            Algorithm::Rsa => write!(f, "RSA {}", self.size),
            Algorithm::Ecdsa => write!(f, "ECDSA P-{}", self.size),
        }
    }
}

/// Optional subject fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Subject {
    /// O.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// OU.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organizational_unit: Option<String>,
    /// L.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
    /// ST.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// C, two letters, upper case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// An `[expressway_c]` or `[expressway_e]` table, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// Which Expressway.
    pub role: Role,
    /// Where the table is.
    pub span: Span,
    /// Cluster FQDN; `None` for a single, unclustered box.
    pub cluster_name: Option<Name>,
    /// Peer FQDNs, at least one, no two the same.
    pub peers: Vec<Name>,
    /// The common name choice (after defaults).
    pub common_name: CommonNameChoice,
    /// The alternative names choice (after defaults).
    pub alternative_names: AlternativeNamesChoice,
    /// "Additional alternative names".
    pub additional_names: Vec<Name>,
    /// Formats per element.
    pub formats: Formats,
    /// Expressway-C only: "Peer address" entries of its traversal zone.
    pub traversal_peer_addresses: Vec<Name>,
    /// Expressway-E only: the traversal zone's "TLS verify subject name".
    pub tls_verify_subject_name: Option<Name>,
    /// Subject fields (top level merged with this table's).
    pub subject: Subject,
    /// Key and digest (top level merged with this table's).
    pub key: KeySpec,
    /// Where the key algorithm was chosen (for findings).
    pub key_span: Option<Span>,
}

/// An Expressway version such as X15.5 or X14.3.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// X**15**.5
    pub major: u32,
    /// X15.**5**
    pub minor: u32,
    /// X14.3.**1**
    pub patch: u32,
}

impl Version {
    /// Builds a version.
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// Parses `X15.5`, `x14.3.1` or `15.5`.
    pub fn parse(s: &str) -> Option<Version> {
        let digits = s.strip_prefix(['X', 'x']).unwrap_or(s);
        let mut parts = digits.split('.');
        let mut next = |required: bool| -> Option<u32> {
            match parts.next() {
                Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => p.parse().ok(),
                Some(_) => None,
                None if required => None,
                None => Some(0),
            }
        };
        let v = Version::new(next(true)?, next(true)?, next(false)?);
        parts.next().is_none().then_some(v)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.patch == 0 {
            write!(f, "X{}.{}", self.major, self.minor)
        } else {
            write!(f, "X{}.{}.{}", self.major, self.minor, self.patch)
        }
    }
}

/// A checked deployment file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deployment {
    /// The file it came from.
    pub source: Arc<Source>,
    /// Enabled features, in Cisco's column order, each once.
    pub features: Vec<Feature>,
    /// Where `features` is (for findings).
    pub features_span: Option<Span>,
    /// Target Expressway version, when given.
    pub expressway_version: Option<Version>,
    /// `[unified_cm] registration_domains`.
    pub registration_domains: Vec<Name>,
    /// `[unified_cm] phone_security_profiles`.
    pub phone_security_profiles: Vec<Name>,
    /// `[im_presence] chat_node_aliases`.
    pub chat_node_aliases: Vec<Name>,
    /// `[im_presence] nodes`.
    pub im_presence_nodes: Vec<Name>,
    /// `[xmpp_federation] domains`.
    pub xmpp_federation_domains: Vec<Name>,
    /// The clusters present: Expressway-C first, then Expressway-E.
    pub clusters: Vec<Cluster>,
}

impl Deployment {
    /// The names a table element lists.
    pub fn element_names<'a>(&'a self, element: Element, cluster: &'a Cluster) -> &'a [Name] {
        match element {
            Element::UnifiedCmRegistrationDomain => &self.registration_domains,
            Element::XmppFederationDomain => &self.xmpp_federation_domains,
            Element::ChatNodeAlias => &self.chat_node_aliases,
            Element::PhoneSecurityProfile => &self.phone_security_profiles,
            Element::ClusterName => cluster.cluster_name.as_slice(),
        }
    }

    /// The cluster of a role, when present.
    pub fn cluster(&self, role: Role) -> Option<&Cluster> {
        self.clusters.iter().find(|c| c.role == role)
    }

    /// Reads and checks a deployment file's text. `name` is what errors call
    /// the file.
    pub fn parse(name: &str, text: &str) -> Result<Deployment, Error> {
        let source = Source::new(name, text);
        let raw: RawDeployment = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => return Err(toml_error(&source, &e)),
        };
        let mut errors = Collector::default();
        let deployment = Checker {
            errors: &mut errors,
        }
        .deployment(&source, raw);
        errors.finish(&source, deployment)
    }

    /// Reads a deployment from a path, or from standard input when the path
    /// is `-`.
    pub fn load(path: &str) -> Result<Deployment, Error> {
        let (name, text) = crate::input::read_text(path)?;
        Deployment::parse(&name, &text)
    }
}

fn toml_error(source: &Arc<Source>, e: &toml::de::Error) -> Error {
    let message = e.message().trim().to_owned();
    let (label, fix) = if message.starts_with("unknown field") {
        ("unknown key", unknown_key_fix(&message))
    } else if message.starts_with("invalid type") {
        (
            "wrong type",
            "write the value with the type SPEC §1 gives".to_owned(),
        )
    } else if message.starts_with("missing field") {
        ("missing key", "add the key".to_owned())
    } else {
        (
            "here",
            "fix the TOML syntax at the marked position".to_owned(),
        )
    };
    Error::Input(InputErrors {
        source: Arc::clone(source),
        diagnostics: vec![
            Diagnostic::new(e.span(), message, label)
                .rule("the deployment file is TOML with the keys and tables of SPEC §1")
                .fix(fix),
        ],
        hidden: 0,
    })
}

/// "did you mean" for serde's "unknown field `x`, expected one of `a`, `b`".
fn unknown_key_fix(message: &str) -> String {
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    match quoted.split_first() {
        Some((typed, expected)) => match closest(typed, expected.iter().copied()) {
            Some(near) => format!("did you mean `{near}`? Otherwise remove the key"),
            None => "remove it, or check its spelling against `sancsr init` (SPEC §1)".to_owned(),
        },
        None => "remove it, or check its spelling against `sancsr init` (SPEC §1)".to_owned(),
    }
}

// ---------------------------------------------------------------------------
// Raw TOML shapes. Unknown keys are refused by serde with their position.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeployment {
    features: Option<Spanned<Vec<Spanned<String>>>>,
    expressway_version: Option<Spanned<String>>,
    #[serde(default)]
    unified_cm: RawUnifiedCm,
    #[serde(default)]
    im_presence: RawImPresence,
    #[serde(default)]
    xmpp_federation: RawXmppFederation,
    expressway_c: Option<Spanned<RawCluster>>,
    expressway_e: Option<Spanned<RawCluster>>,
    subject: Option<RawSubject>,
    key: Option<RawKey>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawUnifiedCm {
    #[serde(default)]
    registration_domains: Vec<Spanned<String>>,
    #[serde(default)]
    phone_security_profiles: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawImPresence {
    #[serde(default)]
    chat_node_aliases: Vec<Spanned<String>>,
    #[serde(default)]
    nodes: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawXmppFederation {
    #[serde(default)]
    domains: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCluster {
    cluster_name: Option<Spanned<String>>,
    #[serde(default)]
    peers: Vec<Spanned<String>>,
    common_name: Option<Spanned<String>>,
    alternative_names: Option<Spanned<String>>,
    #[serde(default)]
    additional_names: Vec<Spanned<String>>,
    chat_node_alias_format: Option<Spanned<String>>,
    registration_domain_format: Option<Spanned<String>>,
    xmpp_federation_domain_format: Option<Spanned<String>>,
    traversal_peer_addresses: Option<Spanned<Vec<Spanned<String>>>>,
    tls_verify_subject_name: Option<Spanned<String>>,
    subject: Option<RawSubject>,
    key: Option<RawKey>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct RawSubject {
    organization: Option<Spanned<String>>,
    organizational_unit: Option<Spanned<String>>,
    locality: Option<Spanned<String>>,
    state: Option<Spanned<String>>,
    country: Option<Spanned<String>>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct RawKey {
    algorithm: Option<Spanned<String>>,
    size: Option<Spanned<i64>>,
    digest: Option<Spanned<String>>,
}

// ---------------------------------------------------------------------------
// Checking.

/// Peers in one cluster table: far above any real Expressway cluster, low
/// enough that an absurd file (a million peers) is refused before any
/// planning work or key generation.
pub const MAX_PEERS: usize = 64;
/// Names in one list (additional names, profiles, …): well above the 10,000
/// additional names sancsr is benchmarked with.
pub const MAX_NAMES_PER_LIST: usize = 100_000;

struct Checker<'a> {
    errors: &'a mut Collector,
}

const FEATURE_CHOICES: &[(&str, Feature)] = &[
    ("mobile-remote-access", Feature::MobileRemoteAccess),
    ("jabber-guest", Feature::JabberGuest),
    ("xmpp-federation", Feature::XmppFederation),
    ("business-to-business", Feature::BusinessToBusiness),
];
const COMMON_NAME_CHOICES: &[(&str, CommonNameChoice)] = &[
    ("cluster", CommonNameChoice::Cluster),
    ("peer", CommonNameChoice::Peer),
];
const ALTERNATIVE_NAMES_CHOICES: &[(&str, AlternativeNamesChoice)] = &[
    (
        "cluster-and-this-peer",
        AlternativeNamesChoice::ClusterAndThisPeer,
    ),
    (
        "cluster-and-all-peers",
        AlternativeNamesChoice::ClusterAndAllPeers,
    ),
    ("none", AlternativeNamesChoice::None),
];
/// Unified CM registration domains: DNS or CollabEdgeDNS (Cisco, seed,
/// "Expressway-E server certificate requirements"), or the SRVName form
/// seen in TAC 211304.
const REGISTRATION_FORMATS: &[(&str, Format)] = &[
    ("dns", Format::Dns),
    ("collab-edge-dns", Format::CollabEdgeDns),
    ("srv", Format::Srv),
];
/// XMPP federation domains and chat node aliases: DNS or XMPPAddress (seed).
const XMPP_FORMATS: &[(&str, Format)] =
    &[("dns", Format::Dns), ("xmpp-address", Format::XmppAddress)];
const ALGORITHMS: &[(&str, Algorithm)] = &[("rsa", Algorithm::Rsa), ("ecdsa", Algorithm::Ecdsa)];
const DIGESTS: &[(&str, Digest)] = &[
    ("sha256", Digest::Sha256),
    ("sha384", Digest::Sha384),
    ("sha512", Digest::Sha512),
];

impl Checker<'_> {
    fn deployment(&mut self, source: &Arc<Source>, raw: RawDeployment) -> Deployment {
        let (features, features_span) = match raw.features {
            Some(list) => {
                let span = list.span();
                let mut features = Vec::new();
                for f in list.into_inner() {
                    if let Some(feature) = self.choice(&f, "feature", FEATURE_CHOICES) {
                        features.push(feature);
                    }
                }
                features.sort();
                features.dedup();
                (features, Some(span))
            }
            None => (Vec::new(), None),
        };
        let expressway_version = raw.expressway_version.and_then(|v| {
            let parsed = Version::parse(v.get_ref());
            if parsed.is_none() {
                self.errors.push(
                    Diagnostic::new(
                        Some(v.span()),
                        format!("invalid expressway_version \"{}\"", v.get_ref()),
                        "not a version",
                    )
                    .rule("expressway_version is an Expressway release such as \"X15.5\" or \"X14.3.1\"")
                    .fix("write the release shown on the Expressway's Overview page, e.g. \"X15.5\""),
                );
            }
            parsed
        });

        let top_subject = raw.subject.unwrap_or_default();
        let top_key = raw.key.unwrap_or_default();
        let mut clusters = Vec::new();
        let mut any_cluster = false;
        for (role, table) in [
            (Role::ExpresswayC, raw.expressway_c),
            (Role::ExpresswayE, raw.expressway_e),
        ] {
            if let Some(table) = table {
                any_cluster = true;
                if let Some(c) = self.cluster(role, table, &top_subject, &top_key) {
                    clusters.push(c);
                }
            }
        }
        if !any_cluster {
            self.errors.push(
                Diagnostic::new(
                    Some(0..0),
                    "no [expressway_c] or [expressway_e] table",
                    "nothing to plan",
                )
                .rule("a deployment describes at least one Expressway cluster (SPEC §1)")
                .fix("add an [expressway_c] and/or [expressway_e] table with its peers; `sancsr init` writes one"),
            );
        }

        Deployment {
            source: Arc::clone(source),
            features,
            features_span,
            expressway_version,
            registration_domains: self.names(raw.unified_cm.registration_domains, NameKind::Host),
            phone_security_profiles: self.names(
                raw.unified_cm.phone_security_profiles,
                NameKind::PhoneSecurityProfile,
            ),
            chat_node_aliases: self.names(raw.im_presence.chat_node_aliases, NameKind::Host),
            im_presence_nodes: self.names(raw.im_presence.nodes, NameKind::Host),
            xmpp_federation_domains: self.names(raw.xmpp_federation.domains, NameKind::Host),
            clusters,
        }
    }

    fn cluster(
        &mut self,
        role: Role,
        table: Spanned<RawCluster>,
        top_subject: &RawSubject,
        top_key: &RawKey,
    ) -> Option<Cluster> {
        let span = table.span();
        let raw = table.into_inner();
        let t = role.table();
        let before = self.errors.len();

        let cluster_name = raw.cluster_name.and_then(|n| self.name(n, NameKind::Host));
        if raw.peers.len() > MAX_PEERS {
            self.errors.push(
                Diagnostic::new(
                    Some(raw.peers[0].span()),
                    format!("[{t}] lists {} peers", raw.peers.len()),
                    "far more peers than any Expressway cluster",
                )
                .rule(format!("a cluster lists at most {MAX_PEERS} peers"))
                .fix("list the peers of one cluster; check how the list was produced"),
            );
            return None;
        }
        let peers = self.names(raw.peers, NameKind::Host);
        if peers.is_empty() && self.errors.len() == before {
            self.errors.push(
                Diagnostic::new(
                    Some(span.clone()),
                    format!("[{t}] lists no peers"),
                    "no peers",
                )
                .rule("each Expressway table lists at least one peer FQDN (SPEC §1)")
                .fix(format!("add peers = [\"<peer FQDN>\", …] to [{t}]")),
            );
        }
        if peers.len() > 1 && cluster_name.is_none() {
            self.errors.push(
                Diagnostic::new(
                    Some(span.clone()),
                    format!("[{t}] has {} peers but no cluster_name", peers.len()),
                    "clustered without a cluster name",
                )
                .rule("a cluster of several peers has a cluster FQDN (System > Clustering on the Expressway)")
                .fix(format!("add cluster_name = \"<cluster FQDN>\" to [{t}]")),
            );
        }
        self.refuse_duplicates(&peers, "peer");

        let clustered = cluster_name.is_some();
        let common_name = raw
            .common_name
            .and_then(|c| {
                let choice = self.choice(&c, "common_name", COMMON_NAME_CHOICES)?;
                if choice == CommonNameChoice::Cluster && !clustered {
                    self.errors.push(
                        Diagnostic::new(Some(c.span()), "common_name = \"cluster\" without a cluster_name", "no cluster to name")
                            .rule("the cluster FQDN can be the common name only of a clustered Expressway")
                            .fix(format!("add cluster_name to [{t}], or use common_name = \"peer\"")),
                    );
                }
                Some(choice)
            })
            .unwrap_or(if clustered {
                CommonNameChoice::Cluster
            } else {
                CommonNameChoice::Peer
            });
        let alternative_names = raw
            .alternative_names
            .and_then(|a| {
                let choice = self.choice(&a, "alternative_names", ALTERNATIVE_NAMES_CHOICES)?;
                if choice != AlternativeNamesChoice::None && !clustered {
                    self.errors.push(
                        Diagnostic::new(Some(a.span()), format!("alternative_names = \"{}\" without a cluster_name", a.get_ref()), "no cluster FQDN to add")
                            .rule("\"FQDN of cluster plus …\" needs the cluster FQDN")
                            .fix(format!("add cluster_name to [{t}], or use alternative_names = \"none\" (the peer FQDN is the common name, which is always a SAN)")),
                    );
                }
                Some(choice)
            })
            .unwrap_or(if clustered {
                AlternativeNamesChoice::ClusterAndThisPeer
            } else {
                AlternativeNamesChoice::None
            });
        let additional_names = self.names(raw.additional_names, NameKind::Host);

        let formats = Formats {
            registration_domain: self.format(
                role,
                raw.registration_domain_format,
                "registration_domain_format",
                Element::UnifiedCmRegistrationDomain,
                REGISTRATION_FORMATS,
            ),
            xmpp_federation_domain: self.format(
                role,
                raw.xmpp_federation_domain_format,
                "xmpp_federation_domain_format",
                Element::XmppFederationDomain,
                XMPP_FORMATS,
            ),
            chat_node_alias: self.format(
                role,
                raw.chat_node_alias_format,
                "chat_node_alias_format",
                Element::ChatNodeAlias,
                XMPP_FORMATS,
            ),
        };

        let traversal_peer_addresses = match raw.traversal_peer_addresses {
            Some(list) if role == Role::ExpresswayE => {
                self.misplaced(list.span(), "traversal_peer_addresses", Role::ExpresswayC, "the Expressway-C's traversal zone lists the Expressway-E peers as \"Peer address\"");
                Vec::new()
            }
            Some(list) => self.names(list.into_inner(), NameKind::Host),
            None => Vec::new(),
        };
        let tls_verify_subject_name = match raw.tls_verify_subject_name {
            Some(n) if role == Role::ExpresswayC => {
                self.misplaced(
                    n.span(),
                    "tls_verify_subject_name",
                    Role::ExpresswayE,
                    "the Expressway-E's traversal zone verifies the Expressway-C's certificate",
                );
                None
            }
            Some(n) => self.name(n, NameKind::Host),
            None => None,
        };

        let subject = self.subject(top_subject, raw.subject.as_ref());
        let (key, key_span) = self.key(top_key, raw.key.as_ref());

        (self.errors.len() == before).then_some(Cluster {
            role,
            span,
            cluster_name,
            peers,
            common_name,
            alternative_names,
            additional_names,
            formats,
            traversal_peer_addresses,
            tls_verify_subject_name,
            subject,
            key,
            key_span,
        })
    }

    fn misplaced(&mut self, span: Span, key: &str, belongs: Role, why: &str) {
        let wrong = match belongs {
            Role::ExpresswayC => Role::ExpresswayE,
            Role::ExpresswayE => Role::ExpresswayC,
        };
        self.errors.push(
            Diagnostic::new(
                Some(span),
                format!("{key} is not a key of [{}]", wrong.table()),
                format!("belongs in [{}]", belongs.table()),
            )
            .rule(format!(
                "{why}, so the key belongs to [{}]",
                belongs.table()
            ))
            .fix(format!("move {key} to [{}]", belongs.table())),
        );
    }

    fn format(
        &mut self,
        role: Role,
        value: Option<Spanned<String>>,
        key: &str,
        element: Element,
        allowed: &[(&str, Format)],
    ) -> FormatChoice {
        let Some(value) = value else {
            return FormatChoice::default();
        };
        if !crate::rules::ever_applies(element, role) {
            let row = crate::rules::row(element);
            self.errors.push(
                Diagnostic::new(
                    Some(value.span()),
                    format!("{key} has no use in [{}]", role.table()),
                    format!("no {} go on an {} certificate", row.title, role.title()),
                )
                .rule(format!(
                    "Cisco's table puts \"{}\" on {} certificates only",
                    row.title,
                    match role {
                        Role::ExpresswayC => Role::ExpresswayE.title(),
                        Role::ExpresswayE => Role::ExpresswayC.title(),
                    }
                ))
                .fix(format!("remove {key} from [{}]", role.table())),
            );
            return FormatChoice::default();
        }
        match self.choice(&value, key, allowed) {
            Some(format) => FormatChoice {
                format,
                span: Some(value.span()),
            },
            None => FormatChoice::default(),
        }
    }

    fn choice<T: Copy>(
        &mut self,
        value: &Spanned<String>,
        what: &str,
        allowed: &[(&str, T)],
    ) -> Option<T> {
        let v = value.get_ref();
        if let Some((_, t)) = allowed.iter().find(|(k, _)| *k == v) {
            return Some(*t);
        }
        let list = allowed
            .iter()
            .map(|(k, _)| format!("\"{k}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let suggestion = closest(v, allowed.iter().map(|(k, _)| *k));
        let fix = match suggestion {
            Some(s) => format!("did you mean \"{s}\"? The choices are {list}"),
            None => format!("use one of {list}"),
        };
        self.errors.push(
            Diagnostic::new(
                Some(value.span()),
                format!("unknown {what} \"{v}\""),
                format!("not a {what}"),
            )
            .rule(format!("{what} is one of {list}"))
            .fix(fix),
        );
        None
    }

    fn name(&mut self, value: Spanned<String>, kind: NameKind) -> Option<Name> {
        let span = value.span();
        let v = value.into_inner();
        match check_name(&v, kind) {
            Ok(()) => Some(Name { value: v, span }),
            Err(e) => {
                self.errors.push(
                    Diagnostic::new(Some(span), format!("invalid name \"{v}\""), e.to_string())
                        .rule(e.rule())
                        .fix(e.fix(&v)),
                );
                None
            }
        }
    }

    fn names(&mut self, values: Vec<Spanned<String>>, kind: NameKind) -> Vec<Name> {
        if values.len() > MAX_NAMES_PER_LIST {
            self.errors.push(
                Diagnostic::new(
                    Some(values[0].span()),
                    format!("a list of {} names", values.len()),
                    "far more names than any certificate carries",
                )
                .rule(format!(
                    "a list holds at most {MAX_NAMES_PER_LIST} names (public CAs cap a \
                     certificate at about 100)"
                ))
                .fix("check how the list was produced; split the names across certificates"),
            );
            return Vec::new();
        }
        values
            .into_iter()
            .filter_map(|v| self.name(v, kind))
            .collect()
    }

    fn refuse_duplicates(&mut self, names: &[Name], what: &str) {
        let mut seen = std::collections::HashMap::new();
        for n in names {
            if let Some(first) = seen.insert(names::fold(&n.value), n.value.clone()) {
                self.errors.push(
                    Diagnostic::new(Some(n.span.clone()), format!("{what} \"{}\" is listed twice", n.value), "listed before")
                        .rule(format!("each {what} has its own certificate, so each is listed once (names differing only in case are the same)"))
                        .fix(format!("remove this entry (the first is \"{first}\")")),
                );
            }
        }
    }

    fn subject(&mut self, top: &RawSubject, own: Option<&RawSubject>) -> Subject {
        let own = own.cloned().unwrap_or_default();
        let pick =
            |a: Option<Spanned<String>>, b: &Option<Spanned<String>>| a.or_else(|| b.clone());
        // RFC 5280 Appendix A upper bounds.
        let mut field = |v: Option<Spanned<String>>, key: &str, max: usize| -> Option<String> {
            let v = v?;
            let s = v.get_ref();
            if s.trim().is_empty() || s.chars().count() > max || s.chars().any(char::is_control) {
                self.errors.push(
                    Diagnostic::new(
                        Some(v.span()),
                        format!("invalid subject {key} \"{s}\""),
                        "not a usable value",
                    )
                    .rule(format!(
                        "subject {key} is 1 to {max} printable characters (RFC 5280)"
                    ))
                    .fix(format!("shorten or correct {key}, or remove it")),
                );
                return None;
            }
            Some(s.clone())
        };
        let organization = field(
            pick(own.organization, &top.organization),
            "organization",
            64,
        );
        let organizational_unit = field(
            pick(own.organizational_unit, &top.organizational_unit),
            "organizational_unit",
            64,
        );
        let locality = field(pick(own.locality, &top.locality), "locality", 128);
        let state = field(pick(own.state, &top.state), "state", 128);
        let country = pick(own.country, &top.country).and_then(|c| {
            let s = c.get_ref();
            if s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
                Some(s.to_ascii_uppercase())
            } else {
                self.errors.push(
                    Diagnostic::new(
                        Some(c.span()),
                        format!("invalid country \"{s}\""),
                        "not two letters",
                    )
                    .rule("country is the two-letter ISO 3166 code (X.520 countryName)")
                    .fix("write the two-letter code, e.g. \"US\", \"GB\", \"DE\""),
                );
                None
            }
        });
        Subject {
            organization,
            organizational_unit,
            locality,
            state,
            country,
        }
    }

    /// Merges the cluster's `[key]` over the top-level one. When the cluster
    /// table names its own `algorithm`, the top-level size and digest are not
    /// inherited (an RSA size makes no sense for an ECDSA key).
    fn key(&mut self, top: &RawKey, own: Option<&RawKey>) -> (KeySpec, Option<Span>) {
        let merged = match own {
            Some(own) if own.algorithm.is_some() => own.clone(),
            Some(own) => RawKey {
                algorithm: top.algorithm.clone(),
                size: own.size.clone().or_else(|| top.size.clone()),
                digest: own.digest.clone().or_else(|| top.digest.clone()),
            },
            None => top.clone(),
        };
        let algorithm = merged
            .algorithm
            .as_ref()
            .and_then(|a| self.choice(a, "key algorithm", ALGORITHMS))
            .unwrap_or(Algorithm::Rsa);
        let key_span = merged.algorithm.as_ref().map(|a| a.span());
        // Cisco offers RSA 2048/4096 and ECDSA 256/384/521 (cisco-facts.md,
        // sources A, B); SPEC §1 adds RSA 3072.
        let (sizes, default_size): (&[i64], i64) = match algorithm {
            Algorithm::Rsa => (&[2048, 3072, 4096], 2048),
            Algorithm::Ecdsa => (&[256, 384, 521], 256),
        };
        let size = match &merged.size {
            Some(s) if sizes.contains(s.get_ref()) => *s.get_ref(),
            Some(s) => {
                let list = sizes
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                let hint = if *s.get_ref() > 4096 && algorithm == Algorithm::Rsa {
                    " (keys above 4096 bits can stop SIP TLS zones coming up)"
                } else {
                    ""
                };
                self.errors.push(
                    Diagnostic::new(
                        Some(s.span()),
                        format!(
                            "invalid {} key size {}",
                            algorithm_title(algorithm),
                            s.get_ref()
                        ),
                        "size not offered",
                    )
                    .rule(format!(
                        "{} keys are {list} bits{hint}",
                        algorithm_title(algorithm)
                    ))
                    .fix(format!("use one of {list}")),
                );
                default_size
            }
            None => default_size,
        };
        // ECDSA signs with the curve's own digest (P-256/SHA-256,
        // P-384/SHA-384, P-521/SHA-512), as the Expressway pairs them.
        let curve_digest = match size {
            384 => Digest::Sha384,
            521 => Digest::Sha512,
            _ => Digest::Sha256,
        };
        let digest = match &merged.digest {
            Some(d) => match self.choice(d, "digest", DIGESTS) {
                Some(digest) if algorithm == Algorithm::Ecdsa && digest != curve_digest => {
                    self.errors.push(
                        Diagnostic::new(Some(d.span()), format!("digest {} does not go with an ECDSA P-{size} key", d.get_ref()), "impossible combination")
                            .rule("an ECDSA key signs with its curve's digest: P-256 with sha256, P-384 with sha384, P-521 with sha512")
                            .fix(format!("use digest = \"{}\" or remove the digest key", DIGESTS.iter().find(|(_, x)| *x == curve_digest).map_or("sha256", |(k, _)| *k))),
                    );
                    curve_digest
                }
                Some(digest) => digest,
                None => curve_digest,
            },
            None if algorithm == Algorithm::Ecdsa => curve_digest,
            None => Digest::Sha256,
        };
        let size = u32::try_from(size).unwrap_or(2048);
        (
            KeySpec {
                algorithm,
                size,
                digest,
            },
            key_span,
        )
    }
}

fn algorithm_title(a: Algorithm) -> &'static str {
    match a {
        Algorithm::Rsa => "RSA",
        Algorithm::Ecdsa => "ECDSA",
    }
}

/// The choice closest to a mistyped value, when one is close enough.
fn closest<'a>(typed: &str, choices: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let typed = typed.to_ascii_lowercase().replace('_', "-");
    choices
        .map(|c| (strsim::levenshtein(&typed, &c.replace('_', "-")), c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}
