//! Version and CA policy beyond keys: EKU by role and release, validity,
//! SAN counts. Each constant cites its source in `docs/cisco-rules.md`.

use super::Version;

/// X15.4 lets the Expressway-E take a serverAuth-only certificate after
/// `xConfiguration XCP TLS Certificate CVS EnableServerEkuUpload: On`
/// (source J, TAC 225482).
pub const SERVER_ONLY_E_SINCE: Version = Version::new(15, 4, 0);

/// The switch X15.4 needs for a serverAuth-only Expressway-E certificate.
pub const SERVER_EKU_UPLOAD_SWITCH: &str =
    "xConfiguration XCP TLS Certificate CVS EnableServerEkuUpload: On";

/// From X15.4 the cluster database's mutual TLS between peers no longer
/// checks the clientAuth EKU (source J, TAC 225482): a serverAuth-only peer
/// certificate still forms the cluster.
pub const CLUSTER_CLIENT_EKU_EXEMPT_SINCE: Version = Version::new(15, 4, 0);

/// X15.5's setting that makes the Expressway check the far end's EKU on
/// SIP TLS, On by default (source K, TAC 225693).
pub const SIP_EKU_CHECKING_MODE: &str =
    "xConfiguration SIP TLS Certificate ExtendedKeyUsage Checking Mode";

/// The release that brought [`SIP_EKU_CHECKING_MODE`].
pub const SIP_EKU_CHECKING_SINCE: Version = Version::new(15, 5, 0);

/// X15.5 separates the server and client certificate stores (source D, K).
pub const SEPARATE_CLIENT_STORE_SINCE: Version = Version::new(15, 5, 0);

/// Webex App on iOS refuses private-CA certificates valid longer than 398
/// days (source W).
pub const MAX_VALIDITY_DAYS: i64 = 398;

/// Many public CAs cap a certificate at 100 names (Let's Encrypt: 100).
pub const PUBLIC_CA_SAN_LIMIT: usize = 100;

/// Domains a public CA does not issue for: special-use names (RFC 6761:
/// `test`, `localhost`, `invalid`, `example` and the example domains; RFC
/// 6762: `local`; RFC 8375: `home.arpa`), which the CA/Browser Forum's
/// Baseline Requirements count among internal names (source CABF).
pub const SPECIAL_USE_DOMAINS: &[&str] = &[
    "local",
    "localhost",
    "test",
    "invalid",
    "example",
    "example.com",
    "example.net",
    "example.org",
    "home.arpa",
];

/// Longest common name X.509 allows (RFC 5280 Appendix A, ub-common-name).
pub const MAX_COMMON_NAME_LEN: usize = 64;

/// What public CAs do with clientAuth in 2026 (source I, FN74362).
pub const CLIENT_AUTH_SUNSET: &str =
    "public CAs stopped issuing clientAuth in 2026 (field notice FN74362)";

/// FN74362's workarounds for a box that still needs clientAuth from a public
/// CA, by role: Option 1, a public CA's alternate root that still issues
/// both EKUs, for either box; Option 3, a private PKI, "for Expressway C
/// only; not applicable for Expressway E" (source I; TAC 225482 agrees).
pub fn interim_remedy(role: super::Role) -> &'static str {
    match role {
        super::Role::ExpresswayC => {
            "sign it by a private CA (ca = \"private\"; FN74362, Option 3), or use a public \
             CA's alternate root that still issues serverAuth and clientAuth (FN74362, Option 1)"
        }
        super::Role::ExpresswayE => {
            "use a public CA's alternate root that still issues serverAuth and clientAuth \
             (FN74362, Option 1; its private-PKI option is not for the Expressway-E, whose \
             certificate the internet's clients verify)"
        }
    }
}

/// X15.5's button that copies the server certificate into the client
/// certificate store (source K, TAC 225693); upgrading to X15.5 copies it
/// once, later renewals need it again.
pub const COPY_TO_CLIENT_STORE: &str = "Upload server certificate file as client certificate";

/// From X12.6 a Unified CM phone security profile name must be an FQDN, and
/// CSR generation fails with a bare name (source C, E).
pub const PROFILE_FQDN_SINCE: Version = Version::new(12, 6, 0);
