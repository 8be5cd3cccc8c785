//! Cisco's SAN table, as data.
//!
//! Source: Cisco, "Server Certificate Requirements for Unified Communications"
//! (Expressway Certificate Creation and Use Deployment Guide X15.4), the table
//! "which CSR alternative name elements apply to which Unified Communications
//! features" (`reference/cisco-uc-server-certificate-requirements.md`).
//! [`SAN_TABLE`] is that table, row by row and column by column; the plan is
//! computed from it and `sancsr rules` prints it.

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

    /// Parses the deployment-file spelling.
    pub fn from_key(key: &str) -> Option<Feature> {
        Feature::ALL.into_iter().find(|f| f.key() == key)
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

    /// `expressway-c` / `expressway-e`, as in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Role::ExpresswayC => "expressway-c",
            Role::ExpresswayE => "expressway-e",
        }
    }

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
}

impl Row {
    /// The cell for `feature`.
    pub fn cell(&self, feature: Feature) -> Required {
        self.cells[feature as usize]
    }
}

use Required::{CAndE, COnly, EOnly, No};

/// Cisco's table. Columns: MRA, Jabber Guest, XMPP Federation, B2B.
///
/// Source: seed, "Expressway Certificates" table
/// (`reference/cisco-uc-server-certificate-requirements.md`).
pub static SAN_TABLE: [Row; 5] = [
    Row {
        element: Element::UnifiedCmRegistrationDomain,
        title: "Unified CM registrations domains",
        //      MRA    Jabber Guest  XMPP Fed  B2B
        cells: [EOnly, No, No, No],
    },
    Row {
        element: Element::XmppFederationDomain,
        title: "XMPP federation domains",
        cells: [No, No, EOnly, No],
    },
    Row {
        element: Element::ChatNodeAlias,
        title: "IM and Presence chat node aliases (federated group chat)",
        cells: [No, No, CAndE, No],
    },
    Row {
        element: Element::PhoneSecurityProfile,
        title: "Unified CM phone security profile names",
        cells: [COnly, No, No, No],
    },
    Row {
        element: Element::ClusterName,
        title: "(Clustered systems only) Expressway Cluster name",
        cells: [COnly, COnly, COnly, No],
    },
];

/// The row for `element`.
pub fn row(element: Element) -> &'static Row {
    // Every Element has exactly one row; `table_covers_every_element_once`
    // checks it.
    SAN_TABLE
        .iter()
        .find(|r| r.element == element)
        .unwrap_or(&SAN_TABLE[0])
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
            assert_eq!(Feature::from_key(f.key()), Some(f));
        }
    }

    /// Every cell of the seed's table, written out as the seed writes it:
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
}
