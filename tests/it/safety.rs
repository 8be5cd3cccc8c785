//! Safety under concurrency and hostile settings: keys and CSRs always
//! match, a second run waits or stops, the output directory is private.

use crate::common::{generate_paused, listing, plan_stdin, sancsr};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use tempfile::TempDir;

fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("sancsr")
}

const FOUR_PEERS: &str = "[expressway_e]\ncluster_name = \"e.example.com\"\n\
    peers = [\"e1.example.com\", \"e2.example.com\", \"e3.example.com\", \"e4.example.com\"]\n\
    [key]\nalgorithm = \"ecdsa\"\n";

/// The public key of a PEM CSR and of a PEM private key, as DER SPKI.
fn csr_key(csr: &str) -> Vec<u8> {
    use x509_parser::prelude::FromDer;
    let block = pem::parse(csr).expect("pem");
    let (_, req) =
        x509_parser::certification_request::X509CertificationRequest::from_der(block.contents())
            .expect("csr");
    req.certification_request_info.subject_pki.raw.to_vec()
}

fn private_key(key: &str) -> Vec<u8> {
    use rcgen::PublicKeyData;
    rcgen::KeyPair::from_pem(key)
        .expect("key")
        .subject_public_key_info()
}

/// Every key in `dir` matches the CSR beside it.
fn assert_pairs_match(dir: &Path, round: usize) {
    for peer in ["e1", "e2", "e3", "e4"] {
        let csr = std::fs::read_to_string(dir.join(format!("{peer}.example.com.csr")));
        let key = std::fs::read_to_string(dir.join(format!("{peer}.example.com.key")));
        match (csr, key) {
            (Ok(csr), Ok(key)) => assert_eq!(
                csr_key(&csr),
                private_key(&key),
                "round {round}: {peer}'s key does not match its CSR"
            ),
            (Err(_), Err(_)) => {}
            (csr, key) => panic!(
                "round {round}: {peer} has csr {} key {}",
                csr.is_ok(),
                key.is_ok()
            ),
        }
    }
}

#[test]
fn concurrent_runs_never_pair_one_runs_key_with_anothers_csr() {
    let dir = TempDir::new().expect("tempdir");
    let deployment = dir.path().join("d.toml");
    std::fs::write(&deployment, FOUR_PEERS).expect("write");
    let out = dir.path().join("out");
    for round in 0..100 {
        // A plain run and a --force run, or two --force runs, at once.
        let first: &[&str] = if round % 2 == 0 {
            &[]
        } else {
            &["--force", "--wait"]
        };
        let spawn = |extra: &[&str]| {
            Command::new(binary())
                .arg("generate")
                .arg(&deployment)
                .arg("--out-dir")
                .arg(&out)
                .args(extra)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        };
        let a = spawn(first);
        let b = spawn(&["--force", "--wait"]);
        let (a, b) = (
            a.wait_with_output().expect("a"),
            b.wait_with_output().expect("b"),
        );
        assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
        if !a.status.success() {
            let err = String::from_utf8_lossy(&a.stderr);
            assert!(
                err.contains("already exist") || err.contains("another sancsr run is writing"),
                "round {round}: {err}"
            );
        }
        assert_pairs_match(&out, round);
        assert!(
            !listing(&out).iter().any(|n| n.starts_with(".sancsr-")),
            "round {round}: temporary files left: {:?}",
            listing(&out)
        );
    }
}

#[test]
fn a_second_run_stops_or_waits_as_asked() {
    let dir = TempDir::new().expect("tempdir");
    let deployment = dir.path().join("d.toml");
    std::fs::write(&deployment, FOUR_PEERS).expect("write");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let marker = dir.path().join("paused");
    // The first run holds the directory at the pause point, then is killed.
    let mut first = generate_paused(
        &deployment,
        &out,
        &[],
        "SANCSR_TEST_PAUSE_BEFORE_WRITE",
        &marker,
    );
    sancsr()
        .arg("generate")
        .arg(&deployment)
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "another sancsr run is writing to",
        ))
        .stderr(predicates::str::contains("pass --wait to wait for it"));
    let waiter = Command::new(binary())
        .arg("generate")
        .arg(&deployment)
        .args(["--wait", "--out-dir"])
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(std::time::Duration::from_millis(200));
    first.kill().expect("kill");
    first.wait().expect("reaped");
    let waited = waiter.wait_with_output().expect("waiter");
    assert!(
        waited.status.success(),
        "{}",
        String::from_utf8_lossy(&waited.stderr)
    );
    assert!(
        String::from_utf8_lossy(&waited.stderr).contains("note: waited for another sancsr run")
    );
    assert_pairs_match(&out, 0);
}

#[test]
fn under_umask_000_the_output_directory_is_private() {
    let dir = TempDir::new().expect("tempdir");
    let deployment = dir.path().join("d.toml");
    std::fs::write(&deployment, FOUR_PEERS).expect("write");
    let out = dir.path().join("new/out");
    let status = Command::new("sh")
        .arg("-c")
        .arg("umask 000; exec \"$0\" generate \"$1\" --out-dir \"$2\"")
        .arg(binary())
        .arg(&deployment)
        .arg(&out)
        .stdout(Stdio::null())
        .status()
        .expect("runs");
    assert!(status.success());
    let mode = std::fs::metadata(&out).expect("dir").permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
    // An existing directory writable by others gets a warning.
    let open = dir.path().join("open");
    std::fs::create_dir(&open).expect("mkdir");
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let run = sancsr()
        .arg("generate")
        .arg(&deployment)
        .arg("--out-dir")
        .arg(&open)
        .output()
        .expect("runs");
    assert!(run.status.success());
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("is writable by anyone (mode 777)"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn a_key_readable_by_others_is_named_with_its_mode() {
    let dir = TempDir::new().expect("tempdir");
    let deployment = dir.path().join("d.toml");
    std::fs::write(&deployment, "[expressway_e]\npeers = [\"e.example.com\"]\n").expect("write");
    let key = dir.path().join("shared.key");
    std::fs::write(
        &key,
        rcgen::KeyPair::generate().expect("key").serialize_pem(),
    )
    .expect("write");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let run = sancsr()
        .arg("generate")
        .arg(&deployment)
        .arg("--key")
        .arg(&key)
        .arg("--out-dir")
        .arg(dir.path().join("out"))
        .output()
        .expect("runs");
    assert!(run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("shared.key is readable by anyone (mode 644): chmod 600 it"),
        "{err}"
    );
}

#[test]
fn a_peer_too_long_to_name_its_files_is_refused_when_planning() {
    let level = "a".repeat(63);
    let peer = format!("{level}.{level}.{level}.{}.com", "b".repeat(57));
    assert_eq!(peer.len(), 253);
    let (code, out, _) = plan_stdin(&format!("[expressway_e]\npeers = [\"{peer}\"]\n"), &[]);
    assert_eq!(code, 2);
    assert!(
        out.contains("error[file-name-too-long] <stdin>:2:10"),
        "{out}"
    );
}

/// Starts `generate --force` paused at `hook`; returns the child once paused.
fn paused_force_run(
    deployment: &Path,
    out: &Path,
    hook: &str,
    marker: &Path,
) -> std::process::Child {
    generate_paused(deployment, out, &["--force", "--no-backup"], hook, marker)
}

/// Every file of `dir` with its contents.
fn snapshot(dir: &Path) -> Vec<(String, String)> {
    listing(dir)
        .into_iter()
        .map(|n| {
            let text = std::fs::read_to_string(dir.join(&n)).unwrap_or_default();
            (n, text)
        })
        .collect()
}

/// A directory where a first run generated the four peers' files:
/// (the temporary directory, the deployment, the output directory).
fn generated() -> (TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = TempDir::new().expect("tempdir");
    let deployment = dir.path().join("d.toml");
    std::fs::write(&deployment, FOUR_PEERS).expect("write");
    let out = dir.path().join("out");
    sancsr()
        .arg("generate")
        .arg(&deployment)
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .success();
    (dir, deployment, out)
}

#[test]
fn a_signal_while_writing_puts_everything_back() {
    for (signal, name, code) in [(15, "TERM", 143), (2, "INT", 130), (1, "HUP", 129)] {
        let (dir, deployment, out) = generated();
        let before = snapshot(&out);
        let marker = dir.path().join("paused");
        // The first new file is in place, replacing an old one.
        let child = paused_force_run(&deployment, &out, "SANCSR_TEST_PAUSE_MID_WRITE", &marker);
        let kill = Command::new("kill")
            .args([format!("-{name}"), child.id().to_string()])
            .status()
            .expect("kill");
        assert!(kill.success());
        let ended = child.wait_with_output().expect("ended");
        assert_eq!(ended.status.code(), Some(code), "SIG{name}");
        let err = String::from_utf8_lossy(&ended.stderr);
        assert!(
            err.contains(&format!("interrupted by signal {signal}")),
            "SIG{name}: {err}"
        );
        assert_eq!(snapshot(&out), before, "SIG{name}: everything put back");
    }
}

#[test]
fn the_next_run_removes_what_a_killed_run_left_and_says_so() {
    let (dir, deployment, out) = generated();
    let marker = dir.path().join("paused");
    let mut child = paused_force_run(&deployment, &out, "SANCSR_TEST_PAUSE_MID_WRITE", &marker);
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let left = listing(&out);
    assert!(
        left.iter()
            .any(|n| n.starts_with(".sancsr-") && n.ends_with(".tmp")),
        "{left:?}"
    );
    assert!(
        left.iter().any(|n| n.starts_with(".sancsr-kept-")),
        "{left:?}"
    );
    let run = sancsr()
        .arg("generate")
        .arg(&deployment)
        .args(["--force", "--out-dir"])
        .arg(&out)
        .output()
        .expect("runs");
    assert!(run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("note: removed"), "{err}");
    assert!(
        err.contains("temporary file(s) an interrupted run left"),
        "{err}"
    );
    assert!(
        err.contains("a killed run that replaced files left the old versions in"),
        "{err}"
    );
    let after = listing(&out);
    assert!(!after.iter().any(|n| n.ends_with(".tmp")), "{after:?}");
    assert!(
        after.iter().any(|n| n.starts_with(".sancsr-kept-")),
        "kept files stay: {after:?}"
    );
    assert_pairs_match(&out, 0);
}

#[test]
fn a_huge_value_is_not_echoed_whole() {
    let value = "a".repeat(20_000_000);
    let (code, _, err) = plan_stdin(&format!("[expressway_e]\npeers = [\"{value}\"]\n"), &[]);
    assert_eq!(code, 2);
    assert!(err.len() < 4_000, "{} bytes of error", err.len());
    assert!(err.contains("(20000000 characters)"), "{err}");
    assert!(err.contains("<stdin>:2:10"), "{err}");
}

#[test]
fn many_non_certificate_pem_blocks_are_summarised() {
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("blocks.pem");
    let block = "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n";
    std::fs::write(&path, block.repeat(100_000)).expect("write");
    let run = sancsr().arg("inspect").arg(&path).output().expect("runs");
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.len() < 500, "{err}");
    assert!(
        err.contains("it holds 100000 × X509 CRL, not a certificate or CSR"),
        "{err}"
    );
}

#[test]
fn a_plan_past_the_names_budget_is_refused_before_planning() {
    let names: Vec<String> = (0..70_000)
        .map(|i| format!("\"d{i}.example.com\""))
        .collect();
    let peers: Vec<String> = (1..=6).map(|i| format!("\"e{i}.example.com\"")).collect();
    let text = format!(
        "features = [\"mobile-remote-access\"]\n[unified_cm]\nregistration_domains = [{}]\n\
         [expressway_e]\ncluster_name = \"e.example.com\"\npeers = [{}]\n",
        names.join(","),
        peers.join(",")
    );
    let (code, _, err) = plan_stdin(&text, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("the plan would hold 420012 names (peers × names)"),
        "{err}"
    );
    assert!(err.contains("at most 400000 names in all"), "{err}");
}
