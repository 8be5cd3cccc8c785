//! Fuzz target: see `sancsr::fuzzing::pkcs7` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sancsr::fuzzing::pkcs7(data));
