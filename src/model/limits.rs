//! Checks across tables: a box in one role only, and a plan small enough
//! to hold in memory.

use super::problem::Problem;
use super::validate::Checker;
use super::{Cluster, Deployment, MAX_PLANNED_NAMES};
use crate::report::Source;

impl Checker {
    /// A box is an Expressway-C or an Expressway-E, not both.
    pub(super) fn refuse_shared_peers(&mut self, source: &Source, clusters: &[Cluster]) {
        let [c, e] = clusters else { return };
        for peer in &e.peers {
            if let Some(first) = c.peers.iter().find(|p| p.value == peer.value) {
                let problem = Problem::PeerInBothRoles {
                    value: peer.value.to_string(),
                    first: source.location(first.span.start).to_string(),
                };
                self.push(Some(peer.span.clone()), problem);
            }
        }
    }

    /// Peers × names past [`MAX_PLANNED_NAMES`] is refused before planning.
    pub(super) fn refuse_oversized_plan(&mut self, d: &Deployment) {
        let lists = [
            &d.registration_domains,
            &d.phone_security_profiles,
            &d.chat_node_aliases,
            &d.xmpp_federation_domains,
        ];
        let shared: usize = lists.iter().map(|l| l.len()).sum();
        let planned: usize = d
            .clusters
            .iter()
            .map(|c| c.peers.len() * (shared + c.additional_names.len() + 2))
            .sum();
        if planned <= MAX_PLANNED_NAMES {
            return;
        }
        let longest = d
            .clusters
            .iter()
            .map(|c| &c.additional_names)
            .chain(lists)
            .max_by_key(|l| l.len())
            .and_then(|l| l.first());
        let problem = Problem::PlanTooLarge {
            names: planned,
            max: MAX_PLANNED_NAMES,
        };
        self.push(longest.map(|n| n.span.clone()), problem);
    }
}
