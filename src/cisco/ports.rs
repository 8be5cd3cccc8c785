//! The ports where each box presents its certificate, as `probe` connects
//! to them: Cisco's port reference (source X, *Cisco Expressway IP Port
//! Usage Configuration Guide*) and the MRA guide (source Y).

use super::{Feature, Party, Role};

/// STARTTLS before the handshake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartTls {
    /// XMPP client-to-server (`jabber:client`, RFC 6120).
    XmppClient,
    /// XMPP server-to-server (`jabber:server`).
    XmppServer,
}

/// A port where a box presents a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProbePort {
    /// Which box.
    pub party: Party,
    /// The port.
    pub port: u16,
    /// A short name for the service (`mra-https`, `cup-xmpp`).
    pub service: &'static str,
    /// STARTTLS first, where the protocol has it.
    pub starttls: Option<StartTls>,
    /// The features that open it; empty: always.
    pub features: &'static [Feature],
    /// Where Cisco documents it.
    pub source: &'static str,
    /// The traversal zone's port: the deployment file's `traversal_port`
    /// replaces it.
    pub traversal: bool,
}

const C: Party = Party::Expressway(Role::ExpresswayC);
const E: Party = Party::Expressway(Role::ExpresswayE);

const fn port(party: Party, port: u16, service: &'static str) -> ProbePort {
    ProbePort {
        party,
        port,
        service,
        starttls: None,
        features: &[],
        source: "X",
        traversal: false,
    }
}

/// Every port `probe` looks at.
pub const PROBE_PORTS: &[ProbePort] = &[
    port(E, 443, "https"),
    ProbePort {
        features: &[Feature::MobileRemoteAccess],
        source: "X, Y",
        ..port(E, 8443, "mra-https")
    },
    port(E, 5061, "sip-tls"),
    ProbePort {
        traversal: true,
        ..port(E, 7001, "traversal-sip-tls")
    },
    ProbePort {
        starttls: Some(StartTls::XmppClient),
        features: &[Feature::MobileRemoteAccess],
        source: "X, Y",
        ..port(E, 5222, "xmpp-client")
    },
    ProbePort {
        starttls: Some(StartTls::XmppServer),
        features: &[Feature::XmppFederation],
        ..port(E, 5269, "xmpp-server")
    },
    port(C, 443, "https"),
    port(C, 5061, "sip-tls"),
    port(Party::UnifiedCm, 8443, "tomcat"),
    port(Party::UnifiedCm, 5061, "CallManager"),
    port(Party::ImPresence, 8443, "tomcat"),
    ProbePort {
        starttls: Some(StartTls::XmppClient),
        ..port(Party::ImPresence, 5222, "cup-xmpp")
    },
];

impl ProbePort {
    /// Whether a deployment with `features` opens it.
    pub fn applies(&self, features: &[Feature]) -> bool {
        self.features.is_empty() || self.features.iter().any(|f| features.contains(f))
    }
}
