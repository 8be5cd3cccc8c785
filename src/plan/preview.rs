//! The Expressway's own computation of "Alternative name as it will
//! appear", from the values typed on the Generate CSR page.
//!
//! The box adds, in order (source A, F, G in `docs/cisco-rules.md`): the
//! common name, always; the cluster FQDN and this peer's FQDN, or all
//! peers' FQDNs, as "Subject alternative names" chooses; the "Additional
//! alternative names"; then each element field, written in its format. A
//! name already listed, ignoring case, is not repeated. The plan must give
//! exactly what these values give: [`preview`] is that check, run on every
//! planned certificate by the tests and the fuzz targets (a test seam: only
//! in test builds and with the `test-seams` feature).

use crate::cisco::page::fields;
use crate::cisco::{AlternativeNamesChoice, CommonNameChoice, ELEMENT_ORDER, Format, row};
use crate::model::AltName;

/// What the box knows besides the page: its cluster and peers.
#[derive(Debug, Clone)]
pub struct BoxFacts<'a> {
    /// The cluster FQDN (System > Clustering), if clustered.
    pub cluster_name: Option<&'a str>,
    /// This peer's FQDN.
    pub this_peer: &'a str,
    /// Every peer's FQDN, in cluster order.
    pub peers: Vec<&'a str>,
}

/// One field as typed: its label, its value, and its Format drop-down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Typed<'a> {
    /// The label.
    pub field: &'a str,
    /// What was entered.
    pub value: &'a str,
    /// The Format chosen next to it, if any.
    pub format: Option<&'a str>,
}

/// The preview the page shows for these field values, or why the values
/// cannot be typed.
pub fn preview(page: &[Typed<'_>], facts: &BoxFacts<'_>) -> Result<Vec<AltName>, String> {
    let field = |label: &str| page.iter().find(|f| f.field == label);
    let mut names: Vec<AltName> = Vec::new();
    let mut add = |name: AltName| {
        if !names.contains(&name) {
            names.push(name);
        }
    };
    let cn = field(fields::COMMON_NAME).ok_or("no Common name field")?;
    add(AltName::dns(common_name(cn.value, facts)?));
    let choice = alternative_names(field(fields::ALTERNATIVE_NAMES))?;
    if choice != AlternativeNamesChoice::None {
        let cluster = facts
            .cluster_name
            .ok_or("a cluster choice on an unclustered box")?;
        add(AltName::dns(cluster));
        let peers = match choice {
            AlternativeNamesChoice::ClusterAndAllPeers => facts.peers.clone(),
            _ => vec![facts.this_peer],
        };
        peers.into_iter().for_each(|p| add(AltName::dns(p)));
    }
    if let Some(additional) = field(fields::ADDITIONAL_NAMES) {
        listed(additional.value).for_each(|n| add(AltName::dns(n)));
    }
    for element in ELEMENT_ORDER {
        let Some(f) = field(row(element).title) else {
            continue;
        };
        let format = match f.format {
            Some(title) => Format::ALL
                .into_iter()
                .find(|x| x.title() == title)
                .ok_or_else(|| format!("unknown format {title}"))?,
            None => Format::Dns,
        };
        for name in listed(f.value) {
            let (kind, value) = format.write(name);
            add(AltName::new(kind, value));
        }
    }
    Ok(names)
}

/// The comma-separated entries of a field.
fn listed(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty())
}

/// "FQDN of Expressway cluster (…)" or "FQDN of this peer (…)".
fn common_name<'a>(value: &str, facts: &BoxFacts<'a>) -> Result<&'a str, String> {
    if value.starts_with(CommonNameChoice::Cluster.title()) {
        facts
            .cluster_name
            .ok_or_else(|| "the cluster FQDN as common name of an unclustered box".to_owned())
    } else if value.starts_with(CommonNameChoice::Peer.title()) {
        Ok(facts.this_peer)
    } else {
        Err(format!("unknown common name choice {value:?}"))
    }
}

fn alternative_names(field: Option<&Typed<'_>>) -> Result<AlternativeNamesChoice, String> {
    let value = field.ok_or("no Subject alternative names field")?.value;
    AlternativeNamesChoice::CHOICES
        .iter()
        .map(|(_, c)| *c)
        .find(|c| c.title() == value)
        .ok_or_else(|| format!("unknown Subject alternative names choice {value:?}"))
}
