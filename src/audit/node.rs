//! A `--node` of `trust`: the name or address Unified CM lists a server by,
//! matched against its certificates' SANs.

use crate::model::{AltName, HostName};
use crate::pki::{self, Document};

/// A `--node`: an FQDN, or the IP address Unified CM lists the server by.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    /// Matched against dNSName SANs and the common name.
    Name(HostName),
    /// Matched against iPAddress SANs and the common name.
    Address(std::net::IpAddr),
}

impl Node {
    /// An IP address, or a name checked by the name rule.
    pub(crate) fn parse(s: &str) -> Result<Node, crate::model::NameError> {
        match s.parse() {
            Ok(ip) => Ok(Node::Address(ip)),
            Err(_) => HostName::parse(s, crate::model::NameKind::Host).map(Node::Name),
        }
    }

    /// Whether a common name names this node (its FQDN, its host name, or
    /// either with the multi-server `-ms` suffix).
    pub(super) fn named_by(&self, common_name: &str) -> bool {
        let c = common_name.strip_suffix("-ms").unwrap_or(common_name);
        match self {
            Node::Name(name) => {
                let c = AltName::dns(c);
                c == name.dns() || c == AltName::dns(name.first_label())
            }
            Node::Address(ip) => c == ip.to_string(),
        }
    }

    /// Whether the certificate carries it as a SAN of the right kind.
    pub(super) fn in_sans(&self, d: &Document) -> bool {
        match self {
            Node::Name(name) => d.alt_names().any(|n| *n == name.dns()),
            Node::Address(ip) => d
                .sans
                .iter()
                .any(|s| matches!(s, pki::San::Ip(text) if text.parse() == Ok(*ip))),
        }
    }

    /// "FQDN x" or "IP address x", for messages.
    pub(super) fn what(&self) -> String {
        match self {
            Node::Name(name) => format!("FQDN {name}"),
            Node::Address(ip) => format!("IP address {ip} (an iPAddress SAN)"),
        }
    }
}

impl std::fmt::Display for Node {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Node::Name(name) => name.fmt(f),
            Node::Address(ip) => ip.fmt(f),
        }
    }
}
