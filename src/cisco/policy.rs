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

/// X15.5 separates the server and client certificate stores (source D, K).
pub const SEPARATE_CLIENT_STORE_SINCE: Version = Version::new(15, 5, 0);

/// Webex App on iOS refuses private-CA certificates valid longer than 398
/// days (source W).
pub const MAX_VALIDITY_DAYS: i64 = 398;

/// Many public CAs cap a certificate at 100 names (Let's Encrypt: 100).
pub const PUBLIC_CA_SAN_LIMIT: usize = 100;

/// Longest common name X.509 allows (RFC 5280 Appendix A, ub-common-name).
pub const MAX_COMMON_NAME_LEN: usize = 64;

/// What public CAs do with clientAuth in 2026 (source I, FN74362).
pub const CLIENT_AUTH_SUNSET: &str =
    "public CAs stopped issuing clientAuth in 2026 (field notice FN74362)";

/// From X12.6 a Unified CM phone security profile name must be an FQDN, and
/// CSR generation fails with a bare name (source C, E).
pub const PROFILE_FQDN_SINCE: Version = Version::new(12, 6, 0);
