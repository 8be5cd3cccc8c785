//! The read-only HTTPS APIs `pull` reads certificates from, as Cisco names
//! them, with the release that added each (for "has no such API") and
//! which of the estate's files each fills (`docs/pull.md` says which parts
//! Cisco publishes and which are inferred from public code).

use super::platform::PLATFORM_SERVICES;

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

/// The estate file of a snapshot service (any case), from Cisco's table
/// of purposes: an identity by its own name, a trust store (named either
/// `tomcat` or `tomcat-trust` in `trusts`) by its list's name.
pub fn snapshot_file(service: &str, trust: bool) -> Option<&'static str> {
    let bare = service.strip_suffix("-trust").unwrap_or(service);
    PLATFORM_SERVICES
        .iter()
        .find(|s| s.purpose.eq_ignore_ascii_case(bare))
        .map(|s| {
            if trust {
                s.trust.file()
            } else {
                s.service.file()
            }
        })
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
