//! `sancsr import certificates`: a deployment drafted from the certificates
//! in service. The SAN list is read back into the table's elements, as the
//! planner writes them (source C):
//! - `collab-edge.<domain>` and `SRV:_collab-edge._tls.<domain>`: a
//!   registration domain, so the certificate is the Expressway-E's;
//! - a name on both roles' certificates: a chat node alias;
//! - an `XMPP:` name on the E only: an XMPP federation domain;
//! - a C-only name with "profile" in it: a phone security profile name;
//! - the rest: additional names.
//!
//! Every guess is recorded with its reason; the draft says each one.

use super::draft::{Draft, DraftCluster, Guess, PageChoices, SharedTable, push_name, unique};
use crate::cisco::{Feature, Format, Role, SanKind};
use crate::model::AltName;
use crate::pki::Document;
use crate::pki::document::KeyKind;
use std::collections::HashMap;

/// A certificate in service and the role it was given.
struct Installed<'a> {
    doc: &'a Document,
    role: Role,
}

/// Drafts a deployment from leaf certificates (CA certificates are left out).
pub(crate) fn draft(docs: &[Document]) -> Draft {
    let mut guesses = Vec::new();
    let installed: Vec<Installed<'_>> = one_per_peer(docs)
        .into_iter()
        .map(|doc| Installed {
            doc,
            role: role_of(doc, &mut guesses),
        })
        .collect();
    let mut draft = Draft::default();
    let both = names_on_both_roles(&installed);
    for role in Role::ALL {
        let mine: Vec<&Installed<'_>> = installed.iter().filter(|i| i.role == role).collect();
        if mine.is_empty() {
            continue;
        }
        let cluster = cluster(role, &mine, &both, &mut draft, &mut guesses);
        draft.clusters.push(cluster);
    }
    draft.chat_node_aliases = both.iter().map(|n| n.value.clone()).collect();
    if !draft.chat_node_aliases.is_empty() {
        draft.features.push(Feature::XmppFederation);
    }
    if !draft.registration_domains.is_empty() || !draft.phone_security_profiles.is_empty() {
        draft.features.push(Feature::MobileRemoteAccess);
    }
    draft.features.sort();
    draft.features.dedup();
    unique(&mut guesses);
    draft.guesses = guesses;
    draft.feature_comments.push(
        "check: Jabber Guest and business-to-business calls leave no trace in the names; add \
         them to features if they are used"
            .into(),
    );
    if !draft.chat_node_aliases.is_empty() {
        draft.table_comments.push((
            SharedTable::ImPresence,
            "check: the IM and Presence node FQDNs are not in any Expressway certificate \
             (Cisco Unified CM Administration > System > Server)\nnodes = []"
                .into(),
        ));
    }
    draft
}

/// The leaves, one per peer: the same certificate in two files (a leaf and
/// a full chain, a PKCS#7 that holds it twice) is one certificate, and an
/// X15.5 peer's server and client certificates, which carry the same
/// names, are one peer (its server certificate speaks for it).
fn one_per_peer(docs: &[Document]) -> Vec<&Document> {
    let names = |d: &Document| {
        let mut v: Vec<String> = d.host_names().map(str::to_ascii_lowercase).collect();
        v.sort();
        v.dedup();
        v
    };
    let server = |d: &Document| d.extended_key_usage.as_ref().is_none_or(|e| e.server_auth);
    let mut out: Vec<&Document> = Vec::new();
    for doc in docs.iter().filter(|d| is_leaf(d)) {
        match out
            .iter_mut()
            .find(|o| o.der == doc.der || names(o) == names(doc))
        {
            Some(kept) if !server(kept) && server(doc) => *kept = doc,
            Some(_) => {}
            None => out.push(doc),
        }
    }
    out
}

/// A leaf: not a CA, or a self-signed service certificate with serverAuth.
pub(crate) fn is_leaf(d: &Document) -> bool {
    let server = d.extended_key_usage.as_ref().is_some_and(|e| e.server_auth);
    !d.is_ca || server
}

/// The Expressway-E carries the edge domains (CollabEdgeDNS or SRVName,
/// source C); without them the role is a guess.
fn role_of(doc: &Document, guesses: &mut Vec<Guess>) -> Role {
    let edge = doc.alt_names().any(|n| edge_domain(n).is_some());
    if edge {
        return Role::ExpresswayE;
    }
    let name = doc.common_names.first().cloned().unwrap_or_default();
    guesses.push(Guess::new(format!(
        "{name}: taken for an Expressway-C (no collab-edge or SRV name); move it to \
         [expressway_e] if it is an Expressway-E"
    )));
    Role::ExpresswayC
}

/// The registration domain a name stands for, and its format.
fn edge_domain(name: &AltName) -> Option<(String, Format)> {
    match name.kind {
        SanKind::Dns => name
            .value
            .strip_prefix("collab-edge.")
            .map(|d| (d.to_owned(), Format::CollabEdgeDns)),
        SanKind::Srv => name
            .value
            .strip_prefix("_collab-edge._tls.")
            .map(|d| (d.to_owned(), Format::Srv)),
        SanKind::Xmpp => None,
    }
}

/// Names found on both roles' certificates (chat node aliases), in the
/// order first seen.
fn names_on_both_roles(installed: &[Installed<'_>]) -> Vec<AltName> {
    let on = |role: Role| -> Vec<&AltName> {
        installed
            .iter()
            .filter(|i| i.role == role)
            .flat_map(|i| i.doc.alt_names())
            .collect()
    };
    let (c, e) = (on(Role::ExpresswayC), on(Role::ExpresswayE));
    let mut out: Vec<AltName> = Vec::new();
    for n in &c {
        let shared = e.iter().any(|m| m.value.eq_ignore_ascii_case(&n.value));
        if shared && !out.iter().any(|o| o.value.eq_ignore_ascii_case(&n.value)) {
            out.push((*n).clone());
        }
    }
    out
}

/// One role's table: cluster name, peers, choices, and the names.
fn cluster(
    role: Role,
    mine: &[&Installed<'_>],
    both: &[AltName],
    draft: &mut Draft,
    guesses: &mut Vec<Guess>,
) -> DraftCluster {
    let counts = name_counts(mine);
    let shared_by_all =
        |n: &AltName| counts.get(&n.value.to_ascii_lowercase()) == Some(&mine.len());
    let cluster_name = if mine.len() > 1 {
        first_dns(mine[0].doc, |n| shared_by_all(n) && !is_structured(n, both))
    } else {
        lone_cluster(mine[0].doc, guesses)
    };
    let mut table = DraftCluster::new(role);
    table.cluster_name.clone_from(&cluster_name);
    for i in mine {
        let peer = peer_of(i.doc, cluster_name.as_deref(), &counts);
        table.peers.push(peer);
    }
    table.page = Some(PageChoices {
        common_name_is_cluster: cluster_name.is_some()
            && mine[0].doc.common_names.first().map(String::as_str) == cluster_name.as_deref(),
        all_peers: mine.len() > 1
            && table
                .peers
                .iter()
                .all(|p| mine.iter().all(|i| has_dns(i.doc, p))),
    });
    table.additional_names = elements(role, mine, both, &table, draft, guesses);
    table.chat_alias_xmpp = mine.iter().flat_map(|i| i.doc.alt_names()).any(|n| {
        n.kind == SanKind::Xmpp && both.iter().any(|b| b.value.eq_ignore_ascii_case(&n.value))
    });
    table.subject = mine[0].doc.subject_fields.clone();
    table.key = key_of(mine[0].doc);
    table
}

/// One certificate whose common name has a sibling in its SANs with the
/// same parent domain and a longer first label (`expc` and `expc1`): a
/// one-peer cluster, as Cisco's Figure 1 draws it. A guess, said aloud.
fn lone_cluster(doc: &Document, guesses: &mut Vec<Guess>) -> Option<String> {
    let cn = doc.common_names.first()?.to_ascii_lowercase();
    let (cn_first, cn_parent) = cn.split_once('.')?;
    let sibling = first_dns(doc, |n| {
        let v = n.value.to_ascii_lowercase();
        v.split_once('.').is_some_and(|(first, parent)| {
            parent == cn_parent && first != cn_first && first.starts_with(cn_first)
        })
    })?;
    guesses.push(Guess::new(format!(
        "{cn} is taken for the cluster name and {sibling} for its one peer (the common name's \
         sibling in the SANs); make {cn} the peer and drop cluster_name if the box is not clustered"
    )));
    Some(doc.common_names[0].clone())
}

/// How many of the role's certificates carry each name (lower case, once
/// per certificate).
fn name_counts(mine: &[&Installed<'_>]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for i in mine {
        let names: std::collections::HashSet<String> =
            i.doc.host_names().map(str::to_ascii_lowercase).collect();
        for n in names {
            *counts.entry(n).or_insert(0) += 1;
        }
    }
    counts
}

fn first_dns(doc: &Document, pick: impl Fn(&AltName) -> bool) -> Option<String> {
    doc.alt_names()
        .filter(|n| n.kind == SanKind::Dns)
        .find(|n| pick(n))
        .map(|n| n.value.clone())
}

fn has_dns(doc: &Document, name: &str) -> bool {
    doc.host_names().any(|n| n.eq_ignore_ascii_case(name))
}

/// A name the table's elements explain (an edge domain or a chat alias).
fn is_structured(n: &AltName, both: &[AltName]) -> bool {
    edge_domain(n).is_some() || both.iter().any(|b| b.value.eq_ignore_ascii_case(&n.value))
}

/// The peer's FQDN: its common name unless that is the cluster's, else its
/// first name no other certificate of the role carries.
fn peer_of(doc: &Document, cluster: Option<&str>, counts: &HashMap<String, usize>) -> String {
    let cn = doc.common_names.first().cloned().unwrap_or_default();
    if cluster.is_none_or(|c| !c.eq_ignore_ascii_case(&cn)) {
        return cn;
    }
    let is_cluster = |n: &AltName| cluster.is_some_and(|c| c.eq_ignore_ascii_case(&n.value));
    first_dns(doc, |n| {
        !is_cluster(n) && counts.get(&n.value.to_ascii_lowercase()) == Some(&1)
    })
    .unwrap_or(cn)
}

/// Sorts the role's remaining names into the table's elements; returns
/// the additional names.
fn elements(
    role: Role,
    mine: &[&Installed<'_>],
    both: &[AltName],
    table: &DraftCluster,
    draft: &mut Draft,
    guesses: &mut Vec<Guess>,
) -> Vec<String> {
    let own = |v: &str| {
        table
            .cluster_name
            .as_deref()
            .is_some_and(|c| c.eq_ignore_ascii_case(v))
            || table.peers.iter().any(|p| p.eq_ignore_ascii_case(v))
    };
    let mut additional: Vec<String> = Vec::new();
    for n in mine.iter().flat_map(|i| i.doc.alt_names()) {
        if own(&n.value) || both.iter().any(|b| b.value.eq_ignore_ascii_case(&n.value)) {
            continue;
        }
        if let Some((domain, format)) = edge_domain(n) {
            draft.add_registration_domain(domain, format);
        } else if n.kind == SanKind::Xmpp && role == Role::ExpresswayE {
            draft.add_federation_domain(&n.value);
            draft.federation_xmpp_address = true;
        } else if role == Role::ExpresswayC && n.value.to_ascii_lowercase().contains("profile") {
            draft.add_profile(&n.value, guesses);
        } else if n.kind == SanKind::Dns {
            push_name(&mut additional, &n.value);
        }
    }
    if !additional.is_empty() {
        guesses.push(Guess::new(format!(
            "[{}] additional_names holds what no table element explains ({}): a registration \
             domain or federation domain written in DNS format looks the same",
            role.table(),
            additional.join(", ")
        )));
    }
    additional
}

/// The key's algorithm and size; the digest is not in a certificate.
fn key_of(doc: &Document) -> Option<(&'static str, u32)> {
    let bits = doc.key.bits?;
    match doc.key.algorithm {
        KeyKind::Rsa => Some(("rsa", bits)),
        KeyKind::Ecdsa => Some(("ecdsa", bits)),
        _ => None,
    }
}
