//! Fuzz target: see `sancsr::fuzzing::import_certificates` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sancsr::fuzzing::import_certificates(data));
