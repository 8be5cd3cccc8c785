//! Fuzz target: see `sancsr::fuzzing::probe_capture` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    sancsr::fuzzing::probe_capture(data);
});
