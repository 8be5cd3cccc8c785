//! `[unified_cm]` and `[im_presence]` certificate settings: `certificates`
//! (`multi-server` or `per-node`) opts a product's certificates into the
//! plan; `version`, `ca` and `[…key]` shape them. Checked here, with what
//! can be wrong ([`PlatformProblem`]).

use super::Name;
use super::problem::shown;
use super::raw::{RawKey, RawPlatform, Text};
use super::validate::Checker;
use crate::cisco::platform::{MULTI_SERVER_SINCE, Product, UcVersion};
use crate::cisco::{CaKind, KeySpec};
use crate::report::{Explain, Span};

/// How a product's certificates are issued: one multi-server (SAN)
/// certificate generated on the publisher, or one per node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Distribution {
    /// "Multi-server(SAN)" on Generate CSR (10.5 and later, source O).
    MultiServer,
    /// One CSR per node, each generated on its node.
    PerNode,
}

impl Distribution {
    /// The deployment file's spellings.
    pub const CHOICES: &'static [(&'static str, Distribution)] = &[
        ("multi-server", Distribution::MultiServer),
        ("per-node", Distribution::PerNode),
    ];

    /// `multi-server` / `per-node`.
    pub fn key(self) -> &'static str {
        match self {
            Distribution::MultiServer => "multi-server",
            Distribution::PerNode => "per-node",
        }
    }
}

/// A product's certificate settings, when `certificates` is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformCluster {
    /// Unified CM or IM and Presence.
    pub product: Product,
    /// The nodes, publisher first.
    pub nodes: Vec<Name>,
    /// The release, when given.
    pub version: Option<UcVersion>,
    /// Multi-server or per node.
    pub distribution: Distribution,
    /// The CA kind (`ca`, else the top-level one, else private).
    pub ca: CaKind,
    /// Key and digest (`[unified_cm.key]` over the top-level `[key]`).
    pub key: KeySpec,
    /// Where `certificates` is (for findings).
    pub span: Span,
}

impl PlatformCluster {
    /// The publisher: the first node.
    pub fn publisher(&self) -> &Name {
        &self.nodes[0]
    }
}

impl Checker {
    /// Both products' settings, Unified CM first: those that give
    /// `certificates` and pass.
    pub(super) fn platforms(
        &mut self,
        tables: [(RawPlatform, &[Name]); 2],
        top: (Option<CaKind>, &RawKey),
    ) -> Vec<PlatformCluster> {
        Product::ALL
            .into_iter()
            .zip(tables)
            .filter_map(|(product, (raw, nodes))| self.platform(product, raw, nodes, top))
            .collect()
    }

    /// A product's settings; `None` when `certificates` is not given (its
    /// certificates are then not planned) or a value is refused.
    pub(super) fn platform(
        &mut self,
        product: Product,
        raw: RawPlatform,
        nodes: &[Name],
        (top_ca, top_key): (Option<CaKind>, &RawKey),
    ) -> Option<PlatformCluster> {
        let version = raw.version.and_then(|v| self.uc_version(product, v));
        let ca = raw.ca.and_then(|v| self.choice(&v, "ca", CaKind::CHOICES));
        let (key, _) = self.key(top_key, raw.key.as_ref());
        let certificates = raw.certificates?;
        let span = certificates.span();
        let distribution = self.choice(&certificates, "certificates", Distribution::CHOICES)?;
        if nodes.is_empty() {
            self.push(Some(span), PlatformProblem::NoNodes { product });
            return None;
        }
        let before = self.errors.len();
        for node in nodes.iter().filter(|n| !n.value.as_str().contains('.')) {
            let problem = PlatformProblem::NodeNotFqdn {
                product,
                node: node.value.to_string(),
            };
            self.push(Some(node.span.clone()), problem);
        }
        if let (Distribution::MultiServer, Some(v)) = (distribution, version)
            && v < MULTI_SERVER_SINCE
        {
            self.push(
                Some(span.clone()),
                PlatformProblem::MultiServerTooOld { version: v },
            );
        }
        (self.errors.len() == before).then(|| PlatformCluster {
            product,
            nodes: nodes.to_vec(),
            version,
            distribution,
            ca: ca.or(top_ca).unwrap_or_default(),
            key,
            span,
        })
    }

    fn uc_version(&mut self, product: Product, value: Text) -> Option<UcVersion> {
        let parsed = UcVersion::parse(value.get_ref());
        if parsed.is_none() {
            let problem = PlatformProblem::InvalidRelease {
                product,
                value: value.get_ref().clone(),
            };
            self.push(Some(value.span()), problem);
        }
        parsed
    }
}

/// What can be wrong in a product's certificate settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PlatformProblem {
    /// `version` that is not a release.
    InvalidRelease { product: Product, value: String },
    /// `certificates` without `nodes`.
    NoNodes { product: Product },
    /// A node that is not a fully qualified name.
    NodeNotFqdn { product: Product, node: String },
    /// `multi-server` on a release before 10.5.
    MultiServerTooOld { version: UcVersion },
}

impl Explain for PlatformProblem {
    fn message(&self) -> String {
        use PlatformProblem::*;
        match self {
            InvalidRelease { product, value } => {
                format!("invalid [{}] version \"{}\"", product.table(), shown(value))
            }
            NoNodes { product } => {
                format!(
                    "[{}] plans certificates but lists no nodes",
                    product.table()
                )
            }
            NodeNotFqdn { node, .. } => {
                format!("node \"{}\" is not a fully qualified name", shown(node))
            }
            MultiServerTooOld { version } => {
                format!("multi-server certificates do not exist on release {version}")
            }
        }
    }

    fn label(&self) -> String {
        use PlatformProblem::*;
        match self {
            InvalidRelease { .. } => "not a release",
            NoNodes { .. } => "no nodes to name",
            NodeNotFqdn { .. } => "a host name without its domain",
            MultiServerTooOld { .. } => "too old for multi-server",
        }
        .into()
    }

    fn rule(&self) -> String {
        use PlatformProblem::*;
        match self {
            InvalidRelease { .. } => "version is a Unified CM or IM and Presence release such as \
                                      \"14\", \"12.5SU7\" or \"15SU5\""
                .into(),
            NoNodes { product } => format!(
                "{} certificates name their nodes: nodes lists them, publisher first",
                product.title()
            ),
            NodeNotFqdn { product, .. } => format!(
                "a CA-signed {} certificate names each node by its FQDN: the common name and \
                 SANs are FQDNs, and CSCus47235 is about node FQDNs missing from the SANs",
                product.title()
            ),
            MultiServerTooOld { .. } => format!(
                "multi-server (SAN) certificates came with release {MULTI_SERVER_SINCE} \
                 (TAC 118731)"
            ),
        }
    }

    fn fix(&self) -> String {
        use PlatformProblem::*;
        match self {
            InvalidRelease { .. } => "write the release as Cisco does, e.g. \"15SU5\"".into(),
            NoNodes { product } => format!(
                "add nodes = [\"publisher FQDN\", …] to [{}], or remove certificates",
                product.table()
            ),
            NodeNotFqdn { .. } => "write the node's FQDN (host.example.com)".into(),
            MultiServerTooOld { .. } => "use certificates = \"per-node\", or give the release \
                                         the cluster will run"
                .into(),
        }
    }
}
