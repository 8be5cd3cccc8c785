//! One TLS handshake, to capture the chain a server presents (rustls, with
//! the aws-lc-rs provider). The verifier records the chain and accepts it:
//! judgement is left to sancsr's own audits. The server must still prove it
//! holds the key (the handshake signature is verified), and nothing is sent
//! after the handshake.

use super::xmpp;
use crate::cisco::StartTls;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What one endpoint gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Capture {
    /// The chain as sent, leaf first (DER).
    pub chain: Vec<Vec<u8>>,
    /// How the handshake ended after the chain was captured: `None` when
    /// it completed, else why it stopped (a server that wants a client
    /// certificate stops it).
    pub stopped: Option<String>,
}

/// Why an endpoint gave no chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unreachable(pub String);

/// Records the server's chain and accepts it.
#[derive(Debug)]
struct Recorder {
    chain: Mutex<Option<Vec<Vec<u8>>>>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let chain = std::iter::once(end_entity)
            .chain(intermediates)
            .map(|c| c.as_ref().to_vec())
            .collect();
        *self.chain.lock().unwrap_or_else(|p| p.into_inner()) = Some(chain);
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// Where and how to connect.
#[derive(Debug, Clone)]
pub(crate) struct Dial {
    /// The address to connect to.
    pub address: SocketAddr,
    /// The name sent as SNI.
    pub server_name: String,
    /// The domain in the XMPP stream header.
    pub xmpp_to: String,
    /// XMPP STARTTLS first, or straight TLS.
    pub starttls: Option<StartTls>,
    /// Bound on the connect and on the handshake.
    pub timeout: Duration,
}

/// Connects, negotiates STARTTLS if asked, and runs the handshake far
/// enough to capture the chain. TLS 1.2 and 1.3.
pub(crate) fn capture(dial: &Dial) -> Result<Capture, Unreachable> {
    let started = Instant::now();
    let mut tcp = TcpStream::connect_timeout(&dial.address, dial.timeout)
        .map_err(|e| Unreachable(format!("cannot connect to {}: {e}", dial.address)))?;
    let left = dial
        .timeout
        .saturating_sub(started.elapsed())
        .max(Duration::from_millis(1));
    let io_error = |e: std::io::Error| Unreachable(format!("{}: {e}", dial.address));
    tcp.set_read_timeout(Some(left)).map_err(io_error)?;
    tcp.set_write_timeout(Some(left)).map_err(io_error)?;
    over(&mut tcp, dial.starttls, &dial.xmpp_to, &dial.server_name)
}

/// Negotiates STARTTLS if asked, then runs the handshake over `transport`
/// far enough to capture the chain. Split from [`capture`] so the fuzz
/// target can feed the server's side from memory.
pub(crate) fn over(
    transport: &mut (impl Read + Write),
    starttls: Option<StartTls>,
    xmpp_to: &str,
    server_name: &str,
) -> Result<Capture, Unreachable> {
    if let Some(kind) = starttls {
        xmpp::negotiate(transport, kind, xmpp_to).map_err(Unreachable)?;
    }
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let recorder = Arc::new(Recorder {
        chain: Mutex::new(None),
        algorithms: provider.signature_verification_algorithms,
    });
    let mut connection = client(provider, Arc::clone(&recorder), server_name)?;
    let result = handshake(&mut connection, transport);
    let chain = recorder
        .chain
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take();
    match (chain, result) {
        (Some(chain), Ok(())) => Ok(Capture {
            chain,
            stopped: None,
        }),
        (Some(chain), Err(why)) => Ok(Capture {
            chain,
            stopped: Some(why),
        }),
        (None, Err(why)) => Err(Unreachable(why)),
        (None, Ok(())) => Err(Unreachable("the server sent no certificate".into())),
    }
}

fn client(
    provider: Arc<CryptoProvider>,
    recorder: Arc<Recorder>,
    name: &str,
) -> Result<ClientConnection, Unreachable> {
    let config = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(|e| Unreachable(format!("TLS configuration: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(recorder)
        .with_no_client_auth();
    let server_name = ServerName::try_from(name.to_owned())
        .map_err(|e| Unreachable(format!("{name} is not a server name: {e}")))?;
    ClientConnection::new(Arc::new(config), server_name)
        .map_err(|e| Unreachable(format!("TLS: {e}")))
}

/// Drives the handshake to its end; then closes politely.
fn handshake(
    connection: &mut ClientConnection,
    tcp: &mut (impl Read + Write),
) -> Result<(), String> {
    while connection.is_handshaking() {
        match connection.complete_io(tcp) {
            Ok((0, 0)) if connection.is_handshaking() => {
                return Err("the server closed the connection during the handshake".into());
            }
            Ok(_) => {}
            Err(e) => return Err(describe(&e)),
        }
    }
    connection.send_close_notify();
    let _ = connection.complete_io(tcp);
    let _ = tcp.flush();
    Ok(())
}

/// An I/O error in words: timeouts say so.
fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
            "no answer before the timeout".into()
        }
        _ => format!("TLS handshake failed: {e}"),
    }
}
