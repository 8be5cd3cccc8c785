//! The Format drop-down: how a listed name is written into the certificate.
//!
//! Source C (`docs/cisco-rules.md`): "CollabEdgeDNS format … simply adds the
//! prefix collab-edge."; the SRVName form is RFC 4985's `_collab-edge._tls`
//! service name, which endpoints accept (TAC 211304).

use serde::Serialize;
use std::fmt;

/// The format chosen for one element's entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A dNSName as typed ("DNS").
    Dns,
    /// A dNSName `collab-edge.<domain>` ("CollabEdgeDNS").
    CollabEdgeDns,
    /// An otherName SRVName `_collab-edge._tls.<domain>` (RFC 4985).
    Srv,
    /// An otherName id-on-xmppAddr (RFC 6120) ("XMPPAddress").
    XmppAddress,
}

impl Format {
    /// The spelling in the deployment file.
    pub fn key(self) -> &'static str {
        match self {
            Format::Dns => "dns",
            Format::CollabEdgeDns => "collab-edge-dns",
            Format::Srv => "srv",
            Format::XmppAddress => "xmpp-address",
        }
    }

    /// The name on the Expressway's Format drop-down.
    pub fn title(self) -> &'static str {
        match self {
            Format::Dns => "DNS",
            Format::CollabEdgeDns => "CollabEdgeDNS",
            Format::Srv => "SRV",
            Format::XmppAddress => "XMPPAddress",
        }
    }

    /// How a listed name is written in this format: `(kind, value)`.
    pub fn write(self, name: &str) -> (SanKind, String) {
        match self {
            Format::Dns => (SanKind::Dns, name.to_owned()),
            Format::CollabEdgeDns => (SanKind::Dns, format!("collab-edge.{name}")),
            Format::Srv => (SanKind::Srv, format!("_collab-edge._tls.{name}")),
            Format::XmppAddress => (SanKind::Xmpp, name.to_owned()),
        }
    }

    /// Every format, in the order `rules` lists them.
    pub const ALL: [Format; 4] = [
        Format::Dns,
        Format::CollabEdgeDns,
        Format::Srv,
        Format::XmppAddress,
    ];
}

/// How an entry is written into the SAN extension, and the prefix of the
/// Expressway's decoded view ("Alternative name as it will appear").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum SanKind {
    /// dNSName.
    #[serde(rename = "DNS")]
    Dns,
    /// otherName SRVName, RFC 4985, IA5String.
    #[serde(rename = "SRV")]
    Srv,
    /// otherName id-on-xmppAddr, RFC 6120, UTF8String.
    #[serde(rename = "XMPP")]
    Xmpp,
}

impl SanKind {
    /// `DNS`, `SRV`, `XMPP`.
    pub fn prefix(self) -> &'static str {
        match self {
            SanKind::Dns => "DNS",
            SanKind::Srv => "SRV",
            SanKind::Xmpp => "XMPP",
        }
    }
}

impl fmt::Display for SanKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.prefix())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_write_and_show_each_entry_kind() {
        for (format, shown) in [
            (Format::Dns, "DNS:example.com"),
            (Format::CollabEdgeDns, "DNS:collab-edge.example.com"),
            (Format::Srv, "SRV:_collab-edge._tls.example.com"),
            (Format::XmppAddress, "XMPP:example.com"),
        ] {
            let (kind, value) = format.write("example.com");
            assert_eq!(format!("{kind}:{value}"), shown);
        }
    }
}
