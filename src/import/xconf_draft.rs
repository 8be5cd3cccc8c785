//! The boxes read by [`super::xconfiguration`] put together into a draft:
//! one table per role (cluster name, peers, traversal zone names), the
//! domains by the services they are used for, and a `# check:` comment for
//! every guess and for what `xConfiguration` does not hold.

use super::draft::{Draft, DraftCluster, SharedTable, push_name, unique};
use super::xconf_lines::XconfProblem;
use super::xconfiguration::{At, BoxConfig, Zone};
use crate::cisco::xconfiguration::{DomainUse, TRAVERSAL_CLIENT, TRAVERSAL_SERVER};
use crate::cisco::{Feature, Format, Role};
use crate::pki::Document;
use crate::report::{Collector, Error};
use std::net::IpAddr;

/// Drafts a deployment from one or more boxes (C and E, any peers), and
/// the certificates in service, when given: what they add is taken, and
/// the draft's plan is compared with them.
pub(crate) fn draft(boxes: &[BoxConfig], installed: &[Document]) -> Result<Draft, Error> {
    let mut draft = Draft::default();
    for role in Role::ALL {
        let mine: Vec<&BoxConfig> = boxes.iter().filter(|b| b.role == role).collect();
        if !mine.is_empty() {
            draft.clusters.push(cluster_table(role, &mine, boxes)?);
        }
    }
    traversal_ports_agree(&mut draft);
    domains(&mut draft, boxes);
    features(&mut draft, boxes);
    let formats_known = super::installed::add(&mut draft, installed);
    not_in_xconfiguration(&mut draft, formats_known);
    if !installed.is_empty() {
        match super::compare(&mut draft, installed) {
            // A name the deployment file refuses: `toml` says so.
            Err(Error::Input(_)) | Ok(()) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(draft)
}

/// One role's table.
fn cluster_table(
    role: Role,
    mine: &[&BoxConfig],
    all: &[BoxConfig],
) -> Result<DraftCluster, Error> {
    let mut table = DraftCluster::new(role);
    table.cluster_name = cluster_name(role, mine)?;
    peers(&mut table, mine);
    if table.peers.is_empty() {
        let mut problems = Collector::default();
        problems.push(None, XconfProblem::NoName);
        problems.finish(&mine[0].source, ())?;
    }
    match role {
        Role::ExpresswayC => traversal_peers(&mut table, mine, all),
        Role::ExpresswayE => verify_name(&mut table, mine),
    }
    traversal_port(&mut table, role, mine);
    for b in mine {
        if let Some(g) = &b.role_guess {
            table
                .comments
                .push(format!("check: {}: {g}", b.source.name));
        }
    }
    unique(&mut table.comments);
    Ok(table)
}

/// The role's one cluster name; a second is an error where it is written.
fn cluster_name(role: Role, mine: &[&BoxConfig]) -> Result<Option<String>, Error> {
    let mut first: Option<(&At, &str)> = None;
    for b in mine {
        let Some(at) = &b.cluster_name else { continue };
        match first {
            None => first = Some((at, &b.source.name)),
            Some((f, _)) if f.value.eq_ignore_ascii_case(&at.value) => {}
            Some((f, file)) => {
                let mut problems = Collector::default();
                problems.push(
                    Some(at.span.clone()),
                    XconfProblem::SecondCluster {
                        role,
                        first: f.value.clone(),
                        first_file: file.to_owned(),
                        second: at.value.clone(),
                    },
                );
                problems.finish(&b.source, ())?;
            }
        }
    }
    Ok(first.map(|(at, _)| at.value.clone()))
}

/// The peers: System > Clustering's addresses, an IP address replaced by
/// the FQDN of the box that has it; a box alone is its own FQDN.
fn peers(table: &mut DraftCluster, mine: &[&BoxConfig]) {
    let mut listed: Vec<String> = Vec::new();
    for at in mine.iter().flat_map(|b| b.cluster_peers.values()) {
        push_name(&mut listed, &at.value);
    }
    for address in listed {
        let Ok(ip) = address.parse::<IpAddr>() else {
            push_name(&mut table.peers, &address);
            continue;
        };
        match owner(ip, mine.iter().copied()) {
            Some(fqdn) => {
                table.comments.push(format!(
                    "cluster peer {ip} (System > Clustering) is {fqdn}, the box with that address"
                ));
                push_name(&mut table.peers, &fqdn);
            }
            None => table.comments.push(format!(
                "check: cluster peer {ip} is given by IP address (System > Clustering); its \
                 certificate needs the peer's FQDN: add it to peers, or import that peer's \
                 xConfiguration too"
            )),
        }
    }
    if table.peers.is_empty() {
        for fqdn in mine.iter().filter_map(|b| b.fqdn()) {
            push_name(&mut table.peers, &fqdn);
        }
    }
}

/// The FQDN of the box that has `ip` on a LAN.
fn owner<'a>(ip: IpAddr, boxes: impl IntoIterator<Item = &'a BoxConfig>) -> Option<String> {
    boxes
        .into_iter()
        .find(|b| b.has_address(ip))
        .and_then(BoxConfig::fqdn)
}

/// The C's Unified Communications traversal zone peer addresses. An IP
/// address there is flagged: with TLS verify the C checks the name against
/// the E's certificate, which carries FQDNs.
fn traversal_peers(table: &mut DraftCluster, mine: &[&BoxConfig], all: &[BoxConfig]) {
    let zones: Vec<&Zone> = mine
        .iter()
        .flat_map(|b| b.unified_zones(TRAVERSAL_CLIENT))
        .collect();
    let edges = all.iter().filter(|b| b.role == Role::ExpresswayE);
    for zone in &zones {
        for at in zone.peers.values() {
            let Ok(ip) = at.value.parse::<IpAddr>() else {
                push_name(&mut table.traversal_peer_addresses, &at.value);
                continue;
            };
            let fqdn = owner(ip, edges.clone());
            table.comments.push(format!(
                "check: traversal zone \"{}\" names its Expressway-E by IP address {ip}; the \
                 Expressway-C checks that name against the Expressway-E's certificate, which \
                 carries FQDNs: enter the Expressway-E's FQDN as the peer address{}",
                zone.name,
                fqdn.as_ref()
                    .map_or_else(String::new, |f| format!(" ({f} has {ip})"))
            ));
            if let Some(fqdn) = fqdn {
                push_name(&mut table.traversal_peer_addresses, &fqdn);
            }
        }
    }
}

/// The Unified Communications traversal zone's SIP port (`Zones Zone N
/// TraversalClient SIP Port` on the C, `TraversalServer` on the E; TAC
/// 212475's dump has 7003), when it is not Cisco's 7001; a value that is
/// not a port, or two zones on two ports, is flagged.
fn traversal_port(table: &mut DraftCluster, role: Role, mine: &[&BoxConfig]) {
    let kind = match role {
        Role::ExpresswayC => TRAVERSAL_CLIENT,
        Role::ExpresswayE => TRAVERSAL_SERVER,
    };
    let default = crate::cisco::connections::traversal_zone().port;
    let mut ports: Vec<u16> = Vec::new();
    for zone in mine.iter().flat_map(|b| b.unified_zones(kind)) {
        let Some(at) = &zone.sip_port else { continue };
        match at.value.parse::<u16>() {
            Ok(port) if port != 0 => ports.push(port),
            _ => table.comments.push(format!(
                "check: traversal zone \"{}\" has SIP port \"{}\", not a TCP port",
                zone.name, at.value
            )),
        }
    }
    ports.sort_unstable();
    ports.dedup();
    match ports.as_slice() {
        [port] if *port != default => table.traversal_port = Some(*port),
        [_, _, ..] => {
            let list: Vec<String> = ports.iter().map(u16::to_string).collect();
            table.comments.push(format!(
                "check: the traversal zones use several SIP ports ({}); the deployment file \
                 holds one traversal_port",
                list.join(", ")
            ));
        }
        _ => {}
    }
}

/// With both roles' boxes: the C's traversal zone connects to the port the
/// E's listens on, or the zone cannot come up; a difference is flagged on
/// the E's table.
fn traversal_ports_agree(draft: &mut Draft) {
    let default = crate::cisco::connections::traversal_zone().port;
    let port = |role| {
        draft
            .clusters
            .iter()
            .find(|t| t.role == Some(role))
            .map(|t| t.traversal_port.unwrap_or(default))
    };
    let (Some(c), Some(e)) = (port(Role::ExpresswayC), port(Role::ExpresswayE)) else {
        return;
    };
    if c == e {
        return;
    }
    if let Some(table) = draft
        .clusters
        .iter_mut()
        .find(|t| t.role == Some(Role::ExpresswayE))
    {
        table.comments.push(format!(
            "check: the Expressway-C's traversal zone connects to SIP port {c}, the \
             Expressway-E's listens on {e}: the zone cannot come up; set both to one port"
        ));
    }
}

/// The E's TLS verify subject name; a second zone's other name, an IP
/// address and TLS verify Off are flagged.
fn verify_name(table: &mut DraftCluster, mine: &[&BoxConfig]) {
    let zones: Vec<&Zone> = mine
        .iter()
        .flat_map(|b| b.unified_zones(TRAVERSAL_SERVER))
        .collect();
    for zone in zones {
        if zone.verify == Some(false) {
            table.comments.push(format!(
                "check: TLS verify mode is Off on traversal zone \"{}\": the Expressway-E does \
                 not check the Expressway-C's certificate name",
                zone.name
            ));
        }
        let Some(at) = &zone.verify_name else {
            continue;
        };
        if at.value.parse::<IpAddr>().is_ok() {
            table.comments.push(format!(
                "check: traversal zone \"{}\" verifies the IP address {}; the Expressway-C's \
                 certificate carries FQDNs: enter its cluster name or FQDN",
                zone.name, at.value
            ));
        } else if let Some(name) = &table.tls_verify_subject_name {
            if !name.eq_ignore_ascii_case(&at.value) {
                table.comments.push(format!(
                    "check: traversal zone \"{}\" verifies {}, another zone {name}; the \
                     deployment file holds one TLS verify subject name",
                    zone.name, at.value
                ));
            }
        } else {
            table.tls_verify_subject_name = Some(at.value.clone());
        }
    }
}

/// Configuration > Domains: the Unified CM registrations domains are the
/// edge domains, the XMPP federation ones the federation domains.
fn domains(draft: &mut Draft, boxes: &[BoxConfig]) {
    for d in boxes.iter().flat_map(|b| b.domains.values()) {
        if d.name.is_empty() {
            continue;
        }
        let uses = |u: DomainUse| d.uses.contains(&u);
        if uses(DomainUse::UnifiedCmRegistrations) {
            draft.add_registration_domain(d.name.clone(), Format::Dns);
        } else if uses(DomainUse::ImAndPresence) {
            draft.table_comments.push((
                SharedTable::UnifiedCm,
                format!(
                    "check: {} is an IM and Presence Service domain, not a Unified CM \
                     registrations domain; the Expressway-E certificate carries the Unified \
                     CM registrations domains: add it to registration_domains if Jabber \
                     discovers the edge with it",
                    d.name
                ),
            ));
        }
        if uses(DomainUse::XmppFederation) {
            draft.add_federation_domain(&d.name);
        }
        if uses(DomainUse::JabberGuest) {
            draft.features.push(Feature::JabberGuest);
        }
    }
    unique(&mut draft.table_comments);
}

/// The features the configuration shows; business-to-business is a guess.
fn features(draft: &mut Draft, boxes: &[BoxConfig]) {
    let unified = boxes.iter().any(|b| b.zones.values().any(|z| z.unified));
    if unified || !draft.registration_domains.is_empty() {
        draft.features.push(Feature::MobileRemoteAccess);
    }
    if !draft.federation_domains.is_empty() {
        draft.features.push(Feature::XmppFederation);
    }
    draft.features.sort();
    draft.features.dedup();
    for b in boxes {
        for z in b.zones.values() {
            let traversal = z.is(TRAVERSAL_CLIENT) || z.is(TRAVERSAL_SERVER);
            if traversal && !z.unified {
                draft.feature_comments.push(format!(
                    "check: the {} has traversal zone \"{}\", not a Unified Communications \
                     zone: add business-to-business if it carries business-to-business calls",
                    b.role.title(),
                    z.name
                ));
            }
        }
    }
    unique(&mut draft.feature_comments);
}

/// What an admin must add by hand, and where to find it.
fn not_in_xconfiguration(draft: &mut Draft, formats_known: bool) {
    draft.notes.push(
        "the release is not in xConfiguration: add expressway_version (Status > \
         Overview shows the software version); the 2026 clientAuth sunset depends on it"
            .into(),
    );
    draft.notes.push(
        "who signs the certificates is not in xConfiguration: add ca = \"public\" if a \
         public CA does"
            .into(),
    );
    if !draft.registration_domains.is_empty() && !formats_known {
        draft.table_comments.push((
            SharedTable::UnifiedCm,
            "check: how the CSR writes the edge domains is not in xConfiguration: \
             registration_domain_format is \"dns\" here; \"collab-edge-dns\" keeps the bare \
             domain out of the certificate (Cisco's certificate requirements)"
                .into(),
        ));
    }
    let has = |f: Feature| draft.features.contains(&f);
    if has(Feature::MobileRemoteAccess) && draft.phone_security_profiles.is_empty() {
        draft.table_comments.push((
            SharedTable::UnifiedCm,
            format!(
                "check: phone security profile names are not in xConfiguration: copy the names \
                 of the TLS profiles MRA devices use, as they are, from {}\n\
                 phone_security_profiles = []",
                crate::cisco::page::PHONE_SECURITY_PROFILE_MENU
            ),
        ));
    }
    if has(Feature::XmppFederation) && draft.chat_node_aliases.is_empty() {
        draft.table_comments.push((
            SharedTable::ImPresence,
            format!(
                "check: chat node aliases are not in xConfiguration: copy them from {} (the \
                 Expressway-C's Generate CSR page lists them too, once it has discovered the IM \
                 and Presence servers)\nchat_node_aliases = []",
                crate::cisco::page::CHAT_NODE_ALIAS_MENU
            ),
        ));
    }
}
