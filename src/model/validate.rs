//! From the TOML shapes to a [`Deployment`]: every value checked, every
//! problem collected with its position before giving up.

use super::names::{HostName, NameKind};
use super::problem::Problem;
use super::raw::{RawCluster, RawDeployment, RawKey, RawSubject, Text};
use super::{
    Cluster, Deployment, FORMAT_KEYS, FormatChoice, Formats, MAX_NAMES_PER_LIST, MAX_PEERS, Name,
};
use crate::cisco::{
    AlternativeNamesChoice, CaKind, CommonNameChoice, Feature, OptIn, Role, Version, ever_applies,
    row,
};
use crate::report::{Collector, Error, Explain, Source, Span};
use std::collections::HashMap;
use std::sync::Arc;
use toml::Spanned;

/// Before X12.6 a bare profile name still works (the plan warns); from
/// X12.6, and when the release is not given, it must be an FQDN.
fn profile_kind(version: Option<Version>) -> NameKind {
    match version {
        Some(v) if v < crate::cisco::policy::PROFILE_FQDN_SINCE => NameKind::Host,
        _ => NameKind::PhoneSecurityProfile,
    }
}

/// Checks every value of `raw`; all problems, or the deployment.
pub(super) fn deployment(source: &Arc<Source>, raw: RawDeployment) -> Result<Deployment, Error> {
    let mut checker = Checker {
        errors: Collector::default(),
    };
    let deployment = checker.deployment(source, raw);
    checker.errors.finish(source, deployment)
}

/// The top-level settings a table inherits.
struct Top {
    version: Option<Version>,
    ca: Option<CaKind>,
}

pub(super) struct Checker {
    pub(super) errors: Collector,
}

impl Checker {
    pub(super) fn push(&mut self, span: Option<Span>, problem: impl Explain + 'static) {
        self.errors.push(span, problem);
    }

    fn deployment(&mut self, source: &Arc<Source>, mut raw: RawDeployment) -> Deployment {
        let (features, features_span) = self.features(raw.features);
        let connections = self.opt_ins(raw.connections);
        let expressway_version = raw.expressway_version.and_then(|v| self.version(v));
        let top_ca = raw.ca.and_then(|v| self.choice(&v, "ca", CaKind::CHOICES));
        let top = Top {
            version: expressway_version,
            ca: top_ca,
        };
        let top_subject = raw.subject.unwrap_or_default();
        let top_key = raw.key.unwrap_or_default();
        let tables = [
            (Role::ExpresswayC, raw.expressway_c),
            (Role::ExpresswayE, raw.expressway_e),
        ];
        if tables.iter().all(|(_, t)| t.is_none()) {
            self.push(Some(0..0), Problem::NoCluster);
        }
        let clusters: Vec<Cluster> = tables
            .into_iter()
            .filter_map(|(role, table)| Some((role, table?)))
            .filter_map(|(role, table)| self.cluster(role, table, &top, (&top_subject, &top_key)))
            .collect();
        self.refuse_shared_peers(source, &clusters);
        self.refuse_port_mismatch(&clusters);
        let settings = [
            raw.unified_cm.take_platform(),
            raw.im_presence.take_platform(),
        ];
        let unified_cm_nodes = self.names(raw.unified_cm.nodes, NameKind::Host);
        let im_presence_nodes = self.names(raw.im_presence.nodes, NameKind::Host);
        let [unified_cm, im_presence] = settings;
        let platforms = self.platforms(
            [
                (unified_cm, &unified_cm_nodes),
                (im_presence, &im_presence_nodes),
            ],
            (top_ca, &top_key),
        );
        let deployment = Deployment {
            source: Arc::clone(source),
            features,
            features_span,
            connections,
            expressway_version,
            registration_domains: self.names(raw.unified_cm.registration_domains, NameKind::Host),
            // The profile names go on the Expressway-C (source C).
            phone_security_profiles: self.names(
                raw.unified_cm.phone_security_profiles,
                profile_kind(
                    clusters
                        .iter()
                        .find(|c| c.role == Role::ExpresswayC)
                        .map_or(expressway_version, |c| c.version),
                ),
            ),
            unified_cm_nodes,
            chat_node_aliases: self.names(raw.im_presence.chat_node_aliases, NameKind::Host),
            im_presence_nodes,
            xmpp_federation_domains: self.names(raw.xmpp_federation.domains, NameKind::Host),
            platforms,
            clusters,
            allow: self.allowed_codes(raw.findings.allow),
        };
        self.refuse_oversized_plan(&deployment);
        deployment
    }

    fn features(&mut self, list: Option<Spanned<Vec<Text>>>) -> (Vec<Feature>, Option<Span>) {
        let Some(list) = list else {
            return (Vec::new(), None);
        };
        let span = list.span();
        let choices: Vec<(&'static str, Feature)> =
            Feature::ALL.into_iter().map(|f| (f.key(), f)).collect();
        let mut features: Vec<Feature> = list
            .into_inner()
            .iter()
            .filter_map(|f| self.choice(f, "feature", &choices))
            .collect();
        features.sort();
        features.dedup();
        (features, Some(span))
    }

    /// `connections`: the optional connections the deployment opens.
    fn opt_ins(&mut self, list: Vec<Text>) -> Vec<OptIn> {
        let choices: Vec<(&'static str, OptIn)> =
            OptIn::ALL.into_iter().map(|o| (o.key(), o)).collect();
        let mut out: Vec<OptIn> = list
            .iter()
            .filter_map(|o| self.choice(o, "connection", &choices))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    fn port(&mut self, value: Spanned<i64>) -> Option<u16> {
        let port = u16::try_from(*value.get_ref()).ok().filter(|p| *p != 0);
        if port.is_none() {
            self.push(
                Some(value.span()),
                Problem::InvalidPort {
                    value: *value.get_ref(),
                },
            );
        }
        port
    }

    /// The Expressway-C's traversal client zone and the Expressway-E's
    /// traversal server zone name one port.
    fn refuse_port_mismatch(&mut self, clusters: &[Cluster]) {
        let port = |role| {
            clusters
                .iter()
                .find(|c| c.role == role)
                .and_then(|c| Some((c.traversal_port?, c.span.clone())))
        };
        if let (Some((c, _)), Some((e, span))) = (port(Role::ExpresswayC), port(Role::ExpresswayE))
            && c != e
        {
            self.push(Some(span), Problem::TraversalPortMismatch { c, e });
        }
    }

    fn version(&mut self, value: Text) -> Option<Version> {
        let parsed = Version::parse(value.get_ref());
        if parsed.is_none() {
            self.push(
                Some(value.span()),
                Problem::InvalidVersion {
                    value: value.into_inner(),
                },
            );
        }
        parsed
    }

    fn cluster(
        &mut self,
        role: Role,
        table: Spanned<RawCluster>,
        top: &Top,
        (top_subject, top_key): (&RawSubject, &RawKey),
    ) -> Option<Cluster> {
        let span = table.span();
        let raw = table.into_inner();
        let before = self.errors.len();
        let version = match raw.expressway_version {
            Some(v) => self.version(v),
            None => top.version,
        };
        let table_ca = raw.ca.and_then(|v| self.choice(&v, "ca", CaKind::CHOICES));
        let cluster_name = raw.cluster_name.and_then(|n| self.name(n, NameKind::Fqdn));
        let peers = self.peers(role, &span, raw.peers, cluster_name.is_some())?;
        let clustered = cluster_name.is_some();
        let common_name = self.common_name(role, raw.common_name, clustered);
        let alternative_names = self.alternative_names(role, raw.alternative_names, clustered);
        let additional_names = self.names(raw.additional_names, NameKind::Host);
        let formats = self.formats(
            role,
            [
                raw.registration_domain_format,
                raw.xmpp_federation_domain_format,
                raw.chat_node_alias_format,
            ],
        );
        let (traversal_peer_addresses, tls_verify_subject_name) = self.traversal(
            role,
            raw.traversal_peer_addresses,
            raw.tls_verify_subject_name,
        );
        let traversal_port = raw.traversal_port.and_then(|p| self.port(p));
        let subject = self.subject(top_subject, raw.subject.as_ref());
        let (key, key_span) = self.key(top_key, raw.key.as_ref());
        let peer_ca = self.peer_ca(role, raw.peer_ca, &peers);
        let ca_given = table_ca.is_some() || top.ca.is_some() || !peer_ca.is_empty();
        (self.errors.len() == before).then_some(Cluster {
            version,
            ca: table_ca.or(top.ca).unwrap_or_default(),
            peer_ca,
            ca_given,
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
            traversal_port,
            subject,
            key,
            key_span,
        })
    }

    /// The peers: a sane number, at least one, a cluster name when several,
    /// none twice. `None` when the list is absurd (nothing else is checked).
    fn peers(
        &mut self,
        role: Role,
        span: &Span,
        raw: Vec<Text>,
        clustered: bool,
    ) -> Option<Vec<Name>> {
        if raw.len() > MAX_PEERS {
            let count = raw.len();
            self.push(Some(raw[0].span()), Problem::TooManyPeers { role, count });
            return None;
        }
        let before = self.errors.len();
        let peers = self.names(raw, NameKind::Fqdn);
        if peers.is_empty() && self.errors.len() == before {
            self.push(Some(span.clone()), Problem::NoPeers { role });
        }
        if peers.len() > 1 && !clustered {
            let problem = Problem::ClusterWithoutName {
                role,
                peers: peers.len(),
            };
            self.push(Some(span.clone()), problem);
        }
        self.refuse_duplicates(&peers, "peer");
        Some(peers)
    }

    fn common_name(
        &mut self,
        role: Role,
        value: Option<Text>,
        clustered: bool,
    ) -> CommonNameChoice {
        let default = if clustered {
            CommonNameChoice::Cluster
        } else {
            CommonNameChoice::Peer
        };
        let Some(value) = value else { return default };
        let Some(choice) = self.choice(&value, "common_name", CommonNameChoice::CHOICES) else {
            return default;
        };
        if choice == CommonNameChoice::Cluster && !clustered {
            let problem = Problem::ClusterCommonNameWithoutCluster { role };
            self.push(Some(value.span()), problem);
        }
        choice
    }

    fn alternative_names(
        &mut self,
        role: Role,
        value: Option<Text>,
        clustered: bool,
    ) -> AlternativeNamesChoice {
        let default = if clustered {
            AlternativeNamesChoice::ClusterAndThisPeer
        } else {
            AlternativeNamesChoice::None
        };
        let Some(value) = value else { return default };
        let choices = AlternativeNamesChoice::CHOICES;
        let Some(choice) = self.choice(&value, "alternative_names", choices) else {
            return default;
        };
        if choice != AlternativeNamesChoice::None && !clustered {
            let problem = Problem::ClusterAlternativeNamesWithoutCluster {
                role,
                value: value.get_ref().clone(),
            };
            self.push(Some(value.span()), problem);
        }
        choice
    }

    /// The `*_format` keys, in [`FORMAT_KEYS`] order; each allowed only
    /// where Cisco's table ever puts the element on this role.
    fn formats(&mut self, role: Role, values: [Option<Text>; 3]) -> Formats {
        let mut formats = Formats::default();
        for ((element, key), value) in FORMAT_KEYS.into_iter().zip(values) {
            let Some(value) = value else { continue };
            if !ever_applies(element, role) {
                let problem = Problem::FormatWithoutUse { key, role, element };
                self.push(Some(value.span()), problem);
                continue;
            }
            let choices: Vec<_> = row(element).formats.iter().map(|f| (f.key(), *f)).collect();
            if let Some(format) = self.choice(&value, key, &choices) {
                let span = Some(value.span());
                formats.set(element, FormatChoice { format, span });
            }
        }
        formats
    }

    /// One of `allowed`, or a problem with the nearest choice.
    pub(super) fn choice<T: Copy>(
        &mut self,
        value: &Text,
        what: &'static str,
        allowed: &[(&'static str, T)],
    ) -> Option<T> {
        let v = value.get_ref();
        if let Some((_, t)) = allowed.iter().find(|(k, _)| k == v) {
            return Some(*t);
        }
        let keys: Vec<&'static str> = allowed.iter().map(|(k, _)| *k).collect();
        let suggestion = crate::report::closest(v, keys.iter().copied());
        let problem = Problem::UnknownChoice {
            what,
            value: v.clone(),
            allowed: keys,
            suggestion,
        };
        self.push(Some(value.span()), problem);
        None
    }

    pub(super) fn name(&mut self, value: Text, kind: NameKind) -> Option<Name> {
        let span = value.span();
        match HostName::parse(value.get_ref(), kind) {
            Ok(name) => Some(Name { value: name, span }),
            Err(error) => {
                let value = value.into_inner();
                self.push(Some(span), Problem::InvalidName { value, error });
                None
            }
        }
    }

    pub(super) fn names(&mut self, values: Vec<Text>, kind: NameKind) -> Vec<Name> {
        if values.len() > MAX_NAMES_PER_LIST {
            let problem = Problem::TooManyNames {
                count: values.len(),
                max: MAX_NAMES_PER_LIST,
            };
            self.push(Some(values[0].span()), problem);
            return Vec::new();
        }
        values
            .into_iter()
            .filter_map(|v| self.name(v, kind))
            .collect()
    }

    fn refuse_duplicates(&mut self, names: &[Name], what: &'static str) {
        let mut seen: HashMap<&HostName, &HostName> = HashMap::new();
        for n in names {
            if let Some(first) = seen.insert(&n.value, &n.value) {
                let problem = Problem::Duplicate {
                    what,
                    value: n.value.to_string(),
                    first: first.to_string(),
                };
                self.push(Some(n.span.clone()), problem);
            }
        }
    }
}
