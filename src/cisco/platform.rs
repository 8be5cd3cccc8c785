//! Unified CM and IM and Presence certificates (the "platform" boxes, whose
//! certificates are managed in Cisco Unified OS Administration > Security >
//! Certificate Management), as data: the certificate purposes, what each
//! secures, the trust store its issuer goes into, which of the file's names
//! feed its SANs, and the release policy. Sources are lettered as in
//! `docs/cisco-rules.md`: O (TAC 118731, multi-server SAN), N (Preferred
//! Architecture, key usage), UCSG (Security Guide, "Certificate
//! Management": no wildcard, 4096 bits at most), XF (XMPP federation
//! guide), FN74345, TAC 214231 (the ITL's signer).

use super::Party;
use super::services::{Service, TrustList};
use std::fmt;

/// A Unified Communications platform product whose certificates sancsr
/// plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Product {
    /// Cisco Unified Communications Manager.
    UnifiedCm,
    /// Cisco Unified CM IM and Presence Service.
    ImPresence,
}

impl Product {
    /// Both, Unified CM first (the order certificates are listed).
    pub const ALL: [Product; 2] = [Product::UnifiedCm, Product::ImPresence];

    /// `unified-cm` / `im-presence` (JSON).
    pub fn key(self) -> &'static str {
        match self {
            Product::UnifiedCm => "unified-cm",
            Product::ImPresence => "im-presence",
        }
    }

    /// The deployment file's table.
    pub fn table(self) -> &'static str {
        match self {
            Product::UnifiedCm => "unified_cm",
            Product::ImPresence => "im_presence",
        }
    }

    /// As Cisco writes it.
    pub fn title(self) -> &'static str {
        match self {
            Product::UnifiedCm => "Unified CM",
            Product::ImPresence => "IM and Presence",
        }
    }
}

/// Where a platform certificate's names come from, beyond the nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlatformNames {
    /// The node FQDNs only.
    Nodes,
    /// The nodes and `[im_presence] chat_node_aliases` (group chat: the
    /// alias is a host the XMPP server answers for).
    NodesAndChatAliases,
    /// The nodes, the chat node aliases and `[xmpp_federation] domains`
    /// (server-to-server federation is addressed by domain).
    NodesAliasesAndFederationDomains,
}

/// One certificate purpose of the OS Administration page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlatformService {
    /// The product that holds it.
    pub product: Product,
    /// "Certificate Purpose" on Generate CSR, RSA key.
    pub purpose: &'static str,
    /// The same for an ECDSA key (Unified CM 11.5 and later).
    pub ecdsa_purpose: &'static str,
    /// The service it identifies (links' file name).
    pub service: Service,
    /// The store of the boxes that verify it, and of this box for its
    /// peers: `<purpose>-trust`.
    pub trust: TrustList,
    /// What it secures, in Cisco's words.
    pub secures: &'static str,
    /// The names beyond the nodes.
    pub names: PlatformNames,
    /// Where Cisco says so.
    pub source: &'static str,
}

/// The four purposes that matter to Unified Communications (source C, O):
/// tomcat and CallManager on Unified CM, tomcat, cup-xmpp and cup-xmpp-s2s
/// on IM and Presence. "In CUCM Version 10.5 and later, this … CSR request
/// can include SAN and alternate domains: Tomcat - CUCM and IM&P; Cisco
/// CallManager - Only CUCM; CUP-XMPP - Only IM&P; CUP-XMPP S2S - Only IM&P"
/// (TAC 118731).
pub const PLATFORM_SERVICES: &[PlatformService] = &[
    PlatformService {
        product: Product::UnifiedCm,
        purpose: "tomcat",
        ecdsa_purpose: "tomcat-ECDSA",
        service: Service::Tomcat,
        trust: TrustList::TomcatTrust,
        secures: "HTTPS: the web pages, UDS and the Expressway-C's configuration reads (8443), TFTP over HTTPS (6971, 6972)",
        names: PlatformNames::Nodes,
        source: "C, O, TAC 225476",
    },
    PlatformService {
        product: Product::UnifiedCm,
        purpose: "CallManager",
        ecdsa_purpose: "CallManager-ECDSA",
        service: Service::CallManager,
        trust: TrustList::CallManagerTrust,
        secures: "SIP TLS with the Expressway-C, trunks and secure phones (5061); signs TFTP files; listed in the ITL",
        names: PlatformNames::Nodes,
        source: "C, O, TAC 214231",
    },
    PlatformService {
        product: Product::ImPresence,
        purpose: "tomcat",
        ecdsa_purpose: "tomcat-ECDSA",
        service: Service::Tomcat,
        trust: TrustList::TomcatTrust,
        secures: "HTTPS: the web pages and the Expressway-C's reads (8443), file transfer (7336)",
        names: PlatformNames::Nodes,
        source: "C, O",
    },
    PlatformService {
        product: Product::ImPresence,
        purpose: "cup-xmpp",
        ecdsa_purpose: "cup-xmpp-ECDSA",
        service: Service::CupXmpp,
        trust: TrustList::CupXmppTrust,
        secures: "XMPP with Jabber and the Expressway-C (5222, XCP 7400); group chat answers for the chat node aliases",
        names: PlatformNames::NodesAndChatAliases,
        source: "C, O, XF",
    },
    PlatformService {
        product: Product::ImPresence,
        purpose: "cup-xmpp-s2s",
        ecdsa_purpose: "cup-xmpp-s2s-ECDSA",
        service: Service::CupXmppS2s,
        trust: TrustList::CupXmppTrust,
        secures: "XMPP federation straight from IM and Presence (5269), addressed by domain",
        names: PlatformNames::NodesAliasesAndFederationDomains,
        source: "O, XF",
    },
];

/// The purposes of one product, in table order.
pub fn services_of(product: Product) -> impl Iterator<Item = &'static PlatformService> {
    PLATFORM_SERVICES
        .iter()
        .filter(move |s| s.product == product)
}

/// The product a party is, when it is one.
fn product_of(party: Party) -> Option<Product> {
    match party {
        Party::UnifiedCm => Some(Product::UnifiedCm),
        Party::ImPresence => Some(Product::ImPresence),
        _ => None,
    }
}

/// The certificates a host of `party` presents, each once: an Expressway's
/// server and client certificates; a platform node's purposes of the
/// table.
pub fn presented_by(party: Party) -> Vec<Service> {
    if let Party::Expressway(_) = party {
        return vec![Service::ExpresswayServer, Service::ExpresswayClient];
    }
    let mut out: Vec<Service> = Vec::new();
    for s in product_of(party).into_iter().flat_map(services_of) {
        if !out.contains(&s.service) {
            out.push(s.service);
        }
    }
    out
}

/// The trust lists a host of `party` keeps, each once.
pub fn trust_lists_of(party: Party) -> Vec<TrustList> {
    if let Party::Expressway(_) = party {
        return vec![TrustList::ExpresswayTrustedCa];
    }
    let mut out: Vec<TrustList> = Vec::new();
    for s in product_of(party).into_iter().flat_map(services_of) {
        if !out.contains(&s.trust) {
            out.push(s.trust);
        }
    }
    out
}

/// A Unified CM or IM and Presence release: `14`, `12.5`, `15SU5`,
/// `12.5SU7` (the major release and its Service Update).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct UcVersion {
    /// **15**SU5
    pub major: u32,
    /// 12.**5**
    pub minor: u32,
    /// 15SU**5** (0: the base release).
    pub su: u32,
}

impl UcVersion {
    /// Builds a release.
    pub const fn new(major: u32, minor: u32, su: u32) -> Self {
        UcVersion { major, minor, su }
    }

    /// Parses `15`, `15SU5`, `12.5`, `12.5SU7` (`su` in any case).
    pub fn parse(s: &str) -> Option<UcVersion> {
        let upper = s.trim().to_ascii_uppercase();
        let (release, su) = match upper.split_once("SU") {
            Some((release, su)) => (release, Some(su)),
            None => (upper.as_str(), None),
        };
        let number = |p: &str| {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let (major, minor) = match release.split_once('.') {
            Some((major, minor)) => (number(major)?, number(minor)?),
            None => (number(release)?, 0),
        };
        let su = match su {
            Some(su) => number(su)?,
            None => 0,
        };
        Some(UcVersion::new(major, minor, su))
    }
}

impl fmt::Display for UcVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.major)?;
        if self.minor != 0 {
            write!(f, ".{}", self.minor)?;
        }
        if self.su != 0 {
            write!(f, "SU{}", self.su)?;
        }
        Ok(())
    }
}

/// Multi-server (SAN) certificates, generated once on the publisher: "In
/// CUCM Version 10.5 and later" (TAC 118731).
pub const MULTI_SERVER_SINCE: UcVersion = UcVersion::new(10, 5, 0);

/// Separate server and client certificates (FN74345: CSCws02424 for Unified
/// CM, CSCws03437 for IM and Presence), the release given in the issue that
/// tracks FN74345 here. Before it one certificate carries both EKUs, which
/// public CAs stop issuing.
pub const SEPARATE_CLIENT_SINCE: UcVersion = UcVersion::new(15, 0, 5);

/// From 12.0 the ITL is signed by the ITLRecovery certificate; before, by
/// CallManager (TAC 214231, "Certificate Regeneration Process for CUCM").
pub const ITL_RECOVERY_SIGNS_SINCE: UcVersion = UcVersion::new(12, 0, 0);

/// "The maximum size of certificate supported for DER or PEM is 4096 bits"
/// (source UCSG).
pub const PLATFORM_MAX_RSA_BITS: u32 = 4096;

/// The key usages the Preferred Architecture lists for tomcat,
/// CallManager, cup-xmpp and cup-xmpp-s2s (source N).
pub const PLATFORM_KEY_USAGE: &str = "Digital Signature, Key Encipherment, Data Encipherment";

/// What a multi-server certificate's common name is: the publisher's host
/// name with `-ms` after it, in the publisher's domain (source O).
pub fn multi_server_common_name(publisher: &str) -> String {
    match publisher.split_once('.') {
        Some((host, domain)) => format!("{host}-ms.{domain}"),
        None => format!("{publisher}-ms"),
    }
}

/// What a CallManager change does to the ITL, by release (TAC 214231:
/// the ITL is signed by CallManager before 12.0, by ITLRecovery from it).
pub fn itl_signer(release: Option<UcVersion>) -> &'static str {
    match release {
        Some(r) if r < ITL_RECOVERY_SIGNS_SINCE => {
            "before 12.0 the ITL is signed by CallManager, so a new CallManager certificate \
             changes the ITL's signer, and phones accept the new ITL only through TVS"
        }
        Some(_) => {
            "from 12.0 the ITL is signed by ITLRecovery, so its signer stays, but the ITL lists \
             CallManager and TVS, and phones check a changed entry through TVS"
        }
        None => {
            "the ITL lists CallManager and TVS (and is signed by CallManager before 12.0, by \
             ITLRecovery from it), and phones check a changed entry through TVS"
        }
    }
}

/// The order Cisco gives when a CallManager certificate changes (TAC
/// 214231, "Certificate Regeneration Process for CUCM", 10.5 to 15.0).
pub const CALLMANAGER_RENEWAL_ORDER: &str = "1. check the phones trust the current ITL (show itl); \
     2. never renew CallManager together with TVS or ITLRecovery; 3. replace CallManager one \
     node at a time, publisher first, restarting Cisco CallManager and Cisco TFTP on that node; \
     4. reset the phones and wait until they register with the new ITL before the next node";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_table() {
        let cases = [
            ("15", Some(UcVersion::new(15, 0, 0)), "15"),
            ("15SU5", Some(UcVersion::new(15, 0, 5)), "15SU5"),
            ("15su5", Some(UcVersion::new(15, 0, 5)), "15SU5"),
            ("12.5", Some(UcVersion::new(12, 5, 0)), "12.5"),
            ("12.5SU7", Some(UcVersion::new(12, 5, 7)), "12.5SU7"),
            ("X15.5", None, ""),
            ("15SU", None, ""),
            ("", None, ""),
            ("15.5.1", None, ""),
        ];
        for (text, want, shown) in cases {
            let got = UcVersion::parse(text);
            assert_eq!(got, want, "{text}");
            if let Some(v) = got {
                assert_eq!(v.to_string(), shown);
            }
        }
        assert!(UcVersion::new(15, 0, 4) < SEPARATE_CLIENT_SINCE);
        assert!(UcVersion::new(12, 5, 7) < UcVersion::new(14, 0, 0));
    }

    #[test]
    fn multi_server_names() {
        for (publisher, want) in [
            ("cucm1.example.com", "cucm1-ms.example.com"),
            ("cucm1", "cucm1-ms"),
        ] {
            assert_eq!(multi_server_common_name(publisher), want);
        }
    }

    #[test]
    fn the_signer_follows_the_release() {
        let cases = [
            (Some(UcVersion::new(11, 5, 0)), "signed by CallManager, so"),
            (Some(UcVersion::new(12, 0, 0)), "signer stays"),
            (Some(UcVersion::new(15, 0, 5)), "signer stays"),
            (None, "signed by CallManager before 12.0"),
        ];
        for (release, words) in cases {
            assert!(itl_signer(release).contains(words), "{release:?}");
        }
    }

    #[test]
    fn what_each_kind_of_host_presents_and_keeps() {
        use crate::cisco::Role;
        let cases = [
            (
                Party::Expressway(Role::ExpresswayC),
                vec!["server", "client"],
                vec!["trusted-ca"],
            ),
            (
                Party::UnifiedCm,
                vec!["tomcat", "CallManager"],
                vec!["tomcat-trust", "CallManager-trust"],
            ),
            (
                Party::ImPresence,
                vec!["tomcat", "cup-xmpp", "cup-xmpp-s2s"],
                vec!["tomcat-trust", "cup-xmpp-trust"],
            ),
            (Party::Partners, vec![], vec![]),
        ];
        for (party, services, lists) in cases {
            let got: Vec<&str> = presented_by(party).into_iter().map(Service::file).collect();
            assert_eq!(got, services, "{party:?}");
            let got: Vec<&str> = trust_lists_of(party)
                .into_iter()
                .map(TrustList::file)
                .collect();
            assert_eq!(got, lists, "{party:?}");
        }
    }

    #[test]
    fn every_product_has_tomcat() {
        for product in Product::ALL {
            assert!(services_of(product).any(|s| s.purpose == "tomcat"));
        }
    }
}
