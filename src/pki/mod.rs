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

/// A certificate as PEM, with LF line ends like OpenSSL's (the `pem`
/// crate's default is CRLF, which would mix with the keys' LF in one
/// folder).
pub(crate) fn certificate_pem(der: &[u8]) -> String {
    let lf = pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF);
    pem::encode_config(&pem::Pem::new("CERTIFICATE", der.to_vec()), lf)
}

#[cfg(test)]
mod tests;
