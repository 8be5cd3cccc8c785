//! Fuzz target: see `sancsr::fuzzing::x509_pem` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sancsr::fuzzing::x509_pem(data));
