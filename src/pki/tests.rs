//! The reader: PEM and DER agree, and nothing panics.
use super::document::{KeyUsageBit, San};
use super::parse_bytes;
use crate::model::AltName;
use proptest::prelude::*;

fn sample_certificate() -> Vec<u8> {
    let key = rcgen::KeyPair::generate().expect("key");
    let params =
        rcgen::CertificateParams::new(vec!["expe.example.com".to_owned()]).expect("params");
    params.self_signed(&key).expect("cert").der().to_vec()
}

#[test]
fn reads_der_and_pem_the_same() {
    let der = sample_certificate();
    let pem = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        base64_lines(&der)
    );
    let a = parse_bytes("a.der", &der).expect("der");
    let b = parse_bytes("a.pem", pem.as_bytes()).expect("pem");
    assert_eq!(a.documents, b.documents);
    assert_eq!(
        a.documents[0].sans,
        vec![San::Name(AltName::dns("expe.example.com"))]
    );
    assert!(a.documents[0].self_signed);
}

/// PEM body lines, via the pem crate rcgen already uses.
fn base64_lines(der: &[u8]) -> String {
    let text = pem::encode(&pem::Pem::new("X", der.to_vec()));
    text.lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_truncation_of_a_certificate_is_refused_without_panic() {
    let der = sample_certificate();
    for len in 0..der.len() {
        assert!(parse_bytes("t.der", &der[..len]).is_err(), "length {len}");
    }
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse_bytes("fuzz.bin", &bytes);
    }

    #[test]
    fn arbitrary_pem_bodies_never_panic(
        label in prop::sample::select(vec!["CERTIFICATE", "CERTIFICATE REQUEST", "PRIVATE KEY", "X"]),
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
    ) {
        let text = pem::encode(&pem::Pem::new(label, bytes));
        let _ = parse_bytes("fuzz.pem", text.as_bytes());
    }

    #[test]
    fn flipped_bytes_of_a_certificate_never_panic(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let mut der = sample_certificate();
        for (i, b) in flips {
            let i = i.index(der.len());
            der[i] = b;
        }
        let _ = parse_bytes("flip.der", &der);
    }
}

#[test]
fn key_usage_bits_keep_their_names() {
    let ku = super::document::KeyUsage(0b10_0101);
    let bits: Vec<&str> = ku.bits().map(KeyUsageBit::title).collect();
    assert_eq!(
        bits,
        ["Digital Signature", "Key Encipherment", "Key Cert Sign"]
    );
    assert!(ku.has(KeyUsageBit::KeyCertSign));
    assert!(!ku.has(KeyUsageBit::CrlSign));
}
