//! Real TLS servers on loopback for the probe tests and benchmark: rustls
//! (aws-lc-rs) presenting a chain from an rcgen test PKI, with XMPP
//! STARTTLS, a client-certificate demand, a delay, or silence.
//! Shared with `benches/probe.rs` by `#[path]`.

#![allow(dead_code)]

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;

/// A CA of the test PKI.
pub struct Ca {
    key: KeyPair,
    params: CertificateParams,
    /// Its certificate, DER.
    pub der: Vec<u8>,
    /// Its certificate, PEM.
    pub pem: String,
}

/// A CA valid from yesterday for `days`.
fn ca_params(name: &str, days: i64) -> CertificateParams {
    let mut params = CertificateParams::default();
    params.distinguished_name.push(DnType::CommonName, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let now = OffsetDateTime::now_utc();
    params.not_before = now - time::Duration::days(1);
    params.not_after = now + time::Duration::days(days);
    params
}

impl Ca {
    /// A self-signed root.
    pub fn root(name: &str) -> Ca {
        let key = KeyPair::generate().expect("key");
        let params = ca_params(name, 3650);
        let cert = params.self_signed(&key).expect("root");
        Ca {
            der: cert.der().to_vec(),
            pem: cert.pem(),
            key,
            params,
        }
    }

    /// An intermediate signed by this CA, valid for ten years.
    pub fn intermediate(&self, name: &str) -> Ca {
        self.intermediate_for(name, 3650)
    }

    /// An intermediate signed by this CA, valid for `days`.
    pub fn intermediate_for(&self, name: &str, days: i64) -> Ca {
        let key = KeyPair::generate().expect("key");
        let params = ca_params(name, days);
        let issuer = Issuer::from_params(&self.params, &self.key);
        let cert = params.signed_by(&key, &issuer).expect("intermediate");
        Ca {
            der: cert.der().to_vec(),
            pem: cert.pem(),
            key,
            params,
        }
    }

    /// A leaf for `names` (the first is the CN), serverAuth + clientAuth,
    /// valid from `from_days` to `to_days` from now.
    pub fn leaf(&self, names: &[&str], from_days: i64, to_days: i64) -> Leaf {
        let both = [
            ExtendedKeyUsagePurpose::ServerAuth,
            ExtendedKeyUsagePurpose::ClientAuth,
        ];
        self.leaf_with(names, from_days, to_days, &both)
    }

    /// A leaf as [`Ca::leaf`], with the Extended Key Usages `ekus`.
    pub fn leaf_with(
        &self,
        names: &[&str],
        from_days: i64,
        to_days: i64,
        ekus: &[ExtendedKeyUsagePurpose],
    ) -> Leaf {
        let key = KeyPair::generate().expect("key");
        let names_owned: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let mut params = CertificateParams::new(names_owned).expect("names");
        params.distinguished_name.push(DnType::CommonName, names[0]);
        params.extended_key_usages = ekus.to_vec();
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        let now = OffsetDateTime::now_utc();
        params.not_before = now + time::Duration::days(from_days);
        params.not_after = now + time::Duration::days(to_days);
        let issuer = Issuer::from_params(&self.params, &self.key);
        let cert = params.signed_by(&key, &issuer).expect("leaf");
        Leaf {
            pem: cert.pem(),
            der: cert.der().to_vec(),
            key_der: key.serialize_der(),
            key_pem: key.serialize_pem(),
        }
    }
}

/// A leaf certificate and its key.
#[derive(Clone)]
pub struct Leaf {
    /// PEM.
    pub pem: String,
    /// DER.
    pub der: Vec<u8>,
    /// PKCS#8 DER.
    pub key_der: Vec<u8>,
    /// PKCS#8 PEM.
    pub key_pem: String,
}

/// What a server does with each connection.
#[derive(Clone)]
pub struct Behaviour {
    /// The chain it presents, leaf first.
    pub chain: Vec<Vec<u8>>,
    /// The leaf's key.
    pub key: Vec<u8>,
    /// Wait before anything.
    pub delay: Duration,
    /// XMPP STARTTLS first: `Some("jabber:client")` or `Some("jabber:server")`.
    pub starttls: Option<&'static str>,
    /// Demand a client certificate issued by this root.
    pub client_auth: Option<Vec<u8>>,
    /// Accept and never answer.
    pub silent: bool,
    /// Offer TLS 1.2 only.
    pub tls12_only: bool,
}

impl Behaviour {
    /// Presents `chain` with `leaf`'s key, at once.
    pub fn presenting(leaf: &Leaf, rest: &[&Ca]) -> Behaviour {
        let mut chain = vec![leaf.der.clone()];
        chain.extend(rest.iter().map(|c| c.der.clone()));
        Behaviour {
            chain,
            key: leaf.key_der.clone(),
            delay: Duration::ZERO,
            starttls: None,
            client_auth: None,
            silent: false,
            tls12_only: false,
        }
    }
}

/// Starts a server on `ip` (port 0: any free one); returns its address.
pub fn start_on(ip: IpAddr, port: u16, behaviour: Behaviour) -> SocketAddr {
    let listener = TcpListener::bind((ip, port)).expect("bind on loopback");
    let address = listener.local_addr().expect("address");
    let config = Arc::new(config(&behaviour));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (config, behaviour) = (Arc::clone(&config), behaviour.clone());
            std::thread::spawn(move || serve(stream, &config, &behaviour));
        }
    });
    address
}

/// Starts a server on 127.0.0.1.
pub fn start(behaviour: Behaviour) -> SocketAddr {
    start_on(IpAddr::from([127, 0, 0, 1]), 0, behaviour)
}

fn config(b: &Behaviour) -> rustls::ServerConfig {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let versions: &[&rustls::SupportedProtocolVersion] = if b.tls12_only {
        &[&rustls::version::TLS12]
    } else {
        &[&rustls::version::TLS13, &rustls::version::TLS12]
    };
    let builder = rustls::ServerConfig::builder_with_provider(Arc::clone(&provider))
        .with_protocol_versions(versions)
        .expect("versions");
    let builder = match &b.client_auth {
        None => builder.with_no_client_auth(),
        Some(root) => {
            let mut roots = rustls::RootCertStore::empty();
            roots.add(CertificateDer::from(root.clone())).expect("root");
            let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
                Arc::new(roots),
                provider,
            )
            .build()
            .expect("verifier");
            builder.with_client_cert_verifier(verifier)
        }
    };
    let chain = b
        .chain
        .iter()
        .map(|c| CertificateDer::from(c.clone()))
        .collect();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(b.key.clone()));
    builder
        .with_single_cert(chain, key)
        .expect("certificate and key")
}

fn serve(mut tcp: TcpStream, config: &Arc<rustls::ServerConfig>, b: &Behaviour) {
    std::thread::sleep(b.delay);
    if b.silent {
        std::thread::sleep(Duration::from_secs(60));
        return;
    }
    let _ = tcp.set_read_timeout(Some(Duration::from_secs(20)));
    if let Some(namespace) = b.starttls
        && !xmpp_starttls(&mut tcp, namespace)
    {
        return;
    }
    let Ok(mut connection) = rustls::ServerConnection::new(Arc::clone(config)) else {
        return;
    };
    while connection.is_handshaking() {
        match connection.complete_io(&mut tcp) {
            Ok((0, 0)) | Err(_) => return,
            Ok(_) => {}
        }
    }
    let _ = connection.complete_io(&mut tcp);
}

/// The server side of RFC 6120 STARTTLS: a stream header and features
/// offering starttls, then `<proceed/>`.
fn xmpp_starttls(tcp: &mut TcpStream, namespace: &str) -> bool {
    if !read_until(tcp, "<stream:stream") {
        return false;
    }
    let features = format!(
        "<?xml version='1.0'?><stream:stream from='lab' id='1' version='1.0' xmlns='{namespace}' \
         xmlns:stream='http://etherx.jabber.org/streams'><stream:features><starttls \
         xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>"
    );
    if tcp.write_all(features.as_bytes()).is_err() || !read_until(tcp, "<starttls") {
        return false;
    }
    tcp.write_all(b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
        .is_ok()
}

/// Reads until `marker` and the `>` closing its element.
fn read_until(tcp: &mut TcpStream, marker: &str) -> bool {
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        match tcp.read(&mut byte) {
            Ok(1) => seen.push(byte[0]),
            _ => return false,
        }
        let text = String::from_utf8_lossy(&seen);
        if let Some(at) = text.find(marker)
            && text[at..].contains('>')
        {
            return true;
        }
        if seen.len() > 65_536 {
            return false;
        }
    }
}
