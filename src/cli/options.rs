//! Option groups shared by commands (clap `Args`), kept apart from the
//! command list in [`super::args`].

use super::args::OutputFormat;
use clap::ValueEnum;

/// `check`'s options besides the files and the selection.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct CheckOptions {
    /// The private key the certificate must match.
    #[arg(long, value_name = "KEYFILE")]
    pub key: Option<String>,
    /// Trusted CA certificates (PEM, DER or PKCS#7 files, or directories of
    /// them): verify the chain to a root among them.
    #[arg(long, value_name = "FILE_OR_DIR")]
    pub ca: Vec<String>,
    /// Judge validity at this time instead of now (2026-11-27 or RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// `links`' options besides the deployment and the folder.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct LinksOptions {
    /// Create DIR's host folders, each with a README of what to drop
    /// there, and check nothing.
    #[arg(long, conflicts_with = "renewal")]
    pub init: bool,
    /// A new CA certificate: list every trust list that must gain it
    /// before certificates it signs are installed.
    #[arg(long, value_name = "NEW_CA_FILE")]
    pub renewal: Option<String>,
    /// Judge validity at this time instead of now (2026-11-27 or RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// `--certificate server|client`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CertificateArg {
    /// The certificate the box presents as the TLS server.
    Server,
    /// The certificate the box presents as the TLS client.
    Client,
}

impl From<CertificateArg> for crate::cisco::Side {
    fn from(c: CertificateArg) -> Self {
        match c {
            CertificateArg::Server => crate::cisco::Side::Server,
            CertificateArg::Client => crate::cisco::Side::Client,
        }
    }
}
