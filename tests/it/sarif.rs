//! `--format sarif`: SARIF 2.1.0 read back by a real validator, Python's
//! `jsonschema` (Draft 7), against OASIS's schema in
//! `tests/fixtures/sarif/`.

use crate::common::{fixture, openssl, sancsr};
use serde_json::Value;
use std::path::Path;

/// Validates `log` against the SARIF 2.1.0 schema; panics with the
/// validator's message when it does not conform.
fn validate(log: &str) {
    assert!(
        conforms(log).is_ok(),
        "not SARIF 2.1.0: {:?}",
        conforms(log)
    );
}

/// The validator refuses what is not SARIF, so a pass means something.
#[test]
fn the_validator_refuses_a_log_that_is_not_sarif() {
    let no_name = r#"{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}"#;
    assert!(conforms(no_name).is_err());
    let bad_level = r#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
        "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}"#;
    assert!(conforms(bad_level).is_err());
}

/// Python's jsonschema verdict on `log`: the validator's messages when it
/// does not conform.
fn conforms(log: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("log.sarif");
    std::fs::write(&file, log).expect("write");
    let script = "import json, sys, jsonschema\n\
        schema = json.load(open(sys.argv[1]))\n\
        log = json.load(open(sys.argv[2]))\n\
        jsonschema.Draft7Validator.check_schema(schema)\n\
        errors = list(jsonschema.Draft7Validator(schema).iter_errors(log))\n\
        for e in errors: print(e.message, list(e.path))\n\
        sys.exit(1 if errors else 0)\n";
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(fixture("sarif/sarif-schema-2.1.0.json"))
        .arg(&file)
        .output()
        .expect("python3 runs (with jsonschema: .ci/run installs it)");
    if out.status.success() {
        return Ok(());
    }
    Err(format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}

fn run(args: &[&std::ffi::OsStr]) -> (i32, Value, String) {
    let out = sancsr().args(args).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let v = serde_json::from_str(&text).unwrap_or(Value::Null);
    (out.status.code().expect("code"), v, text)
}

fn deployment(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("deployment.toml");
    std::fs::write(
        &path,
        "features = [\"mobile-remote-access\"]\n\
         [unified_cm]\nregistration_domains = [\"example.com\"]\n\
         [expressway_e]\npeers = [\"expe.example.com\"]\n",
    )
    .expect("write");
    path
}

#[test]
fn plan_sarif_conforms_and_points_into_the_deployment_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = deployment(dir.path());
    let (code, v, text) = run(&[
        "plan".as_ref(),
        d.as_os_str(),
        "--format".as_ref(),
        "sarif".as_ref(),
    ]);
    assert_eq!(code, 0);
    validate(&text);
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "sancsr");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules.iter().any(|r| r["id"] == "bad-signature"));
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "page-subject-incomplete");
    assert_eq!(result["level"], "warning");
    let index = result["ruleIndex"].as_u64().expect("index") as usize;
    assert_eq!(rules[index]["id"], "page-subject-incomplete");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], d.display().to_string());
    assert_eq!(location["region"]["startLine"], 4);
    assert_eq!(location["region"]["startColumn"], 1);
}

#[test]
fn check_and_trust_sarif_conform() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = deployment(dir.path());
    let cert = dir.path().join("self.pem");
    let key = dir.path().join("self.key");
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "30",
        "-subj",
        "/CN=expe.example.com",
        "-addext",
        "subjectAltName=DNS:expe.example.com,DNS:other.example.com",
        "-keyout",
        key.to_str().expect("utf-8"),
        "-out",
        cert.to_str().expect("utf-8"),
    ]);
    let (_, v, text) = run(&[
        "check".as_ref(),
        d.as_os_str(),
        cert.as_os_str(),
        "--format".as_ref(),
        "sarif".as_ref(),
    ]);
    validate(&text);
    let results = v["runs"][0]["results"].as_array().expect("results");
    let self_signed = results
        .iter()
        .find(|r| r["ruleId"] == "self-signed")
        .expect("self-signed");
    assert_eq!(
        self_signed["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        cert.display().to_string()
    );
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "unexpected-san" && r["level"] == "note")
    );
    let (_, _, text) = run(&[
        "trust".as_ref(),
        cert.as_os_str(),
        "--format".as_ref(),
        "sarif".as_ref(),
    ]);
    validate(&text);
}

/// `links --format sarif`: each result names its link; the log conforms.
#[test]
fn links_sarif_conforms_and_names_the_link() {
    use crate::links::{Fault, tree};
    let dir = tree(Fault::MissingTrustEntry);
    let out = sancsr()
        .args(["links", "deployment.toml", ".", "--format", "sarif"])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    validate(&text);
    let v: Value = serde_json::from_str(&text).expect("json");
    let results = v["runs"][0]["results"].as_array().expect("results");
    assert!(!results.is_empty());
    let link = results[0]["properties"]["link"].as_str().unwrap_or("");
    assert!(link.contains(" → ") && link.contains(':'), "{link}");
}

/// `probe --format sarif`: an expiring leaf served on loopback; the log
/// conforms and carries the finding.
#[test]
fn probe_sarif_conforms() {
    use crate::probe::Pki;
    use crate::servers::{Behaviour, start};
    let pki = Pki::new();
    let leaf = pki.leaf(&["expe1.example.com"], -1, 10);
    let address = start(Behaviour::presenting(&leaf, &[&pki.inter])).to_string();
    let root = pki.root_pem();
    let out = sancsr()
        .args([
            "probe",
            "--connect",
            &address,
            "--servername",
            "expe1.example.com",
        ])
        .args(["--ca", &root, "--format", "sarif"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    validate(&text);
    let v: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(v["runs"][0]["results"][0]["ruleId"], "expires-soon");
}
