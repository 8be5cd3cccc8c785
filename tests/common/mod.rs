//! Helpers shared by the integration tests.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::PathBuf;

/// The built `sancsr` binary.
pub fn sancsr() -> Command {
    Command::cargo_bin("sancsr").expect("binary built")
}

/// Path of a shipped example.
pub fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// Path of a test fixture.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs `sancsr plan FILE --format json` and parses the output.
pub fn plan_json(args: &[&str]) -> serde_json::Value {
    let out = sancsr()
        .arg("plan")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// `alternative_names` of every certificate, by peer.
pub fn sans_by_peer(plan: &serde_json::Value) -> Vec<(String, Vec<String>)> {
    plan["certificates"]
        .as_array()
        .expect("certificates")
        .iter()
        .map(|c| {
            (
                c["peer"].as_str().expect("peer").to_owned(),
                c["alternative_names"]
                    .as_array()
                    .expect("alternative_names")
                    .iter()
                    .map(|s| s.as_str().expect("string").to_owned())
                    .collect(),
            )
        })
        .collect()
}

/// Runs the `openssl` binary; panics with its stderr when it fails.
pub fn openssl(args: &[&str]) -> String {
    let out = std::process::Command::new("openssl")
        .args(args)
        .output()
        .expect("the openssl binary is installed (.ci/run installs it)");
    assert!(
        out.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file name in a directory, sorted.
pub fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}
