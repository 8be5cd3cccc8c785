//! When a change needs a new certificate: Cisco's notes under the SAN table
//! (source C in `docs/cisco-rules.md`), as data.
//!
//! > You may need to produce a new server certificate for the Expressway-C if
//! > chat node aliases are added or renamed. Or when IM and Presence nodes are
//! > added or renamed, or new TLS phone security profiles are added.
//! > You must produce a new Expressway-E certificate if new chat node aliases
//! > are added to the system, or if the Unified CM or XMPP federation domains
//! > are modified.
//! > You must restart the Expressway for any new uploaded server certificate
//! > to take effect.

use super::{Element, Role};
use serde::Serialize;
use std::fmt;

/// Why a certificate must be reissued (or is no longer needed): a stable
/// identifier, documented in `docs/cisco-rules.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReissueRule {
    /// A peer new in the deployment.
    NewPeer,
    /// A peer no longer in the deployment.
    RemovedPeer,
    /// Cisco: C, chat node aliases added or renamed.
    CiscoCChatNodeAliases,
    /// Cisco: C, new TLS phone security profiles.
    CiscoCPhoneSecurityProfiles,
    /// Cisco: C, IM and Presence nodes added or renamed.
    CiscoCImPresenceNodes,
    /// Cisco: E, new chat node aliases.
    CiscoEChatNodeAliases,
    /// Cisco: E, registration domains changed.
    CiscoERegistrationDomains,
    /// Cisco: E, XMPP federation domains changed.
    CiscoEXmppFederationDomains,
    /// Any other SAN change.
    SanListChanged,
    /// The subject changed.
    SubjectChanged,
    /// The key changed.
    KeyChanged,
    /// A release upgrade or a CA change alters which certificates the peer
    /// needs (the 2026 clientAuth sunset).
    CertificatesChanged,
    /// The kind of CA that signs the certificate changed.
    CaChanged,
}

impl ReissueRule {
    /// Every rule.
    #[cfg(test)]
    pub const ALL: [ReissueRule; 13] = [
        ReissueRule::NewPeer,
        ReissueRule::RemovedPeer,
        ReissueRule::CiscoCChatNodeAliases,
        ReissueRule::CiscoCPhoneSecurityProfiles,
        ReissueRule::CiscoCImPresenceNodes,
        ReissueRule::CiscoEChatNodeAliases,
        ReissueRule::CiscoERegistrationDomains,
        ReissueRule::CiscoEXmppFederationDomains,
        ReissueRule::SanListChanged,
        ReissueRule::SubjectChanged,
        ReissueRule::KeyChanged,
        ReissueRule::CertificatesChanged,
        ReissueRule::CaChanged,
    ];

    /// The spelling in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ReissueRule::NewPeer => "new-peer",
            ReissueRule::RemovedPeer => "removed-peer",
            ReissueRule::CiscoCChatNodeAliases => "cisco-c-chat-node-aliases",
            ReissueRule::CiscoCPhoneSecurityProfiles => "cisco-c-phone-security-profiles",
            ReissueRule::CiscoCImPresenceNodes => "cisco-c-im-presence-nodes",
            ReissueRule::CiscoEChatNodeAliases => "cisco-e-chat-node-aliases",
            ReissueRule::CiscoERegistrationDomains => "cisco-e-registration-domains",
            ReissueRule::CiscoEXmppFederationDomains => "cisco-e-xmpp-federation-domains",
            ReissueRule::SanListChanged => "san-list-changed",
            ReissueRule::SubjectChanged => "subject-changed",
            ReissueRule::KeyChanged => "key-changed",
            ReissueRule::CertificatesChanged => "certificates-changed",
            ReissueRule::CaChanged => "ca-changed",
        }
    }
}

impl fmt::Display for ReissueRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ReissueRule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Which names a note watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Watched {
    /// The SANs a table element put on the certificate.
    Element(Element),
    /// The IM and Presence node list (not SANs of the Expressway).
    ImPresenceNodes,
}

/// Which changes a note names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Names added ("new chat node aliases are added").
    Added,
    /// Names added, with the names they replace ("added or renamed"): a
    /// removal alone is not this note.
    AddedOrRenamed,
    /// Any name added or removed ("domains are modified").
    Changed,
}

/// One of Cisco's notes.
#[derive(Debug)]
pub struct ReissueNote {
    /// Its identifier.
    pub rule: ReissueRule,
    /// The certificate it concerns.
    pub role: Role,
    /// The names it watches.
    pub watched: Watched,
    /// Which changes count.
    pub change: Change,
    /// Cisco's words.
    pub text: &'static str,
}

/// Cisco's notes, C first.
pub static REISSUE_NOTES: [ReissueNote; 6] = [
    ReissueNote {
        rule: ReissueRule::CiscoCChatNodeAliases,
        role: Role::ExpresswayC,
        watched: Watched::Element(Element::ChatNodeAlias),
        change: Change::AddedOrRenamed,
        text: "Cisco: a new Expressway-C certificate is needed when chat node aliases are added \
               or renamed",
    },
    ReissueNote {
        rule: ReissueRule::CiscoCPhoneSecurityProfiles,
        role: Role::ExpresswayC,
        watched: Watched::Element(Element::PhoneSecurityProfile),
        change: Change::Added,
        text: "Cisco: a new Expressway-C certificate is needed when new TLS phone security \
               profiles are added",
    },
    ReissueNote {
        rule: ReissueRule::CiscoCImPresenceNodes,
        role: Role::ExpresswayC,
        watched: Watched::ImPresenceNodes,
        change: Change::Added,
        text: "Cisco: a new Expressway-C certificate is needed when IM and Presence nodes are \
               added or renamed",
    },
    ReissueNote {
        rule: ReissueRule::CiscoEChatNodeAliases,
        role: Role::ExpresswayE,
        watched: Watched::Element(Element::ChatNodeAlias),
        change: Change::Added,
        text: "Cisco: a new Expressway-E certificate is needed when new chat node aliases are \
               added",
    },
    ReissueNote {
        rule: ReissueRule::CiscoERegistrationDomains,
        role: Role::ExpresswayE,
        watched: Watched::Element(Element::UnifiedCmRegistrationDomain),
        change: Change::Changed,
        text: "Cisco: a new Expressway-E certificate is needed when the Unified CM registration \
               domains change",
    },
    ReissueNote {
        rule: ReissueRule::CiscoEXmppFederationDomains,
        role: Role::ExpresswayE,
        watched: Watched::Element(Element::XmppFederationDomain),
        change: Change::Changed,
        text: "Cisco: a new Expressway-E certificate is needed when the XMPP federation domains \
               change",
    },
];

/// "You must restart the Expressway for any new uploaded server certificate
/// to take effect."
pub const RESTART_NOTE: &str = "Restart each Expressway after uploading its new server \
     certificate: a new certificate takes effect only after the restart.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reissue_rule_is_documented_once() {
        let book = include_str!("../../docs/cisco-rules.md");
        let mut seen = std::collections::HashSet::new();
        for rule in ReissueRule::ALL {
            assert!(seen.insert(rule.as_str()));
            assert!(book.contains(&format!("`{rule}`")), "{rule} undocumented");
        }
    }
}
