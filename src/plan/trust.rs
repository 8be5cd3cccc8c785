//! Which CA goes into which trust store between the Expressway-C and
//! Unified CM and IM and Presence, derived from the connection table (the
//! facts `links` checks): on every connection the TLS client's list must
//! hold the server's issuer, and on a mutual one the server's list must
//! hold the client's. TAC 225476: the Expressway-C's CA chain goes into
//! Unified CM's tomcat-trust and CallManager-trust; the MRA guide (source
//! Y15): into IM and Presence's tomcat-trust and cup-xmpp-trust.

use crate::cisco::services::{Service, TrustList};
use crate::cisco::{CONNECTIONS, Party, Role};
use crate::model::Deployment;

/// One placement: the issuers of `certificate` of `owner` go into
/// `store` of `holder`, for `connections`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Whose certificate's issuing chain (root and intermediates).
    pub owner: Party,
    /// Which of its certificates.
    pub certificate: Service,
    /// The box whose store holds it.
    pub holder: Party,
    /// The store.
    pub store: TrustList,
    /// The connection keys that need it.
    pub connections: Vec<&'static str>,
}

const C: Party = Party::Expressway(Role::ExpresswayC);

/// The placements between the Expressway-C and the platform products the
/// deployment plans or names, in connection-table order.
pub(crate) fn placements(d: &Deployment) -> Vec<Placement> {
    let mut out: Vec<Placement> = Vec::new();
    let present = |p: Party| !d.hosts(p).is_empty();
    let platform = |p: Party| matches!(p, Party::UnifiedCm | Party::ImPresence);
    for c in CONNECTIONS
        .iter()
        .filter(|c| c.applies(&d.features, &d.connections))
        .filter(|c| present(c.client) && present(c.server))
        .filter(|c| (c.client == C && platform(c.server)) || (platform(c.client) && c.server == C))
    {
        // The client verifies the server.
        add(
            &mut out,
            (c.server, c.server_end.presents),
            (c.client, c.client_end.trusts),
            c.key,
        );
        if c.mutual {
            add(
                &mut out,
                (c.client, c.client_end.presents),
                (c.server, c.server_end.trusts),
                c.key,
            );
        }
    }
    out
}

fn add(
    out: &mut Vec<Placement>,
    (owner, certificate): (Party, Service),
    (holder, store): (Party, TrustList),
    connection: &'static str,
) {
    // The Expressway's client certificate comes from the same CA plan as
    // its server certificate: one "issuing chain of the Expressway-C".
    let certificate = match certificate {
        Service::ExpresswayClient => Service::ExpresswayServer,
        other => other,
    };
    match out.iter_mut().find(|p| {
        p.owner == owner && p.certificate == certificate && p.holder == holder && p.store == store
    }) {
        Some(p) if !p.connections.contains(&connection) => p.connections.push(connection),
        Some(_) => {}
        None => out.push(Placement {
            owner,
            certificate,
            holder,
            store,
            connections: vec![connection],
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MRA: &str = "features = [\"mobile-remote-access\"]\n\
        [unified_cm]\nregistration_domains = [\"example.com\"]\nnodes = [\"cucm1.example.com\"]\n\
        [im_presence]\nnodes = [\"imp1.example.com\"]\n\
        [expressway_c]\npeers = [\"expc1.example.com\"]\n";

    #[test]
    fn the_expressway_c_chain_goes_where_cisco_says() {
        let d = Deployment::parse("t.toml", MRA).expect("parses");
        let placed = placements(&d);
        let holds_c = |holder: Party, store: TrustList| {
            placed.iter().any(|p| {
                p.owner == C && p.holder == holder && p.store == store && !p.connections.is_empty()
            })
        };
        // TAC 225476 and the MRA guide.
        let cases = [
            (Party::UnifiedCm, TrustList::TomcatTrust, true),
            (Party::UnifiedCm, TrustList::CallManagerTrust, true),
            (Party::ImPresence, TrustList::TomcatTrust, true),
            (Party::ImPresence, TrustList::CupXmppTrust, true),
            (Party::UnifiedCm, TrustList::CupXmppTrust, false),
        ];
        for (holder, store, want) in cases {
            assert_eq!(holds_c(holder, store), want, "{holder:?} {store:?}");
        }
        // And the other way: the C trusts the issuers of tomcat,
        // CallManager and cup-xmpp.
        for (owner, certificate) in [
            (Party::UnifiedCm, Service::Tomcat),
            (Party::UnifiedCm, Service::CallManager),
            (Party::ImPresence, Service::Tomcat),
            (Party::ImPresence, Service::CupXmpp),
        ] {
            assert!(
                placed.iter().any(|p| p.owner == owner
                    && p.certificate == certificate
                    && p.holder == C
                    && p.store == TrustList::ExpresswayTrustedCa),
                "{owner:?} {certificate:?}"
            );
        }
    }

    #[test]
    fn no_platform_nodes_no_placements() {
        let text = "[expressway_c]\npeers = [\"expc1.example.com\"]\n";
        let d = Deployment::parse("t.toml", text).expect("parses");
        assert!(placements(&d).is_empty());
    }
}
