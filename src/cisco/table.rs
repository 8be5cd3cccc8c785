//! Cisco's SAN table, as data: which elements of the Generate CSR page each
//! feature requires on which Expressway, and the format drop-down of each.
//!
//! Source C (`docs/cisco-rules.md`): Expressway Certificate Creation and Use
//! Deployment Guide X15.4, "Server Certificate Requirements for Unified
//! Communications", the table "which CSR alternative name elements apply to
//! which Unified Communications features". [`SAN_TABLE`] is that table, row
//! by row and column by column; plans, `rules`, `init` and the docs read it.

use super::Format;
use serde::Serialize;
use std::fmt;

/// A Unified Communications feature: one column of Cisco's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Feature {
    /// Mobile and Remote Access.
    MobileRemoteAccess,
    /// Jabber Guest.
    JabberGuest,
    /// XMPP Federation.
    XmppFederation,
    /// Business to Business Calls.
    BusinessToBusiness,
}

impl Feature {
    /// Every feature, in the column order of Cisco's table.
    pub const ALL: [Feature; 4] = [
        Feature::MobileRemoteAccess,
        Feature::JabberGuest,
        Feature::XmppFederation,
        Feature::BusinessToBusiness,
    ];

    /// The spelling used in the deployment file and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Feature::MobileRemoteAccess => "mobile-remote-access",
            Feature::JabberGuest => "jabber-guest",
            Feature::XmppFederation => "xmpp-federation",
            Feature::BusinessToBusiness => "business-to-business",
        }
    }

    /// Cisco's column heading.
    pub fn title(self) -> &'static str {
        match self {
            Feature::MobileRemoteAccess => "Mobile and Remote Access",
            Feature::JabberGuest => "Jabber Guest",
            Feature::XmppFederation => "XMPP Federation",
            Feature::BusinessToBusiness => "Business to Business Calls",
        }
    }
}

impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Which Expressway a certificate is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Role {
    /// Expressway-C (Core), inside the network.
    #[serde(rename = "expressway-c")]
    ExpresswayC,
    /// Expressway-E (Edge), in the DMZ.
    #[serde(rename = "expressway-e")]
    ExpresswayE,
}

impl Role {
    /// Both roles, C first (the order certificates are listed).
    pub const ALL: [Role; 2] = [Role::ExpresswayC, Role::ExpresswayE];

    /// `Expressway-C` / `Expressway-E`, as Cisco writes it.
    pub fn title(self) -> &'static str {
        match self {
            Role::ExpresswayC => "Expressway-C",
            Role::ExpresswayE => "Expressway-E",
        }
    }

    /// The deployment file table for this role.
    pub fn table(self) -> &'static str {
        match self {
            Role::ExpresswayC => "expressway_c",
            Role::ExpresswayE => "expressway_e",
        }
    }

    /// The short key `--role` takes (`c`, `e`).
    pub fn letter(self) -> &'static str {
        match self {
            Role::ExpresswayC => "c",
            Role::ExpresswayE => "e",
        }
    }

    /// The other Expressway.
    pub fn other(self) -> Role {
        match self {
            Role::ExpresswayC => Role::ExpresswayE,
            Role::ExpresswayE => Role::ExpresswayC,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// A row of Cisco's table: an element of the Generate CSR page that
/// contributes names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Element {
    /// "Unified CM registrations domains" (service discovery domains).
    UnifiedCmRegistrationDomain,
    /// "XMPP federation domains".
    XmppFederationDomain,
    /// "IM and Presence chat node aliases (federated group chat)".
    ChatNodeAlias,
    /// "Unified CM phone security profile names".
    PhoneSecurityProfile,
    /// "(Clustered systems only) Expressway Cluster name".
    ClusterName,
}

impl Element {
    /// The spelling used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Element::UnifiedCmRegistrationDomain => "unified-cm-registration-domain",
            Element::XmppFederationDomain => "xmpp-federation-domain",
            Element::ChatNodeAlias => "chat-node-alias",
            Element::PhoneSecurityProfile => "phone-security-profile",
            Element::ClusterName => "cluster-name",
        }
    }
}

/// The table elements that list names, in the order the Generate CSR page
/// shows them and the plan writes their names, after the additional names.
pub const ELEMENT_ORDER: [Element; 4] = [
    Element::UnifiedCmRegistrationDomain,
    Element::XmppFederationDomain,
    Element::ChatNodeAlias,
    Element::PhoneSecurityProfile,
];

/// One cell of Cisco's table: on which certificates the element is required
/// for that feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    /// "—": not required.
    No,
    /// "Required on Expressway-C only".
    COnly,
    /// "Required on Expressway-E only".
    EOnly,
    /// "Required" (both).
    CAndE,
}

impl Required {
    /// Whether the cell puts the element on a certificate of `role`.
    pub fn applies_to(self, role: Role) -> bool {
        matches!(
            (self, role),
            (Required::CAndE, _)
                | (Required::COnly, Role::ExpresswayC)
                | (Required::EOnly, Role::ExpresswayE)
        )
    }

    /// The cell's text as Cisco writes it.
    pub fn text(self) -> &'static str {
        match self {
            Required::No => "—",
            Required::COnly => "Required on Expressway-C only",
            Required::EOnly => "Required on Expressway-E only",
            Required::CAndE => "Required",
        }
    }

    /// The cell in two words: `C and E`, `C only`, `E only`, `—`.
    pub fn short(self) -> &'static str {
        match self {
            Required::No => "—",
            Required::COnly => "C only",
            Required::EOnly => "E only",
            Required::CAndE => "C and E",
        }
    }
}

/// A row of Cisco's table.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// The element.
    pub element: Element,
    /// Cisco's row heading.
    pub title: &'static str,
    /// One cell per feature, in [`Feature::ALL`] order.
    pub cells: [Required; 4],
    /// The formats its Format drop-down offers, the default first; one
    /// entry (DNS): the element has no drop-down.
    pub formats: &'static [Format],
    /// What the admin lists there, in the words of `init`'s comments.
    pub listing: &'static str,
    /// The names it lists, in a few words ("chat node aliases").
    pub noun: &'static str,
}

impl Row {
    /// The cell for `feature`.
    pub fn cell(&self, feature: Feature) -> Required {
        self.cells[feature as usize]
    }

    /// Whether the page has a Format drop-down next to the element.
    pub fn has_format_dropdown(&self) -> bool {
        self.formats.len() > 1
    }
}

use Required::{CAndE, COnly, EOnly, No};

/// Cisco's table. Columns: MRA, Jabber Guest, XMPP Federation, B2B.
///
/// Formats (source C, "Expressway-E server certificate requirements"):
/// registration domains in DNS or CollabEdgeDNS format, and the SRVName form
/// endpoints accept (TAC 211304); XMPP federation domains and chat node
/// aliases in DNS or XMPPAddress format.
pub static SAN_TABLE: [Row; 5] = [
    Row {
        element: Element::UnifiedCmRegistrationDomain,
        title: "Unified CM registrations domains",
        //      MRA    Jabber Guest  XMPP Fed  B2B
        cells: [EOnly, No, No, No],
        formats: &[Format::Dns, Format::CollabEdgeDns, Format::Srv],
        listing: "Service discovery (edge) domains: the _collab-edge SRV domains Jabber and \
                  phones look up",
        noun: "registration domains",
    },
    Row {
        element: Element::XmppFederationDomain,
        title: "XMPP federation domains",
        cells: [No, No, EOnly, No],
        formats: &[Format::Dns, Format::XmppAddress],
        listing: "Point-to-point XMPP federation domains",
        noun: "XMPP federation domains",
    },
    Row {
        element: Element::ChatNodeAlias,
        title: "IM and Presence chat node aliases (federated group chat)",
        cells: [No, No, CAndE, No],
        formats: &[Format::Dns, Format::XmppAddress],
        listing: "Chat node aliases (federated group chat)",
        noun: "chat node aliases",
    },
    Row {
        element: Element::PhoneSecurityProfile,
        title: "Unified CM phone security profile names",
        cells: [COnly, No, No, No],
        formats: &[Format::Dns],
        listing: "TLS phone security profile names, exactly as on Unified CM; FQDNs since X12.6",
        noun: "phone security profile names",
    },
    Row {
        element: Element::ClusterName,
        title: "(Clustered systems only) Expressway Cluster name",
        cells: [COnly, COnly, COnly, No],
        formats: &[Format::Dns],
        listing: "Cluster FQDN; delete the line for a single, unclustered box",
        noun: "cluster FQDN",
    },
];

/// The row for `element`.
pub fn row(element: Element) -> &'static Row {
    // Every Element has exactly one row, in declaration order;
    // `table_covers_every_element_once` checks it.
    &SAN_TABLE[element as usize]
}

/// The features among `enabled` for which Cisco requires `element` on a
/// certificate of `role`, in column order. Empty: the element is not needed.
pub fn requiring_features(element: Element, role: Role, enabled: &[Feature]) -> Vec<Feature> {
    let row = row(element);
    Feature::ALL
        .into_iter()
        .filter(|f| enabled.contains(f) && row.cell(*f).applies_to(role))
        .collect()
}

/// Whether any feature's column puts `element` on a certificate of `role`.
pub fn ever_applies(element: Element, role: Role) -> bool {
    !requiring_features(element, role, &Feature::ALL).is_empty()
}

/// The roles on whose certificates a feature ever puts `element`, for
/// messages ("Expressway-E").
pub fn roles_of(element: Element) -> Vec<Role> {
    Role::ALL
        .into_iter()
        .filter(|r| ever_applies(element, *r))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_covers_every_element_once() {
        let elements = [
            Element::UnifiedCmRegistrationDomain,
            Element::XmppFederationDomain,
            Element::ChatNodeAlias,
            Element::PhoneSecurityProfile,
            Element::ClusterName,
        ];
        for e in elements {
            assert_eq!(
                SAN_TABLE.iter().filter(|r| r.element == e).count(),
                1,
                "{e:?}"
            );
            assert_eq!(row(e).element, e);
        }
        assert_eq!(SAN_TABLE.len(), elements.len());
    }

    #[test]
    fn feature_order_matches_column_index() {
        for (i, f) in Feature::ALL.into_iter().enumerate() {
            assert_eq!(f as usize, i);
        }
    }

    /// Every cell of Cisco's table, written out as Cisco writes it:
    /// (element, feature, on C, on E).
    #[test]
    fn every_cell_matches_cisco() {
        use Element::*;
        use Feature::*;
        let expected: &[(Element, Feature, bool, bool)] = &[
            (UnifiedCmRegistrationDomain, MobileRemoteAccess, false, true),
            (UnifiedCmRegistrationDomain, JabberGuest, false, false),
            (UnifiedCmRegistrationDomain, XmppFederation, false, false),
            (
                UnifiedCmRegistrationDomain,
                BusinessToBusiness,
                false,
                false,
            ),
            (XmppFederationDomain, MobileRemoteAccess, false, false),
            (XmppFederationDomain, JabberGuest, false, false),
            (XmppFederationDomain, XmppFederation, false, true),
            (XmppFederationDomain, BusinessToBusiness, false, false),
            (ChatNodeAlias, MobileRemoteAccess, false, false),
            (ChatNodeAlias, JabberGuest, false, false),
            (ChatNodeAlias, XmppFederation, true, true),
            (ChatNodeAlias, BusinessToBusiness, false, false),
            (PhoneSecurityProfile, MobileRemoteAccess, true, false),
            (PhoneSecurityProfile, JabberGuest, false, false),
            (PhoneSecurityProfile, XmppFederation, false, false),
            (PhoneSecurityProfile, BusinessToBusiness, false, false),
            (ClusterName, MobileRemoteAccess, true, false),
            (ClusterName, JabberGuest, true, false),
            (ClusterName, XmppFederation, true, false),
            (ClusterName, BusinessToBusiness, false, false),
        ];
        assert_eq!(expected.len(), 20);
        for (element, feature, on_c, on_e) in expected {
            let cell = row(*element).cell(*feature);
            assert_eq!(
                cell.applies_to(Role::ExpresswayC),
                *on_c,
                "{element:?} {feature:?} C"
            );
            assert_eq!(
                cell.applies_to(Role::ExpresswayE),
                *on_e,
                "{element:?} {feature:?} E"
            );
        }
    }

    #[test]
    fn requiring_features_keeps_only_enabled_ones() {
        let enabled = [Feature::JabberGuest, Feature::BusinessToBusiness];
        assert_eq!(
            requiring_features(Element::ClusterName, Role::ExpresswayC, &enabled),
            vec![Feature::JabberGuest]
        );
        assert!(requiring_features(Element::ClusterName, Role::ExpresswayE, &enabled).is_empty());
        assert!(ever_applies(
            Element::UnifiedCmRegistrationDomain,
            Role::ExpresswayE
        ));
        assert!(!ever_applies(
            Element::UnifiedCmRegistrationDomain,
            Role::ExpresswayC
        ));
    }

    #[test]
    fn drop_downs_offer_dns_first() {
        for row in &SAN_TABLE {
            assert_eq!(row.formats[0], Format::Dns, "{:?}", row.element);
        }
        assert!(row(Element::UnifiedCmRegistrationDomain).has_format_dropdown());
        assert!(!row(Element::PhoneSecurityProfile).has_format_dropdown());
    }
}
