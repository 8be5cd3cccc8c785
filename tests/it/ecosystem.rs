//! Fitting the ecosystem: export to OpenSSL and cfssl, completions, the man
//! page, colour, quiet mode and closed pipes.

use crate::common::{example, listing, openssl, sancsr};
use predicates::prelude::*;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use tempfile::TempDir;

const SUBCOMMANDS: &[&str] = &[
    "plan",
    "generate",
    "check",
    "reissue",
    "links",
    "report",
    "pull",
    "probe",
    "trust",
    "inspect",
    "export",
    "bundle",
    "import",
    "rules",
    "init",
    "completions",
    "man",
];

/// Commands with commands of their own.
const NESTED: &[&str] = &["import certificates", "import xconfiguration"];

/// The commands `sancsr --help` lists are those above (#25: the README,
/// the man pages and their install loop used to miss links, probe, bundle
/// and import).
#[test]
fn the_command_list_is_the_clis_and_the_readme_lists_every_command() {
    let help = sancsr().arg("--help").output().expect("runs");
    let help = String::from_utf8_lossy(&help.stdout);
    let listed: Vec<&str> = help
        .split("Commands:")
        .nth(1)
        .expect("commands")
        .split("Options:")
        .next()
        .expect("list")
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert_eq!(listed, SUBCOMMANDS);
    let readme = include_str!("../../README.md");
    let reference = readme
        .split("## Command reference")
        .nth(1)
        .expect("reference")
        .split("```")
        .nth(1)
        .expect("block");
    let install = readme
        .lines()
        .find(|l| l.starts_with("for c in"))
        .expect("man install loop");
    for command in SUBCOMMANDS.iter().filter(|c| **c != "import").chain(NESTED) {
        assert!(
            reference.contains(&format!("sancsr {command}")),
            "reference lacks {command}"
        );
        let page = command.replace(' ', "-");
        assert!(
            install.contains(&format!(" {page}")),
            "install loop lacks {page}"
        );
    }
}

fn deployment(key: &str) -> String {
    format!(
        "features = [\"mobile-remote-access\", \"xmpp-federation\"]\n\
         [unified_cm]\nregistration_domains = [\"tbtp.local\", \"example.com\"]\n\
         [im_presence]\nchat_node_aliases = [\"chatnode1.example.com\"]\n\
         [xmpp_federation]\ndomains = [\"example.com\"]\n\
         [expressway_e]\ncluster_name = \"expe.example.com\"\npeers = [\"expe1.example.com\"]\n\
         registration_domain_format = \"srv\"\nchat_node_alias_format = \"xmpp-address\"\n\
         [subject]\norganization = \"Example #1 $Inc\"\norganizational_unit = \"Collaboration\"\n\
         locality = \"San Jose\"\nstate = \"California\"\ncountry = \"US\"\n\
         [key]\n{key}\n"
    )
}

/// `sancsr inspect --format json` of one CSR: the fields to compare.
fn inspect(path: &std::path::Path) -> Value {
    let out = sancsr()
        .args(["inspect", "--format", "json"])
        .arg(path)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let d = &v["files"][0]["documents"][0];
    assert_eq!(d["signature_valid"], true);
    serde_json::json!({
        "subject": d["subject"],
        "sans": d["sans"],
        "key_usage": d["key_usage"],
        "extended_key_usage": d["extended_key_usage"],
        "key": d["key"],
    })
}

#[test]
fn openssl_config_gives_the_same_csr_as_generate() {
    for (key_table, openssl_key) in [
        ("algorithm = \"rsa\"\nsize = 2048", vec!["genrsa", "2048"]),
        (
            "algorithm = \"ecdsa\"\nsize = 384",
            vec!["ecparam", "-name", "secp384r1", "-genkey", "-noout"],
        ),
    ] {
        let dir = TempDir::new().expect("tempdir");
        let d = dir.path();
        std::fs::write(d.join("deployment.toml"), deployment(key_table)).expect("write");
        sancsr()
            .args(["generate", "deployment.toml", "--out-dir", "own"])
            .current_dir(d)
            .assert()
            .success();
        sancsr()
            .args([
                "export",
                "deployment.toml",
                "--to",
                "openssl",
                "--out-dir",
                "cnf",
            ])
            .current_dir(d)
            .assert()
            .success()
            .stdout(predicate::str::contains("cnf/expe1.example.com.cnf"));
        let key = d.join("hsm.key");
        let mut args = openssl_key.clone();
        args.extend(["-out", key.to_str().expect("utf8")]);
        if args[0] == "genrsa" {
            // genrsa takes the size last.
            let size = args.remove(1);
            args.push(size);
        }
        openssl(&args);
        let csr = d.join("openssl.csr");
        openssl(&[
            "req",
            "-new",
            "-config",
            d.join("cnf/expe1.example.com.cnf").to_str().expect("utf8"),
            "-key",
            key.to_str().expect("utf8"),
            "-out",
            csr.to_str().expect("utf8"),
        ]);
        let text = openssl(&[
            "req",
            "-in",
            csr.to_str().expect("utf8"),
            "-noout",
            "-text",
            "-verify",
        ]);
        assert!(
            text.contains("othername: SRVName::_collab-edge._tls.tbtp.local"),
            "{text}"
        );

        let mut ours = inspect(&d.join("own/expe1.example.com.csr"));
        let mut theirs = inspect(&csr);
        // The keys differ (one made by sancsr, one by openssl); compare the kind.
        assert_eq!(ours["key"]["algorithm"], theirs["key"]["algorithm"]);
        assert_eq!(ours["key"]["bits"], theirs["key"]["bits"]);
        ours["key"] = Value::Null;
        theirs["key"] = Value::Null;
        assert_eq!(ours, theirs, "{key_table}");
        assert_eq!(
            ours["sans"],
            serde_json::json!([
                "DNS:expe.example.com",
                "DNS:expe1.example.com",
                "SRV:_collab-edge._tls.tbtp.local",
                "SRV:_collab-edge._tls.example.com",
                "DNS:example.com",
                "XMPP:chatnode1.example.com"
            ])
        );
    }
}

#[test]
fn cfssl_json_carries_what_it_can_and_warns_about_the_rest() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("deployment.toml"),
        deployment("algorithm = \"ecdsa\""),
    )
    .expect("write");
    sancsr()
        .args([
            "export",
            "deployment.toml",
            "--to",
            "cfssl",
            "--out-dir",
            "out",
        ])
        .current_dir(d)
        .assert()
        .success()
        .stderr(predicate::str::contains("warning[cfssl-no-othername]"))
        .stderr(predicate::str::contains("SRV:_collab-edge._tls.tbtp.local"))
        .stderr(predicate::str::contains("XMPP:chatnode1.example.com"))
        .stderr(predicate::str::contains("warning[cfssl-no-key-usage]"));
    let v: Value = serde_json::from_str(
        &std::fs::read_to_string(d.join("out/expe1.example.com.json")).expect("json"),
    )
    .expect("valid JSON");
    assert_eq!(
        v,
        serde_json::json!({
            "CN": "expe.example.com",
            "hosts": ["expe.example.com", "expe1.example.com", "example.com"],
            "names": [{ "C": "US", "ST": "California", "L": "San Jose",
                        "O": "Example #1 $Inc", "OU": "Collaboration" }],
            "key": { "algo": "ecdsa", "size": 256 }
        })
    );
}

#[test]
fn export_never_overwrites_without_force() {
    let dir = TempDir::new().expect("tempdir");
    let out = dir.path().join("out");
    let run = |extra: &[&str]| {
        sancsr()
            .arg("export")
            .arg(example("full-cluster.toml"))
            .args(["--to", "openssl", "--out-dir"])
            .arg(&out)
            .args(extra)
            .assert()
    };
    run(&[]).success();
    assert_eq!(listing(&out).len(), 4);
    std::fs::write(out.join("expc1.example.local.cnf"), "edited").expect("write");
    run(&[]).code(2).stderr(predicate::str::contains("--force"));
    assert_eq!(
        std::fs::read_to_string(out.join("expc1.example.local.cnf")).expect("read"),
        "edited"
    );
    run(&["--force"]).success();
    assert!(
        std::fs::read_to_string(out.join("expc1.example.local.cnf"))
            .expect("read")
            .contains("[ alternative_names ]")
    );
    assert_eq!(listing(&out).len(), 4, "no temporary files left");
}

#[test]
fn completions_for_every_shell_mention_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = sancsr()
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8(out.stdout).expect("utf8");
        for sub in SUBCOMMANDS {
            assert!(text.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    sancsr().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_page_mentions_every_subcommand() {
    let out = sancsr().arg("man").output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf8");
    assert!(
        text.starts_with(".ie") || text.contains(".TH sancsr"),
        "roff"
    );
    for sub in SUBCOMMANDS {
        assert!(text.contains(sub), "man page lacks {sub}");
    }
    for section in [
        ".SH \"EXIT STATUS\"",
        ".SH \"DEPLOYMENT FILE\"",
        ".SH EXAMPLES",
    ] {
        assert!(text.contains(section), "man page lacks {section}");
    }
    assert_groff_reads(&text);
}

/// One page per command, nested ones included, from the same clap
/// definitions as --help.
#[test]
fn every_subcommand_has_its_man_page() {
    for sub in SUBCOMMANDS.iter().chain(NESTED) {
        let out = sancsr()
            .arg("man")
            .args(sub.split(' '))
            .output()
            .expect("runs");
        assert!(out.status.success(), "{sub}");
        let text = String::from_utf8(out.stdout).expect("utf8");
        let name = sub.replace(' ', "-");
        assert!(
            text.contains(&format!(".TH sancsr-{name} 1")),
            "{sub}: {text}"
        );
        assert!(text.contains(".SH OPTIONS") || *sub == "man", "{sub}");
        assert_groff_reads(&text);
    }
    let help = sancsr().args(["plan", "--help"]).output().expect("runs");
    let page = sancsr().args(["man", "plan"]).output().expect("runs");
    let page = String::from_utf8_lossy(&page.stdout).replace("\\-", "-");
    for flag in ["--role", "--peer", "--format"] {
        assert!(String::from_utf8_lossy(&help.stdout).contains(flag));
        assert!(page.contains(flag), "{flag}");
    }
    sancsr()
        .args(["man", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no command nope; the commands are plan",
        ));
}

/// groff renders the page without a warning (`.ci/run` installs groff).
fn assert_groff_reads(page: &str) {
    use std::io::Write;
    let mut child = Command::new("groff")
        .args(["-k", "-man", "-Tutf8", "-ww", "-z"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("groff is installed (.ci/run installs it)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(page.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("groff");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "groff warnings");
}

#[test]
fn version_and_help() {
    sancsr()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("sancsr "));
    sancsr()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("--color"));
}

#[test]
fn colour_follows_the_switch_and_no_color() {
    let path = example("figure2-expressway-e.toml");
    let esc = predicate::str::contains("\u{1b}[");
    sancsr()
        .arg("plan")
        .arg(&path)
        .args(["--color", "always"])
        .assert()
        .success()
        .stdout(esc.clone());
    sancsr()
        .arg("plan")
        .arg(&path)
        .args(["--color", "never"])
        .assert()
        .success()
        .stdout(esc.clone().not());
    // Not a terminal: auto means no colour.
    sancsr()
        .arg("plan")
        .arg(&path)
        .assert()
        .success()
        .stdout(esc.clone().not());
    // NO_COLOR turns auto off, and an explicit --color always wins.
    sancsr()
        .env("NO_COLOR", "1")
        .arg("plan")
        .arg(&path)
        .args(["--color", "always"])
        .assert()
        .stdout(esc.clone());
    // Errors on stderr follow the same switch.
    sancsr()
        .args(["plan", "-", "--color", "always"])
        .write_stdin("[expressway_e]\npeers = [\"bad_name\"]\n")
        .assert()
        .code(2)
        .stderr(esc.clone());
    sancsr()
        .args(["plan", "-", "--color", "never"])
        .write_stdin("[expressway_e]\npeers = [\"bad_name\"]\n")
        .assert()
        .code(2)
        .stderr(esc.not());
}

#[test]
fn quiet_leaves_only_errors() {
    let dir = TempDir::new().expect("tempdir");
    sancsr()
        .args(["generate", "-q", "-", "--out-dir"])
        .arg(dir.path())
        .write_stdin(deployment("algorithm = \"ecdsa\""))
        .assert()
        .success()
        .stdout("")
        .stderr("");
    assert_eq!(listing(dir.path()).len(), 2);
    sancsr()
        .args(["plan", "--quiet", "-"])
        .write_stdin("[expressway_e]\npeers = [\"bad_name\"]\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("invalid name"));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // Enough output to fill the pipe: 3,000 names on two certificates.
    let names: Vec<String> = (0..3000).map(|i| format!("\"h{i}.example.com\"")).collect();
    let text = format!(
        "[expressway_e]\ncluster_name = \"e.example.com\"\npeers = [\"e1.example.com\", \"e2.example.com\"]\n\
         additional_names = [{}]\n",
        names.join(",")
    );
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("big.toml");
    std::fs::write(&path, text).expect("write");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("sancsr"))
        .arg("plan")
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("line");
    // The reader is dropped here, as `head -1` exits.
    let out = child.wait_with_output().expect("wait");
    assert!(first.starts_with("Expressway-E e1.example.com"), "{first}");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn grid_and_markdown_show_the_same_plan() {
    let path = example("full-cluster.toml");
    let out = sancsr()
        .arg("plan")
        .arg(&path)
        .args(["--format", "grid"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let grid = String::from_utf8(out.stdout).expect("utf8");
    let row = grid
        .lines()
        .find(|l| l.starts_with("DNS:chatnode1.example.com "))
        .expect("chat node alias row");
    let marks = |row: &str| row.split_whitespace().filter(|t| *t == "x").count();
    assert_eq!(marks(row), 4, "on all four certificates: {row}");
    let row = grid
        .lines()
        .find(|l| l.starts_with("DNS:DX80Tlsprofile.example.com "))
        .expect("profile row");
    assert_eq!(marks(row), 2, "on the C certificates only: {row}");
    assert!(
        grid.lines()
            .next()
            .expect("header")
            .contains("Expressway-C")
    );

    let out = sancsr()
        .arg("plan")
        .arg(&path)
        .args(["--format", "markdown"])
        .output()
        .expect("runs");
    let md = String::from_utf8(out.stdout).expect("utf8");
    assert!(md.starts_with("# Certificate plan"));
    assert!(
        md.contains("| `DNS:chatnode1.example.com` | ✓ | ✓ | ✓ | ✓ |"),
        "{md}"
    );
    assert!(md.contains("## Expressway-E `expe2.example.com`"));
    for line in md.lines().filter(|l| l.starts_with('|')) {
        assert!(line.ends_with('|'), "table row: {line}");
    }
}

/// --peer completes host names, never file names, in every shell that can
/// tell them apart.
#[test]
fn peer_completion_offers_no_file_names() {
    let script = |shell: &str| {
        String::from_utf8(
            sancsr()
                .args(["completions", shell])
                .output()
                .expect("runs")
                .stdout,
        )
        .expect("utf8")
    };
    let bash = script("bash");
    let after_peer: Vec<&str> = bash
        .lines()
        .skip_while(|l| l.trim() != "--peer)")
        .take(2)
        .collect();
    assert_eq!(
        after_peer[1].trim(),
        "COMPREPLY=($(compgen -A hostname \"${cur}\"))"
    );
    let syntax = Command::new("bash")
        .arg("-n")
        .stdin(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().expect("stdin").write_all(bash.as_bytes())?;
            c.wait()
        })
        .expect("bash");
    assert!(syntax.success(), "the bash script parses");
    assert!(
        script("zsh").contains("'--peer=[Only the certificate of this peer (FQDN)]:FQDN:_hosts'")
    );
}

/// `inspect` shows a certificate's serial number and SHA-256 fingerprint,
/// as `openssl x509` prints them (#25), and names an empty subject.
#[test]
fn inspect_shows_the_serial_and_the_fingerprint() {
    let dir = TempDir::new().expect("tempdir");
    let cert = crate::common::expe_self_signed(dir.path(), "serial", &[]);
    let out = sancsr().arg("inspect").arg(&cert).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let path = cert.to_str().expect("utf8");
    let serial = openssl(&["x509", "-in", path, "-noout", "-serial"]);
    let serial = serial
        .trim()
        .trim_start_matches("serial=")
        .to_ascii_lowercase();
    let fingerprint = openssl(&["x509", "-in", path, "-noout", "-fingerprint", "-sha256"]);
    let fingerprint = fingerprint
        .trim()
        .rsplit('=')
        .next()
        .expect("value")
        .replace(':', "")
        .to_ascii_lowercase();
    let shown = |field: &str| -> String {
        text.lines()
            .find(|l| l.trim_start().starts_with(field))
            .unwrap_or_else(|| panic!("no {field}: {text}"))
            .trim_start()
            .trim_start_matches(field)
            .trim()
            .to_owned()
    };
    // Leading zeros aside (a serial with its high bit set carries a 00
    // byte; OpenSSL drops leading zeros), the same number.
    assert_eq!(
        shown("Serial number")
            .replace(':', "")
            .trim_start_matches('0'),
        serial.trim_start_matches('0')
    );
    assert_eq!(shown("SHA-256 fingerprint"), fingerprint);
}

/// A certificate with no subject at all is named "(empty subject)", never
/// an empty string (#25).
#[test]
fn an_empty_subject_is_named() {
    let dir = TempDir::new().expect("tempdir");
    let key = rcgen::KeyPair::generate().expect("key");
    let mut params =
        rcgen::CertificateParams::new(vec!["expe1.example.com".to_owned()]).expect("params");
    params.distinguished_name = rcgen::DistinguishedName::new();
    let pem = params.self_signed(&key).expect("cert").pem();
    let path = dir.path().join("empty.pem");
    std::fs::write(&path, pem).expect("write");
    let out = sancsr().arg("inspect").arg(&path).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let subject = text
        .lines()
        .find(|l| l.trim_start().starts_with("Subject"))
        .expect("subject line");
    assert!(subject.contains("(empty subject)"), "{text}");
}
