//! From a deployment to one planned certificate per peer: the Generate CSR
//! page's values ([`page`]), the ordered SAN list and why each name is there
//! ([`sans`]), and the findings about the whole plan ([`checks`],
//! [`cross`]).
//!
//! Which table elements go on which certificate comes only from Cisco's
//! table in [`crate::cisco`].

mod advice;
mod checks;
mod cross;
mod page;
pub mod platform;
#[cfg(any(test, feature = "test-seams"))]
mod preview;
mod purposes;
mod releases;
mod sans;
pub mod trust;

pub use page::PageField;
#[cfg(any(test, feature = "test-seams"))]
pub use preview::{BoxFacts, Typed, preview};
pub use purposes::Purpose;

use crate::cisco::{Element, Feature, KeySpec, Role, Side, Version};
use crate::model::{AltName, Deployment, HostName, Subject};
use crate::report::Allowed;
use crate::report::{Error, Finding, Usage, has_errors};
use serde::Serialize;
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

/// What put a name in a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The common name, always a SAN.
    CommonName,
    /// A peer FQDN chosen by "Subject alternative names".
    PeerFqdn,
    /// "Additional alternative names".
    AdditionalName,
    /// A row of Cisco's table (the cluster name, also when chosen by the
    /// drop-down).
    Element(Element),
}

impl Origin {
    /// The spelling in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Origin::CommonName => "common-name",
            Origin::PeerFqdn => "peer-fqdn",
            Origin::AdditionalName => "additional-name",
            Origin::Element(e) => e.key(),
        }
    }
}

impl Serialize for Origin {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

/// Why a name is in a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// What put it there.
    pub element: Origin,
    /// The feature whose column of Cisco's table requires it, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<Feature>,
    /// The certificate's role.
    pub role: Role,
    /// The rule in words (shared by every name it applies to).
    pub why: Arc<str>,
}

/// One SAN and why it is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name, as written (`collab-edge.example.com`, …).
    pub name: AltName,
    /// Every reason it is there, in the order they were met.
    pub reasons: Vec<Reason>,
}

impl fmt::Display for Entry {
    /// As the Expressway shows it: `DNS:name`, `SRV:…`, `XMPP:…`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.name.fmt(f)
    }
}

impl Serialize for Entry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Entry", 3)?;
        st.serialize_field("value", &self.name.value)?;
        st.serialize_field("format", &self.name.kind)?;
        st.serialize_field("reasons", &self.reasons)?;
        st.end()
    }
}

/// The planned certificate of one peer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificatePlan {
    /// Expressway-C or -E.
    pub role: Role,
    /// This peer's FQDN.
    pub peer: HostName,
    /// The common name.
    pub common_name: HostName,
    /// The cluster FQDN, when clustered (the box knows it).
    pub cluster_name: Option<HostName>,
    /// Every peer of the cluster (the box knows them).
    pub cluster_peers: Vec<HostName>,
    /// The Generate CSR page, field by field.
    pub page: Vec<PageField>,
    /// The SANs, in order.
    pub entries: Vec<Entry>,
    /// Subject fields besides the CN.
    pub subject: Subject,
    /// Key and digest.
    pub key: KeySpec,
    /// The release the box runs, when given.
    pub release: Option<Version>,
    /// Its EKU, CA kind, store and connections.
    pub purpose: Purpose,
}

impl CertificatePlan {
    /// The file stem that names this certificate's CSR and key:
    /// `peer`, `peer.server` or `peer.client`.
    pub fn file_stem(&self) -> String {
        format!("{}{}", self.peer, self.purpose.file_suffix())
    }

    /// How tables label it: the peer, and `(server)` or `(client)` when it
    /// has two certificates; never a string that reads as an FQDN
    /// (`expe1.example.com.server`).
    pub fn label(&self) -> String {
        match self.purpose.eku {
            crate::cisco::Eku::ServerAndClient => self.peer.to_string(),
            crate::cisco::Eku::Server => format!("{} (server)", self.peer),
            crate::cisco::Eku::Client => format!("{} (client)", self.peer),
        }
    }

    /// "Alternative name as it will appear".
    pub fn alternative_names(&self) -> Vec<String> {
        self.entries.iter().map(Entry::to_string).collect()
    }

    /// The page values as typed, for [`preview`].
    #[cfg(any(test, feature = "test-seams"))]
    pub fn typed(&self) -> Vec<Typed<'_>> {
        self.page
            .iter()
            .map(|f| Typed {
                field: f.field,
                value: &f.value,
                format: f.format,
            })
            .collect()
    }

    /// What the box knows besides the page, for [`preview`].
    #[cfg(any(test, feature = "test-seams"))]
    pub fn box_facts(&self) -> BoxFacts<'_> {
        BoxFacts {
            cluster_name: self.cluster_name.as_ref().map(HostName::as_str),
            this_peer: self.peer.as_str(),
            peers: self.cluster_peers.iter().map(HostName::as_str).collect(),
        }
    }

    /// Whether a dNSName entry is `name` (ignoring case).
    pub fn has_dns(&self, name: &HostName) -> bool {
        let wanted = name.dns();
        self.entries.iter().any(|e| e.name == wanted)
    }
}

/// A whole deployment's plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Every certificate of every peer: Expressway-C peers first, in file
    /// order; a peer's server certificate before its client certificate.
    pub certificates: Vec<CertificatePlan>,
    /// The Unified CM and IM and Presence certificates, when the file
    /// plans them (`certificates` in their tables).
    pub platform: Vec<platform::PlatformCertificate>,
    /// Which CA goes into which store between the Expressway-C and the
    /// platform products (shown when the file plans platform certificates).
    pub trust: Vec<trust::Placement>,
    /// Warnings and cross-certificate errors.
    pub findings: Vec<Finding>,
    /// Whether the output says each certificate's purpose: the file chose
    /// a CA, or a certificate is not today's dual-EKU private one.
    pub shows_purpose: bool,
    /// How many findings the deployment or the command line accepted and
    /// took out of `findings`.
    pub allowed: Allowed,
}

impl Plan {
    /// Plans every certificate of the deployment and runs the checks.
    pub fn build(deployment: &Deployment) -> Plan {
        let mut findings = Vec::new();
        let mut certificates = Vec::new();
        for cluster in &deployment.clusters {
            for peer in &cluster.peers {
                let mut wanted =
                    purposes::purposes(deployment, cluster, &peer.value, &mut findings);
                let base = sans::plan_certificate(deployment, cluster, peer, &mut findings);
                // Usually one certificate: the plan moves, it is not copied.
                let last = wanted.pop().expect("every peer needs a certificate");
                for purpose in wanted {
                    let server = base.clone();
                    certificates.push(CertificatePlan { purpose, ..server });
                }
                certificates.push(CertificatePlan {
                    purpose: last,
                    ..base
                });
            }
        }
        let shows_purpose = deployment.clusters.iter().any(|c| c.ca_given)
            || certificates.iter().any(|c| !c.purpose.is_traditional());
        let platform = platform::certificates(deployment);
        findings.extend(platform::findings(deployment, &platform));
        let trust = if platform.is_empty() {
            Vec::new()
        } else {
            trust::placements(deployment)
        };
        let mut plan = Plan {
            certificates,
            platform,
            trust,
            findings,
            shows_purpose,
            allowed: Allowed::default(),
        };
        plan.findings
            .extend(checks::deployment_findings(deployment, &plan));
        plan.findings.extend(advice::findings(deployment));
        plan.findings.extend(cross::findings(deployment, &plan));
        plan.findings.extend(releases::findings(deployment, &plan));
        // A problem in a shared list shows on every peer's certificate; say
        // it once: one finding per code, place and peer.
        let mut seen = HashSet::new();
        plan.findings
            .retain(|f| seen.insert((f.code, f.location.clone(), f.peer.clone())));
        plan.findings.sort_by_key(|f| f.severity);
        plan
    }

    /// Keeps only the certificates for `role` and/or `peer`. A `peer` that is
    /// not in the deployment is a usage error listing the peers there are.
    pub fn select(mut self, role: Option<Role>, peer: Option<&str>) -> Result<Plan, Error> {
        if let Some(peer) = peer {
            self.check_peer(role, peer)?;
        }
        self.certificates
            .retain(|c| role.is_none_or(|r| c.role == r) && peer.is_none_or(|p| c.peer.is(p)));
        // `--role` and `--peer` name Expressways.
        if role.is_some() || peer.is_some() {
            self.platform.clear();
        }
        if self.certificates.is_empty()
            && let Some(role) = role
        {
            let (role, table) = (role.letter(), role.table());
            return Err(Usage::RoleAbsent { role, table }.into());
        }
        Ok(self)
    }

    /// Keeps only the certificates that serve `side` (`--certificate`): a
    /// peer's single dual-EKU certificate serves both.
    pub fn serving(mut self, side: Option<Side>) -> Plan {
        if let Some(side) = side {
            self.certificates.retain(|c| c.purpose.eku.serves(side));
        }
        self
    }

    /// A `peer` that is not a peer, is the cluster, or has another role
    /// than `role` is a usage error that says which.
    fn check_peer(&self, role: Option<Role>, peer: &str) -> Result<(), Error> {
        let owner = self.certificates.iter().find(|c| c.peer.is(peer));
        match (owner, role) {
            (Some(c), Some(r)) if c.role != r => Err(Usage::PeerOfOtherRole {
                peer: c.peer.to_string(),
                role: r.letter(),
                belongs: c.role.title(),
            }
            .into()),
            (Some(_), _) => Ok(()),
            (None, _) => {
                let cluster = self
                    .certificates
                    .iter()
                    .find(|c| c.cluster_name.as_ref().is_some_and(|n| n.is(peer)));
                Err(match cluster {
                    Some(c) => Usage::PeerIsCluster {
                        name: peer.to_owned(),
                        role: c.role.letter(),
                    },
                    None => Usage::UnknownPeer {
                        peer: peer.to_owned(),
                        peers: self
                            .certificates
                            .iter()
                            .map(|c| c.peer.to_string())
                            .collect(),
                    },
                }
                .into())
            }
        }
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        has_errors(&self.findings)
    }
}

#[cfg(test)]
pub(crate) mod page_tests;
#[cfg(test)]
mod tests;
