//! Every Cisco fact sancsr applies, once, as data that reads like Cisco's
//! documents: the SAN table and its formats, the Generate CSR page, the key,
//! version and EKU policy, and the reissue notes. Plans, audits, `rules`,
//! `init` and the docs read them from here. Sources are lettered as in
//! `docs/cisco-rules.md`.

pub(crate) mod apis;
pub(crate) mod connections;
mod formats;
mod keys;
pub(crate) mod page;
mod party;
pub(crate) mod platform;
pub(crate) mod policy;
pub(crate) mod ports;
pub(crate) mod reissue;
pub(crate) mod services;
pub(crate) mod sunset;
mod table;
mod version;
pub(crate) mod xconfiguration;

pub use connections::{CONNECTIONS, Connection, OptIn, Party};
pub use formats::{Format, SanKind};
pub use keys::{Algorithm, Digest, KeySpec};
pub(crate) use keys::{
    ECDSA_MINIMUM_BITS, ECDSA_SINCE, KEY_POLICIES, RSA_MINIMUM_BITS, RSA_SIP_TLS_MAXIMUM_BITS,
    curve_digest,
};
pub use page::{AlternativeNamesChoice, CommonNameChoice};
pub use ports::{PROBE_PORTS, StartTls};
pub use sunset::{CaKind, Eku, Provision, SUNSET_TABLE, Side, Store};
pub(crate) use table::{
    ELEMENT_ORDER, Required, SAN_TABLE, ever_applies, requiring_features, roles_of, row,
};
pub use table::{Element, Feature, Role};
pub use version::Version;
