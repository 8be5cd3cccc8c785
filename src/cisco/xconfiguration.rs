//! The Expressway `xConfiguration` settings `sancsr import xconfiguration`
//! reads, as the CLI prints them: one `*c xConfiguration <path>: <value>`
//! line per setting, the value in double quotes, an empty value bare
//! (`Peer 2 Address: `). A `#` in a path stands for an index (`Zone 6`).
//!
//! Sources, lettered as in `docs/cisco-rules.md`:
//! - **T**: Cisco TAC 212475, *Troubleshooting Guide for Cisco Webex Hybrid
//!   Call Service Connect* (December 2020), which prints the zones of an
//!   X8.10 Expressway-C and Expressway-E;
//! - **XE**: `jose-merchan/xconf_to_excel` (`xconf_to_dict.py`,
//!   `xconf2excel.py`), a published reader of Expressway `xConfiguration`
//!   dumps that maps each setting to its web page;
//! - **V**: TANDBERG *VCS Administrator Guide* D14049.04 (X3, July 2008),
//!   "Command reference – xConfiguration", for the older domain form.

use std::sync::LazyLock;

/// What a setting tells the import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reads {
    /// System > Clustering: Cluster name.
    ClusterName,
    /// System > Clustering: Peer N address (IP address or FQDN).
    ClusterPeer,
    /// System > DNS: System host name.
    HostName,
    /// System > DNS: Domain name.
    DomainName,
    /// System > Network interfaces > IP: LAN N address (or its static NAT
    /// address, where the Expressway-E has one).
    LanAddress,
    /// Configuration > Domains: the domain.
    SipDomain,
    /// Configuration > Domains: one of the services a domain is used for.
    DomainUse(DomainUse),
    /// Configuration > Zones: the zone's name.
    ZoneName,
    /// Configuration > Zones: `TraversalClient`, `TraversalServer`, ...
    ZoneType,
    /// The zone is a Unified Communications traversal zone.
    UnifiedCommunications,
    /// Traversal client zone: Peer N address (the Expressway-E).
    TraversalPeer,
    /// Traversal server zone: TLS verify subject name (the Expressway-C).
    TlsVerifySubjectName,
    /// Traversal server zone: TLS verify mode.
    TlsVerifyMode,
    /// Traversal zone, either side: the SIP port the Expressway-E listens on
    /// (7001 by default; TAC 212475's dump shows 7003).
    TraversalPort,
}

/// The services of a domain (Configuration > Domains), as its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DomainUse {
    /// "Unified CM registrations": the edge (service discovery) domains of
    /// Cisco's SAN table (source C).
    UnifiedCmRegistrations,
    /// "IM and Presence Service".
    ImAndPresence,
    /// "XMPP Federation": the XMPP federation domains of the SAN table.
    XmppFederation,
    /// "Jabber Guest".
    JabberGuest,
}

/// One `xConfiguration` setting the import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct XconfField {
    /// The path after `xConfiguration`, `#` for an index.
    pub path: &'static str,
    /// What it tells.
    pub reads: Reads,
    /// Where an admin sees it on the web interface.
    pub page: &'static str,
    /// Where its name is published.
    pub source: &'static str,
}

const fn field(path: &'static str, reads: Reads, page: &'static str) -> XconfField {
    XconfField {
        path,
        reads,
        page,
        source: "XE",
    }
}

/// Every setting the import reads.
pub(crate) const XCONFIGURATION_FIELDS: &[XconfField] = &[
    field(
        "Alternates Cluster Name",
        Reads::ClusterName,
        "System > Clustering: Cluster name",
    ),
    field(
        "Alternates Peer # Address",
        Reads::ClusterPeer,
        "System > Clustering: Peer N address",
    ),
    field(
        "IP DNS Hostname",
        Reads::HostName,
        "System > DNS: System host name",
    ),
    field(
        "IP DNS Domain Name",
        Reads::DomainName,
        "System > DNS: Domain name",
    ),
    field(
        "Ethernet # IP V4 Address",
        Reads::LanAddress,
        "System > Network interfaces > IP: IPv4 address",
    ),
    field(
        "Ethernet # IP V6 Address",
        Reads::LanAddress,
        "System > Network interfaces > IP: IPv6 address",
    ),
    field(
        "Ethernet # IP V4 StaticNAT Address",
        Reads::LanAddress,
        "System > Network interfaces > IP: IPv4 static NAT address",
    ),
    field(
        "SIP Domain # Name",
        Reads::SipDomain,
        "Configuration > Domains: Domain name",
    ),
    XconfField {
        source: "V",
        ..field(
            "SIP Domains Domain # Name",
            Reads::SipDomain,
            "Configuration > Domains: Domain name (VCS releases)",
        )
    },
    field(
        "SIP Domain # Edgesip",
        Reads::DomainUse(DomainUse::UnifiedCmRegistrations),
        "Configuration > Domains: Unified CM registrations",
    ),
    field(
        "SIP Domain # Edgexmpp",
        Reads::DomainUse(DomainUse::ImAndPresence),
        "Configuration > Domains: IM and Presence Service",
    ),
    field(
        "SIP Domain # Xmppfederation",
        Reads::DomainUse(DomainUse::XmppFederation),
        "Configuration > Domains: XMPP federation",
    ),
    field(
        "SIP Domain # Edgejabberc",
        Reads::DomainUse(DomainUse::JabberGuest),
        "Configuration > Domains: Jabber Guest",
    ),
    zone("Zones Zone # Name", Reads::ZoneName, "Name"),
    zone("Zones Zone # Type", Reads::ZoneType, "Type"),
    zone(
        "Zones Zone # TraversalClient Collaboration Edge",
        Reads::UnifiedCommunications,
        "Type: Unified Communications traversal",
    ),
    zone(
        "Zones Zone # TraversalServer Collaboration Edge",
        Reads::UnifiedCommunications,
        "Type: Unified Communications traversal",
    ),
    zone(
        "Zones Zone # TraversalClient Peer # Address",
        Reads::TraversalPeer,
        "Peer N address",
    ),
    zone(
        "Zones Zone # TraversalServer SIP TLS Verify Subject Name",
        Reads::TlsVerifySubjectName,
        "TLS verify subject name",
    ),
    zone(
        "Zones Zone # TraversalServer SIP TLS Verify Mode",
        Reads::TlsVerifyMode,
        "TLS verify mode",
    ),
    zone(
        "Zones Zone # TraversalClient SIP Port",
        Reads::TraversalPort,
        "SIP port",
    ),
    zone(
        "Zones Zone # TraversalServer SIP Port",
        Reads::TraversalPort,
        "SIP port",
    ),
];

const fn zone(path: &'static str, reads: Reads, page: &'static str) -> XconfField {
    XconfField {
        path,
        reads,
        page,
        source: "T",
    }
}

/// The zone `Type` values of traversal zones (source T).
pub(crate) const TRAVERSAL_CLIENT: &str = "TraversalClient";
/// See [`TRAVERSAL_CLIENT`].
pub(crate) const TRAVERSAL_SERVER: &str = "TraversalServer";

impl XconfField {
    /// The field a setting's path words are, and the indexes in it
    /// (`Zones Zone 6 TraversalClient Peer 1 Address` gives `[6, 1]`).
    /// Words compare ignoring case, as the Expressway CLI reads them.
    pub(crate) fn find(words: &[&str]) -> Option<(&'static XconfField, Vec<u32>)> {
        // Every line of a dump is tried against every field: the paths are
        // split once, and a field of another length is passed over at once.
        static PATTERNS: LazyLock<Vec<(Vec<&'static str>, &'static XconfField)>> =
            LazyLock::new(|| {
                XCONFIGURATION_FIELDS
                    .iter()
                    .map(|f| (f.path.split(' ').collect(), f))
                    .collect()
            });
        PATTERNS
            .iter()
            .filter(|(pattern, _)| pattern.len() == words.len())
            .find_map(|(pattern, f)| indexes(pattern, words).map(|ix| (*f, ix)))
    }
}

/// The indexes of `words` where `pattern` has `#`, when the rest match.
fn indexes(pattern: &[&str], words: &[&str]) -> Option<Vec<u32>> {
    let mut indexes = Vec::new();
    for (p, w) in pattern.iter().zip(words) {
        if *p == "#" {
            indexes.push(w.parse().ok()?);
        } else if !p.eq_ignore_ascii_case(w) {
            return None;
        }
    }
    Some(indexes)
}

/// A flag value: `On` / `Off` as the CLI prints them (`True` / `False`
/// are the configuration database's words).
pub(crate) fn flag(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "on" | "true" => Some(true),
        "off" | "false" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_with_their_indexes() {
        type Want = Option<(Reads, &'static [u32])>;
        let cases: &[(&str, Want)] = &[
            ("Alternates Cluster Name", Some((Reads::ClusterName, &[]))),
            (
                "alternates peer 3 address",
                Some((Reads::ClusterPeer, &[3])),
            ),
            (
                "Zones Zone 6 TraversalClient Peer 1 Address",
                Some((Reads::TraversalPeer, &[6, 1])),
            ),
            (
                "Zones Zone 7 TraversalServer SIP TLS Verify Subject Name",
                Some((Reads::TlsVerifySubjectName, &[7])),
            ),
            ("SIP Domains Domain 2 Name", Some((Reads::SipDomain, &[2]))),
            (
                "SIP Domain 1 Edgesip",
                Some((Reads::DomainUse(DomainUse::UnifiedCmRegistrations), &[1])),
            ),
            ("Zones Zone x Name", None),
            ("Zones Zone 6 TraversalClient Peer 1", None),
            ("SIP Mode", None),
        ];
        for (path, want) in cases {
            let words: Vec<&str> = path.split(' ').collect();
            let got = XconfField::find(&words).map(|(f, ix)| (f.reads, ix));
            let want = want.map(|(r, ix)| (r, ix.to_vec()));
            assert_eq!(got, want, "{path}");
        }
    }

    /// `docs/cisco-rules.md` lists every setting read, with its page and
    /// source.
    #[test]
    fn every_setting_is_in_the_rule_book() {
        let book = include_str!("../../docs/cisco-rules.md");
        for f in XCONFIGURATION_FIELDS {
            let row = format!("| `{}` | {} | {} |", f.path, f.page, f.source);
            assert!(book.contains(&row), "{row}");
        }
    }

    #[test]
    fn flags_read_on_off_and_true_false() {
        for (value, want) in [
            ("On", Some(true)),
            ("off", Some(false)),
            ("true", Some(true)),
            ("Maybe", None),
        ] {
            assert_eq!(flag(value), want, "{value}");
        }
    }
}
