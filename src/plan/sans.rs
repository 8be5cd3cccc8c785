//! One certificate's SAN list: order, formats and case-insensitive
//! de-duplication.
//!
//! Order: the common name, the cluster FQDN, the peer FQDN(s), the
//! additional names, then the table elements in [`ELEMENT_ORDER`]. A name
//! already listed (ignoring case) is not added again: the first spelling is
//! kept and the reasons are merged.

use super::page;
use super::{CertificatePlan, Entry, Origin, Reason};
use crate::cisco::{
    AlternativeNamesChoice, CommonNameChoice, ELEMENT_ORDER, Element, Feature, Role,
    requiring_features, row,
};
use crate::model::{AltName, Cluster, Deployment, HostName, Name, NameKind};
use crate::report::{Code, Finding};
use hashbrown::HashTable;
use std::hash::BuildHasher;
use std::sync::Arc;

/// An ordered, de-duplicated SAN list. The index holds positions in
/// `entries`, hashed by name (ignoring case), so each name is stored once
/// and the list stays linear.
struct SanList {
    role: Role,
    entries: Vec<Entry>,
    index: HashTable<usize>,
    hasher: std::collections::hash_map::RandomState,
}

impl SanList {
    fn with_capacity(role: Role, capacity: usize) -> SanList {
        SanList {
            role,
            entries: Vec::with_capacity(capacity),
            index: HashTable::with_capacity(capacity),
            hasher: Default::default(),
        }
    }

    fn add(&mut self, name: AltName, origin: Origin, feature: Option<Feature>, why: &Arc<str>) {
        let reason = Reason {
            element: origin,
            feature,
            role: self.role,
            why: Arc::clone(why),
        };
        let hash = self.hasher.hash_one(&name);
        let entries = &mut self.entries;
        match self.index.find(hash, |&i| entries[i].name == name) {
            Some(&i) => {
                let reasons = &mut entries[i].reasons;
                if !reasons.contains(&reason) {
                    reasons.push(reason);
                }
            }
            None => {
                let hasher = &self.hasher;
                self.index
                    .insert_unique(hash, entries.len(), |&i| hasher.hash_one(&entries[i].name));
                entries.push(Entry {
                    name,
                    reasons: vec![reason],
                });
            }
        }
    }
}

/// How many names a certificate may get, to size its list once.
fn capacity(deployment: &Deployment, cluster: &Cluster) -> usize {
    let listed: usize = ELEMENT_ORDER
        .iter()
        .map(|e| deployment.element_names(*e, cluster).len())
        .sum();
    2 + cluster.peers.len() + cluster.additional_names.len() + listed
}

/// The common name: the cluster FQDN or this peer's.
fn common_name<'a>(cluster: &'a Cluster, peer: &'a Name) -> &'a HostName {
    match (cluster.common_name, &cluster.cluster_name) {
        (CommonNameChoice::Cluster, Some(c)) => &c.value,
        _ => &peer.value,
    }
}

/// Plans the certificate of `peer`; names a format makes invalid become
/// findings.
pub(super) fn plan_certificate(
    deployment: &Deployment,
    cluster: &Cluster,
    peer: &Name,
    findings: &mut Vec<Finding>,
) -> CertificatePlan {
    let role = cluster.role;
    let mut sans = SanList::with_capacity(role, capacity(deployment, cluster));
    let common_name = common_name(cluster, peer);
    // The common name is always added as a SAN (source F).
    let why: Arc<str> = "the common name is always added as a SAN".into();
    sans.add(common_name.dns(), Origin::CommonName, None, &why);
    add_cluster_name(&mut sans, deployment, cluster);
    add_peers(&mut sans, cluster, peer);
    let why: Arc<str> = "listed in additional alternative names".into();
    for n in &cluster.additional_names {
        sans.add(n.value.dns(), Origin::AdditionalName, None, &why);
    }
    for element in ELEMENT_ORDER {
        add_element(&mut sans, deployment, cluster, element, findings);
    }
    CertificatePlan {
        role,
        peer: peer.value.clone(),
        common_name: common_name.clone(),
        cluster_name: cluster.cluster_name.as_ref().map(|n| n.value.clone()),
        cluster_peers: cluster.peers.iter().map(|n| n.value.clone()).collect(),
        page: page::fields(deployment, cluster, common_name),
        entries: sans.entries,
        subject: cluster.subject.clone(),
        key: cluster.key,
        release: cluster.version,
        purpose: super::Purpose::default(),
    }
}

/// The cluster FQDN: chosen by "Subject alternative names", and required
/// on the Expressway-C of a cluster by Cisco's table.
fn add_cluster_name(sans: &mut SanList, deployment: &Deployment, cluster: &Cluster) {
    let Some(cluster_name) = &cluster.cluster_name else {
        return;
    };
    let origin = Origin::Element(Element::ClusterName);
    let choice = cluster.alternative_names;
    if choice != AlternativeNamesChoice::None {
        let why: Arc<str> = format!("Subject alternative names: {}", choice.title()).into();
        sans.add(cluster_name.value.dns(), origin, None, &why);
    }
    for feature in requiring_features(Element::ClusterName, cluster.role, &deployment.features) {
        let why = table_rule(Element::ClusterName, feature);
        sans.add(cluster_name.value.dns(), origin, Some(feature), &why);
    }
}

/// The peer FQDNs the "Subject alternative names" choice adds.
fn add_peers(sans: &mut SanList, cluster: &Cluster, peer: &Name) {
    let choice = cluster.alternative_names;
    let peers: &[Name] = match choice {
        AlternativeNamesChoice::ClusterAndThisPeer => std::slice::from_ref(peer),
        AlternativeNamesChoice::ClusterAndAllPeers => &cluster.peers,
        AlternativeNamesChoice::None => &[],
    };
    for p in peers {
        let what = if p.value == peer.value {
            "this peer"
        } else {
            "a peer of the cluster"
        };
        let why: Arc<str> = format!(
            "FQDN of {what}, selected by Subject alternative names: {}",
            choice.title()
        )
        .into();
        sans.add(p.value.dns(), Origin::PeerFqdn, None, &why);
    }
}

/// The names of one table element, in its chosen format, when a feature in
/// use requires it on this role.
fn add_element(
    sans: &mut SanList,
    deployment: &Deployment,
    cluster: &Cluster,
    element: Element,
    findings: &mut Vec<Finding>,
) {
    let features = requiring_features(element, cluster.role, &deployment.features);
    if features.is_empty() {
        return;
    }
    let format = cluster.formats.of(element).format;
    let whys: Vec<(Feature, Arc<str>)> = features
        .iter()
        .map(|f| (*f, table_rule(element, *f)))
        .collect();
    for name in deployment.element_names(element, cluster) {
        let (kind, value) = format.write(name.value.as_str());
        if let Some(finding) = derived_name_finding(deployment, element, format, name, &value, kind)
        {
            findings.push(finding);
        }
        let alt = AltName::new(kind, value);
        for (feature, why) in &whys {
            sans.add(alt.clone(), Origin::Element(element), Some(*feature), why);
        }
    }
}

/// `invalid-derived-name`: a format (CollabEdgeDNS) turned a valid name
/// into a dNSName the name rule refuses.
fn derived_name_finding(
    deployment: &Deployment,
    element: Element,
    format: crate::cisco::Format,
    name: &Name,
    value: &str,
    kind: crate::cisco::SanKind,
) -> Option<Finding> {
    if value == name.value.as_str() || kind != crate::cisco::SanKind::Dns {
        return None;
    }
    let e = HostName::parse(value, NameKind::Host).err()?;
    let message = format!(
        "{} \"{}\" becomes \"{value}\" in {} format, which is refused: {e} ({})",
        row(element).title,
        name.value,
        format.title(),
        e.rule(),
    );
    Some(
        Finding::error(Code::InvalidDerivedName, message)
            .fix(e.fix(value))
            .at(Some(deployment.location(&name.span))),
    )
}

/// "Cisco's table: <row> — <cell> for <feature>".
fn table_rule(element: Element, feature: Feature) -> Arc<str> {
    let row = row(element);
    format!(
        "Cisco's table: {} — {} for {}",
        row.title,
        row.cell(feature).text(),
        feature.title()
    )
    .into()
}
