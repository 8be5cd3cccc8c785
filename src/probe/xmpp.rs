//! XMPP STARTTLS before the handshake (RFC 6120 §5.4): open the stream,
//! read the features, send `<starttls/>`, expect `<proceed/>`. Nothing
//! else is sent. The server's replies are matched as text, bounded in
//! size: sancsr reads no XML beyond these few elements.

use crate::cisco::StartTls;
use std::io::{Read, Write};

/// The stream's namespace.
fn namespace(kind: StartTls) -> &'static str {
    match kind {
        StartTls::XmppClient => "jabber:client",
        StartTls::XmppServer => "jabber:server",
    }
}

/// The most sancsr reads before TLS: a features list is a few hundred bytes.
pub(crate) const MAX_PRELUDE: usize = 64 * 1024;
const TLS_NS: &str = "urn:ietf:params:xml:ns:xmpp-tls";

/// Opens the stream to `domain` and asks for TLS.
pub(crate) fn negotiate(
    tcp: &mut (impl Read + Write),
    kind: StartTls,
    domain: &str,
) -> Result<(), String> {
    let header = format!(
        "<?xml version='1.0'?><stream:stream to='{}' version='1.0' xmlns='{}' \
         xmlns:stream='http://etherx.jabber.org/streams'>",
        escape(domain),
        namespace(kind)
    );
    send(tcp, &header)?;
    let features = read_until(tcp, &["</stream:features>", "<stream:features/>"])?;
    if !features.contains("<starttls") {
        return Err("the XMPP server does not offer STARTTLS".into());
    }
    send(tcp, &format!("<starttls xmlns='{TLS_NS}'/>"))?;
    let answer = read_until(tcp, &["<proceed", "<failure"])?;
    if answer.contains("<proceed") {
        Ok(())
    } else {
        Err("the XMPP server refused STARTTLS (<failure/>)".into())
    }
}

fn send(tcp: &mut impl Write, text: &str) -> Result<(), String> {
    tcp.write_all(text.as_bytes())
        .and_then(|()| tcp.flush())
        .map_err(|e| format!("XMPP stream: {e}"))
}

/// Reads until one of `ends` appears (or a stream error, or too much).
/// Each read searches only the new bytes and the few before them, so a
/// server that trickles a byte at a time costs linear time, not quadratic.
fn read_until(tcp: &mut impl Read, ends: &[&str]) -> Result<String, String> {
    const STREAM_ERROR: &str = "<stream:error";
    let overlap = ends
        .iter()
        .map(|e| e.len())
        .chain([STREAM_ERROR.len()])
        .max()
        .unwrap_or(0);
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let n = tcp.read(&mut buffer).map_err(|e| match e.kind() {
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
                "no XMPP answer before the timeout".to_owned()
            }
            _ => format!("XMPP stream: {e}"),
        })?;
        if n == 0 {
            return Err("the XMPP server closed the stream before STARTTLS".into());
        }
        let from = seen.len().saturating_sub(overlap - 1);
        seen.extend_from_slice(&buffer[..n]);
        let fresh = &seen[from..];
        let has = |needle: &str| fresh.windows(needle.len()).any(|w| w == needle.as_bytes());
        if ends.iter().any(|e| has(e)) {
            return Ok(String::from_utf8_lossy(&seen).into_owned());
        }
        if has(STREAM_ERROR) {
            return Err(format!(
                "the XMPP server sent a stream error: {}",
                String::from_utf8_lossy(&seen).trim()
            ));
        }
        if seen.len() > MAX_PRELUDE {
            return Err("the XMPP server sent too much before STARTTLS".into());
        }
    }
}

/// A domain in an XML attribute: it passed the name rule, but quote anyway.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('\'', "&apos;")
        .replace('<', "&lt;")
}
