//! Faults: unwritable or missing output, a full disk, a killed process,
//! oversized input. After each: no half-written key or CSR, no key readable
//! by others, and re-running completes the job. (A key path that is a
//! directory is tested in tests/generate.rs.)

use crate::common::{generate_paused, listing, sancsr};
use predicates::prelude::*;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("sancsr")
}

/// A deployment with `n` peers and the given key table: up to six
/// Expressway-E peers (Cisco's cluster limit), then Expressway-C peers.
fn peers(n: usize, key: &str) -> String {
    let e: Vec<String> = (1..=n.min(6))
        .map(|i| format!("\"expe{i}.example.com\""))
        .collect();
    let c: Vec<String> = (7..=n)
        .map(|i| format!("\"expc{i}.example.local\""))
        .collect();
    let mut text = format!(
        "features = [\"mobile-remote-access\"]\n[unified_cm]\nregistration_domains = [\"example.com\"]\n\
         [expressway_e]\ncluster_name = \"expe.example.com\"\npeers = [{}]\n",
        e.join(", ")
    );
    if !c.is_empty() {
        text.push_str(&format!(
            "[expressway_c]\ncluster_name = \"expc.example.local\"\npeers = [{}]\n",
            c.join(", ")
        ));
    }
    text + &format!("[key]\n{key}\n")
}

/// Every file in `dir`: no key readable by group or other, every `.key`
/// and `.csr` complete (readable in full).
fn assert_safe(dir: &Path) {
    for name in listing(dir) {
        let path = dir.join(&name);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        if text.contains("PRIVATE KEY") || name.ends_with(".key") {
            assert_eq!(mode & 0o077, 0, "{name} is readable by others: {mode:o}");
        }
        if name.ends_with(".key") {
            assert!(
                rcgen::KeyPair::from_pem(&text).is_ok(),
                "{name} is not a complete key"
            );
        }
        if name.ends_with(".csr") {
            let block = pem::parse(&text).expect("complete PEM CSR");
            <x509_parser::certification_request::X509CertificationRequest as x509_parser::prelude::FromDer<'_, _>>::from_der(block.contents())
                .expect("complete CSR");
        }
    }
}

/// Starts `sancsr generate DEPLOYMENT --out-dir OUT [extra]`, output discarded.
fn spawn_generate(deployment: &Path, out: &Path, extra: &[&str]) -> std::process::Child {
    Command::new(binary())
        .arg("generate")
        .arg(deployment)
        .arg("--out-dir")
        .arg(out)
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn")
}

/// Runs generate to completion and asserts it succeeded.
fn generate_ok(deployment: &Path, out: &Path, extra: &[&str]) {
    sancsr()
        .arg("generate")
        .arg(deployment)
        .arg("--out-dir")
        .arg(out)
        .args(extra)
        .assert()
        .success();
}

fn finals(dir: &Path) -> Vec<String> {
    listing(dir)
        .into_iter()
        .filter(|n| n.ends_with(".key") || n.ends_with(".csr"))
        .collect()
}

#[test]
fn an_unwritable_directory_leaves_nothing() {
    // As root, permissions do not stop writes; sysfs refuses new files to
    // everyone. As another user, a directory without write permission does.
    let dir = TempDir::new().expect("tempdir");
    let target = if Path::new("/sys/kernel").is_dir()
        && std::fs::write("/sys/kernel/.sancsr-probe", "").is_err()
    {
        std::path::PathBuf::from("/sys/kernel")
    } else {
        let d = dir.path().join("ro");
        std::fs::create_dir(&d).expect("mkdir");
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o500)).expect("chmod");
        d
    };
    sancsr()
        .args(["generate", "-", "--out-dir"])
        .arg(&target)
        .write_stdin(peers(2, "algorithm = \"ecdsa\""))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write"));
    assert!(
        !listing(&target)
            .iter()
            .any(|n| n.starts_with("expe") || n.starts_with(".sancsr-"))
    );
}

#[test]
fn a_missing_directory_is_created_and_a_file_in_the_way_is_refused() {
    let dir = TempDir::new().expect("tempdir");
    let nested = dir.path().join("a/b/c");
    sancsr()
        .args(["generate", "-", "--out-dir"])
        .arg(&nested)
        .write_stdin(peers(1, "algorithm = \"ecdsa\""))
        .assert()
        .success();
    assert_eq!(finals(&nested).len(), 2);
    let file = dir.path().join("file");
    std::fs::write(&file, "x").expect("write");
    sancsr()
        .args(["generate", "-", "--out-dir"])
        .arg(file.join("sub"))
        .write_stdin(peers(1, "algorithm = \"ecdsa\""))
        .assert()
        .code(1);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "x");
}

#[test]
fn a_full_disk_while_writing_leaves_nothing_and_a_rerun_completes() {
    // RLIMIT_FSIZE of 512 bytes (with SIGXFSZ ignored) makes every write past
    // it fail with EFBIG, as a full disk fails with ENOSPC: the first key
    // file cannot be written in full.
    let dir = TempDir::new().expect("tempdir");
    let deployment = dir.path().join("d.toml");
    std::fs::write(&deployment, peers(3, "algorithm = \"rsa\"")).expect("write");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let status = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1; exec \"$0\" generate \"$1\" --out-dir \"$2\"")
        .arg(binary())
        .arg(&deployment)
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    assert_eq!(
        status.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(String::from_utf8_lossy(&status.stderr).contains("cannot write"));
    assert!(listing(&out).is_empty(), "{:?}", listing(&out));
    generate_ok(&deployment, &out, &[]);
    assert_eq!(finals(&out).len(), 6);
    assert_safe(&out);
}

/// Killed once every RSA-4096 key is made in memory and before anything is
/// written: the run stops at the `SANCSR_TEST_PAUSE_BEFORE_WRITE` point, so
/// the kill lands there every time, whatever the machine's speed.
#[test]
fn sigkill_after_rsa_4096_generation_before_writing_leaves_nothing() {
    let dir = TempDir::new().expect("tempdir");
    let deployment = dir.path().join("d.toml");
    std::fs::write(&deployment, peers(8, "algorithm = \"rsa\"\nsize = 4096")).expect("write");
    let out = dir.path().join("out");
    let marker = dir.path().join("paused");
    let mut child = generate_paused(
        &deployment,
        &out,
        &[],
        "SANCSR_TEST_PAUSE_BEFORE_WRITE",
        &marker,
    );
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    // The output directory exists (it is created before key generation),
    // and holds nothing: no key, no CSR, no temporary file.
    assert_eq!(listing(&out), Vec::<String>::new());
    generate_ok(&deployment, &out, &[]);
    assert_eq!(finals(&out).len(), 16);
    assert_safe(&out);
}

#[test]
fn sigkill_at_any_moment_leaves_only_complete_files_and_force_completes() {
    let dir = TempDir::new().expect("tempdir");
    let deployment = dir.path().join("d.toml");
    std::fs::write(&deployment, peers(6, "algorithm = \"rsa\"")).expect("write");
    for (round, delay_ms) in [0u64, 2, 5, 10, 20, 40, 60, 90, 130, 200]
        .into_iter()
        .enumerate()
    {
        let out = dir.path().join(format!("out{round}"));
        let mut child = spawn_generate(&deployment, &out, &[]);
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().expect("reaped");
        if out.exists() {
            assert_safe(&out);
        }
        generate_ok(&deployment, &out, &["--force"]);
        assert_eq!(finals(&out).len(), 12, "round {round}");
        assert_safe(&out);
    }
}

#[test]
fn no_key_is_readable_by_others_at_any_moment() {
    let dir = TempDir::new().expect("tempdir");
    let deployment = dir.path().join("d.toml");
    std::fs::write(&deployment, peers(8, "algorithm = \"ecdsa\"")).expect("write");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    for _ in 0..5 {
        let mut child = Command::new(binary())
            .arg("generate")
            .arg(&deployment)
            .args(["--force", "--out-dir"])
            .arg(&out)
            .stdout(Stdio::null())
            .spawn()
            .expect("spawn");
        let start = Instant::now();
        while child.try_wait().expect("wait").is_none() && start.elapsed() < Duration::from_secs(20)
        {
            for entry in std::fs::read_dir(&out).expect("dir").flatten() {
                let Ok(meta) = entry.metadata() else { continue };
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                if text.contains("PRIVATE KEY") {
                    assert_eq!(
                        meta.permissions().mode() & 0o077,
                        0,
                        "{:?} readable by others",
                        entry.file_name()
                    );
                }
            }
        }
        assert!(child.wait().expect("wait").success());
    }
    assert_safe(&out);
}

#[test]
fn oversized_input_is_refused_quickly() {
    let dir = TempDir::new().expect("tempdir");
    let huge = dir.path().join("huge.toml");
    std::fs::File::create(&huge)
        .expect("create")
        .set_len(100 * 1024 * 1024)
        .expect("sparse 100 MB");
    let start = Instant::now();
    sancsr()
        .arg("plan")
        .arg(&huge)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("larger than 32 MiB"));
    // Not a timing assertion on speed, a guard against reading it all:
    // generous enough for any machine.
    assert!(start.elapsed() < Duration::from_secs(30));
}

#[test]
fn absurd_counts_are_refused_with_a_clear_message() {
    let peers: Vec<String> = (0..200_000)
        .map(|i| format!("\"p{i}.example.com\""))
        .collect();
    let text = format!(
        "[expressway_e]\ncluster_name = \"e.example.com\"\npeers = [{}]\n",
        peers.join(",")
    );
    sancsr()
        .args(["generate", "-", "--out-dir", "/nonexistent-never-created"])
        .write_stdin(text)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("lists 200000 peers"))
        .stderr(predicate::str::contains("at most 6 peers"));
    assert!(!Path::new("/nonexistent-never-created").exists());

    let names: Vec<String> = (0..100_001)
        .map(|i| format!("\"h{i}.example.com\""))
        .collect();
    let text = format!(
        "[expressway_e]\npeers = [\"e.example.com\"]\nadditional_names = [{}]\n",
        names.join(",")
    );
    sancsr()
        .args(["plan", "-"])
        .write_stdin(text)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a list of 100001 names"));
}

#[test]
fn a_thousand_bad_names_show_the_first_hundred() {
    let names: Vec<String> = (0..1000)
        .map(|i| format!("\"bad_{i}.example.com\""))
        .collect();
    let text = format!(
        "[expressway_e]\npeers = [\"e.example.com\"]\nadditional_names = [{}]\n",
        names.join(",\n")
    );
    let out = sancsr()
        .args(["plan", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("invalid name").count(), 100);
    assert!(
        stderr.contains("1000 problems in <stdin>, the first 100 shown"),
        "{}",
        &stderr[stderr.len().saturating_sub(300)..]
    );
}
