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

/// `plan -` of `text` with `args`: (exit code, stdout, stderr).
fn plan(text: &str, args: &[&str]) -> (i32, String, String) {
    crate::common::plan_stdin(text, args)
}

const TWO_ROLES: &str = "[expressway_c]\ncluster_name = \"expc.example.local\"\n\
    peers = [\"expc1.example.local\"]\n\
    [expressway_e]\npeers = [\"expe1.example.com\"]\n";

#[test]
fn role_and_peer_that_disagree_say_which_role_the_peer_has() {
    let (code, _, err) = plan(TWO_ROLES, &["--role", "c", "--peer", "expe1.example.com"]);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        "error: --peer and --role c disagree: expe1.example.com is a peer of the Expressway-E; \
         drop --role, or name a peer of that role"
    );
    let (code, _, err) = plan(TWO_ROLES, &["--peer", "EXPC.example.local"]);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        "error: --peer EXPC.example.local is a cluster name, not a peer: for every certificate \
         of that cluster use --role c; for one, give that peer's FQDN"
    );
}

#[test]
fn roles_take_the_words_admins_use() {
    for role in ["c", "expressway-c"] {
        let (code, out, _) = plan(TWO_ROLES, &["--role", role, "--format", "json"]);
        assert_eq!(code, 0);
        assert!(out.contains("expc1.example.local") && !out.contains("expe1.example.com"));
    }
    let out = sancsr()
        .args(["init", "--role", "expressway-e", "--features", "mra,b2b"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("features = [\"mobile-remote-access\", \"business-to-business\"]"));
}

#[test]
fn a_top_level_key_error_is_reported_once() {
    let text = format!("{TWO_ROLES}[key]\nsize = 1024\n");
    let (code, _, err) = plan(&text, &[]);
    assert_eq!(code, 2);
    assert_eq!(err.matches("invalid RSA key size 1024").count(), 1, "{err}");
}

#[test]
fn the_same_fqdn_as_a_peer_of_both_roles_is_an_error_with_both_positions() {
    let text = "[expressway_c]\npeers = [\"box.example.com\"]\n\
        [expressway_e]\npeers = [\"BOX.example.com\"]\n";
    let (code, _, err) = plan(text, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("\"BOX.example.com\" is a peer of both [expressway_c] (at <stdin>:2:10) and [expressway_e]"),
        "{err}"
    );
    assert!(err.contains("<stdin>:4:10"), "{err}");
}

#[test]
fn cn_too_long_names_every_certificate() {
    let long = "a-very-long-cluster-name-for-the-expressway-edge.collaboration.example.com";
    let text = format!(
        "[expressway_e]\ncluster_name = \"{long}\"\npeers = [\"e1.example.com\", \"e2.example.com\"]\n"
    );
    let (_, out, _) = plan(&text, &[]);
    for peer in ["e1.example.com", "e2.example.com"] {
        assert!(
            out.contains(&format!(
                "of the Expressway-E certificate for {peer} is 74 characters"
            )),
            "{out}"
        );
    }
}

#[test]
fn reissue_names_the_subject_field_and_the_rule_of_a_removal() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let old = "features = [\"xmpp-federation\"]\n[im_presence]\n\
        chat_node_aliases = [\"chat1.example.com\", \"chat2.example.com\"]\n\
        [expressway_c]\npeers = [\"c.example.local\"]\n[subject]\norganization = \"Old\"\n";
    let new = old
        .replace(", \"chat2.example.com\"", "")
        .replace("\"Old\"", "\"New\"");
    std::fs::write(dir.path().join("old.toml"), old).expect("write");
    std::fs::write(dir.path().join("new.toml"), new).expect("write");
    let out = sancsr()
        .args(["reissue", "old.toml", "new.toml"])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("because the subject changed: organization \"Old\" → \"New\""),
        "{text}"
    );
    assert!(
        !text.contains("common name \"c.example.local\" → \"c.example.local\""),
        "{text}"
    );
    // chat2 was only removed: not Cisco's "added or renamed".
    assert!(!text.contains("added or renamed"), "{text}");
    assert!(text.contains("removed DNS:chat2.example.com"), "{text}");
}

/// Runs a command in `dir`: (exit code, stderr).
fn run_in(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = sancsr().args(args).current_dir(dir).output().expect("runs");
    (
        out.status.code().expect("code"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn files_as_they_arrive_get_plain_messages() {
    use crate::common::openssl;
    let dir = tempfile::TempDir::new().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("d.toml"),
        "[expressway_e]\npeers = [\"e.example.com\"]\n",
    )
    .expect("write");
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=e.example.com",
        "-keyout",
        d.join("k.pem").to_str().expect("utf-8"),
        "-out",
        d.join("c.pem").to_str().expect("utf-8"),
    ]);
    openssl(&[
        "pkcs12",
        "-export",
        "-in",
        d.join("c.pem").to_str().expect("utf-8"),
        "-inkey",
        d.join("k.pem").to_str().expect("utf-8"),
        "-out",
        d.join("c.p12").to_str().expect("utf-8"),
        "-passout",
        "pass:secret",
    ]);
    openssl(&[
        "pkey",
        "-in",
        d.join("k.pem").to_str().expect("utf-8"),
        "-aes256",
        "-passout",
        "pass:secret",
        "-out",
        d.join("enc.key").to_str().expect("utf-8"),
    ]);
    let (code, err) = run_in(d, &["inspect", "c.p12"]);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        "error: c.p12: this is a PKCS#12 (.p12/.pfx) file, which bundles a certificate with its \
         private key: export the certificate with `openssl pkcs12 -in FILE -nokeys -clcerts -out \
         cert.pem`"
    );
    let full = std::fs::read(d.join("c.pem")).expect("read");
    let cut = &full[..full.len() / 2];
    std::fs::write(d.join("cut.pem"), cut).expect("write");
    let (code, err) = run_in(d, &["inspect", "cut.pem"]);
    assert_eq!(code, 2);
    assert!(!err.contains("Nom") && !err.contains("Der("), "{err}");
    let (code, err) = run_in(d, &["check", "d.toml", "c.pem", "--key", "enc.key"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("enc.key: this key is encrypted: decrypt it with `openssl pkey"),
        "{err}"
    );
    let (code, err) = run_in(
        d,
        &["generate", "d.toml", "--key", "enc.key", "--out-dir", "out"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("--key enc.key: this key is encrypted"),
        "{err}"
    );
    assert!(!err.contains("below 2048"), "{err}");
    let (code, err) = run_in(d, &["generate", "d.toml", "--out-dir", "c.pem"]);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        "error: --out-dir c.pem is a file, not a directory: name a directory, or a new one to create"
    );
}

#[test]
fn force_names_every_replaced_key_and_keeps_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::TempDir::new().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("d.toml"),
        "[expressway_e]\npeers = [\"e.example.com\"]\n[key]\nalgorithm = \"ecdsa\"\n",
    )
    .expect("write");
    assert_eq!(run_in(d, &["generate", "d.toml", "--out-dir", "out"]).0, 0);
    let old = std::fs::read_to_string(d.join("out/e.example.com.key")).expect("key");
    let out = sancsr()
        .args(["-q", "generate", "d.toml", "--out-dir", "out", "--force"])
        .current_dir(d)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("warning: replaced the private key out/e.example.com.key; the old key is kept as out/e.example.com.key."),
        "{err}"
    );
    let backups: Vec<_> = std::fs::read_dir(d.join("out"))
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".bak"))
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(
        std::fs::read_to_string(backups[0].path()).expect("bak"),
        old
    );
    let mode = backups[0].metadata().expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // Without a backup, the replacement is still named.
    let (code, err) = run_in(
        d,
        &[
            "generate",
            "d.toml",
            "--out-dir",
            "out",
            "--force",
            "--no-backup",
        ],
    );
    assert_eq!(code, 0);
    assert!(
        err.contains("without a backup: the old key is gone"),
        "{err}"
    );
    let count = std::fs::read_dir(d.join("out"))
        .expect("dir")
        .flatten()
        .count();
    assert_eq!(count, 3, "key, CSR and the one backup");
}

#[test]
fn generate_from_an_unedited_template_warns_of_its_example_names() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let template = sancsr()
        .args(["init", "--role", "e", "--features", "mra"])
        .output()
        .expect("runs")
        .stdout;
    let text = String::from_utf8(template)
        .expect("utf8")
        .replace("algorithm = \"rsa\"", "algorithm = \"ecdsa\"")
        .replace("size = 2048 ", "# size ");
    std::fs::write(dir.path().join("d.toml"), text).expect("write");
    let (code, err) = run_in(dir.path(), &["generate", "d.toml", "--out-dir", "out"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "warning[template-names] d.toml:23:16: the file still holds the example names of \
             `sancsr init` (expe.change-me.example, expe1.change-me.example, \
             expe2.change-me.example, change-me.example)"
        ),
        "{err}"
    );
}
