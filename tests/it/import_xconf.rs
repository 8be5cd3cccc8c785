//! `sancsr import xconfiguration`: the `xConfiguration` output of each box
//! (fixtures in `tests/fixtures/xconfiguration/`, written to the line
//! format Cisco prints in TAC 212475) drafted into a deployment that `plan`
//! accepts as it is, with every guess a `# check:` comment.

use crate::common::{fixture, sancsr};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn box_file(name: &str) -> PathBuf {
    fixture(&format!("xconfiguration/{name}"))
}

/// Runs the import from `dir` (file names as given); exit code, stdout,
/// stderr.
fn import(dir: &Path, files: &[&str]) -> (i32, String, String) {
    let out = sancsr()
        .args(["import", "xconfiguration"])
        .args(files)
        .current_dir(dir)
        .output()
        .expect("runs");
    (
        out.status.code().expect("code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Copies fixtures into a temporary folder, each edited by `edit`.
fn boxes(edit: impl Fn(&str, String) -> String) -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    for name in ["expc1.txt", "expc2.txt", "expe1.txt"] {
        let text = std::fs::read_to_string(box_file(name)).expect("fixture");
        std::fs::write(dir.path().join(name), edit(name, text)).expect("write");
    }
    dir
}

/// `plan --format json` of a draft: exit code and the error findings.
fn plan_errors(dir: &Path, draft: &str) -> (i32, Vec<String>, serde_json::Value) {
    let path = dir.join("draft.toml");
    std::fs::write(&path, draft).expect("write");
    let out = sancsr()
        .arg("plan")
        .arg(&path)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{draft}", String::from_utf8_lossy(&out.stderr)));
    let errors = plan["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["code"].as_str().expect("code").to_owned())
        .collect();
    (out.status.code().expect("code"), errors, plan)
}

fn names_of(plan: &serde_json::Value, peer: &str) -> Vec<String> {
    plan["certificates"]
        .as_array()
        .expect("certificates")
        .iter()
        .find(|c| c["peer"] == peer)
        .unwrap_or_else(|| panic!("no {peer}"))["alternative_names"]
        .as_array()
        .expect("names")
        .iter()
        .map(|n| n.as_str().expect("name").to_owned())
        .collect()
}

#[test]
fn a_cluster_pair_drafts_a_deployment_plan_accepts() {
    let dir = boxes(|_, text| text);
    let (code, draft, stderr) = import(dir.path(), &["expc1.txt", "expc2.txt", "expe1.txt"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("import-xconfiguration-cluster-pair", draft);
    let (code, errors, plan) = plan_errors(dir.path(), &draft);
    assert_eq!((code, errors), (0, vec![]), "{draft}");
    // The C cluster's peers by IP address became FQDNs; the E's traversal
    // zone's TLS verify subject name is on every C certificate.
    assert_eq!(
        names_of(&plan, "expc2.example.com"),
        ["DNS:expc.example.com", "DNS:expc2.example.com"]
    );
    assert!(
        names_of(&plan, "expe1.example.com").contains(&"DNS:example.com".to_owned()),
        "{draft}"
    );
}

#[test]
fn ip_addresses_are_resolved_from_the_boxes_or_flagged() {
    // The C names the E by IP address; the E's file has that address.
    let dir = boxes(|name, text| {
        if name.starts_with("expc") {
            text.replace(
                "Peer 1 Address: \"expe1.example.com\"",
                "Peer 1 Address: \"192.0.2.10\"",
            )
        } else {
            text
        }
    });
    let (code, draft, stderr) = import(dir.path(), &["expc1.txt", "expe1.txt"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        draft.contains("traversal_peer_addresses = [\"expe1.example.com\", \"expe2.example.com\"]"),
        "{draft}"
    );
    assert!(
        draft.contains(
            "names its Expressway-E by IP address 192.0.2.10; the Expressway-C checks that name"
        ) && draft.contains("(expe1.example.com has 192.0.2.10)"),
        "{draft}"
    );
    // expc2's file was not given: its cluster address stays a flagged IP.
    assert!(
        draft.contains("# check: cluster peer 10.0.0.12 is given by IP address"),
        "{draft}"
    );
    assert!(draft.contains("peers = [\"expc1.example.com\"]"), "{draft}");
    let (code, errors, _) = plan_errors(dir.path(), &draft);
    assert_eq!((code, errors), (0, vec![]), "{draft}");
}

#[test]
fn a_lone_expressway_e_reads_from_standard_input() {
    let text = std::fs::read_to_string(box_file("expe1.txt")).expect("fixture");
    let out = sancsr()
        .args(["import", "xconfiguration", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    let draft = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        draft.contains(
            "[expressway_e]\ncluster_name = \"expe.example.com\"\npeers = [\"expe1.example.com\", \"expe2.example.com\"]\ntls_verify_subject_name = \"expc.example.com\""
        ),
        "{draft}"
    );
    assert!(!draft.contains("[expressway_c]"), "{draft}");
}

#[test]
fn settings_switched_off_or_by_address_are_flagged() {
    let dir = boxes(|name, text| match name {
        "expe1.txt" => text.replace(
            "Zone 5 TraversalServer SIP TLS Verify Mode: \"On\"",
            "Zone 5 TraversalServer SIP TLS Verify Mode: \"Off\"",
        ),
        _ => text
            .replace(
                "SIP Domain 1 Edgejabberc: \"Off\"",
                "SIP Domain 1 Edgejabberc: \"On\"",
            )
            .replace(
                "Peer 2 Address: \"expe2.example.com\"",
                "Peer 2 Address: \"192.0.2.20\"",
            )
            .replace(
                "TraversalClient Peer 3 Address: \n",
                "TraversalClient Peer 3 Address: \"198.51.100.10\"\n",
            ),
    });
    let (code, draft, stderr) = import(dir.path(), &["expc1.txt", "expc2.txt", "expe1.txt"]);
    assert_eq!(code, 0, "{stderr}");
    // Both C peers hold the zone: it is flagged once. No file has the
    // address: the name is left out.
    assert_eq!(
        draft
            .matches("names its Expressway-E by IP address 192.0.2.20")
            .count(),
        1,
        "{draft}"
    );
    // The third is expe1's static NAT address.
    assert!(
        draft.contains("traversal_peer_addresses = [\"expe1.example.com\"]\n")
            && draft.contains("(expe1.example.com has 198.51.100.10)"),
        "{draft}"
    );
    assert!(
        draft.contains("# check: TLS verify mode is Off on traversal zone \"UC Traversal\""),
        "{draft}"
    );
    assert!(
        draft.contains(
            "features = [\"mobile-remote-access\", \"jabber-guest\", \"xmpp-federation\"]"
        ),
        "{draft}"
    );
    let (code, errors, _) = plan_errors(dir.path(), &draft);
    assert_eq!((code, errors), (0, vec![]), "{draft}");
}

/// Each bad input: exit 2, nothing on standard output, and the file, line
/// and column, the rule and the fix on standard error.
#[test]
fn bad_files_are_refused_with_place_rule_and_fix() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "*c xConfiguration Zones Zone 5 Name: \"UC Traversal\" *c xConfiguration Zones Zone 5 Type: \"TraversalServer\"\n",
            "joined.txt:1:",
            &[
                "after the value's closing quote",
                "put each `*c xConfiguration` setting on its own line",
            ],
        ),
        (
            "*c xConfiguration Zones Zone 5 Name \"UC Traversal\"\n",
            "no-colon.txt:1:",
            &["no `: ` between setting and value", "TAC 212475"],
        ),
        (
            "*c xConfiguration SIP Domain 1 Edgesip: \"Yes\"\n*c xConfiguration IP DNS Hostname: \"expc1\"\n",
            "flag.txt:1:",
            &["not On or Off"],
        ),
        (
            "features = [\"mobile-remote-access\"]\n",
            "toml.txt",
            &["no `*c xConfiguration` line", "run `xConfiguration`"],
        ),
        (
            "*c xConfiguration IP DNS Hostname: \"expc1\"\n*c xConfiguration IP DNS Domain Name: \"example.com\"\n",
            "no-zone.txt",
            &[
                "cannot tell whether this is an Expressway-C or an Expressway-E",
                "Configuration > Zones > Zones",
            ],
        ),
    ];
    let dir = TempDir::new().expect("tempdir");
    for (text, place, words) in cases {
        let name = place.split(':').next().expect("name");
        std::fs::write(dir.path().join(name), text).expect("write");
        let (code, stdout, stderr) = import(dir.path(), &[name]);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert_eq!(stdout, "", "{name}");
        assert!(stderr.contains(place), "{name}: {stderr}");
        for w in *words {
            assert!(stderr.contains(w), "{name}: {w}\n{stderr}");
        }
    }
}

#[test]
fn a_file_that_is_not_text_is_refused() {
    let dir = TempDir::new().expect("tempdir");
    let mut bytes = b"*c xConfiguration IP DNS Hostname: \"exp".to_vec();
    bytes.extend([0xe9, b'"', b'\n']);
    std::fs::write(dir.path().join("latin1.txt"), bytes).expect("write");
    let (code, stdout, stderr) = import(dir.path(), &["latin1.txt"]);
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert!(
        stderr.contains("latin1.txt is not UTF-8 text (invalid byte at offset 39)")
            && stderr.contains("save it as UTF-8"),
        "{stderr}"
    );
}

#[test]
fn certificates_that_hold_none_are_refused_with_what_to_give() {
    let dir = boxes(|_, text| text);
    std::fs::create_dir(dir.path().join("empty")).expect("mkdir");
    let (code, stdout, stderr) = import(dir.path(), &["expc1.txt", "--certificates", "empty"]);
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert!(
        stderr.contains("no certificate found in empty: give the certificates in service"),
        "{stderr}"
    );
}

#[test]
fn two_clusters_of_one_role_are_refused_where_the_second_is_named() {
    let dir = boxes(|name, text| match name {
        "expc2.txt" => text.replace("expc.example.com", "other.example.com"),
        _ => text,
    });
    let (code, stdout, stderr) = import(dir.path(), &["expc1.txt", "expc2.txt"]);
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert!(stderr.contains("expc2.txt:2:"), "{stderr}");
    assert!(
        stderr.contains("a second Expressway-C cluster, other.example.com")
            && stderr.contains("import each cluster's files in its own run"),
        "{stderr}"
    );
}

/// The fixture boxes, with the certificates of `deployment.toml` issued in
/// `installed/`, imported from `files` with `--certificates installed`.
fn import_with_certificates(files: &[&str]) -> (TempDir, String) {
    let dir = boxes(|_, text| text);
    crate::import::install(&box_file("deployment.toml"), dir.path());
    let mut args = files.to_vec();
    args.extend(["--certificates", "installed"]);
    let (code, draft, stderr) = import(dir.path(), &args);
    assert_eq!(code, 0, "{stderr}");
    (dir, draft)
}

/// With the certificates in service, the draft takes what xConfiguration
/// does not hold (the profile name, the chat node alias, the CSR's domain
/// format, the key) and plans to exactly the installed names.
#[test]
fn installed_certificates_fill_what_the_configuration_lacks() {
    let (dir, draft) = import_with_certificates(&["expc1.txt", "expc2.txt", "expe1.txt"]);
    for line in [
        "phone_security_profiles = [\"DX80SecureProfile.example.com\"]",
        "chat_node_aliases = [\"chatnode1.example.com\"]",
        "registration_domain_format = \"collab-edge-dns\"",
        "[expressway_c.key]\nalgorithm = \"rsa\"\nsize = 2048",
        "# check: planning this draft reproduces every installed certificate's names",
        "# check: DX80SecureProfile.example.com: taken for a phone security profile name",
    ] {
        assert!(draft.contains(line), "{line}\n{draft}");
    }
    assert!(!draft.contains("are not in xConfiguration"), "{draft}");
    crate::import::assert_plans_alike(dir.path(), &draft, &box_file("deployment.toml"));
}

/// An installed certificate the configuration does not explain is listed:
/// here the C cluster lost its second peer since the certificates were made.
#[test]
fn installed_names_the_plan_lacks_are_listed() {
    let (_dir, draft) = import_with_certificates(&["expc1.txt", "expe1.txt"]);
    assert!(
        draft.contains(
            "# check: expc2.example.com: installed, but no peer of this draft carries its names"
        ),
        "{draft}"
    );
    assert!(
        !draft.contains("reproduces every installed certificate's names"),
        "{draft}"
    );
}

/// The traversal zone's SIP port (`Zones Zone N Traversal… SIP Port`; TAC
/// 212475's dump has 7003) goes into the draft when it is not 7001, and
/// `plan` reads it; a C and an E on different ports are refused, where the
/// second is given, with the rule and the fix.
#[test]
fn the_traversal_port_is_drafted_and_checked() {
    let dir = boxes(|_, text| text.replace("SIP Port: \"7001\"", "SIP Port: \"7003\""));
    let (code, draft, stderr) = import(dir.path(), &["expc1.txt", "expc2.txt", "expe1.txt"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(draft.matches("traversal_port = 7003").count(), 2, "{draft}");
    let (code, errors, _) = plan_errors(dir.path(), &draft);
    assert_eq!((code, errors), (0, vec![]), "{draft}");
    let dir = boxes(|name, text| {
        if name.starts_with("expc") {
            text.replace("SIP Port: \"7001\"", "SIP Port: \"7003\"")
        } else {
            text
        }
    });
    let (code, draft, stderr) = import(dir.path(), &["expc1.txt", "expc2.txt", "expe1.txt"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(draft.matches("traversal_port = 7003").count(), 1, "{draft}");
    assert!(
        draft.contains("# check: the Expressway-C's traversal zone connects to SIP port 7003"),
        "{draft}"
    );
    let with_e = draft.replace(
        "[expressway_e]\n",
        "[expressway_e]\ntraversal_port = 7001\n",
    );
    let path = dir.path().join("draft.toml");
    std::fs::write(&path, &with_e).expect("write");
    let out = sancsr().arg("plan").arg(&path).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("traversal_port is 7003 in [expressway_c] and 7001 in [expressway_e]")
            && stderr.contains("set both zones to one port"),
        "{stderr}"
    );
}
