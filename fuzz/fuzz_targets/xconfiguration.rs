//! Fuzz target: see `sancsr::fuzzing::xconfiguration` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sancsr::fuzzing::xconfiguration(data));
