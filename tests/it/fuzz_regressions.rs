//! Replays saved fuzz inputs (a sample of each target's corpus, and every
//! input that once failed) through the same checks the fuzz targets run,
//! so CI repeats them without libFuzzer.

use std::path::PathBuf;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("entry").path();
        let data = std::fs::read(&path).expect("read");
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(result.is_ok(), "{} fails", path.display());
        count += 1;
    }
    count
}

#[test]
fn deployment_inputs() {
    assert!(replay("deployment", sancsr::fuzzing::deployment) > 0);
}

#[test]
fn name_inputs() {
    assert!(replay("names", sancsr::fuzzing::names) > 0);
}

#[test]
fn certificate_inputs() {
    assert!(replay("x509", sancsr::fuzzing::x509) > 0);
    assert!(replay("x509", sancsr::fuzzing::x509_pem) > 0);
}
