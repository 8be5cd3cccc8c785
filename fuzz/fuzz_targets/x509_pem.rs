//! Arbitrary bytes wrapped as PEM certificate and CSR blocks (by the pem
//! crate, as the tests do), so the fuzzer reaches the DER parsers behind
//! the PEM decoder.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for label in ["CERTIFICATE", "CERTIFICATE REQUEST"] {
        let text = pem::encode(&pem::Pem::new(label, data.to_vec()));
        if let Ok(contents) = sancsr::x509::parse_bytes("fuzz.pem", text.as_bytes()) {
            let _ = sancsr::render::inspect::json(&[contents]);
        }
    }
});
