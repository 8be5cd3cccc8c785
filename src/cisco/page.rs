//! The Expressway's Generate CSR page (Maintenance > Security > Server
//! certificate > Generate CSR): its fields and choices, as Cisco names them
//! (source A, F, G in `docs/cisco-rules.md`).

use serde::Serialize;

/// How the common name is chosen on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommonNameChoice {
    /// "FQDN of Expressway cluster".
    Cluster,
    /// "FQDN of this peer".
    Peer,
}

impl CommonNameChoice {
    /// Every choice, with its deployment-file spelling.
    pub const CHOICES: &'static [(&'static str, CommonNameChoice)] = &[
        ("cluster", CommonNameChoice::Cluster),
        ("peer", CommonNameChoice::Peer),
    ];

    /// The page's wording.
    pub fn title(self) -> &'static str {
        match self {
            CommonNameChoice::Cluster => "FQDN of Expressway cluster",
            CommonNameChoice::Peer => "FQDN of this peer",
        }
    }
}

/// The "Subject alternative names" drop-down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AlternativeNamesChoice {
    /// "FQDN of Expressway cluster plus FQDN of this peer".
    ClusterAndThisPeer,
    /// "FQDN of Expressway cluster plus FQDNs of all peers in the cluster".
    ClusterAndAllPeers,
    /// "None".
    None,
}

impl AlternativeNamesChoice {
    /// Every choice, with its deployment-file spelling.
    pub const CHOICES: &'static [(&'static str, AlternativeNamesChoice)] = &[
        (
            "cluster-and-this-peer",
            AlternativeNamesChoice::ClusterAndThisPeer,
        ),
        (
            "cluster-and-all-peers",
            AlternativeNamesChoice::ClusterAndAllPeers,
        ),
        ("none", AlternativeNamesChoice::None),
    ];

    /// The page's wording.
    pub fn title(self) -> &'static str {
        match self {
            AlternativeNamesChoice::ClusterAndThisPeer => {
                "FQDN of Expressway cluster plus FQDN of this peer"
            }
            AlternativeNamesChoice::ClusterAndAllPeers => {
                "FQDN of Expressway cluster plus FQDNs of all peers in the cluster"
            }
            AlternativeNamesChoice::None => "None",
        }
    }
}

/// The page's field labels.
pub mod fields {
    /// The common name choice.
    pub const COMMON_NAME: &str = "Common name";
    /// The alternative names drop-down.
    pub const ALTERNATIVE_NAMES: &str = "Subject alternative names";
    /// The free list.
    pub const ADDITIONAL_NAMES: &str = "Additional alternative names (comma separated)";
    /// Key algorithm and size.
    pub const KEY_LENGTH: &str = "Key length (in bits)";
    /// Digest.
    pub const DIGEST: &str = "Digest algorithm";
    /// Subject fields, in page order, with the X.520 attribute they set.
    pub const SUBJECT: [(&str, &str); 5] = [
        ("Country", "C"),
        ("State or province", "ST"),
        ("Town", "L"),
        ("Organization", "O"),
        ("Organizational unit", "OU"),
    ];
}

/// Where Unified CM keeps the phone security profiles whose names the
/// Expressway-C certificate carries: "From Cisco Unified CM Administration,
/// choose System > Security > Phone Security Profile" (source Y, setting up
/// a phone security profile for Mobile and Remote Access endpoints).
pub(crate) const PHONE_SECURITY_PROFILE_MENU: &str =
    "Cisco Unified CM Administration > System > Security > Phone Security Profile";

/// Where IM and Presence keeps the chat node aliases both roles' certificates
/// carry with XMPP federation: "The chat node aliases are configured on
/// Unified CM IM&P Administration (Messaging > Group Chat Server Alias
/// Mapping)" (source CP).
pub(crate) const CHAT_NODE_ALIAS_MENU: &str =
    "Cisco Unified CM IM and Presence Administration > Messaging > Group Chat Server Alias Mapping";
