//! The words of a TLS connection: its ends ([`Party`]), what runs over it
//! ([`Protocol`]), and the connections a deployment opens only when its
//! file lists them ([`OptIn`]).

use super::Role;
use serde::Serialize;
use std::fmt;

/// One end of a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// An Expressway of the deployment.
    Expressway(Role),
    /// Unified CM nodes.
    UnifiedCm,
    /// IM and Presence Service nodes.
    ImPresence,
    /// Jabber, phones and browsers on the internet.
    RemoteClients,
    /// Another organisation's call or chat servers.
    Partners,
    /// The Cisco cloud (Webex), outside the deployment's folders.
    CiscoCloud,
    /// Systems behind a SIP neighbour zone of the Expressway-E.
    Neighbours,
}

impl Party {
    /// The spelling in JSON: `expressway-c`, `unified-cm`, …
    pub fn key(self) -> &'static str {
        match self {
            Party::Expressway(Role::ExpresswayC) => "expressway-c",
            Party::Expressway(Role::ExpresswayE) => "expressway-e",
            Party::UnifiedCm => "unified-cm",
            Party::ImPresence => "im-presence",
            Party::RemoteClients => "remote-clients",
            Party::Partners => "partners",
            Party::CiscoCloud => "cisco-cloud",
            Party::Neighbours => "neighbours",
        }
    }
}

impl Party {
    /// Outside the deployment: no names, no folder, never checked by
    /// `links`.
    pub fn is_outside(self) -> bool {
        matches!(
            self,
            Party::RemoteClients | Party::Partners | Party::CiscoCloud | Party::Neighbours
        )
    }
}

impl Serialize for Party {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl fmt::Display for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Party::Expressway(role) => role.title(),
            Party::UnifiedCm => "Unified CM",
            Party::ImPresence => "IM and Presence",
            Party::RemoteClients => "remote clients",
            Party::Partners => "other organisations",
            Party::CiscoCloud => "the Cisco cloud",
            Party::Neighbours => "SIP neighbour systems",
        })
    }
}

/// A connection the deployment opens only when its file says so
/// (`connections = [...]`): sancsr cannot tell from the features whether
/// the Expressway-E onboards to the cloud or has neighbour zones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum OptIn {
    /// MRA onboarding to the Cisco cloud (FN74362).
    CloudOnboarding,
    /// SIP neighbour zones with mutual TLS (FN74362).
    SipNeighbourZones,
    /// Webex Hybrid Call Service, mutual TLS on 5062 (TAC 212475).
    WebexHybridCall,
}

impl OptIn {
    /// Every one, in the table's order.
    pub const ALL: [OptIn; 3] = [
        OptIn::CloudOnboarding,
        OptIn::SipNeighbourZones,
        OptIn::WebexHybridCall,
    ];

    /// The spelling in the deployment file.
    pub fn key(self) -> &'static str {
        match self {
            OptIn::CloudOnboarding => "cloud-onboarding",
            OptIn::SipNeighbourZones => "sip-neighbour-zones",
            OptIn::WebexHybridCall => "webex-hybrid-call",
        }
    }
}

/// What runs over a connection's TLS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Protocol {
    /// SIP TLS: from X15.5 the Expressway checks the far end's EKU here
    /// (`xConfiguration SIP TLS Certificate ExtendedKeyUsage Checking
    /// Mode`, on by default; source K, TAC 225693).
    Sip,
    /// HTTPS.
    Https,
    /// XMPP (XCP).
    Xmpp,
    /// The SSH tunnels of MRA.
    Ssh,
    /// The cluster database's synchronization.
    ClusterDatabase,
}
