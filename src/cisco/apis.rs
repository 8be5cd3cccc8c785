//! The read-only HTTPS APIs `pull` reads certificates from, as Cisco names
//! them, with the release that added each (for "has no such API") and
//! which of the estate's files each fills (`docs/pull.md` says which parts
//! Cisco publishes and which are inferred from public code).

/// One endpoint of a box's API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Api {
    /// The document that describes it.
    pub document: &'static str,
    /// The path, read with GET.
    pub path: &'static str,
    /// The release that added it.
    pub since: &'static str,
}

/// "Cisco Expressway REST API Reference Guide" (documented since X8.10,
/// RAML at `/api/raml`): the server certificate.
pub const EXPRESSWAY_SERVER_CERTIFICATE: Api = Api {
    document: "Cisco Expressway REST API (provisioning)",
    path: "/api/provisioning/certs/server",
    since: "X8.10",
};

/// The same API: the trusted CA list.
pub const EXPRESSWAY_TRUSTED_CAS: Api = Api {
    document: "Cisco Expressway REST API (provisioning)",
    path: "/api/provisioning/certs/root",
    since: "X8.10",
};

/// The Certificate Management REST API of Unified CM and IM and Presence,
/// per node: every identity certificate and trust store of the node.
pub const PLATFORM_CERTIFICATE_SNAPSHOT: Api = Api {
    document: "Cisco Unified Communications Certificate Management REST API",
    path: "/platformcom/api/v1/certmgr/config/snapshot/server",
    since: "release 14",
};

/// A service name of the snapshot, any case, and the estate file it
/// fills: identities by their own name, trust stores by `<name>-trust`
/// (the snapshot may name a store either way).
pub const SNAPSHOT_FILES: &[(&str, &str, &str)] = &[
    // (service, identity file, trust file)
    ("tomcat", "tomcat", "tomcat-trust"),
    ("CallManager", "CallManager", "CallManager-trust"),
    ("cup-xmpp", "cup-xmpp", "cup-xmpp-trust"),
    ("cup-xmpp-s2s", "cup-xmpp-s2s", "cup-xmpp-trust"),
];

/// The estate file of a snapshot service; `trust` for its trust store.
pub fn snapshot_file(service: &str, trust: bool) -> Option<&'static str> {
    let bare = service.strip_suffix("-trust").unwrap_or(service);
    SNAPSHOT_FILES
        .iter()
        .find(|(name, _, _)| name.eq_ignore_ascii_case(bare))
        .map(|(_, identity, store)| if trust { *store } else { *identity })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_names_table() {
        let cases = [
            ("tomcat", false, Some("tomcat")),
            ("Tomcat", true, Some("tomcat-trust")),
            ("tomcat-trust", true, Some("tomcat-trust")),
            ("callmanager", false, Some("CallManager")),
            ("CallManager-trust", true, Some("CallManager-trust")),
            ("cup-xmpp-s2s", true, Some("cup-xmpp-trust")),
            ("ipsec", false, None),
            ("tomcat-ECDSA", false, None),
        ];
        for (service, trust, want) in cases {
            assert_eq!(snapshot_file(service, trust), want, "{service} {trust}");
        }
    }
}
