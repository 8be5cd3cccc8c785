//! Everyday manners: no hidden error, no lost output, plain messages.

use crate::common::{example, sancsr};
use std::process::Stdio;

/// A deployment whose plan has a cross-certificate error.
const CROSS_ERROR: &str = "features = [\"mobile-remote-access\"]\n\
    [expressway_c]\npeers = [\"c.example.local\"]\n\
    [expressway_e]\npeers = [\"e.example.com\"]\ntls_verify_subject_name = \"x.example.local\"\n";

#[test]
fn every_plan_format_shows_every_finding() {
    for format in ["text", "json", "grid", "markdown"] {
        let out = sancsr()
            .args(["plan", "-", "--format", format])
            .write_stdin(CROSS_ERROR)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{format}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("tls-verify-subject-name-missing"),
            "{format}: {stdout}"
        );
    }
}

#[test]
fn write_errors_are_reported_and_only_a_closed_pipe_is_quiet() {
    let plan = example("full-cluster.toml");
    let plan = plan.to_str().expect("utf-8");
    for args in [
        vec!["plan", plan],
        vec!["init"],
        vec!["man"],
        vec!["rules"],
        vec!["plan", plan, "--format", "json"],
    ] {
        let full = std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("sancsr"))
            .args(&args)
            .stdout(Stdio::from(full))
            .stderr(Stdio::piped())
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("error: cannot write standard output: No space left on device"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn quiet_silences_notes_not_results_nor_errors() {
    // init's template is its result.
    let out = sancsr().args(["-q", "init"]).output().expect("runs");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("[expressway_c]"));
    // A plan's errors are printed with -q, like generate's.
    let out = sancsr()
        .args(["-q", "plan", "-"])
        .write_stdin(CROSS_ERROR)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("error[tls-verify-subject-name-missing]")
    );
    let out = sancsr()
        .args(["-q", "generate", "-", "--out-dir", "/nonexistent-sancsr"])
        .write_stdin(CROSS_ERROR)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("error[tls-verify-subject-name-missing]")
    );
}

#[test]
fn json_mode_gives_errors_as_json() {
    let out = sancsr()
        .args(["plan", "-", "--format", "json"])
        .write_stdin("[expressway_e]\npeers = [\"bad_name.example.com\"]\n")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["ok"], false);
    let e = &v["errors"][0];
    assert_eq!(e["message"], "invalid name \"bad_name.example.com\"");
    assert_eq!(e["file"], "<stdin>");
    assert_eq!(
        (e["line"].as_u64(), e["column"].as_u64()),
        (Some(2), Some(10))
    );
    assert!(
        e["rule"]
            .as_str()
            .expect("rule")
            .contains("letters, digits and hyphens")
    );
    assert!(e["fix"].as_str().expect("fix").contains("underscore"));
    // A usage error, too.
    let out = sancsr()
        .args(["plan", "-", "--format", "json", "--peer", "x.example.com"])
        .write_stdin("[expressway_e]\npeers = [\"e.example.com\"]\n")
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(
        v["errors"][0]["message"],
        "--peer x.example.com: no such peer in the deployment; its peers are e.example.com"
    );
}

#[test]
fn color_never_governs_clap_too() {
    for args in [
        vec!["--color", "never", "plan", "--no-such-flag"],
        vec!["--color=never", "--help"],
        vec!["--color", "never", "plan", "--help"],
    ] {
        let out = sancsr()
            .args(&args)
            .env_remove("NO_COLOR")
            .output()
            .expect("runs");
        let all = [out.stdout, out.stderr].concat();
        assert!(
            !all.contains(&0x1b),
            "{args:?}: {}",
            String::from_utf8_lossy(&all)
        );
    }
    let out = sancsr()
        .args(["--color", "always", "plan", "--no-such-flag"])
        .output()
        .expect("runs");
    assert!(out.stderr.contains(&0x1b), "always colours clap's errors");
}
