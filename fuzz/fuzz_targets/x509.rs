//! Arbitrary bytes as a certificate or CSR file (DER, or PEM when the bytes
//! hold a PEM header): the reader must refuse or read, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(contents) = sancsr::x509::parse_bytes("fuzz.der", data) {
        assert!(!contents.documents.is_empty());
        let _ = sancsr::render::inspect::text(&[contents.clone()]);
        let _ = sancsr::render::inspect::json(&[contents]);
    }
});
