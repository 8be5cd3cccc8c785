//! `sancsr pull` (#29) against a real HTTPS server on loopback (Python's
//! `http.server` with `ssl`, tests/fixtures/pull/server.py) serving the
//! fixture bodies (tests/fixtures/pull/README.md says where each shape
//! comes from).

use crate::common::{fixture, sancsr};
use crate::servers::Ca;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub(crate) const DEPLOYMENT: &str = r#"features = ["mobile-remote-access"]
[unified_cm]
registration_domains = ["example.com"]
nodes = ["cucm1.example.com"]
[im_presence]
nodes = ["imp1.example.com"]
[expressway_c]
peers = ["expc1.example.com"]
traversal_peer_addresses = ["expe1.example.com"]
[expressway_e]
peers = ["expe1.example.com"]
tls_verify_subject_name = "expc1.example.com"
"#;

const HOSTS: [&str; 4] = [
    "expc1.example.com",
    "expe1.example.com",
    "cucm1.example.com",
    "imp1.example.com",
];
const PASSWORD: &str = "Tr0ub4dor-pull-secret";

/// The API server and what it serves with.
pub(crate) struct Lab {
    pub dir: tempfile::TempDir,
    server: Option<Child>,
    pub port: u16,
    /// The CA of the API servers' own certificate.
    pub api_ca: PathBuf,
}

impl Drop for Lab {
    fn drop(&mut self) {
        if let Some(child) = &mut self.server {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A body from a fixture template, with certificates in place.
fn body(template: &str, leaf: &str, root: &str, inter: &str) -> String {
    let text = std::fs::read_to_string(fixture(&format!("pull/{template}"))).expect("fixture");
    let json = template.ends_with(".json");
    let put = |pem: &str| {
        if json {
            serde_json::to_string(pem).expect("json")
        } else {
            pem.to_owned()
        }
    };
    text.replace("\"{{LEAF}}\"", &put(leaf))
        .replace("\"{{ROOT}}\"", &put(root))
        .replace("\"{{INTER}}\"", &put(inter))
}

impl Lab {
    /// A server whose `routes` (path or "host path" → route) use the
    /// fixture bodies named in them; `user`/`PASSWORD` is the account.
    pub(crate) fn start(routes: Value) -> Lab {
        Lab::start_naming(routes, &HOSTS)
    }

    /// As [`Lab::start`], with an API certificate for `api_names` only.
    pub(crate) fn start_naming(routes: Value, api_names: &[&str]) -> Lab {
        Lab::start_full(routes, api_names, "API Root CA")
    }

    /// As [`Lab::start`], with the API's certificate for `api_names`,
    /// issued by a CA named `api_ca`.
    pub(crate) fn start_full(routes: Value, api_names: &[&str], api_ca: &str) -> Lab {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        std::fs::write(d.join("d.toml"), DEPLOYMENT).expect("write");
        // What the boxes hold: a CA, an intermediate and a leaf.
        let root = Ca::root("Estate Root CA");
        let inter = root.intermediate("Estate Issuing CA");
        let leaf = inter.leaf(&HOSTS, -1, 300).pem;
        // The API's own TLS certificate, from another CA.
        let api = Ca::root(api_ca);
        let api_leaf = api.leaf(api_names, -1, 300);
        std::fs::write(d.join("api-ca.pem"), &api.pem).expect("write");
        std::fs::write(d.join("api.pem"), &api_leaf.pem).expect("write");
        std::fs::write(d.join("api.key"), &api_leaf.key_pem).expect("write");
        let mut routes = routes;
        for route in routes.as_object_mut().expect("routes").values_mut() {
            if let Some(template) = route["body"].as_str() {
                let file = d.join(template);
                std::fs::write(&file, body(template, &leaf, &root.pem, &inter.pem)).expect("write");
                route["body"] = json!(file);
            }
        }
        let config = json!({ "cert": d.join("api.pem"), "key": d.join("api.key"),
            "user": "admin", "password": PASSWORD, "routes": routes });
        std::fs::write(d.join("server.json"), config.to_string()).expect("write");
        let mut server = Command::new("python3")
            .arg(fixture("pull/server.py"))
            .arg(d.join("server.json"))
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3");
        let mut line = String::new();
        BufReader::new(server.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("port");
        let port = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("no port: {line:?}"));
        Lab {
            api_ca: d.join("api-ca.pem"),
            dir,
            server: Some(server),
            port,
        }
    }

    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `pull` with the accounts in the environment: exit code, stdout, stderr.
    pub(crate) fn pull(&self, extra: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
        let mut args: Vec<String> = ["pull", "d.toml", "--out-dir", "estate", "--port"]
            .map(String::from)
            .into();
        args.push(format!("443={}", self.port));
        for host in HOSTS {
            args.push(format!("--resolve={host}:443:127.0.0.1"));
        }
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        let out = sancsr()
            .args(&args)
            .current_dir(self.dir.path())
            .env_remove("SANCSR_IMP_USER")
            .env_remove("SANCSR_IMP_PASSWORD")
            .envs(env.iter().copied())
            .output()
            .expect("runs");
        (
            out.status.code().expect("code"),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// Both accounts right.
const GOOD: [(&str, &str); 4] = [
    ("SANCSR_EXPRESSWAY_USER", "admin"),
    ("SANCSR_EXPRESSWAY_PASSWORD", PASSWORD),
    ("SANCSR_UCM_USER", "admin"),
    ("SANCSR_UCM_PASSWORD", PASSWORD),
];

fn good_routes() -> Value {
    json!({
        "/api/provisioning/certs/server": { "body": "expressway-server.body" },
        "expe1.example.com /api/provisioning/certs/root": { "body": "expressway-root.json", "type": "application/json" },
        "/api/provisioning/certs/root": { "body": "expressway-root.body" },
        "cucm1.example.com /platformcom/api/v1/certmgr/config/snapshot/server": { "body": "ucm-snapshot.json", "type": "application/json" },
        "imp1.example.com /platformcom/api/v1/certmgr/config/snapshot/server": { "body": "imp-snapshot-wrapped.json", "type": "application/json" }
    })
}

fn count_certificates(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .matches("BEGIN CERTIFICATE")
        .count()
}

/// C, E, Unified CM and IM and Presence read into the estate folder, with
/// a manifest; then `links` and `import certificates` work on it.
#[test]
fn the_good_path_fills_the_estate_folder() {
    let lab = Lab::start(good_routes());
    let ca = lab.api_ca.to_str().expect("path").to_owned();
    let (code, stdout, stderr) = lab.pull(&["--ca", &ca], &GOOD);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let files = [
        ("expc1.example.com/server.pem", 1),
        ("expc1.example.com/trusted-ca.pem", 2),
        ("expe1.example.com/trusted-ca.pem", 2),
        ("cucm1.example.com/tomcat.pem", 1),
        ("cucm1.example.com/CallManager.pem", 1),
        ("cucm1.example.com/tomcat-trust.pem", 2),
        ("cucm1.example.com/CallManager-trust.pem", 1),
        ("imp1.example.com/tomcat.pem", 1),
        ("imp1.example.com/cup-xmpp.pem", 1),
        ("imp1.example.com/cup-xmpp-trust.pem", 1),
    ];
    for (file, certificates) in files {
        assert_eq!(
            count_certificates(&lab.path(&format!("estate/{file}"))),
            certificates,
            "{file}"
        );
    }
    assert!(!lab.path("estate/cucm1.example.com/ipsec.pem").exists());
    // The manifest: each file's host, endpoint, time and the SHA-256 of the
    // body received.
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(lab.path("estate/pull-manifest.json")).expect("manifest"),
    )
    .expect("json");
    let entries = manifest["files"].as_array().expect("files");
    assert_eq!(entries.len(), files.len() + 1);
    let server = entries
        .iter()
        .find(|e| e["file"] == "estate/expc1.example.com/server.pem")
        .expect("entry");
    let sent = std::fs::read(lab.path("expressway-server.body")).expect("body");
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &sent);
    let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(server["sha256"], hex.as_str());
    assert_eq!(server["endpoint"], "/api/provisioning/certs/server");
    assert_eq!(server["host"], "expc1.example.com");
    // What follows works on what was read.
    let links = sancsr()
        .args(["links", "d.toml", "estate", "--format", "json"])
        .current_dir(lab.dir.path())
        .output()
        .expect("runs");
    assert!(
        matches!(links.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&links.stderr)
    );
    let import = sancsr()
        .args(["import", "certificates", "estate"])
        .current_dir(lab.dir.path())
        .output()
        .expect("runs");
    assert_eq!(
        import.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    // Nothing anywhere holds the password.
    let manifest_text =
        std::fs::read_to_string(lab.path("estate/pull-manifest.json")).expect("manifest");
    for text in [stdout.as_str(), stderr.as_str(), manifest_text.as_str()] {
        assert!(!text.contains(PASSWORD));
    }
}

/// One kind of box's account refused: those hosts fail, named, and are
/// not written; the others are. Exit 1.
#[test]
fn refused_credentials_fail_only_their_hosts() {
    let lab = Lab::start(good_routes());
    let ca = lab.api_ca.to_str().expect("path").to_owned();
    let credentials = lab.path("credentials.toml");
    std::fs::write(&credentials, format!("[expressway]\nuser = \"admin\"\npassword = \"wrong\"\n[unified_cm]\nuser = \"admin\"\npassword = \"{PASSWORD}\"\n")).expect("write");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&credentials, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let (code, stdout, _) = lab.pull(&["--ca", &ca, "--credentials", "credentials.toml"], &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains(
            "expc1.example.com: FAILED: credentials refused by expc1.example.com (HTTP 401)"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("cucm1.example.com: wrote"), "{stdout}");
    assert!(!lab.path("estate/expc1.example.com/server.pem").exists());
    assert!(lab.path("estate/cucm1.example.com/tomcat.pem").exists());
    // A credentials file others can read is refused before any request.
    std::fs::set_permissions(&credentials, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let (code, _, stderr) = lab.pull(
        &["--ca", &ca, "--credentials", "credentials.toml", "--force"],
        &[],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("readable by its group or others"),
        "{stderr}"
    );
}

/// The API's certificate from a CA not given: refused, never skipped, and
/// the message names the CA its chain needs.
#[test]
fn an_untrusted_api_certificate_names_the_ca_it_needs() {
    let lab = Lab::start(good_routes());
    let other = Ca::root("Some Other CA");
    std::fs::write(lab.path("other.pem"), &other.pem).expect("write");
    let (code, stdout, _) = lab.pull(&["--ca", "other.pem"], &GOOD);
    assert_eq!(code, 1);
    for host in HOSTS {
        assert!(
            stdout.contains(&format!("{host}: FAILED: {host}'s API certificate is not trusted (no path to a CA it trusts): its chain ends at a certificate issued by \"CN=API Root CA\"")),
            "{stdout}"
        );
    }
    assert!(!lab.path("estate/expc1.example.com").exists());
}

/// A 404 names the API and the release that added it; a body with no
/// certificate says so.
#[test]
fn no_such_api_and_a_body_without_certificates() {
    let lab = Lab::start(json!({
        "/api/provisioning/certs/server": { "body": "expressway-server.body" },
        "/api/provisioning/certs/root": { "body": "no-certificate.body", "type": "text/html" }
    }));
    let ca = lab.api_ca.to_str().expect("path").to_owned();
    let (code, stdout, _) = lab.pull(&["--ca", &ca], &GOOD);
    assert_eq!(code, 1);
    assert!(stdout.contains("cucm1.example.com: FAILED: cucm1.example.com has no such API: GET /platformcom/api/v1/certmgr/config/snapshot/server answered 404"), "{stdout}");
    assert!(stdout.contains("release 14 and later"), "{stdout}");
    assert!(
        stdout.contains(
            "expc1.example.com answered /api/provisioning/certs/root with no certificate"
        ),
        "{stdout}"
    );
}

/// A slow server hits `--timeout`; one that sends 100 MB is cut off at
/// the limit. Neither stops the others.
#[test]
fn a_slow_server_and_a_huge_body_are_bounded() {
    let lab = Lab::start(json!({
        "/api/provisioning/certs/server": { "body": "expressway-server.body" },
        "/api/provisioning/certs/root": { "body": "expressway-root.body" },
        "cucm1.example.com /platformcom/api/v1/certmgr/config/snapshot/server": { "body": "ucm-snapshot.json", "delay": 5 },
        "imp1.example.com /platformcom/api/v1/certmgr/config/snapshot/server": { "big_mb": 100 }
    }));
    let ca = lab.api_ca.to_str().expect("path").to_owned();
    let started = std::time::Instant::now();
    let (code, stdout, _) = lab.pull(&["--ca", &ca, "--timeout", "2"], &GOOD);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("cucm1.example.com: FAILED: no answer from cucm1.example.com within 2 s"),
        "{stdout}"
    );
    assert!(
        stdout.contains("imp1.example.com: FAILED: imp1.example.com sent more than 16 MB"),
        "{stdout}"
    );
    assert!(stdout.contains("expc1.example.com: wrote"), "{stdout}");
    assert!(started.elapsed().as_secs() < 30, "bounded");
}

/// Files already there are not replaced without `--force`: the run is
/// refused before any request (exit 2); with `--force` they are.
#[test]
fn existing_files_need_force() {
    let lab = Lab::start(good_routes());
    let ca = lab.api_ca.to_str().expect("path").to_owned();
    std::fs::create_dir_all(lab.path("estate/expc1.example.com")).expect("mkdir");
    std::fs::write(lab.path("estate/expc1.example.com/server.pem"), "mine").expect("write");
    let (code, _, stderr) = lab.pull(&["--ca", &ca], &GOOD);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("already exist"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(lab.path("estate/expc1.example.com/server.pem")).expect("read"),
        "mine"
    );
    assert!(!lab.path("estate/cucm1.example.com").exists());
    let (code, _, stderr) = lab.pull(&["--ca", &ca, "--force"], &GOOD);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        count_certificates(&lab.path("estate/expc1.example.com/server.pem")),
        1
    );
}

/// No account for a kind of box the deployment has: exit 2 before any
/// request, naming the variables.
#[test]
fn missing_credentials_are_a_usage_error() {
    let lab = Lab::start(good_routes());
    let (code, stdout, stderr) = lab.pull(&[], &GOOD[..2]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("SANCSR_UCM_USER"), "{stderr}");
    assert!(!lab.path("estate").exists());
}

/// An API certificate without the node's name is refused for that node,
/// and said so (not blamed on the CA).
#[test]
fn an_api_certificate_without_the_host_name_is_refused() {
    let lab = Lab::start_naming(good_routes(), &HOSTS[..3]);
    let ca = lab.api_ca.to_str().expect("path").to_owned();
    let (code, stdout, _) = lab.pull(&["--ca", &ca], &GOOD);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("imp1.example.com: FAILED: imp1.example.com's API certificate does not carry the name imp1.example.com"),
        "{stdout}"
    );
    assert!(stdout.contains("cucm1.example.com: wrote"), "{stdout}");
}

/// A server's text reaches the terminal escaped (#26's rule): an API CA
/// whose name carries terminal controls, a forged line and a bidi
/// override is named in the error without any of them raw.
#[test]
fn a_hostile_api_ca_name_is_escaped() {
    let lab = Lab::start_full(
        good_routes(),
        &HOSTS,
        "evil\u{1b}]0;PWNED\u{7}\r\nFAIL forged\u{202e}",
    );
    let other = Ca::root("Some Other CA");
    std::fs::write(lab.path("other.pem"), &other.pem).expect("write");
    let (code, stdout, stderr) = lab.pull(&["--ca", "other.pem"], &GOOD);
    assert_eq!(code, 1);
    for text in [&stdout, &stderr] {
        let raw = text
            .chars()
            .find(|c| (c.is_control() && *c != '\n') || *c == '\u{202e}');
        assert!(raw.is_none(), "raw {raw:?} in {text}");
        assert!(
            !text.lines().any(|l| l.starts_with("FAIL forged")),
            "{text}"
        );
    }
    assert!(stdout.contains("evil\\x1b]0;PWNED"), "{stdout}");
}
