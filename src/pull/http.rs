//! One HTTPS GET with HTTP Basic, over ureq on rustls (aws-lc-rs). The
//! API's TLS is verified against the CAs given, or the system's roots, and
//! is never skipped; `--resolve` and `--port` apply as in `probe`; the
//! body is bounded. Every failure is worded with the host.

use super::Credentials;
use crate::cisco::apis::Api;
use crate::probe::Network;
use base64::Engine as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// The most a body may be: a node's every certificate and trust store is
/// a few hundred kilobytes; past this, the answer is refused.
pub(crate) const MAX_BODY: u64 = 16 * 1024 * 1024;

/// `--resolve` and `--port` for ureq: the address of `host` on its
/// service port, reached on the mapped port.
#[derive(Debug)]
struct Fixed {
    host: String,
    port: u16,
    address: SocketAddr,
}

impl Resolver for Fixed {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let same = uri
            .host()
            .is_some_and(|h| h.eq_ignore_ascii_case(&self.host))
            && uri.port_u16() == Some(self.port);
        if same {
            let mut out = self.empty();
            out.push(self.address);
            return Ok(out);
        }
        DefaultResolver::default().resolve(uri, config, timeout)
    }
}

/// Where to connect, what to trust, and for how long.
pub(crate) struct Client {
    /// The TLS settings, built once for every request.
    tls: ureq::tls::TlsConfig,
    /// `--resolve`, `--port`.
    pub network: Network,
    /// For each request, connect to answer.
    pub timeout: Duration,
}

/// Why a GET gave no body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// HTTP 401.
    CredentialsRefused,
    /// HTTP 404.
    NoSuchApi,
    /// Another status.
    Status(u16),
    /// No answer in time.
    Timeout,
    /// The body passed [`MAX_BODY`].
    TooLarge,
    /// The API's certificate does not chain to a trusted CA, or is out of
    /// its dates.
    Untrusted(String),
    /// The API's certificate does not carry the host's name.
    WrongName,
    /// Anything else on the way.
    Unreachable(String),
}

impl Client {
    /// A client trusting `roots` (DER), or the system's roots when empty
    /// (read once, here).
    pub(crate) fn new(roots: Vec<Vec<u8>>, network: Network, timeout: Duration) -> Client {
        let roots = if roots.is_empty() {
            rustls_native_certs::load_native_certs()
                .certs
                .into_iter()
                .map(|c| c.to_vec())
                .collect()
        } else {
            roots
        };
        let roots = roots
            .iter()
            .map(|der| ureq::tls::Certificate::from_der(der).to_owned())
            .collect();
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let tls = ureq::tls::TlsConfig::builder()
            .root_certs(ureq::tls::RootCerts::Specific(Arc::new(roots)))
            .unversioned_rustls_crypto_provider(provider)
            .build();
        Client {
            tls,
            network,
            timeout,
        }
    }

    /// GETs `api` from `host` (port 443, or as mapped) with `credentials`.
    pub(crate) fn get(
        &self,
        host: &str,
        api: &Api,
        credentials: &Credentials,
    ) -> Result<Vec<u8>, Failure> {
        let address = self
            .network
            .address(host, 443)
            .map_err(Failure::Unreachable)?;
        let agent = self.agent(host, address);
        let url = format!("https://{host}:{}{}", address.port(), api.path);
        let token = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", credentials.user, credentials.password));
        let mut response = agent
            .get(&url)
            .header("Authorization", format!("Basic {token}"))
            .header("Accept", "application/json, text/plain, */*")
            .call()
            .map_err(classify)?;
        match response.status().as_u16() {
            200..=299 => {}
            401 => return Err(Failure::CredentialsRefused),
            404 => return Err(Failure::NoSuchApi),
            other => return Err(Failure::Status(other)),
        }
        response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_vec()
            .map_err(classify)
    }

    fn agent(&self, host: &str, address: SocketAddr) -> ureq::Agent {
        let config = ureq::Agent::config_builder()
            .tls_config(self.tls.clone())
            .http_status_as_error(false)
            .timeout_global(Some(self.timeout))
            .max_redirects(0)
            .user_agent(concat!("sancsr/", env!("CARGO_PKG_VERSION")))
            .build();
        let resolver = Fixed {
            host: host.to_owned(),
            port: address.port(),
            address,
        };
        ureq::Agent::with_parts(
            config,
            ureq::unversioned::transport::DefaultConnector::new(),
            resolver,
        )
    }
}

/// A ureq error in the terms `pull` reports.
fn classify(e: ureq::Error) -> Failure {
    match e {
        ureq::Error::Timeout(_) => Failure::Timeout,
        ureq::Error::BodyExceedsLimit(_) => Failure::TooLarge,
        ureq::Error::Rustls(rustls::Error::InvalidCertificate(why)) => certificate(&why),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => Failure::Timeout,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
            match io
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
            {
                Some(rustls::Error::InvalidCertificate(why)) => certificate(why),
                _ => Failure::Unreachable(io.to_string()),
            }
        }
        other => Failure::Unreachable(other.to_string()),
    }
}

/// A certificate the TLS layer refused, in words.
fn certificate(why: &rustls::CertificateError) -> Failure {
    use rustls::CertificateError as E;
    match why {
        E::NotValidForName | E::NotValidForNameContext { .. } => Failure::WrongName,
        E::UnknownIssuer => Failure::Untrusted("no path to a CA it trusts".into()),
        E::Expired | E::ExpiredContext { .. } => Failure::Untrusted("it has expired".into()),
        E::NotValidYet | E::NotValidYetContext { .. } => {
            Failure::Untrusted("it is not valid yet".into())
        }
        other => Failure::Untrusted(format!("{other:?}")),
    }
}
