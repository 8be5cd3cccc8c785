//! The keys of an `[expressway_c]` or `[expressway_e]` table that concern
//! one role or one peer: the traversal zone's names, each taken by one role
//! only, and `peer_ca`.

use super::Name;
use super::names::{HostName, NameKind};
use super::problem::Problem;
use super::raw::Text;
use super::validate::Checker;
use crate::cisco::{CaKind, Role};
use std::collections::BTreeMap;
use toml::Spanned;

impl Checker {
    /// The C's traversal peer addresses and the E's TLS verify subject name,
    /// each refused in the other role's table.
    pub(super) fn traversal(
        &mut self,
        role: Role,
        addresses: Option<Spanned<Vec<Text>>>,
        subject_name: Option<Text>,
    ) -> (Vec<Name>, Option<Name>) {
        let addresses = match addresses {
            Some(list) if role == Role::ExpresswayE => {
                let problem = Problem::Misplaced {
                    key: "traversal_peer_addresses",
                    belongs: Role::ExpresswayC,
                    why: "the Expressway-C's traversal zone lists the Expressway-E peers as \
                          \"Peer address\"",
                };
                self.push(Some(list.span()), problem);
                Vec::new()
            }
            Some(list) => self.names(list.into_inner(), NameKind::Fqdn),
            None => Vec::new(),
        };
        let subject_name = match subject_name {
            Some(n) if role == Role::ExpresswayC => {
                let problem = Problem::Misplaced {
                    key: "tls_verify_subject_name",
                    belongs: Role::ExpresswayE,
                    why: "the Expressway-E's traversal zone verifies the Expressway-C's certificate",
                };
                self.push(Some(n.span()), problem);
                None
            }
            Some(n) => self.name(n, NameKind::Fqdn),
            None => None,
        };
        (addresses, subject_name)
    }

    /// `peer_ca`: each key a peer of the table, each value a CA kind.
    pub(super) fn peer_ca(
        &mut self,
        role: Role,
        raw: Option<BTreeMap<Text, Text>>,
        peers: &[Name],
    ) -> Vec<(HostName, CaKind)> {
        let mut out = Vec::new();
        for (peer, ca) in raw.unwrap_or_default() {
            let Some(ca) = self.choice(&ca, "ca", CaKind::CHOICES) else {
                continue;
            };
            match peers.iter().find(|p| p.value.is(peer.get_ref())) {
                Some(p) => out.push((p.value.clone(), ca)),
                None => {
                    let problem = Problem::PeerCaNotAPeer {
                        role,
                        value: peer.get_ref().clone(),
                        peers: peers.iter().map(|p| p.value.to_string()).collect(),
                    };
                    self.push(Some(peer.span()), problem);
                }
            }
        }
        out
    }
}
