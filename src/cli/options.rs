//! Option groups shared by commands (clap `Args`), kept apart from the
//! command list in [`super::args`].

use super::args::{FindingsFormat, OutputFormat};
use clap::{Subcommand, ValueEnum};

/// `generate`'s options besides the deployment and the selection.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct GenerateOptions {
    /// Directory for `<peer>.csr` and `<peer>.key` (created if missing).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out_dir: std::path::PathBuf,
    /// Reuse this private key (PKCS#8, PKCS#1 or SEC1 PEM) for the one
    /// selected certificate; it is never rewritten.
    #[arg(long, value_name = "KEYFILE")]
    pub key: Option<String>,
    /// Replace existing files (atomically); each replaced key is kept as
    /// `<name>.key.<timestamp>.bak` (0600).
    #[arg(long)]
    pub force: bool,
    /// With --force, do not keep the replaced keys.
    #[arg(long, requires = "force")]
    pub no_backup: bool,
    /// When another run is writing to the directory, wait for it
    /// instead of stopping.
    #[arg(long)]
    pub wait: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// `export`'s options besides the deployment and the selection.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ExportOptions {
    /// The tool to write for.
    #[arg(long, value_enum)]
    pub to: TargetArg,
    /// Directory for `<peer>.cnf` / `.json` / `.inf` (created if missing).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out_dir: std::path::PathBuf,
    /// Replace existing files (atomically).
    #[arg(long)]
    pub force: bool,
    /// The AD CS certificate template of private-CA requests (`--to
    /// certreq`): one that issues serverAuth and clientAuth (see the
    /// README). A public CA's request names none.
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
    /// The AD CS template of X15.5 client certificates (`--to certreq`);
    /// without it, --template.
    #[arg(long, value_name = "NAME")]
    pub client_template: Option<String>,
}

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
    /// A Unified CM or IM and Presence certificate: its Certificate
    /// Purpose (tomcat, CallManager, cup-xmpp, cup-xmpp-s2s, or their
    /// -ECDSA forms), when its names do not tell.
    #[arg(long, value_name = "PURPOSE", value_parser = parse_purpose)]
    pub service: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FindingsFormat::Text)]
    pub format: FindingsFormat,
}

/// How `probe` and `pull` reach hosts, as curl spells it.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct NetworkOptions {
    /// Connect to ADDRESS for HOST:PORT (repeatable).
    #[arg(long, value_name = "HOST:PORT:ADDRESS", value_parser = parse_resolve)]
    pub resolve: Vec<(String, u16, std::net::IpAddr)>,
    /// Connect to port OTHER where the service's port is PORT (repeatable).
    #[arg(long = "port", value_name = "PORT=OTHER", value_parser = parse_port_map)]
    pub ports: Vec<(u16, u16)>,
}

/// `pull`'s options besides the deployment.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct PullOptions {
    /// The estate folder to fill, one folder per host (created if missing).
    #[arg(long, value_name = "ESTATE")]
    pub out_dir: std::path::PathBuf,
    /// The accounts, in TOML ([expressway], [unified_cm], [im_presence],
    /// each with user and password); 0600. Without it: SANCSR_EXPRESSWAY_USER
    /// and SANCSR_EXPRESSWAY_PASSWORD, SANCSR_UCM_USER and SANCSR_UCM_PASSWORD,
    /// and for IM and Presence SANCSR_IMP_USER and SANCSR_IMP_PASSWORD (else
    /// Unified CM's).
    #[arg(long, value_name = "FILE")]
    pub credentials: Option<String>,
    /// The CAs the APIs' own certificates must chain to (files or
    /// directories); without it, the system's roots. Never skipped.
    #[arg(long, value_name = "FILE_OR_DIR")]
    pub ca: Vec<String>,
    #[command(flatten)]
    pub network: NetworkOptions,
    /// Seconds for each request, connect to last byte.
    #[arg(long, value_name = "SECONDS", default_value_t = 20.0, value_parser = parse_seconds)]
    pub timeout: f64,
    /// Replace files the estate folder already has.
    #[arg(long)]
    pub force: bool,
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
    #[arg(long, value_enum, default_value_t = FindingsFormat::Text)]
    pub format: FindingsFormat,
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

/// `probe --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ProbeFormat {
    /// For people: one line per endpoint, then its findings.
    Text,
    /// For programs (README, "JSON shapes").
    Json,
    /// A node-exporter textfile: expiry and success gauges.
    Prometheus,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

/// `--starttls xmpp-client|xmpp-server`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StartTlsArg {
    /// XMPP client-to-server (port 5222).
    XmppClient,
    /// XMPP server-to-server (port 5269).
    XmppServer,
}

impl From<StartTlsArg> for crate::cisco::StartTls {
    fn from(s: StartTlsArg) -> Self {
        match s {
            StartTlsArg::XmppClient => crate::cisco::StartTls::XmppClient,
            StartTlsArg::XmppServer => crate::cisco::StartTls::XmppServer,
        }
    }
}

/// `probe`'s options besides the deployment and the selection.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ProbeOptions {
    /// Also probe the Unified CM and IM and Presence nodes of the deployment.
    #[arg(long)]
    pub nodes: bool,
    /// Probe this one endpoint (HOST:PORT), with or without a deployment.
    #[arg(long, value_name = "HOST:PORT", value_parser = parse_connect)]
    pub connect: Option<(String, u16)>,
    /// With --connect: STARTTLS first.
    #[arg(long, value_enum, requires = "connect")]
    pub starttls: Option<StartTlsArg>,
    /// The name to send as SNI instead of the host's.
    #[arg(long, value_name = "NAME")]
    pub servername: Option<String>,
    #[command(flatten)]
    pub network: NetworkOptions,
    /// Seconds for the whole run; each connect and handshake ends by then.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = parse_seconds)]
    pub timeout: f64,
    /// Trusted CA certificates to verify each chain against (files or directories).
    #[arg(long, value_name = "FILE_OR_DIR")]
    pub ca: Vec<String>,
    /// Verify each chain against the operating system's roots.
    #[arg(long, conflicts_with = "ca")]
    pub system_roots: bool,
    /// Warn when a certificate expires within this many days.
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub warn_days: u32,
    /// Where generate wrote the newest CSRs and keys: a peer still serving
    /// an older key is `stale-certificate`.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<std::path::PathBuf>,
    /// Judge validity at this time instead of now (2026-11-27 or RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ProbeFormat::Text)]
    pub format: ProbeFormat,
}

fn parse_connect(s: &str) -> Result<(String, u16), String> {
    let (host, port) = s
        .rsplit_once(':')
        .ok_or("write HOST:PORT, e.g. expe1.example.com:8443")?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return Err("the host is empty; write HOST:PORT".into());
    }
    Ok((host.to_owned(), parse_port(port)?))
}

fn parse_port(s: &str) -> Result<u16, String> {
    match s.parse::<u16>() {
        Ok(p) if p > 0 => Ok(p),
        _ => Err(format!("\"{s}\" is not a port (1 to 65535)")),
    }
}

/// `HOST:PORT:ADDRESS`, the address bare or in brackets (IPv6).
fn parse_resolve(s: &str) -> Result<(String, u16, std::net::IpAddr), String> {
    let mut parts = s.splitn(3, ':');
    let (Some(host), Some(port), Some(address)) = (parts.next(), parts.next(), parts.next()) else {
        return Err("write HOST:PORT:ADDRESS, e.g. expe1.example.com:8443:127.0.0.1".into());
    };
    let address = address.trim_start_matches('[').trim_end_matches(']');
    let ip = address
        .parse()
        .map_err(|_| format!("\"{address}\" is not an IP address"))?;
    Ok((host.to_owned(), parse_port(port)?, ip))
}

/// `PORT=OTHER`.
fn parse_port_map(s: &str) -> Result<(u16, u16), String> {
    let (from, to) = s
        .split_once('=')
        .ok_or("write PORT=OTHER, e.g. 8443=18443")?;
    Ok((parse_port(from)?, parse_port(to)?))
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(t) if t > 0.0 && t <= 3600.0 => Ok(t),
        _ => Err(format!("\"{s}\" is not a number of seconds from 0 to 3600")),
    }
}

/// `bundle`'s options besides the deployment and the responses.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct BundleOptions {
    /// Where to write one folder per certificate (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out_dir: std::path::PathBuf,
    /// Where the private keys are (generate's --out-dir).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub key_dir: std::path::PathBuf,
    /// Trusted CA certificates: verify each chain to a root among them, and
    /// take the roots for the trusted CA lists.
    #[arg(long, value_name = "FILE_OR_DIR")]
    pub ca: Vec<String>,
    /// Also write a password-protected PKCS#12 per certificate.
    #[arg(long)]
    pub pkcs12: bool,
    /// The PKCS#12 password: the first line of this file.
    #[arg(
        long,
        value_name = "FILE",
        requires = "pkcs12",
        conflicts_with = "password_env"
    )]
    pub password_file: Option<std::path::PathBuf>,
    /// The PKCS#12 password: this environment variable's value.
    #[arg(long, value_name = "VAR", requires = "pkcs12")]
    pub password_env: Option<String>,
    /// Judge validity at this time instead of now (2026-11-27 or RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Replace existing files (atomically).
    #[arg(long)]
    pub force: bool,
}

/// What `import` drafts from.
#[derive(Debug, Subcommand)]
pub(crate) enum ImportFrom {
    /// The certificates installed on the Expressways (PEM, DER or PKCS#7
    /// files, or directories of them); the draft goes to standard output.
    Certificates {
        /// Certificate files or directories.
        #[arg(required = true, value_name = "FILE_OR_DIR")]
        inputs: Vec<String>,
    },
    /// The Expressways' configuration: the output of `xConfiguration` on
    /// each box's CLI, one file per box, C and E; the draft goes to
    /// standard output.
    Xconfiguration {
        /// One file per Expressway (or - for standard input).
        #[arg(required = true, value_name = "FILE")]
        inputs: Vec<String>,
        /// The certificates in service (files or directories): they add
        /// what the configuration does not hold (phone security profile
        /// names, chat node aliases, domain formats, subject, key), and the
        /// draft's plan is compared with them.
        #[arg(long = "certificates", value_name = "FILE_OR_DIR")]
        certificates: Vec<String>,
    },
}

/// `export --to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TargetArg {
    /// OpenSSL `req` configuration (`<peer>.cnf`).
    Openssl,
    /// cfssl CSR JSON (`<peer>.json`).
    Cfssl,
    /// Microsoft certreq INF for AD CS (`<peer>.inf`).
    Certreq,
}

impl From<TargetArg> for crate::render::export::Target {
    fn from(t: TargetArg) -> Self {
        match t {
            TargetArg::Openssl => Self::Openssl,
            TargetArg::Cfssl => Self::Cfssl,
            TargetArg::Certreq => Self::Certreq,
        }
    }
}

/// A Certificate Purpose of Cisco's table (any case), as Cisco spells it.
fn parse_purpose(s: &str) -> Result<String, String> {
    use crate::cisco::platform::PLATFORM_SERVICES;
    let all = || {
        PLATFORM_SERVICES
            .iter()
            .flat_map(|p| [p.purpose, p.ecdsa_purpose])
    };
    all()
        .find(|p| p.eq_ignore_ascii_case(s))
        .map(str::to_owned)
        .ok_or_else(|| {
            let mut names: Vec<&str> = Vec::new();
            for name in all() {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            format!("not a certificate purpose; one of {}", names.join(", "))
        })
}
