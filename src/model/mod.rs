//! The deployment: its TOML shapes ([`raw`]), the checks that turn them into
//! a validated [`Deployment`] ([`validate`]), the typed problems they report
//! ([`problem`]), and the Expressway name rule with the case-insensitive
//! [`HostName`] ([`names`]). Every key is described in
//! `docs/deployment-file.md`.

mod allow;
mod host;
mod limits;
pub(crate) mod names;
pub(crate) mod platform;
mod problem;
mod raw;
mod role_keys;
mod subject_key;
pub(crate) mod template;
mod validate;

pub use names::{AltName, HostName, NameError, NameKind};

use crate::cisco::connections::TRAVERSAL_ZONE;
use crate::cisco::{
    AlternativeNamesChoice, CaKind, CommonNameChoice, Connection, Element, Feature, Format,
    KeySpec, OptIn, Party, Role, Version,
};
use crate::report::{Error, Source, Span};
use serde::Serialize;
use std::sync::Arc;

/// Peers in one cluster: "An Expressway can be part of a cluster of up to
/// six Expressways" (source P). A longer list is refused before any
/// planning work or key generation.
pub(crate) const MAX_PEERS: usize = 6;
/// Names in one list (additional names, profiles, …): well above the 10,000
/// additional names sancsr is benchmarked with.
pub(crate) const MAX_NAMES_PER_LIST: usize = 100_000;
/// Names planned in all, peers × names: memory grows with it (about 1 KB a
/// planned name, JSON output included), so a file past it is refused
/// before any planning. Twice the 100,000-name, two-peer benchmark.
pub(crate) const MAX_PLANNED_NAMES: usize = 400_000;

/// A name the user typed, with where they typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name, spelled as typed.
    pub value: HostName,
    /// Its position in the deployment file.
    pub span: Span,
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

/// The deployment-file key that sets an element's format, for the elements
/// whose Format drop-down the file can set.
pub(crate) const FORMAT_KEYS: [(Element, &str); 3] = [
    (
        Element::UnifiedCmRegistrationDomain,
        "registration_domain_format",
    ),
    (
        Element::XmppFederationDomain,
        "xmpp_federation_domain_format",
    ),
    (Element::ChatNodeAlias, "chat_node_alias_format"),
];

/// The format of each element's entries, indexed by element (DNS for
/// elements without a drop-down).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Formats([FormatChoice; 5]);

impl Formats {
    /// The format of an element's entries.
    pub fn of(&self, element: Element) -> &FormatChoice {
        &self.0[element as usize]
    }

    fn set(&mut self, element: Element, choice: FormatChoice) {
        self.0[element as usize] = choice;
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

impl Subject {
    /// The fields present, as X.520 attributes in page order: C, ST, L, O,
    /// OU. The one mapping every writer (CSR, OpenSSL, cfssl, page) uses.
    pub fn attributes(&self) -> Vec<(&'static str, &str)> {
        [
            ("C", &self.country),
            ("ST", &self.state),
            ("L", &self.locality),
            ("O", &self.organization),
            ("OU", &self.organizational_unit),
        ]
        .into_iter()
        .filter_map(|(a, v)| v.as_deref().map(|v| (a, v)))
        .collect()
    }
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
    /// The traversal zone's SIP port (`Zones Zone N Traversal… SIP Port`),
    /// when not Cisco's default 7001.
    pub traversal_port: Option<u16>,
    /// Subject fields (top level merged with this table's).
    pub subject: Subject,
    /// Key and digest (top level merged with this table's).
    pub key: KeySpec,
    /// Where the key algorithm was chosen (for findings).
    pub key_span: Option<Span>,
    /// The release these boxes run: the table's `expressway_version`, else
    /// the top-level one.
    pub version: Option<Version>,
    /// Who signs: the table's `ca`, else the top-level one, else private.
    pub ca: CaKind,
    /// `peer_ca`: peers signed by another kind of CA than the table's.
    pub peer_ca: Vec<(HostName, CaKind)>,
    /// Whether the file says `ca` for this table (top level or here).
    pub ca_given: bool,
}

impl Cluster {
    /// Who signs `peer`'s certificates.
    pub fn ca_of(&self, peer: &HostName) -> CaKind {
        self.peer_ca
            .iter()
            .find(|(p, _)| p == peer)
            .map_or(self.ca, |(_, ca)| *ca)
    }
}

/// A checked deployment file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deployment {
    /// The file it came from.
    pub(crate) source: Arc<Source>,
    /// Enabled features, in Cisco's column order, each once.
    pub features: Vec<Feature>,
    /// Where `features` is (for findings).
    pub features_span: Option<Span>,
    /// The optional connections the file lists (`connections`).
    pub connections: Vec<OptIn>,
    /// Target Expressway version, when given.
    pub expressway_version: Option<Version>,
    /// `[unified_cm] registration_domains`.
    pub registration_domains: Vec<Name>,
    /// `[unified_cm] phone_security_profiles`.
    pub phone_security_profiles: Vec<Name>,
    /// `[unified_cm] nodes`: the Unified CM nodes the Expressway-C talks to.
    pub unified_cm_nodes: Vec<Name>,
    /// `[im_presence] chat_node_aliases`.
    pub chat_node_aliases: Vec<Name>,
    /// `[im_presence] nodes`.
    pub im_presence_nodes: Vec<Name>,
    /// `[xmpp_federation] domains`.
    pub xmpp_federation_domains: Vec<Name>,
    /// The Unified CM and IM and Presence certificate settings, for the
    /// products whose table gives `certificates`, Unified CM first.
    pub platforms: Vec<platform::PlatformCluster>,
    /// The clusters present: Expressway-C first, then Expressway-E.
    pub clusters: Vec<Cluster>,
    /// `[findings] allow`: the warnings and infos the deployment accepts.
    pub allow: crate::report::Allowance,
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

    /// The traversal zone's port, when the file gives it (either table; a
    /// disagreement is refused when the file is read).
    pub fn traversal_port(&self) -> Option<u16> {
        self.clusters.iter().find_map(|c| c.traversal_port)
    }

    /// The port of `connection` in this deployment: the table's, but the
    /// traversal zone's from `traversal_port`.
    pub fn port_of(&self, connection: &Connection) -> u16 {
        match self.traversal_port() {
            Some(port) if connection.key == TRAVERSAL_ZONE => port,
            _ => connection.port,
        }
    }

    /// The hosts of one party: an Expressway role's peers, the Unified CM
    /// nodes, the IM and Presence nodes (nobody else has names here).
    pub fn hosts(&self, party: Party) -> Vec<HostName> {
        let names = match party {
            Party::Expressway(role) => self.cluster(role).map_or(&[][..], |c| &c.peers[..]),
            Party::UnifiedCm => &self.unified_cm_nodes[..],
            Party::ImPresence => &self.im_presence_nodes[..],
            _ => &[][..],
        };
        names.iter().map(|n| n.value.clone()).collect()
    }

    /// The cluster of a role, when present.
    pub fn cluster(&self, role: Role) -> Option<&Cluster> {
        self.clusters.iter().find(|c| c.role == role)
    }

    /// The file, line and column of a position in the file.
    pub(crate) fn location(&self, span: &Span) -> crate::report::Location {
        self.source.location(span.start)
    }

    /// Reads and checks a deployment file's text. `name` is what errors call
    /// the file.
    pub fn parse(name: &str, text: &str) -> Result<Deployment, Error> {
        let source = Source::new(name, text);
        let raw = raw::read(&source)?;
        validate::deployment(&source, raw)
    }

    /// The file's name, as given (`<stdin>` for `-`).
    pub fn name(&self) -> &str {
        &self.source.name
    }

    /// The SHA-256 of the file's text, lower-case hex: what a report names
    /// so a reviewer can tell which file it was made from.
    pub fn sha256(&self) -> String {
        let digest =
            aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, self.source.text.as_bytes());
        digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Reads a deployment from a path, or from standard input when the path
    /// is `-`.
    pub fn load(path: &str) -> Result<Deployment, Error> {
        let (name, text) = crate::io::read_text(path)?;
        Deployment::parse(&name, &text)
    }
}
