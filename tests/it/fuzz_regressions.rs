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
fn deployment_inputs_as_csrs() {
    assert!(replay("deployment", sancsr::fuzzing::csr) > 0);
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

/// The reference statement of the name rule agrees with Cisco's examples
/// (the oracle itself is checked, not only used).
#[test]
fn the_reference_name_rule_reads_ciscos_examples() {
    use sancsr::fuzzing::reference_name_rule as rule;
    for (name, levels, ok) in [
        ("expe.example.com", 2, true),
        ("DX80Tlsprofile", 2, false),
        ("DX80Tlsprofile", 1, true),
        ("-bad.example.com", 1, false),
        ("host.example.123", 1, false),
        ("under_score.example.com", 1, false),
        ("example..com", 1, false),
        ("*.example.com", 1, false),
    ] {
        assert_eq!(rule(name, levels), ok, "{name}");
    }
}

#[test]
fn pkcs7_inputs() {
    assert!(replay("pkcs7", sancsr::fuzzing::pkcs7) > 0);
}

#[test]
fn xconfiguration_inputs() {
    assert!(replay("xconfiguration", sancsr::fuzzing::xconfiguration) > 0);
}

#[test]
fn installed_certificate_inputs() {
    assert!(replay("import_certificates", sancsr::fuzzing::import_certificates) > 0);
    assert!(replay("x509", sancsr::fuzzing::import_certificates) > 0);
}

#[test]
fn deployment_inputs_as_exports() {
    assert!(replay("deployment", sancsr::fuzzing::exports) > 0);
}

#[test]
fn links_folder_inputs() {
    assert!(replay("links_folder", sancsr::fuzzing::links_folder) > 0);
}

#[test]
fn probe_capture_inputs() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/probe_capture");
    assert!(
        replay("probe_capture", |d| {
            sancsr::fuzzing::probe_capture(d);
        }) > 0
    );
    // The recorded TLS 1.2 flights (openssl s_server, straight and after
    // XMPP STARTTLS) reach the capture: the oracle on the chain runs.
    for seed in ["tls12", "xmpp-client-tls12", "xmpp-server-tls12"] {
        let data = std::fs::read(dir.join(seed)).expect("seed");
        assert!(
            sancsr::fuzzing::probe_capture(&data),
            "{seed} captured nothing"
        );
    }
    let refused = std::fs::read(dir.join("failure")).expect("seed");
    assert!(!sancsr::fuzzing::probe_capture(&refused));
}
