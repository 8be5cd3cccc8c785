//! Fuzz target: see `sancsr::fuzzing::links_folder` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sancsr::fuzzing::links_folder(data));
