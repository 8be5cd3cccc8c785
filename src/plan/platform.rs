//! The Unified CM and IM and Presence certificates to request, for the
//! products whose table gives `certificates`: one multi-server certificate
//! per purpose (generated on the publisher, source O) or one per node; the
//! names each carries and why; the OS Administration page's values; the
//! EKU by release and CA (FN74345); and the renewal-order warning for
//! CallManager (TAC 214231).
//!
//! These certificates' keys stay on the boxes: sancsr plans and checks
//! them, it does not generate them.

use crate::cisco::platform::{
    PlatformNames, PlatformService, Product, SEPARATE_CLIENT_SINCE, UcVersion,
    multi_server_common_name, services_of,
};
use crate::cisco::{Algorithm, CaKind, Eku, KeySpec};
use crate::model::platform::{Distribution, PlatformCluster};
use crate::model::{Deployment, HostName};
use crate::report::{Code, Finding};

/// One name of a platform certificate and why it is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformName {
    /// The dNSName.
    pub name: HostName,
    /// Why, in words.
    pub why: &'static str,
    /// Whether it is a node's FQDN.
    pub node: bool,
}

/// One Unified CM or IM and Presence certificate to request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformCertificate {
    /// The product's row of Cisco's facts.
    pub service: &'static PlatformService,
    /// "Certificate Purpose" as typed: `tomcat`, or `tomcat-ECDSA` for an
    /// ECDSA key.
    pub purpose: &'static str,
    /// Multi-server or per node.
    pub distribution: Distribution,
    /// The node whose OS Administration page generates it (the publisher
    /// for a multi-server certificate).
    pub node: HostName,
    /// The common name.
    pub common_name: String,
    /// The SANs, nodes first.
    pub names: Vec<PlatformName>,
    /// Key and digest.
    pub key: KeySpec,
    /// The release, when given.
    pub release: Option<UcVersion>,
    /// The EKUs to ask for.
    pub eku: Eku,
    /// The kind of CA that signs it.
    pub ca: CaKind,
}

impl PlatformCertificate {
    /// The product.
    pub fn product(&self) -> Product {
        self.service.product
    }

    /// How tables label it: `Unified CM tomcat (multi-server)`.
    pub fn label(&self) -> String {
        match self.distribution {
            Distribution::MultiServer => {
                format!("{} {} (multi-server)", self.product().title(), self.purpose)
            }
            Distribution::PerNode => {
                format!(
                    "{} {} ({})",
                    self.product().title(),
                    self.purpose,
                    self.node
                )
            }
        }
    }

    /// The Generate CSR page, field by field, as typed (Cisco Unified OS
    /// Administration > Security > Certificate Management > Generate CSR).
    pub fn page(&self) -> Vec<(&'static str, String)> {
        let distribution = match self.distribution {
            Distribution::MultiServer => "Multi-server(SAN)".to_owned(),
            Distribution::PerNode => self.node.to_string(),
        };
        let sans = self
            .names
            .iter()
            .map(|n| n.name.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let key_type = match self.key.algorithm {
            Algorithm::Rsa => "RSA",
            Algorithm::Ecdsa => "EC",
        };
        vec![
            ("Certificate Purpose", self.purpose.to_owned()),
            ("Distribution", distribution),
            ("Common Name", self.common_name.clone()),
            ("Subject Alternate Names (SANs)", sans),
            ("Key Type", key_type.to_owned()),
            ("Key Length", self.key.size.to_string()),
            ("Hash Algorithm", self.key.digest.key().to_ascii_uppercase()),
        ]
    }

    /// Whether `name` is one of its SANs or its common name (ignoring case).
    pub fn names_host(&self, name: &str) -> bool {
        self.common_name.eq_ignore_ascii_case(name) || self.names.iter().any(|n| n.name.is(name))
    }
}

/// Every platform certificate of the deployment, Unified CM first.
pub(super) fn certificates(d: &Deployment) -> Vec<PlatformCertificate> {
    let mut out = Vec::new();
    for cluster in &d.platforms {
        for service in services_of(cluster.product) {
            match cluster.distribution {
                Distribution::MultiServer => {
                    let names = node_names(cluster, None, MULTI_SERVER_NODE);
                    let publisher = cluster.publisher().value.clone();
                    let cn = multi_server_common_name(publisher.as_str());
                    out.push(certificate(d, cluster, service, publisher, cn, names));
                }
                Distribution::PerNode => {
                    for node in &cluster.nodes {
                        let names = node_names(cluster, Some(&node.value), THIS_NODE);
                        let cn = node.value.to_string();
                        out.push(certificate(
                            d,
                            cluster,
                            service,
                            node.value.clone(),
                            cn,
                            names,
                        ));
                    }
                }
            }
        }
    }
    out
}

const MULTI_SERVER_NODE: &str = "a node of the cluster: a multi-server certificate names every \
                                 node, and a node missing from it fails TLS to that node \
                                 (TAC 118731; CSCus47235)";
const THIS_NODE: &str = "this node's FQDN: the name clients connect to (CSCus47235)";
const CHAT_ALIAS: &str = "a chat node alias: group chat rooms are addressed by it, and the \
                          server answering for it must hold it (source C; sancsr's choice for \
                          the IM and Presence side, see docs/cisco-rules.md)";
const FEDERATION_DOMAIN: &str = "an XMPP federation domain: federated servers connect by domain \
                                 and check it against cup-xmpp-s2s (source XF)";

/// The node FQDNs (all, or `only` one), as SANs.
fn node_names(
    cluster: &PlatformCluster,
    only: Option<&HostName>,
    why: &'static str,
) -> Vec<PlatformName> {
    cluster
        .nodes
        .iter()
        .filter(|n| only.is_none_or(|o| *o == n.value))
        .map(|n| PlatformName {
            name: n.value.clone(),
            why,
            node: true,
        })
        .collect()
}

fn certificate(
    d: &Deployment,
    cluster: &PlatformCluster,
    service: &'static PlatformService,
    node: HostName,
    common_name: String,
    mut names: Vec<PlatformName>,
) -> PlatformCertificate {
    let mut extra: Vec<(&crate::model::Name, &'static str)> = Vec::new();
    if service.names != PlatformNames::Nodes {
        extra.extend(d.chat_node_aliases.iter().map(|a| (a, CHAT_ALIAS)));
    }
    if service.names == PlatformNames::NodesAliasesAndFederationDomains {
        extra.extend(
            d.xmpp_federation_domains
                .iter()
                .map(|f| (f, FEDERATION_DOMAIN)),
        );
    }
    for (name, why) in extra {
        if !names.iter().any(|n| n.name == name.value) {
            names.push(PlatformName {
                name: name.value.clone(),
                why,
                node: false,
            });
        }
    }
    PlatformCertificate {
        service,
        purpose: match cluster.key.algorithm {
            Algorithm::Rsa => service.purpose,
            Algorithm::Ecdsa => service.ecdsa_purpose,
        },
        distribution: cluster.distribution,
        node,
        common_name,
        names,
        key: cluster.key,
        release: cluster.version,
        eku: eku(cluster),
        ca: cluster.ca,
    }
}

/// Both EKUs, as the Preferred Architecture lists (source N); a public
/// CA's certificate is serverAuth only from the release that keeps the
/// client certificate apart (FN74345).
fn eku(cluster: &PlatformCluster) -> Eku {
    match (cluster.ca, cluster.version) {
        (CaKind::Public, Some(v)) if v >= SEPARATE_CLIENT_SINCE => Eku::Server,
        _ => Eku::ServerAndClient,
    }
}

/// `platform-client-auth-sunset` and `callmanager-renewal-order`.
pub(super) fn findings(d: &Deployment, planned: &[PlatformCertificate]) -> Vec<Finding> {
    let mut out = Vec::new();
    for cluster in &d.platforms {
        let separate = cluster.version.is_some_and(|v| v >= SEPARATE_CLIENT_SINCE);
        if cluster.ca == CaKind::Public && !separate {
            out.push(client_auth_sunset(cluster));
        }
    }
    let callmanager: Vec<&PlatformCertificate> = planned
        .iter()
        .filter(|c| c.service.service == crate::cisco::services::Service::CallManager)
        .collect();
    out.extend(renewal_order(&callmanager));
    out
}

/// `callmanager-renewal-order` for these CallManager certificates, naming
/// their nodes (none: no finding).
pub(crate) fn renewal_order(callmanager: &[&PlatformCertificate]) -> Option<Finding> {
    let first = callmanager.first()?;
    let nodes: Vec<String> = callmanager
        .iter()
        .flat_map(|c| c.names.iter().filter(|n| n.node))
        .map(|n| n.name.to_string())
        .collect();
    Some(
        Finding::warning(
            Code::CallmanagerRenewalOrder,
            format!(
                "a new CallManager certificate (nodes {}) touches TVS and the ITL: {}",
                crate::report::list(&nodes),
                crate::cisco::platform::itl_signer(first.release)
            ),
        )
        .fix(crate::cisco::platform::CALLMANAGER_RENEWAL_ORDER),
    )
}

fn client_auth_sunset(cluster: &PlatformCluster) -> Finding {
    let release = cluster.version.map_or_else(
        || "a release not given".to_owned(),
        |v| format!("release {v}"),
    );
    Finding::warning(
        Code::PlatformClientAuthSunset,
        format!(
            "{} on {release} presents one certificate per service as TLS server and client, with \
             serverAuth and clientAuth; public CAs stop issuing clientAuth (FN74345), and the \
             separate client certificate arrives in {SEPARATE_CLIENT_SINCE}",
            cluster.product.title()
        ),
    )
    .fix(format!(
        "have these certificates signed by a private CA, or upgrade to {SEPARATE_CLIENT_SINCE} and \
         give [{}] version",
        cluster.product.table()
    ))
}
