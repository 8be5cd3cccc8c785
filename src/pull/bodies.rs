//! What the APIs answer, read leniently: Cisco publishes no sample body
//! for either API (`docs/pull.md`), so the certificates are taken from
//! whatever arrives.
//!
//! - Expressway: PEM blocks, found in the body as text, or in any string
//!   of a JSON body (one block or several).
//! - Unified CM and IM and Presence: `identities: [{service, certificate}]`
//!   and `trusts: [{service, certificate_data: [{filename, certificate}]}]`,
//!   as public code reads them; a wrapping object or a bare list of such
//!   records is accepted, and each certificate is PEM or base64 DER.

use base64::Engine as _;
use serde_json::Value;

/// The DER of every certificate in PEM blocks of `body`, in order.
pub(crate) fn certificates_in(body: &[u8]) -> Vec<Vec<u8>> {
    let text = String::from_utf8_lossy(body);
    let mut out = pem_certificates(&text);
    if out.is_empty()
        && let Ok(json) = serde_json::from_str::<Value>(&text)
    {
        for s in strings(&json) {
            out.extend(certificate_value(s));
        }
    }
    out
}

/// The CERTIFICATE blocks of a text (other labels ignored).
fn pem_certificates(text: &str) -> Vec<Vec<u8>> {
    pem::parse_many(text)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.tag() == "CERTIFICATE")
        .map(pem::Pem::into_contents)
        .collect()
}

/// A certificate value: PEM text, or base64 of the DER.
fn certificate_value(s: &str) -> Vec<Vec<u8>> {
    let blocks = pem_certificates(s);
    if !blocks.is_empty() {
        return blocks;
    }
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    match base64::engine::general_purpose::STANDARD.decode(compact) {
        // A DER certificate is a SEQUENCE.
        Ok(der) if der.first() == Some(&0x30) && der.len() > 64 => vec![der],
        _ => Vec::new(),
    }
}

/// Every string in a JSON value, depth first.
fn strings(v: &Value) -> Vec<&str> {
    match v {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().flat_map(strings).collect(),
        Value::Object(map) => map.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// One service's certificates in a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ServiceCertificates {
    /// The service as the node names it (`tomcat`, `CallManager-trust`…).
    pub service: String,
    /// A trust store (from `trusts`), not an identity.
    pub trust: bool,
    /// The certificates, DER.
    pub certificates: Vec<Vec<u8>>,
}

/// The identities and trust stores of a snapshot body; `None` when the
/// body is not JSON.
pub(crate) fn snapshot(body: &[u8]) -> Option<Vec<ServiceCertificates>> {
    let json: Value = serde_json::from_slice(body).ok()?;
    let mut out = Vec::new();
    for record in records(&json) {
        collect(record, &mut out);
    }
    Some(out)
}

/// The objects that may hold `identities` or `trusts`: the body when it
/// does, each item of a bare list, and one level down in a wrapping object.
fn records(json: &Value) -> Vec<&Value> {
    match json {
        Value::Array(items) => items.iter().collect(),
        Value::Object(map) if map.contains_key("identities") || map.contains_key("trusts") => {
            vec![json]
        }
        Value::Object(map) => map
            .values()
            .filter(|v| v.is_object())
            .chain(map.values().filter_map(Value::as_array).flatten())
            .collect(),
        _ => Vec::new(),
    }
}

fn collect(record: &Value, out: &mut Vec<ServiceCertificates>) {
    for item in record["identities"].as_array().into_iter().flatten() {
        if let Some(service) = item["service"].as_str() {
            let certificates = item["certificate"]
                .as_str()
                .map(certificate_value)
                .unwrap_or_default();
            out.push(ServiceCertificates {
                service: service.to_owned(),
                trust: false,
                certificates,
            });
        }
    }
    for item in record["trusts"].as_array().into_iter().flatten() {
        if let Some(service) = item["service"].as_str() {
            let certificates = item["certificate_data"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|c| c["certificate"].as_str())
                .flat_map(certificate_value)
                .collect();
            out.push(ServiceCertificates {
                service: service.to_owned(),
                trust: true,
                certificates,
            });
        }
    }
    // A bare list of identity records: `{service, certificate}` itself.
    if let (Some(service), Some(certificate)) =
        (record["service"].as_str(), record["certificate"].as_str())
    {
        out.push(ServiceCertificates {
            service: service.to_owned(),
            trust: false,
            certificates: certificate_value(certificate),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn certificate() -> (Vec<u8>, String) {
        let key = rcgen::KeyPair::generate().expect("key");
        let cert = rcgen::CertificateParams::new(vec!["a.example.com".into()])
            .expect("params")
            .self_signed(&key)
            .expect("cert");
        (cert.der().to_vec(), cert.pem())
    }

    #[test]
    fn pem_is_found_in_text_and_in_json_strings() {
        let (der, pem) = certificate();
        let cases = [
            pem.clone(),
            format!("{pem}{pem}"),
            serde_json::json!({ "certificate": pem }).to_string(),
            serde_json::json!([{ "data": { "pem": pem } }]).to_string(),
            serde_json::json!({ "der": base64::engine::general_purpose::STANDARD.encode(&der) })
                .to_string(),
        ];
        let counts = [1, 2, 1, 1, 1];
        for (body, count) in cases.iter().zip(counts) {
            let found = certificates_in(body.as_bytes());
            assert_eq!(found.len(), count, "{body}");
            assert!(found.iter().all(|d| *d == der));
        }
        assert!(certificates_in(b"<html>Not Found</html>").is_empty());
        assert!(certificates_in(b"{\"certs\": []}").is_empty());
    }

    #[test]
    fn snapshots_wrapped_bare_or_plain() {
        let (der, pem) = certificate();
        let record = serde_json::json!({
            "identities": [{ "service": "tomcat", "certificate": pem }],
            "trusts": [{ "service": "tomcat", "certificate_data": [
                { "filename": "a.pem", "certificate": pem },
                { "filename": "b.pem", "certificate": pem } ] }]
        });
        for body in [
            record.clone(),
            serde_json::json!({ "snapshot": record }),
            serde_json::json!([record]),
        ] {
            let got = snapshot(body.to_string().as_bytes()).expect("json");
            assert_eq!(got.len(), 2, "{body}");
            assert_eq!((got[0].trust, got[0].certificates.len()), (false, 1));
            assert_eq!((got[1].trust, got[1].certificates.len()), (true, 2));
            assert_eq!(got[1].certificates[0], der);
        }
        let bare = serde_json::json!([{ "service": "CallManager", "certificate": pem }]);
        let got = snapshot(bare.to_string().as_bytes()).expect("json");
        assert_eq!(got[0].service, "CallManager");
        assert!(snapshot(b"not json").is_none());
    }
}
