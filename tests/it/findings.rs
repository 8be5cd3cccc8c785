//! Findings as data, through the binary: the JSON record of a finding, the
//! error envelope that lists the findings that stopped a command, and
//! accepted codes (`--allow`, `[findings] allow`).

use crate::common::{plan_stdin, sancsr};
use serde_json::Value;

/// One peer, no subject: `page-subject-incomplete` (a warning) at 3:1.
const WARNS: &str = "features = [\"mobile-remote-access\"]\n\
    [unified_cm]\nregistration_domains = [\"example.com\"]\n\
    [expressway_e]\npeers = [\"expe.example.com\"]\n";

/// An ECDSA key before X14.3: `ecdsa-before-x14-3` as an error.
const FAILS: &str = "expressway_version = \"X14.2\"\n\
    [expressway_e]\npeers = [\"expe.example.com\"]\n\
    [key]\nalgorithm = \"ecdsa\"\nsize = 256\n";

fn json(text: &str, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["plan", "-", "--format", "json"];
    all.extend(args);
    let out = sancsr()
        .args(&all)
        .write_stdin(text.to_owned())
        .output()
        .expect("runs");
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().expect("code"), v)
}

#[test]
fn a_finding_is_a_record_with_its_fix_sources_and_location() {
    let (code, v) = json(WARNS, &[]);
    assert_eq!(code, 0);
    let f = &v["findings"][0];
    assert_eq!(f["code"], "page-subject-incomplete");
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        f["location"],
        serde_json::json!({ "file": "<stdin>", "line": 4, "column": 1 })
    );
    assert_eq!(f["sources"], serde_json::json!(["A", "F"]));
    // The message says what is wrong; the fix, apart, what to do.
    assert!(
        f["fix"].as_str().is_some_and(|s| s.contains("[subject]")),
        "{f}"
    );
    assert!(!f["message"].as_str().unwrap_or("").contains("add "), "{f}");
}

#[test]
fn text_shows_the_fix_on_its_own_line() {
    let (_, stdout, _) = plan_stdin(WARNS, &[]);
    assert!(
        stdout.contains(
            "warning[page-subject-incomplete] <stdin>:4:1: [expressway_e] has no subject"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n  fix: add state, country, organization to [subject]\n"),
        "{stdout}"
    );
}

/// The reproduction of the issue: `generate --format json` on a plan with
/// errors said that there were some, and listed none.
#[test]
fn generate_json_lists_the_findings_that_stopped_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = sancsr()
        .args(["generate", "-", "--format", "json", "--out-dir"])
        .arg(dir.path())
        .write_stdin(FAILS)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["ok"], false);
    let errors = v["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{v}");
    assert_eq!(errors[0]["code"], "ecdsa-before-x14-3");
    assert_eq!(errors[0]["line"], 5);
    assert_eq!(errors[0]["column"], 13);
    assert!(
        errors[0]["fix"]
            .as_str()
            .is_some_and(|s| s.contains("X14.3"))
    );
    assert_eq!(v["findings"][0]["code"], "ecdsa-before-x14-3");
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}

#[test]
fn allow_drops_accepted_warnings_and_counts_them() {
    let (_, v) = json(WARNS, &["--allow", "page-subject-incomplete"]);
    assert_eq!(v["findings"], serde_json::json!([]), "{v}");
    assert_eq!(v["allowed"], 1);
    let (code, stdout, _) = plan_stdin(WARNS, &["--allow", "page-subject-incomplete"]);
    assert_eq!(code, 0);
    assert!(!stdout.contains("page-subject-incomplete"), "{stdout}");
    assert!(
        stdout.contains("1 accepted finding(s) not shown"),
        "{stdout}"
    );
    // Another code is not accepted.
    let (_, v) = json(WARNS, &["--allow", "srv-format"]);
    assert_eq!(v["findings"][0]["code"], "page-subject-incomplete");
    assert_eq!(v["allowed"], 0);
}

#[test]
fn the_deployment_file_accepts_codes_too() {
    let text = format!("{WARNS}[findings]\nallow = [\"page-subject-incomplete\"]\n");
    let (code, v) = json(&text, &[]);
    assert_eq!(code, 0);
    assert_eq!(v["findings"], serde_json::json!([]), "{v}");
    assert_eq!(v["allowed"], 1);
}

#[test]
fn an_error_cannot_be_allowed() {
    // On the command line: clap's usage error, exit 2, naming the code.
    let out = sancsr()
        .args(["plan", "-", "--allow", "wildcard"])
        .write_stdin(WARNS)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("\"wildcard\" is always an error and cannot be allowed"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    // In the file: a file error at the value.
    let text = format!("{WARNS}[findings]\nallow = [\"wildcard\"]\n");
    let (code, stdout, stderr) = plan_stdin(&text, &[]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("the finding code \"wildcard\" cannot be allowed"),
        "{stderr}"
    );
    assert!(stderr.contains("<stdin>:7:10"), "{stderr}");
    // An error of a code raised at two levels stays.
    let (code, v) = json(FAILS, &["--allow", "ecdsa-before-x14-3"]);
    assert_eq!(code, 2);
    assert_eq!(v["findings"][0]["severity"], "error");
    assert_eq!(v["allowed"], 0);
}

#[test]
fn an_unknown_code_gets_a_did_you_mean() {
    let out = sancsr()
        .args(["plan", "-", "--allow", "page-subject-incomplet"])
        .write_stdin(WARNS)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("did you mean \"page-subject-incomplete\"?"),
        "{stderr}"
    );
    let text = format!("{WARNS}[findings]\nallow = [\"srv-formatt\"]\n");
    let (code, _, stderr) = plan_stdin(&text, &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("unknown finding code \"srv-formatt\""),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean \"srv-format\"?"), "{stderr}");
}
