//! `sancsr import certificates`: certificates made from each shipped
//! example's CSRs (signed by a test CA, SANs copied) are read back into a
//! draft that `plan` accepts as it is, and whose plan gives every peer the
//! names it has installed.

use crate::common::{TestCa, example, sancsr};
use std::collections::BTreeSet;
use tempfile::TempDir;

/// Each peer's names, lower-cased, as a set.
fn names_by_peer(plan: &serde_json::Value) -> BTreeSet<(String, BTreeSet<String>)> {
    plan["certificates"]
        .as_array()
        .expect("certificates")
        .iter()
        .map(|c| {
            let names = c["alternative_names"]
                .as_array()
                .expect("names")
                .iter()
                .map(|n| n.as_str().expect("name").to_ascii_lowercase())
                .collect();
            (
                c["peer"].as_str().expect("peer").to_ascii_lowercase(),
                names,
            )
        })
        .collect()
}

fn plan(path: &std::path::Path) -> (i32, serde_json::Value) {
    let out = sancsr()
        .arg("plan")
        .arg(path)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().expect("code"), v)
}

/// Writes `draft` to `dir/draft.toml` and checks that `plan` accepts it
/// and gives every peer the names `original`'s plan gives it.
pub fn assert_plans_alike(dir: &std::path::Path, draft: &str, original: &std::path::Path) {
    std::fs::write(dir.join("draft.toml"), draft).expect("write");
    let (code, drafted) = plan(&dir.join("draft.toml"));
    assert_eq!(code, 0, "{draft}");
    let (_, planned) = plan(original);
    assert_eq!(
        names_by_peer(&drafted),
        names_by_peer(&planned),
        "{}\n{draft}",
        original.display()
    );
}

/// Generates the deployment's CSRs in `dir/csr`, and writes into
/// `dir/installed` a certificate issued for each by a test CA (SANs
/// copied), with the CA certificate, as an admin's folder of what is in
/// service.
pub fn install(deployment: &std::path::Path, dir: &std::path::Path) {
    let d = dir;
    sancsr()
        .args(["generate"])
        .arg(deployment)
        .args(["--out-dir", "csr"])
        .current_dir(d)
        .assert()
        .success();
    let ca = TestCa::new();
    std::fs::create_dir(d.join("installed")).expect("mkdir");
    for entry in std::fs::read_dir(d.join("csr")).expect("dir").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "csr") {
            let csr = std::fs::read_to_string(&path).expect("csr");
            let pem = ca.issue(&csr, &TestCa::defaults(&csr));
            let file = path
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned();
            std::fs::write(d.join("installed").join(format!("{file}.pem")), pem).expect("write");
        }
    }
    // The CA certificate among them is left out.
    std::fs::write(d.join("installed/ca.pem"), &ca.pem).expect("write");
}

#[test]
fn every_example_round_trips_through_its_certificates() {
    for name in [
        "figure1-expressway-c.toml",
        "figure2-expressway-e.toml",
        "mra-single-box.toml",
        "full-cluster.toml",
    ] {
        let dir = TempDir::new().expect("tempdir");
        let d = dir.path();
        install(&example(name), d);
        let out = sancsr()
            .args(["import", "certificates", "installed"])
            .current_dir(d)
            .output()
            .expect("runs");
        let draft = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(draft.contains("# check:"), "{draft}");
        assert!(
            draft.contains("planning this draft reproduces every installed certificate's names"),
            "{name}\n{draft}"
        );
        assert_plans_alike(d, &draft, &example(name));
    }
}

/// What differs between the draft's plan and the installed certificates
/// is listed: here a name no planned element puts on the C.
#[test]
fn differences_are_listed() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    let ca = TestCa::new();
    let key = rcgen::KeyPair::generate().expect("key");
    let mut params = rcgen::CertificateParams::new(vec![
        "expc1.example.local".to_owned(),
        "legacy.example.local".to_owned(),
    ])
    .expect("params");
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "expc1.example.local");
    let csr = params
        .serialize_request(&key)
        .expect("csr")
        .pem()
        .expect("pem");
    std::fs::write(d.join("c.pem"), ca.issue(&csr, &TestCa::defaults(&csr))).expect("write");
    let out = sancsr()
        .args(["import", "certificates", "c.pem"])
        .current_dir(d)
        .output()
        .expect("runs");
    let draft = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        draft.contains("additional_names = [\"legacy.example.local\"]"),
        "{draft}"
    );
    assert!(
        draft.contains("[expressway_c]\npeers = [\"expc1.example.local\"]"),
        "{draft}"
    );
}

/// An estate folder as an admin has one (#25): a folder per certificate,
/// each certificate also in a full-chain file, one in a PKCS#7 that holds
/// it twice, and an X15.5 peer's server and client certificates (the same
/// names). Each used to draft `peers = ["x", "x"]` and fail at a
/// `draft.toml` the user does not have, and sub-folders were not read.
#[test]
fn an_estate_folder_with_repeats_and_split_peers_drafts_once_per_peer() {
    let name = "full-cluster.toml";
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    install(&example(name), d);
    let ca_pem = std::fs::read_to_string(d.join("installed/ca.pem")).expect("ca");
    let mut first = true;
    for entry in std::fs::read_dir(d.join("installed"))
        .expect("dir")
        .flatten()
    {
        let path = entry.path();
        let stem = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        if stem == "ca" {
            continue;
        }
        let host = d.join("estate").join(&stem);
        std::fs::create_dir_all(&host).expect("mkdir");
        let leaf = std::fs::read_to_string(&path).expect("leaf");
        std::fs::write(host.join("certificate.pem"), &leaf).expect("write");
        std::fs::write(host.join("fullchain.pem"), leaf.clone() + &ca_pem).expect("write");
        if first {
            let p = path.to_str().expect("utf8");
            let out = host.join("twice.p7b");
            crate::common::openssl(&[
                "crl2pkcs7",
                "-nocrl",
                "-certfile",
                p,
                "-certfile",
                p,
                "-out",
                out.to_str().expect("utf8"),
            ]);
            first = false;
        }
    }
    // One Expressway-E peer's X15.5 client certificate: its names, clientAuth.
    let csr = std::fs::read_to_string(d.join("csr/expe1.example.com.csr")).expect("csr");
    let mut issue = TestCa::defaults(&csr);
    issue.eku = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
    let client = TestCa::new().issue(&csr, &issue);
    std::fs::write(d.join("estate/expe1.example.com/client.pem"), client).expect("write");
    let out = sancsr()
        .args(["import", "certificates", "estate"])
        .current_dir(d)
        .output()
        .expect("runs");
    let draft = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("draft.toml"), "{stderr}");
    assert_plans_alike(d, &draft, &example(name));
}

/// Text from outside never becomes TOML in a draft (#26): an XmppAddr SAN
/// `x\nca = "public"\n#` and a file name with line breaks used to start
/// real lines, which `plan` then accepted. Every comment line is split and
/// prefixed; values are written by the toml crate. The draft parses, and
/// has no `ca` key.
#[test]
fn names_and_file_names_cannot_inject_toml_into_a_draft() {
    let dir = TempDir::new().expect("tempdir");
    let key = rcgen::KeyPair::generate().expect("key");
    let mut params =
        rcgen::CertificateParams::new(vec!["expe1.example.com".to_owned()]).expect("params");
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "expe1.example.com");
    params.subject_alt_names.push(rcgen::SanType::OtherName((
        vec![1, 3, 6, 1, 5, 5, 7, 8, 5],
        rcgen::OtherNameValue::Utf8String("x\nca = \"public\"\n#".to_owned()),
    )));
    let pem = params.self_signed(&key).expect("cert").pem();
    let name = "evil\nca = \"public\"\n\u{1b}[2J.pem";
    std::fs::write(dir.path().join(name), pem).expect("write");
    let out = sancsr()
        .args(["import", "certificates", name])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    let draft = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!draft.contains('\u{1b}'), "{draft}");
    let table: toml::Table = toml::from_str(&draft).unwrap_or_else(|e| panic!("{e}\n{draft}"));
    assert!(!table.contains_key("ca"), "{draft}");
    for line in draft.lines() {
        assert!(!line.trim_start().starts_with("ca ="), "{draft}");
    }
}
