//! Keys, CSRs and the certificate reader: everything that touches X.509 or
//! key material. OIDs live in [`oids`] only.

pub(crate) mod bundle;
pub(crate) mod csr;
pub(crate) mod document;
pub(crate) mod generate;
pub(crate) mod keys;
mod names;
pub(crate) mod oids;
pub(crate) mod pkcs12;
pub(crate) mod reader;
mod signature;

pub use document::{Document, FileContents, Kind, San};
pub use reader::{parse_bytes, read_file};

#[cfg(test)]
mod tests;
