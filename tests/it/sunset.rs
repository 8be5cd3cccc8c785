//! The 2026 clientAuth sunset, cell by cell of the table in
//! `docs/cisco-rules.md` ("The 2026 clientAuth sunset"): for each role,
//! release and CA kind, the plan's certificates and EKUs, the CSRs' EKUs as
//! the openssl binary reads them, and `check`'s verdict on certificates a
//! test CA signs with and without clientAuth.

use crate::common::{Issue, TestCa, example, fixture, openssl, sancsr};
use rcgen::ExtendedKeyUsagePurpose::{ClientAuth, ServerAuth};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// What `check` says of a certificate: clean, or one EKU finding.
type Verdict = Option<(&'static str, &'static str)>;

const CLEAN: Verdict = None;
const NO_CLIENT_AUTH_ERROR: Verdict = Some(("missing-client-auth", "error"));
const NO_CLIENT_AUTH_WARNING: Verdict = Some(("missing-client-auth", "warning"));
const NO_SERVER_AUTH_ERROR: Verdict = Some(("missing-server-auth", "error"));

/// One planned certificate of the cell's peer, and `check`'s verdicts on a
/// serverAuth-only and a clientAuth-only certificate for it.
struct Planned {
    eku: &'static str,
    ca: &'static str,
    store: &'static str,
    server_only: Verdict,
    client_only: Verdict,
}

const fn dual(ca: &'static str, server_only: Verdict) -> Planned {
    Planned {
        eku: "server-and-client",
        ca,
        store: "server",
        server_only,
        client_only: NO_SERVER_AUTH_ERROR,
    }
}

const SERVER_PUBLIC: Planned = Planned {
    eku: "server",
    ca: "public",
    store: "server",
    server_only: CLEAN,
    client_only: NO_SERVER_AUTH_ERROR,
};

const CLIENT_PRIVATE: Planned = Planned {
    eku: "client",
    ca: "private",
    store: "client",
    server_only: NO_CLIENT_AUTH_ERROR,
    client_only: CLEAN,
};

/// One cell: the role (`c` or `e`), its release and CA kind, what the plan
/// holds for its peer, and the plan findings it must carry.
struct Cell {
    role: &'static str,
    version: Option<&'static str>,
    ca: &'static str,
    planned: &'static [Planned],
    findings: &'static [&'static str],
}

const CELLS: &[Cell] = &[
    Cell {
        role: "c",
        version: Some("X15.4"),
        ca: "private",
        planned: &[dual("private", NO_CLIENT_AUTH_ERROR)],
        findings: &[],
    },
    Cell {
        role: "c",
        version: Some("X15.4"),
        ca: "public",
        planned: &[dual("public", NO_CLIENT_AUTH_ERROR)],
        findings: &["client-auth-unavailable"],
    },
    Cell {
        role: "c",
        version: Some("X15.5"),
        ca: "private",
        planned: &[dual("private", NO_CLIENT_AUTH_ERROR)],
        findings: &[],
    },
    Cell {
        role: "c",
        version: Some("X15.5"),
        ca: "public",
        planned: &[SERVER_PUBLIC, CLIENT_PRIVATE],
        findings: &[],
    },
    Cell {
        role: "e",
        version: Some("X15.3"),
        ca: "private",
        planned: &[dual("private", NO_CLIENT_AUTH_ERROR)],
        findings: &[],
    },
    Cell {
        role: "e",
        version: Some("X15.3"),
        ca: "public",
        planned: &[dual("public", NO_CLIENT_AUTH_ERROR)],
        findings: &["client-auth-unavailable"],
    },
    Cell {
        role: "e",
        version: Some("X15.4"),
        ca: "private",
        planned: &[dual("private", NO_CLIENT_AUTH_WARNING)],
        findings: &[],
    },
    Cell {
        role: "e",
        version: Some("X15.4"),
        ca: "public",
        planned: &[SERVER_PUBLIC],
        findings: &["server-eku-switch", "no-client-certificate"],
    },
    Cell {
        role: "e",
        version: Some("X15.5"),
        ca: "private",
        planned: &[dual("private", NO_CLIENT_AUTH_WARNING)],
        findings: &[],
    },
    Cell {
        role: "e",
        version: Some("X15.5"),
        ca: "public",
        planned: &[SERVER_PUBLIC, CLIENT_PRIVATE],
        findings: &[],
    },
    Cell {
        role: "e",
        version: None,
        ca: "public",
        planned: &[dual("public", NO_CLIENT_AUTH_ERROR)],
        findings: &["release-needed"],
    },
];

impl Cell {
    fn peer(&self) -> &'static str {
        match self.role {
            "c" => "expc1.example.local",
            _ => "expe1.example.com",
        }
    }

    fn name(&self) -> String {
        format!("{} {:?} {}", self.role, self.version, self.ca)
    }

    /// The fixture with this cell's settings in its role's table; the
    /// other role runs X15.5 with a private CA.
    fn deployment(&self, dir: &Path) -> PathBuf {
        let mut own = format!("ca = \"{}\"\n", self.ca);
        if let Some(v) = self.version {
            own.push_str(&format!("expressway_version = \"{v}\"\n"));
        }
        let other = "expressway_version = \"X15.5\"\n".to_owned();
        let (c, e) = if self.role == "c" {
            (own, other)
        } else {
            (other, own)
        };
        let text = std::fs::read_to_string(fixture("sunset.toml"))
            .expect("fixture")
            .replace("C_SETTINGS", &c)
            .replace("E_SETTINGS", &e);
        let path = dir.join("deployment.toml");
        std::fs::write(&path, text).expect("write");
        path
    }

    fn is_workable(&self) -> bool {
        !self
            .findings
            .iter()
            .any(|f| ["client-auth-unavailable", "release-needed"].contains(f))
    }
}

fn suffix(eku: &str) -> &'static str {
    match eku {
        "server" => ".server",
        "client" => ".client",
        _ => "",
    }
}

/// `sancsr generate DEPLOYMENT --out-dir OUT`, which must succeed.
fn generate(deployment: &Path, out: &Path) {
    sancsr()
        .arg("generate")
        .arg(deployment)
        .arg("--out-dir")
        .arg(out)
        .assert()
        .success();
}

/// Runs a command with `--format json`: its exit code and JSON output.
fn json(cmd: &mut assert_cmd::Command) -> (i32, serde_json::Value) {
    let out = cmd.args(["--format", "json"]).output().expect("runs");
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().expect("exit code"), v)
}

/// The plan's certificates of the cell's peer as (eku, ca, store), and the
/// plan's finding codes.
fn plan(cell: &Cell, deployment: &Path) -> (i32, Vec<(String, String, String)>, Vec<String>) {
    let (code, v) = json(sancsr().arg("plan").arg(deployment));
    let certificates = v["certificates"]
        .as_array()
        .expect("certificates")
        .iter()
        .filter(|c| c["peer"] == cell.peer())
        .map(|c| {
            let s = |k: &str| c[k].as_str().expect(k).to_owned();
            (s("eku"), s("ca"), s("store"))
        })
        .collect();
    let codes = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().expect("code").to_owned())
        .collect();
    (code, certificates, codes)
}

/// The EKU names openssl prints for a CSR.
fn csr_ekus(csr: &Path) -> String {
    let text = openssl(&["req", "-in", csr.to_str().expect("utf8"), "-noout", "-text"]);
    let mut lines = text.lines();
    lines
        .find(|l| l.contains("X509v3 Extended Key Usage"))
        .and_then(|_| lines.next())
        .expect("an EKU extension")
        .trim()
        .to_owned()
}

/// `check`'s EKU finding on a certificate with `eku`, for the planned
/// certificate of kind `certificate`.
fn check_verdict(
    deployment: &Path,
    ca: &TestCa,
    csr: &str,
    eku: Vec<rcgen::ExtendedKeyUsagePurpose>,
    certificate: &str,
    dir: &Path,
) -> (i32, Verdict) {
    let mut issue: Issue = TestCa::defaults(csr);
    issue.eku = eku;
    let path = dir.join("issued.pem");
    std::fs::write(&path, ca.issue(csr, &issue)).expect("write");
    let mut cmd = sancsr();
    cmd.arg("check").arg(deployment).arg(&path);
    if certificate != "server-and-client" {
        cmd.args(["--certificate", certificate]);
    }
    let (code, v) = json(&mut cmd);
    let ekus = ["missing-client-auth", "missing-server-auth"];
    let found = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| ekus.contains(&f["code"].as_str().expect("code")))
        .map(|f| {
            let (code, severity) = (f["code"].as_str().expect("c"), f["severity"].as_str());
            let code = ekus.into_iter().find(|k| *k == code).expect("known");
            let severity = match severity {
                Some("error") => "error",
                Some("warning") => "warning",
                other => panic!("{other:?}"),
            };
            (code, severity)
        });
    (code, found)
}

#[test]
fn every_cell_plans_generates_and_checks_as_the_table_says() {
    let ca = TestCa::new();
    for cell in CELLS {
        let dir = TempDir::new().expect("tempdir");
        let deployment = cell.deployment(dir.path());
        let (code, certificates, codes) = plan(cell, &deployment);
        let expected: Vec<(String, String, String)> = cell
            .planned
            .iter()
            .map(|p| (p.eku.into(), p.ca.into(), p.store.into()))
            .collect();
        assert_eq!(certificates, expected, "{}", cell.name());
        for f in cell.findings {
            assert!(
                codes.iter().any(|c| c == f),
                "{}: {f} in {codes:?}",
                cell.name()
            );
        }
        if !cell.is_workable() {
            assert_eq!(code, 2, "{}: an error finding", cell.name());
            let out = dir.path().join("out");
            sancsr()
                .arg("generate")
                .arg(&deployment)
                .arg("--out-dir")
                .arg(&out)
                .assert()
                .failure();
            assert!(!out.join(format!("{}.key", cell.peer())).exists());
            continue;
        }
        assert_eq!(code, 0, "{}: {codes:?}", cell.name());
        check_cell(cell, &deployment, &ca, dir.path());
    }
}

/// Generates the cell's CSRs, reads their EKUs with openssl, and checks a
/// serverAuth-only and a clientAuth-only certificate for each.
fn check_cell(cell: &Cell, deployment: &Path, ca: &TestCa, dir: &Path) {
    let out = dir.join("out");
    generate(deployment, &out);
    for p in cell.planned {
        let csr_path = out.join(format!("{}{}.csr", cell.peer(), suffix(p.eku)));
        // A client certificate's CSR requests both EKUs (TAC 225693's
        // working case; docs/cisco-rules.md).
        let expected = match p.eku {
            "server" => "TLS Web Server Authentication",
            _ => "TLS Web Server Authentication, TLS Web Client Authentication",
        };
        assert_eq!(csr_ekus(&csr_path), expected, "{} {}", cell.name(), p.eku);
        let csr = std::fs::read_to_string(&csr_path).expect("csr");
        let name = format!("{} {}", cell.name(), p.eku);
        for (eku, verdict) in [
            (vec![ServerAuth, ClientAuth], CLEAN),
            (vec![ServerAuth], p.server_only),
            (vec![ClientAuth], p.client_only),
        ] {
            let label = format!("{name} {eku:?}");
            let (code, found) = check_verdict(deployment, ca, &csr, eku, p.eku, dir);
            assert_eq!(found, verdict, "{label}");
            let error = matches!(verdict, Some((_, "error")));
            assert_eq!(code, i32::from(error), "{label}");
        }
    }
}

/// Without `--certificate`, `check` tells a peer's server and client
/// certificates apart by their EKU.
#[test]
fn check_finds_the_server_or_client_certificate_from_the_eku() {
    let cell = &CELLS[9];
    assert_eq!((cell.role, cell.ca), ("e", "public"));
    let dir = TempDir::new().expect("tempdir");
    let deployment = cell.deployment(dir.path());
    let out = dir.path().join("out");
    generate(&deployment, &out);
    let ca = TestCa::new();
    for (kind, eku, title) in [
        (
            "server",
            vec![ServerAuth],
            "its server certificate (serverAuth)",
        ),
        (
            "client",
            vec![ClientAuth],
            "its client certificate (clientAuth)",
        ),
        // What sancsr's client CSR requests (both EKUs), signed as asked:
        // still the client certificate. It used to be judged the server
        // certificate.
        (
            "client",
            vec![ServerAuth, ClientAuth],
            "its client certificate (clientAuth)",
        ),
    ] {
        let csr = std::fs::read_to_string(out.join(format!("expe1.example.com.{kind}.csr")))
            .expect("csr");
        let mut issue = TestCa::defaults(&csr);
        issue.eku = eku;
        let path = dir.path().join(format!("{kind}.pem"));
        std::fs::write(&path, ca.issue(&csr, &issue)).expect("write");
        let key = out.join(format!("expe1.example.com.{kind}.key"));
        let run = sancsr()
            .arg("check")
            .arg(&deployment)
            .arg(&path)
            .arg("--key")
            .arg(&key)
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&run.stdout);
        assert_eq!(run.status.code(), Some(0), "{text}");
        assert!(text.contains(title), "{text}");
    }
}

/// `long-validity` concerns the certificate Webex App sees, the
/// Expressway-E's server certificate, not its X15.5 client certificate
/// (#25): a client certificate valid for 800 days passes; a server
/// certificate as long is warned of.
#[test]
fn long_validity_is_only_for_the_server_certificate_of_the_e() {
    let cell = &CELLS[9];
    let dir = TempDir::new().expect("tempdir");
    let deployment = cell.deployment(dir.path());
    let out = dir.path().join("out");
    generate(&deployment, &out);
    let ca = TestCa::new();
    for (kind, eku, warned) in [
        ("client", vec![ClientAuth], false),
        ("server", vec![ServerAuth], true),
    ] {
        let csr = std::fs::read_to_string(out.join(format!("expe1.example.com.{kind}.csr")))
            .expect("csr");
        let mut issue = TestCa::defaults(&csr);
        issue.eku = eku;
        issue.not_after = issue.not_before + time::Duration::days(800);
        let path = dir.path().join(format!("{kind}.pem"));
        std::fs::write(&path, ca.issue(&csr, &issue)).expect("write");
        let (_, v) = json(sancsr().arg("check").arg(&deployment).arg(&path));
        let long = v["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .any(|f| f["code"] == "long-validity");
        assert_eq!(long, warned, "{kind}: {v}");
    }
}

/// `check --peer` names a peer with a server and a client certificate:
/// the certificate's EKU decides which it is judged as. It used to say
/// `no-matching-peer … (expe1, expe1) … name the peer`; and another peer's
/// certificate, checked as this peer's, is judged (its names fail), not
/// "none of the certificate's names is a peer of the deployment".
#[test]
fn check_peer_with_a_server_and_a_client_certificate() {
    let cell = &CELLS[9];
    let dir = TempDir::new().expect("tempdir");
    let deployment = cell.deployment(dir.path());
    let out = dir.path().join("out");
    generate(&deployment, &out);
    let ca = TestCa::new();
    let csr = std::fs::read_to_string(out.join("expe1.example.com.client.csr")).expect("csr");
    let mut issue = TestCa::defaults(&csr);
    issue.eku = vec![ClientAuth];
    let path = dir.path().join("client.pem");
    std::fs::write(&path, ca.issue(&csr, &issue)).expect("write");
    let run = sancsr()
        .arg("check")
        .arg(&deployment)
        .arg(&path)
        .args(["--peer", "expe1.example.com", "--color", "never"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{text}");
    assert!(
        text.contains("its client certificate (clientAuth)"),
        "{text}"
    );
    // A certificate for the C, checked as the E peer's.
    let c_csr = std::fs::read_to_string(out.join("expc1.example.local.csr")).expect("csr");
    let c_path = dir.path().join("c.pem");
    std::fs::write(&c_path, ca.issue(&c_csr, &TestCa::defaults(&c_csr))).expect("write");
    let run = sancsr()
        .arg("check")
        .arg(&deployment)
        .arg(&c_path)
        .args(["--peer", "expe1.example.com", "--color", "never"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{text}");
    assert!(!text.contains("no-matching-peer"), "{text}");
    assert!(text.contains("expe1.example.com"), "{text}");
}

/// The shipped X15.5 example: a public CA on the Expressway-E splits its
/// certificate; the Expressway-C keeps one.
#[test]
fn the_x15_5_public_edge_example_shows_the_split() {
    let run = sancsr()
        .args(["plan", "--color", "never"])
        .arg(example("x15-5-public-edge.toml"))
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{text}");
    for line in [
        "Expressway-C expc1.example.local — server and client certificate",
        "Expressway-E expe1.example.com — server certificate",
        "Request serverAuth from a public CA, for the server certificate store",
        "Expressway-E expe1.example.com — client certificate",
        "Request clientAuth from a private CA, for the client certificate store (X15.5)",
        "as client: Business-to-business SIP TLS to other organisations (DNS zone)",
        "as client: Unified Communications traversal zone (SIP TLS) — Expressway-E port 7001",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}

/// An MRA-only Expressway-E opens no TLS connection itself: on X15.5 with
/// a public CA it needs its server certificate only.
#[test]
fn an_mra_only_edge_needs_no_client_certificate() {
    let dir = TempDir::new().expect("tempdir");
    let cell = &CELLS[9];
    let path = cell.deployment(dir.path());
    let text = std::fs::read_to_string(&path)
        .expect("read")
        .replace(", \"business-to-business\"", "");
    std::fs::write(&path, text).expect("write");
    let (code, certificates, codes) = plan(cell, &path);
    assert_eq!(code, 0);
    let server = (
        "server".to_owned(),
        "public".to_owned(),
        "server".to_owned(),
    );
    assert_eq!(certificates, vec![server.clone()]);
    // It is warned that cloud onboarding, neighbour zones and Webex Hybrid
    // Call Service would need one (#24, item 7; FN74362, TAC 212475) ...
    assert!(
        codes.contains(&"unplanned-client-connections".to_owned()),
        "{codes:?}"
    );
    // ... and listing one in `connections` plans it, from a private CA.
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(
        &path,
        format!("connections = [\"webex-hybrid-call\"]\n{text}"),
    )
    .expect("write");
    let (code, certificates, codes) = plan(cell, &path);
    assert_eq!(code, 0);
    let client = (
        "client".to_owned(),
        "private".to_owned(),
        "client".to_owned(),
    );
    assert_eq!(certificates, vec![server, client]);
    assert!(
        !codes.contains(&"unplanned-client-connections".to_owned()),
        "{codes:?}"
    );
}

/// `reissue` JSON of two cells' deployments: per certificate, (peer, eku,
/// reissue, rules).
fn reissue(old: &Cell, new: &Cell) -> Vec<(String, String, bool, Vec<String>)> {
    let (a, b) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    let (old, new) = (old.deployment(a.path()), new.deployment(b.path()));
    let (_, v) = json(sancsr().arg("reissue").arg(&old).arg(&new));
    v["certificates"]
        .as_array()
        .expect("certificates")
        .iter()
        .map(|c| {
            let rules = c["reasons"]
                .as_array()
                .expect("reasons")
                .iter()
                .map(|r| r["rule"].as_str().expect("rule").to_owned())
                .collect();
            (
                c["peer"].as_str().expect("peer").to_owned(),
                c["eku"].as_str().expect("eku").to_owned(),
                c["reissue"].as_bool().expect("reissue"),
                rules,
            )
        })
        .collect()
}

/// A CA change or a release upgrade that alters the set of certificates
/// is a change needing new certificates, and says why.
#[test]
fn reissue_names_a_changed_set_of_certificates() {
    let e = "expe1.example.com".to_owned();
    let set = vec!["certificates-changed".to_owned()];
    // X15.5, private → public: one dual certificate becomes two.
    let got = reissue(&CELLS[8], &CELLS[9]);
    let e_rows: Vec<_> = got.into_iter().filter(|r| r.0 == e).collect();
    assert_eq!(
        e_rows,
        vec![
            (e.clone(), "server".into(), true, set.clone()),
            (e.clone(), "client".into(), true, set.clone()),
            (e.clone(), "server-and-client".into(), false, set.clone()),
        ]
    );
    // X15.4 → X15.5 with a public CA: the server certificate stays, a
    // client certificate is added.
    let got = reissue(&CELLS[7], &CELLS[9]);
    let e_rows: Vec<_> = got.into_iter().filter(|r| r.0 == e).collect();
    assert_eq!(
        e_rows,
        vec![
            (e.clone(), "server".into(), false, vec![]),
            (e.clone(), "client".into(), true, set),
        ]
    );
}

/// `export --to openssl` writes one configuration per planned certificate;
/// the openssl binary reads each and requests the planned EKU only. The
/// cfssl export names the EKU the CA's profile must give.
#[test]
fn export_carries_the_split() {
    let dir = TempDir::new().expect("tempdir");
    let deployment = CELLS[9].deployment(dir.path());
    let cnf = dir.path().join("cnf");
    sancsr()
        .arg("export")
        .arg(&deployment)
        .args(["--to", "openssl", "--out-dir"])
        .arg(&cnf)
        .assert()
        .success();
    let key = dir.path().join("k.pem");
    let key = key.to_str().expect("utf8");
    openssl(&[
        "ecparam",
        "-name",
        "prime256v1",
        "-genkey",
        "-noout",
        "-out",
        key,
    ]);
    for (stem, eku) in [
        (
            "expc1.example.local",
            "TLS Web Server Authentication, TLS Web Client Authentication",
        ),
        ("expe1.example.com.server", "TLS Web Server Authentication"),
        (
            "expe1.example.com.client",
            "TLS Web Server Authentication, TLS Web Client Authentication",
        ),
    ] {
        let config = cnf.join(format!("{stem}.cnf"));
        let csr = dir.path().join(format!("{stem}.csr"));
        openssl(&[
            "req",
            "-new",
            "-config",
            config.to_str().expect("utf8"),
            "-key",
            key,
            "-out",
            csr.to_str().expect("utf8"),
        ]);
        assert_eq!(csr_ekus(&csr), eku, "{stem}");
    }
    let run = sancsr()
        .arg("export")
        .arg(&deployment)
        .args(["--to", "cfssl", "--out-dir"])
        .arg(dir.path().join("cfssl"))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let profiles: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.split("have the CA's signing profile give ").nth(1))
        .collect();
    assert_eq!(
        profiles,
        [
            "digital signature and serverAuth + clientAuth",
            "digital signature and serverAuth",
            "digital signature and serverAuth + clientAuth",
        ],
        "{stderr}"
    );
    assert!(
        dir.path()
            .join("cfssl/expe1.example.com.client.json")
            .exists()
    );
}

const TWO_EDGES: &str = r#"features = ["mobile-remote-access", "xmpp-federation"]
expressway_version = "X15.5"
ca = "public"

[xmpp_federation]
domains = ["example.com"]

[expressway_e]
cluster_name = "expe.example.com"
peers = ["expe1.example.com", "expe2.example.com"]
peer_ca = { "EXPE2.example.com" = "private" }
"#;

/// `peer_ca` sets one peer's CA (peer names ignore case); the top-level
/// `ca` sets the rest.
#[test]
fn peer_ca_overrides_the_role() {
    let (code, stdout, stderr) = crate::common::plan_stdin(TWO_EDGES, &["--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let got: Vec<(String, String, String)> = v["certificates"]
        .as_array()
        .expect("certificates")
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().expect(k).to_owned();
            (s("peer"), s("eku"), s("ca"))
        })
        .collect();
    let row = |p: &str, e: &str, c: &str| (p.to_owned(), e.to_owned(), c.to_owned());
    assert_eq!(
        got,
        [
            row("expe1.example.com", "server", "public"),
            row("expe1.example.com", "client", "private"),
            row("expe2.example.com", "server-and-client", "private"),
        ]
    );
}

/// A `ca` that is not a CA kind, and a `peer_ca` key that is not a peer,
/// are file errors with their position and fix; nothing is planned.
#[test]
fn bad_ca_settings_are_file_errors() {
    let cases = [
        (
            TWO_EDGES.replace("ca = \"public\"", "ca = \"publik\""),
            "3:6",
            "did you mean \"public\"?",
        ),
        (
            TWO_EDGES.replace("\"EXPE2.example.com\"", "\"expe3.example.com\""),
            "11:13",
            "use one of the peers: \"expe1.example.com\", \"expe2.example.com\"",
        ),
    ];
    for (text, position, fix) in cases {
        let (code, stdout, stderr) = crate::common::plan_stdin(&text, &[]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(stderr.contains(&format!("<stdin>:{position}")), "{stderr}");
        assert!(stderr.contains(fix), "{stderr}");
    }
}

/// A deployment that says no `ca` keeps today's plan: one serverAuth +
/// clientAuth certificate per peer, from a private CA, named `<peer>.csr`,
/// and text without purpose lines. Every shipped example but the sunset
/// one is such a deployment.
#[test]
fn deployments_without_ca_plan_as_before() {
    for name in [
        "figure1-expressway-c.toml",
        "figure2-expressway-e.toml",
        "mra-single-box.toml",
        "full-cluster.toml",
    ] {
        let (code, v) = json(sancsr().arg("plan").arg(example(name)));
        assert_eq!(code, 0, "{name}");
        for c in v["certificates"].as_array().expect("certificates") {
            let got = (c["eku"].as_str(), c["ca"].as_str(), c["store"].as_str());
            let today = (Some("server-and-client"), Some("private"), Some("server"));
            assert_eq!(got, today, "{name} {}", c["peer"]);
        }
        let text = sancsr()
            .args(["plan", "--color", "never"])
            .arg(example(name))
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&text.stdout);
        let purpose = text
            .lines()
            .any(|l| l.starts_with("  Request ") || l.contains("certificate (certificate"));
        assert!(!purpose, "{name}");
    }
}

/// `--certificate` picks one of a split peer's certificates: `generate`
/// reuses a key for the client certificate alone.
#[test]
fn certificate_selects_one_of_a_split_peer() {
    let dir = TempDir::new().expect("tempdir");
    let deployment = CELLS[9].deployment(dir.path());
    let first = dir.path().join("first");
    generate(&deployment, &first);
    let key = first.join("expe1.example.com.client.key");
    let two = sancsr()
        .arg("generate")
        .arg(&deployment)
        .args(["--peer", "expe1.example.com", "--key"])
        .arg(&key)
        .arg("--out-dir")
        .arg(dir.path().join("again"))
        .output()
        .expect("runs");
    assert_eq!(two.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&two.stderr).contains("--certificate server|client"));
    let again = dir.path().join("again");
    sancsr()
        .arg("generate")
        .arg(&deployment)
        .args([
            "--peer",
            "expe1.example.com",
            "--certificate",
            "client",
            "--key",
        ])
        .arg(&key)
        .arg("--out-dir")
        .arg(&again)
        .assert()
        .success();
    assert_eq!(
        crate::common::listing(&again),
        ["expe1.example.com.client.csr"]
    );
    assert_eq!(
        csr_ekus(&again.join("expe1.example.com.client.csr")),
        "TLS Web Server Authentication, TLS Web Client Authentication"
    );
}

/// The issue's reproduction (#24, item 2): an Expressway-C on X15.3 with an
/// Expressway-E on X15.4 and a public CA. It used to plan with only the
/// `server-eku-switch` warning and exit 0; before X15.4 the C requires both
/// EKUs on the E's certificate (TAC 225482), so the plan stops, and the
/// releases that differ are a warning.
#[test]
fn an_older_expressway_c_stops_a_server_only_expressway_e() {
    let path = fixture("codes/plan/c-requires-dual-eku.raise.toml");
    let (code, v) = json(sancsr().arg("plan").arg(&path));
    assert_eq!(code, 2, "{v}");
    let found: Vec<(String, String)> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().expect(k).to_owned();
            (s("code"), s("severity"))
        })
        .collect();
    for (code, severity) in [
        ("c-requires-dual-eku", "error"),
        ("release-mismatch", "warning"),
        ("server-eku-switch", "warning"),
    ] {
        assert!(
            found.contains(&(code.to_owned(), severity.to_owned())),
            "{found:?}"
        );
    }
}

/// The fixes for a box that still needs clientAuth from a public CA
/// (#24, item 8): FN74362's private-PKI option is "for Expressway C only",
/// so the Expressway-E's fix offers the public CAs' alternate roots
/// (Option 1) and never a private CA; the Expressway-C's offers both. The
/// E's fix used to say "or sign it by a private CA".
#[test]
fn the_expressway_e_is_never_told_to_use_a_private_ca() {
    let dir = TempDir::new().expect("tempdir");
    let text = std::fs::read_to_string(fixture("codes/plan/client-auth-unavailable.raise.toml"))
        .expect("read")
        .replace(
            "expressway_version = \"X15.4\"",
            "expressway_version = \"X15.3\"",
        )
        .replace(
            "peers = [\"expe.example.com\"]",
            "peers = [\"expe.example.com\"]\nca = \"public\"",
        );
    let path = dir.path().join("d.toml");
    std::fs::write(&path, text).expect("write");
    let (code, v) = json(sancsr().arg("plan").arg(&path));
    assert_eq!(code, 2, "{v}");
    let fixes: Vec<(String, String)> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "client-auth-unavailable")
        .map(|f| {
            let s = |k: &str| f[k].as_str().expect(k).to_owned();
            (s("peer"), s("fix"))
        })
        .collect();
    assert_eq!(fixes.len(), 2, "{fixes:?}");
    for (peer, fix) in fixes {
        assert!(fix.contains("FN74362, Option 1"), "{peer}: {fix}");
        let offers_private = fix.contains("sign it by a private CA");
        assert_eq!(offers_private, peer.starts_with("expc"), "{peer}: {fix}");
    }
}
