//! `sancsr import xconfiguration`: one Expressway's `xConfiguration`
//! output, read into what a deployment file needs (the settings are
//! `cisco::xconfiguration`'s table): its name, its cluster, its domains and
//! its traversal zones. [`super::xconf_draft`] puts the boxes together.

use super::xconf_lines::{self, Setting, XconfProblem};
use crate::cisco::Role;
use crate::cisco::xconfiguration::{DomainUse, Reads, TRAVERSAL_CLIENT, TRAVERSAL_SERVER, flag};
use crate::report::{Collector, Error, Source, Span};
use std::collections::BTreeMap;
use std::net::IpAddr;
use std::sync::Arc;

/// A value and where it is in its file.
#[derive(Debug, Clone)]
pub(crate) struct At {
    /// The value.
    pub value: String,
    /// Where.
    pub span: Span,
}

/// A zone (Configuration > Zones > Zones).
#[derive(Debug, Clone, Default)]
pub(crate) struct Zone {
    /// Its name.
    pub name: String,
    /// `TraversalClient`, `TraversalServer`, `Neighbor`, ...
    pub kind: String,
    /// A Unified Communications traversal zone (`Collaboration Edge: On`).
    pub unified: bool,
    /// A traversal client's peer addresses, by index.
    pub peers: BTreeMap<u32, At>,
    /// A traversal server's TLS verify subject name.
    pub verify_name: Option<At>,
    /// A traversal server's TLS verify mode.
    pub verify: Option<bool>,
    /// Its SIP port, as the dump gives it.
    pub sip_port: Option<At>,
}

impl Zone {
    /// Whether it is a traversal zone of this side.
    pub(crate) fn is(&self, kind: &str) -> bool {
        self.kind.eq_ignore_ascii_case(kind)
    }
}

/// A domain (Configuration > Domains) and the services it is used for.
#[derive(Debug, Clone, Default)]
pub(crate) struct Domain {
    /// The domain.
    pub name: String,
    /// The services switched On.
    pub uses: Vec<DomainUse>,
}

/// One Expressway, as far as the import reads it.
#[derive(Debug, Clone)]
pub(crate) struct BoxConfig {
    /// Its file.
    pub source: Arc<Source>,
    /// C or E, from its traversal zones.
    pub role: Role,
    /// Said when the role is a guess.
    pub role_guess: Option<String>,
    /// System > DNS.
    pub host: Option<String>,
    /// System > DNS.
    pub domain: Option<String>,
    /// Its LAN addresses.
    pub lan: Vec<IpAddr>,
    /// System > Clustering.
    pub cluster_name: Option<At>,
    /// System > Clustering, by index.
    pub cluster_peers: BTreeMap<u32, At>,
    /// Configuration > Domains, by index.
    pub domains: BTreeMap<u32, Domain>,
    /// Configuration > Zones, by index.
    pub zones: BTreeMap<u32, Zone>,
}

impl BoxConfig {
    /// Reads one box's `xConfiguration` output; every problem in the file
    /// is reported at once.
    pub(crate) fn read(name: &str, text: String) -> Result<BoxConfig, Error> {
        let source = Source::new(name, text);
        let mut problems = Collector::default();
        let settings = xconf_lines::read(&source, &mut problems);
        let mut config = BoxConfig {
            source: Arc::clone(&source),
            role: Role::ExpresswayC,
            role_guess: None,
            host: None,
            domain: None,
            lan: Vec::new(),
            cluster_name: None,
            cluster_peers: BTreeMap::new(),
            domains: BTreeMap::new(),
            zones: BTreeMap::new(),
        };
        settings.into_iter().for_each(|s| config.apply(s));
        if problems.len() == 0 {
            match config.traversal_role() {
                Ok((role, guess)) => (config.role, config.role_guess) = (role, guess),
                Err(p) => problems.push(None, p),
            }
            if config.fqdn().is_none() && config.cluster_peers.is_empty() {
                problems.push(None, XconfProblem::NoName);
            }
        }
        problems.finish(&source, config)
    }

    /// The box's FQDN: System > DNS host name and domain name.
    pub(crate) fn fqdn(&self) -> Option<String> {
        fqdn(self.host.as_deref(), self.domain.as_deref())
    }

    /// The Unified Communications traversal zones, client or server.
    pub(crate) fn unified_zones(&self, kind: &'static str) -> impl Iterator<Item = &Zone> {
        self.zones.values().filter(move |z| z.unified && z.is(kind))
    }

    /// Whether the box has this address on a LAN.
    pub(crate) fn has_address(&self, ip: IpAddr) -> bool {
        self.lan.contains(&ip)
    }
}

fn fqdn(host: Option<&str>, domain: Option<&str>) -> Option<String> {
    let host = host.filter(|h| !h.is_empty())?;
    match domain.filter(|d| !d.is_empty()) {
        _ if host.contains('.') => Some(host.to_owned()),
        Some(domain) => Some(format!("{host}.{domain}")),
        None => None,
    }
}

impl BoxConfig {
    /// Takes one setting into the box.
    fn apply(&mut self, s: Setting) {
        if s.value.is_empty() {
            return;
        }
        let first = s.indexes.first().copied().unwrap_or(0);
        let on = flag(&s.value) == Some(true);
        let at = At {
            value: s.value.clone(),
            span: s.span.clone(),
        };
        match s.field.reads {
            Reads::ClusterName => self.cluster_name = Some(at),
            Reads::ClusterPeer => drop(self.cluster_peers.insert(first, at)),
            Reads::HostName => self.host = Some(s.value),
            Reads::DomainName => self.domain = Some(s.value),
            Reads::LanAddress => self.lan.extend(s.value.parse::<IpAddr>().ok()),
            Reads::SipDomain => self.domains.entry(first).or_default().name = s.value,
            Reads::DomainUse(u) if on => self.domains.entry(first).or_default().uses.push(u),
            Reads::DomainUse(_) => {}
            Reads::ZoneName => self.zone(first).name = s.value,
            Reads::ZoneType => self.zone(first).kind = s.value,
            Reads::UnifiedCommunications => self.zone(first).unified = on,
            Reads::TraversalPeer => {
                let peer = s.indexes.get(1).copied().unwrap_or(0);
                self.zone(first).peers.insert(peer, at);
            }
            Reads::TlsVerifySubjectName => self.zone(first).verify_name = Some(at),
            Reads::TlsVerifyMode => self.zone(first).verify = Some(on),
            Reads::TraversalPort => self.zone(first).sip_port = Some(at),
        }
    }

    fn zone(&mut self, index: u32) -> &mut Zone {
        self.zones.entry(index).or_default()
    }

    /// C or E: the Unified Communications traversal zone says; any other
    /// traversal zone is a guess, said aloud.
    fn traversal_role(&self) -> Result<(Role, Option<String>), XconfProblem> {
        let has = |kind: &str, unified: bool| {
            self.zones
                .values()
                .find(|z| z.is(kind) && (z.unified || !unified))
        };
        let unified = (has(TRAVERSAL_CLIENT, true), has(TRAVERSAL_SERVER, true));
        let any = (has(TRAVERSAL_CLIENT, false), has(TRAVERSAL_SERVER, false));
        match (unified, any) {
            ((Some(_), None), _) => Ok((Role::ExpresswayC, None)),
            ((None, Some(_)), _) => Ok((Role::ExpresswayE, None)),
            ((Some(_), Some(_)), _) => Err(XconfProblem::BothRoles),
            (_, (Some(z), None)) => Ok((Role::ExpresswayC, Some(guess(z, Role::ExpresswayC)))),
            (_, (None, Some(z))) => Ok((Role::ExpresswayE, Some(guess(z, Role::ExpresswayE)))),
            _ => Err(XconfProblem::NoRole),
        }
    }
}

fn guess(zone: &Zone, role: Role) -> String {
    format!(
        "taken for an {} from its traversal zone \"{}\", which is not a Unified \
         Communications zone; move its names to [{}] if it is the other role",
        role.title(),
        zone.name,
        role.other().table()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fqdn_joins_host_and_domain() {
        let cases = [
            (
                Some("expc1"),
                Some("example.com"),
                Some("expc1.example.com"),
            ),
            (Some("expc1.example.com"), None, Some("expc1.example.com")),
            (Some("expc1"), None, None),
            (None, Some("example.com"), None),
            (Some(""), Some("example.com"), None),
        ];
        for (host, domain, want) in cases {
            assert_eq!(fqdn(host, domain).as_deref(), want, "{host:?} {domain:?}");
        }
    }
}
