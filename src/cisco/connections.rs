//! The TLS connections an Expressway makes or takes, as data: who is the
//! TLS client, who is the server, the port, and the features that open it.
//!
//! Which certificate a box presents depends on its side of the connection:
//! its server certificate where it is the server, and (from X15.5, where
//! the two are kept apart) its client certificate where it is the client
//! (source D, K). Ports: source X (*Cisco Expressway IP Port Usage
//! Configuration Guide*, X12.5) and source Y (*Mobile and Remote Access
//! Through Cisco Expressway Deployment Guide*).

pub use super::party::{OptIn, Party, Protocol};
use super::services::{
    CALLMANAGER, EXPRESSWAY_CLIENT, EXPRESSWAY_SERVER, End, OUTSIDE, Service, TOMCAT, TrustList,
};
use super::{Feature, Role};
use serde::Serialize;

/// A TLS connection of the deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Connection {
    /// A stable identifier, used in JSON.
    pub key: &'static str,
    /// What it is for, in Cisco's words.
    pub purpose: &'static str,
    /// What runs over the TLS.
    pub protocol: Protocol,
    /// The side that opens it (the TLS client).
    pub client: Party,
    /// The side that listens (the TLS server).
    pub server: Party,
    /// The server's port (Cisco's default).
    pub port: u16,
    /// Whether the server asks for the client's certificate.
    pub mutual: bool,
    /// What the client presents and trusts.
    #[serde(skip)]
    pub client_end: End,
    /// What the server presents and trusts.
    #[serde(skip)]
    pub server_end: End,
    /// The features that open it; empty: every deployment with both sides.
    #[serde(skip)]
    pub features: &'static [Feature],
    /// Where Cisco documents it (letters of `docs/cisco-rules.md`).
    pub source: &'static str,
    /// Opened only when the deployment file lists it in `connections`.
    #[serde(skip)]
    pub opt_in: Option<OptIn>,
}

const C: Party = Party::Expressway(Role::ExpresswayC);
const E: Party = Party::Expressway(Role::ExpresswayE);
const MRA: &[Feature] = &[Feature::MobileRemoteAccess];

/// The key of the Unified Communications traversal zone, whose port the
/// deployment file may change (`traversal_port`).
pub const TRAVERSAL_ZONE: &str = "traversal-zone";

/// Every TLS connection sancsr knows, the Expressway-C's first.
pub const CONNECTIONS: &[Connection] = &[
    Connection {
        key: TRAVERSAL_ZONE,
        protocol: Protocol::Sip,
        purpose: "Unified Communications traversal zone (SIP TLS)",
        client: C,
        server: E,
        port: 7001,
        mutual: true,
        client_end: EXPRESSWAY_CLIENT,
        // The E verifies the C against its zone's TLS verify subject name.
        server_end: End {
            checks_name: true,
            ..EXPRESSWAY_SERVER
        },
        features: &[],
        source: "J, X, E, M",
        opt_in: None,
    },
    Connection {
        key: "ssh-tunnels",
        protocol: Protocol::Ssh,
        purpose: "SSH tunnels for MRA (HTTPS and XMPP through the traversal)",
        client: C,
        server: E,
        port: 2222,
        mutual: true,
        client_end: EXPRESSWAY_CLIENT,
        server_end: EXPRESSWAY_SERVER,
        features: MRA,
        source: "D, K, Y",
        opt_in: None,
    },
    // "Port usage for XMPP federation: outbound from Expressway-C (private)
    // to Expressway-E (DMZ): XMPP, TCP, 7400" (source E).
    Connection {
        key: "xcp-c-to-e",
        protocol: Protocol::Xmpp,
        purpose: "XMPP (XCP) from the Expressway-C to the Expressway-E",
        client: C,
        server: E,
        port: 7400,
        mutual: false,
        client_end: EXPRESSWAY_CLIENT,
        server_end: EXPRESSWAY_SERVER,
        features: &[Feature::XmppFederation],
        source: "E",
        opt_in: None,
    },
    Connection {
        key: "unified-cm-sip",
        protocol: Protocol::Sip,
        purpose: "SIP TLS to Unified CM (phone security profile names)",
        client: C,
        server: Party::UnifiedCm,
        port: 5061,
        mutual: true,
        client_end: EXPRESSWAY_CLIENT,
        // Unified CM looks for the phone security profile name in the C's
        // certificate: "did not find matching SAN … Expected=Secure-EX90…"
        // (TAC 211304).
        server_end: End {
            checks_name: true,
            ..CALLMANAGER
        },
        features: MRA,
        source: "C, X, TAC 218018, TAC 225476, TAC 211304",
        opt_in: None,
    },
    Connection {
        key: "unified-cm-https",
        protocol: Protocol::Https,
        purpose: "HTTPS to Unified CM (configuration, user data)",
        client: C,
        server: Party::UnifiedCm,
        port: 8443,
        mutual: false,
        client_end: EXPRESSWAY_CLIENT,
        server_end: TOMCAT,
        features: MRA,
        source: "X, Y, TAC 218018",
        opt_in: None,
    },
    // TAC 225476: "The Certificate Authority (CA) chain … which signed the
    // Expressway-C certificate must be added to the tomcat-trust and
    // CallManager-trust list of CUCM, even if the UCM is in non-secure
    // mode": Unified CM asks for the Expressway-C's certificate on ports
    // other than 8443, "for example, ports 6971, 6972".
    Connection {
        key: "unified-cm-tftp-6971",
        protocol: Protocol::Https,
        purpose: "HTTPS to Unified CM TFTP (configuration files; Unified CM asks for the C's certificate)",
        client: C,
        server: Party::UnifiedCm,
        port: 6971,
        mutual: true,
        client_end: EXPRESSWAY_CLIENT,
        server_end: TOMCAT,
        features: MRA,
        source: "TAC 225476",
        opt_in: None,
    },
    Connection {
        key: "unified-cm-tftp-6972",
        protocol: Protocol::Https,
        purpose: "HTTPS to Unified CM TFTP with client authentication",
        client: C,
        server: Party::UnifiedCm,
        port: 6972,
        mutual: true,
        client_end: EXPRESSWAY_CLIENT,
        server_end: TOMCAT,
        features: MRA,
        source: "TAC 225476, K",
        opt_in: None,
    },
    // The MRA guide (X15.0, certificate exchange): the CA that signed the
    // Expressway-C "is installed to the cup-xmpp-trust and Tomcat-trust
    // store of the IM and Presence Service" (source Y15): the node verifies
    // the C's certificate on HTTPS and on XCP.
    Connection {
        key: "im-presence",
        protocol: Protocol::Https,
        purpose: "HTTPS to IM and Presence (IM and Presence verifies the C against tomcat-trust)",
        client: C,
        server: Party::ImPresence,
        port: 8443,
        mutual: true,
        client_end: EXPRESSWAY_CLIENT,
        server_end: TOMCAT,
        features: MRA,
        source: "X, Y15, TAC 218018",
        opt_in: None,
    },
    // The Expressway-C reaches the IM and Presence XCP router on TCP 7400,
    // not the Jabber client port 5222 (source X15, MRA port reference).
    Connection {
        key: "im-presence-xmpp",
        protocol: Protocol::Xmpp,
        purpose: "XMPP (XCP) to IM and Presence (IM and Presence verifies the C against cup-xmpp-trust)",
        client: C,
        server: Party::ImPresence,
        port: 7400,
        mutual: true,
        client_end: EXPRESSWAY_CLIENT,
        server_end: End {
            presents: Service::CupXmpp,
            trusts: TrustList::CupXmppTrust,
            checks_name: false,
        },
        features: MRA,
        source: "X15, Y15, TAC 218018",
        opt_in: None,
    },
    // File transfer (managed file transfer over MRA) on TCP 7336 (source X15,
    // MRA port reference). **Choice:** the node presents tomcat and does
    // not ask for the C's certificate; the port reference gives the port,
    // not the TLS mode.
    Connection {
        key: "im-presence-file-transfer",
        protocol: Protocol::Https,
        purpose: "HTTPS file transfer to IM and Presence",
        client: C,
        server: Party::ImPresence,
        port: 7336,
        mutual: false,
        client_end: EXPRESSWAY_CLIENT,
        server_end: TOMCAT,
        features: MRA,
        source: "X15",
        opt_in: None,
    },
    Connection {
        key: "unified-cm-to-c",
        protocol: Protocol::Sip,
        purpose: "SIP TLS from Unified CM (calls to MRA devices)",
        client: Party::UnifiedCm,
        server: C,
        port: 5061,
        mutual: true,
        client_end: CALLMANAGER,
        server_end: EXPRESSWAY_SERVER,
        features: MRA,
        source: "C, X, TAC 225476",
        opt_in: None,
    },
    Connection {
        key: "c-cluster",
        protocol: Protocol::ClusterDatabase,
        purpose: "Expressway-C cluster database synchronization (TLS)",
        client: C,
        server: C,
        // "TCP port 4372 is used for cluster database synchronization (over
        // TLS)"; 4371 is cluster recovery (source P, "IP Ports and Protocols").
        port: 4372,
        mutual: true,
        client_end: EXPRESSWAY_CLIENT,
        server_end: EXPRESSWAY_SERVER,
        features: &[],
        source: "P, X",
        opt_in: None,
    },
    Connection {
        key: "e-cluster",
        protocol: Protocol::ClusterDatabase,
        purpose: "Expressway-E cluster database synchronization (TLS)",
        client: E,
        server: E,
        // "TCP port 4372 is used for cluster database synchronization (over
        // TLS)"; 4371 is cluster recovery (source P, "IP Ports and Protocols").
        port: 4372,
        mutual: true,
        client_end: EXPRESSWAY_CLIENT,
        server_end: EXPRESSWAY_SERVER,
        features: &[],
        source: "P, X",
        opt_in: None,
    },
    // On the Expressway-E, 8443 serves MRA sign-in and HTTPS (UDS,
    // configuration); SIP is 5061 and XMPP 5222 (source X15, MRA port
    // reference).
    Connection {
        key: "mra-clients",
        protocol: Protocol::Https,
        purpose: "MRA sign-in and HTTPS (UDS, configuration) from Jabber and endpoints",
        client: Party::RemoteClients,
        server: E,
        port: 8443,
        mutual: false,
        client_end: OUTSIDE,
        server_end: EXPRESSWAY_SERVER,
        features: MRA,
        source: "L, X",
        opt_in: None,
    },
    Connection {
        key: "mra-clients-sip",
        protocol: Protocol::Sip,
        purpose: "MRA SIP TLS from Jabber and endpoints",
        client: Party::RemoteClients,
        server: E,
        port: 5061,
        mutual: false,
        client_end: OUTSIDE,
        server_end: EXPRESSWAY_SERVER,
        features: MRA,
        source: "X15",
        opt_in: None,
    },
    Connection {
        key: "mra-clients-xmpp",
        protocol: Protocol::Xmpp,
        purpose: "MRA XMPP from Jabber",
        client: Party::RemoteClients,
        server: E,
        port: 5222,
        mutual: false,
        client_end: OUTSIDE,
        server_end: EXPRESSWAY_SERVER,
        features: MRA,
        source: "X15",
        opt_in: None,
    },
    Connection {
        key: "jabber-guest",
        protocol: Protocol::Https,
        purpose: "Jabber Guest HTTPS",
        client: Party::RemoteClients,
        server: E,
        port: 443,
        mutual: false,
        client_end: OUTSIDE,
        server_end: EXPRESSWAY_SERVER,
        features: &[Feature::JabberGuest],
        source: "C, X",
        opt_in: None,
    },
    Connection {
        key: "xmpp-federation-in",
        protocol: Protocol::Xmpp,
        purpose: "XMPP federation from other organisations (server to server)",
        client: Party::Partners,
        server: E,
        port: 5269,
        mutual: true,
        client_end: OUTSIDE,
        server_end: EXPRESSWAY_SERVER,
        features: &[Feature::XmppFederation],
        source: "C, X",
        opt_in: None,
    },
    Connection {
        key: "xmpp-federation-out",
        protocol: Protocol::Xmpp,
        purpose: "XMPP federation to other organisations (server to server)",
        client: E,
        server: Party::Partners,
        port: 5269,
        mutual: true,
        client_end: EXPRESSWAY_CLIENT,
        server_end: OUTSIDE,
        features: &[Feature::XmppFederation],
        source: "C, X",
        opt_in: None,
    },
    Connection {
        key: "b2b-sip-in",
        protocol: Protocol::Sip,
        purpose: "Business-to-business SIP TLS from other organisations",
        client: Party::Partners,
        server: E,
        port: 5061,
        mutual: true,
        client_end: OUTSIDE,
        server_end: EXPRESSWAY_SERVER,
        features: &[Feature::BusinessToBusiness],
        source: "C, X",
        opt_in: None,
    },
    Connection {
        key: "b2b-sip-out",
        protocol: Protocol::Sip,
        purpose: "Business-to-business SIP TLS to other organisations (DNS zone)",
        client: E,
        server: Party::Partners,
        port: 5061,
        mutual: true,
        client_end: EXPRESSWAY_CLIENT,
        server_end: OUTSIDE,
        features: &[Feature::BusinessToBusiness],
        source: "C, X",
        opt_in: None,
    },
    // FN74362: the Expressway-E is the TLS client, presenting clientAuth,
    // when it onboards MRA to the Cisco cloud and on SIP neighbour zones
    // with mutual TLS (source I).
    Connection {
        key: "mra-cloud-onboarding",
        protocol: Protocol::Https,
        purpose: "MRA onboarding to the Cisco cloud (the Expressway-E connects)",
        client: E,
        server: Party::CiscoCloud,
        port: 443,
        mutual: true,
        client_end: EXPRESSWAY_CLIENT,
        server_end: OUTSIDE,
        features: MRA,
        source: "I",
        opt_in: Some(OptIn::CloudOnboarding),
    },
    Connection {
        key: "sip-neighbour-out",
        protocol: Protocol::Sip,
        purpose: "SIP TLS to a neighbour zone with mutual TLS",
        client: E,
        server: Party::Neighbours,
        port: 5061,
        mutual: true,
        client_end: EXPRESSWAY_CLIENT,
        server_end: OUTSIDE,
        features: &[],
        source: "I",
        opt_in: Some(OptIn::SipNeighbourZones),
    },
    // Webex Hybrid Call Service: mutual TLS between Webex and the
    // Expressway-E on TCP 5062, both ways (source T, TAC 212475).
    Connection {
        key: "webex-hybrid-call-out",
        protocol: Protocol::Sip,
        purpose: "Webex Hybrid Call Service SIP TLS to Webex",
        client: E,
        server: Party::CiscoCloud,
        port: 5062,
        mutual: true,
        client_end: EXPRESSWAY_CLIENT,
        server_end: OUTSIDE,
        features: &[],
        source: "T",
        opt_in: Some(OptIn::WebexHybridCall),
    },
    Connection {
        key: "webex-hybrid-call-in",
        protocol: Protocol::Sip,
        purpose: "Webex Hybrid Call Service SIP TLS from Webex",
        client: Party::CiscoCloud,
        server: E,
        port: 5062,
        mutual: true,
        client_end: OUTSIDE,
        server_end: EXPRESSWAY_SERVER,
        features: &[],
        source: "T",
        opt_in: Some(OptIn::WebexHybridCall),
    },
];

/// The Unified Communications traversal zone's row.
pub fn traversal_zone() -> &'static Connection {
    CONNECTIONS
        .iter()
        .find(|c| c.key == TRAVERSAL_ZONE)
        .expect("the table has the traversal zone")
}

impl Connection {
    /// Traffic between the peers of one cluster.
    pub fn is_cluster(&self) -> bool {
        self.client == self.server
    }

    /// Whether a deployment with `features`, listing `opted` in its
    /// `connections`, opens it. The traversal zone is opened by every
    /// deployment: the deployment file may list one Expressway, but the
    /// other is always there.
    pub fn applies(&self, features: &[Feature], opted: &[OptIn]) -> bool {
        let by_feature =
            self.features.is_empty() || self.features.iter().any(|f| features.contains(f));
        by_feature && self.opt_in.is_none_or(|o| opted.contains(&o))
    }
}

/// The connections where `role` is the TLS client (`client`) or the server.
pub fn of_role<'a>(
    role: Role,
    client: bool,
    features: &'a [Feature],
    opted: &'a [OptIn],
) -> impl Iterator<Item = &'static Connection> + 'a {
    let me = Party::Expressway(role);
    // Cluster traffic is left out: which store a peer presents to its
    // cluster peers is not in Cisco's sunset documents, so it decides no
    // certificate; `links` still checks it.
    CONNECTIONS.iter().filter(move |c| {
        let side = if client { c.client } else { c.server };
        side == me && c.applies(features, opted) && !c.is_cluster()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_every_connection_has_an_expressway_and_a_source() {
        let mut keys: Vec<&str> = CONNECTIONS.iter().map(|c| c.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), CONNECTIONS.len());
        for c in CONNECTIONS {
            let ours = matches!(c.client, Party::Expressway(_))
                || matches!(c.server, Party::Expressway(_));
            assert!(ours, "{}", c.key);
            assert!(!c.source.is_empty(), "{}", c.key);
        }
    }

    /// The Expressway-C is the TLS client of the traversal zone in every
    /// deployment with both boxes; the E is a client only for B2B calls and
    /// XMPP federation.
    #[test]
    fn client_sides_by_feature() {
        let cases: [(Role, &[Feature], &[&str]); 4] = [
            (Role::ExpresswayC, &[], &["traversal-zone"]),
            (
                Role::ExpresswayC,
                MRA,
                &[
                    "traversal-zone",
                    "ssh-tunnels",
                    "unified-cm-sip",
                    "unified-cm-https",
                    "unified-cm-tftp-6971",
                    "unified-cm-tftp-6972",
                    "im-presence",
                    "im-presence-xmpp",
                    "im-presence-file-transfer",
                ],
            ),
            (Role::ExpresswayE, MRA, &[]),
            (
                Role::ExpresswayE,
                &[Feature::XmppFederation, Feature::BusinessToBusiness],
                &["xmpp-federation-out", "b2b-sip-out"],
            ),
        ];
        for (role, features, expected) in cases {
            let got: Vec<&str> = of_role(role, true, features, &[]).map(|c| c.key).collect();
            assert_eq!(got, expected, "{role} {features:?}");
        }
    }
}
