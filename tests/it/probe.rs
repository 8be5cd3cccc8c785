//! `sancsr probe` against real rustls servers on loopback (`servers.rs`):
//! full and short chains, expired and expiring leaves, a server that
//! demands a client certificate, XMPP STARTTLS, a refused port, a silent
//! one, and a C + E deployment mapped to loopback with --resolve and --port.

use crate::common::sancsr;
use crate::servers::{Behaviour, Ca, Leaf, start, start_on};
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::time::Duration;
use tempfile::TempDir;

/// A root, an intermediate, and the root's PEM in `dir/root.pem`.
pub(crate) struct Pki {
    pub(crate) dir: TempDir,
    root: Ca,
    pub(crate) inter: Ca,
}

impl Pki {
    pub(crate) fn new() -> Pki {
        let dir = TempDir::new().expect("tempdir");
        let root = Ca::root("Lab Root CA");
        let inter = root.intermediate("Lab Issuing CA");
        std::fs::write(dir.path().join("root.pem"), &root.pem).expect("write");
        Pki { dir, root, inter }
    }

    pub(crate) fn root_pem(&self) -> String {
        self.dir
            .path()
            .join("root.pem")
            .to_str()
            .expect("utf8")
            .to_owned()
    }

    pub(crate) fn leaf(&self, names: &[&str], from: i64, to: i64) -> Leaf {
        self.inter.leaf(names, from, to)
    }
}

/// `probe ARGS --format json`: exit code and JSON.
pub(crate) fn probe(args: &[&str], dir: &Path) -> (i32, serde_json::Value) {
    let out = sancsr()
        .arg("probe")
        .args(args)
        .args(["--format", "json"])
        .current_dir(dir)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("runs");
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().expect("exit code"), v)
}

pub(crate) fn codes(endpoint: &serde_json::Value) -> Vec<String> {
    endpoint["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().expect("code").to_owned())
        .collect()
}

pub(crate) fn connect(address: SocketAddr, extra: &[&str], pki: &Pki) -> (i32, serde_json::Value) {
    let target = address.to_string();
    let mut args = vec!["--connect", &target, "--servername", "expe1.example.com"];
    let root = pki.root_pem();
    args.extend(["--ca", &root]);
    args.extend(extra);
    probe(&args, pki.dir.path())
}

#[test]
fn a_full_chain_passes_and_a_short_one_is_incomplete() {
    let pki = Pki::new();
    let leaf = pki.leaf(&["expe1.example.com"], -1, 300);
    let full = start(Behaviour::presenting(&leaf, &[&pki.inter]));
    let (code, v) = connect(full, &[], &pki);
    let e = &v["endpoints"][0];
    assert_eq!((code, codes(e)), (0, Vec::<String>::new()), "{v}");
    assert_eq!(e["reachable"], true);
    assert_eq!(e["chain"].as_array().expect("chain").len(), 2);
    assert_eq!(e["chain"][1]["subject"], "CN=Lab Issuing CA");
    assert_eq!(e["chain"][0]["sha256"].as_str().expect("sha").len(), 64);
    let short = start(Behaviour::presenting(&leaf, &[]));
    let (code, v) = connect(short, &[], &pki);
    assert_eq!(
        (code, codes(&v["endpoints"][0])),
        (1, vec!["chain-incomplete".to_owned()])
    );
}

/// `--connect` checks the name asked for: a `--servername` the
/// certificate does not carry is `name-mismatch`, as a TLS client would
/// refuse it (it used to print `ok`). With a deployment, the host's planned
/// certificate is audited too: a certificate for another box fails.
#[test]
fn connect_checks_the_name_and_the_plan() {
    let pki = Pki::new();
    let leaf = pki.leaf(&["expe1.example.com"], -1, 300);
    let server = start(Behaviour::presenting(&leaf, &[&pki.inter]));
    let root = pki.root_pem();
    let target = server.to_string();
    let args = [
        "--connect",
        &target,
        "--servername",
        "nope.example.com",
        "--ca",
        &root,
    ];
    let (code, v) = probe(&args, pki.dir.path());
    assert_eq!(
        (code, codes(&v["endpoints"][0])),
        (1, vec!["name-mismatch".to_owned()]),
        "{v}"
    );
    // The deployment plans expe1 with example.com too: the served
    // certificate lacks it.
    std::fs::write(pki.dir.path().join("d.toml"), DEPLOYMENT).expect("write");
    let (code, v) = connect(server, &["d.toml"], &pki);
    assert_eq!(code, 1, "{v}");
    let found = codes(&v["endpoints"][0]);
    assert!(found.contains(&"missing-san".to_owned()), "{found:?}");
    assert!(!found.contains(&"name-mismatch".to_owned()), "{found:?}");
}

#[test]
fn expired_and_expiring_leaves() {
    let pki = Pki::new();
    let expired = start(Behaviour::presenting(
        &pki.leaf(&["expe1.example.com"], -30, -1),
        &[&pki.inter],
    ));
    let (code, v) = connect(expired, &[], &pki);
    assert_eq!(code, 1);
    assert!(
        codes(&v["endpoints"][0]).contains(&"expired".to_owned()),
        "{v}"
    );
    let soon = start(Behaviour::presenting(
        &pki.leaf(&["expe1.example.com"], -1, 10),
        &[&pki.inter],
    ));
    let (code, v) = connect(soon, &[], &pki);
    assert_eq!(
        (code, codes(&v["endpoints"][0])),
        (0, vec!["expires-soon".to_owned()])
    );
    let (code, v) = connect(soon, &["--warn-days", "5"], &pki);
    assert_eq!((code, codes(&v["endpoints"][0])), (0, Vec::<String>::new()));
}

/// Traversal port 7001 asks for a client certificate. In TLS 1.2 the
/// server stops the handshake; in TLS 1.3 the client's side of it has
/// ended first. Either way the chain is captured.
#[test]
fn a_server_that_demands_a_client_certificate_still_shows_its_chain() {
    let pki = Pki::new();
    for (tls12_only, expected) in [
        (true, vec!["handshake-stopped".to_owned()]),
        (false, vec![]),
    ] {
        let mut b =
            Behaviour::presenting(&pki.leaf(&["expe1.example.com"], -1, 300), &[&pki.inter]);
        b.client_auth = Some(Ca::root("Client Root").der);
        b.tls12_only = tls12_only;
        let (code, v) = connect(start(b), &[], &pki);
        let e = &v["endpoints"][0];
        assert_eq!((code, codes(e)), (0, expected), "{v}");
        assert_eq!(e["chain"].as_array().expect("chain").len(), 2);
    }
}

#[test]
fn xmpp_starttls_for_client_and_server_streams() {
    let pki = Pki::new();
    let leaf = pki.leaf(&["expe1.example.com"], -1, 300);
    for (namespace, flag) in [
        ("jabber:client", "xmpp-client"),
        ("jabber:server", "xmpp-server"),
    ] {
        let mut b = Behaviour::presenting(&leaf, &[&pki.inter]);
        b.starttls = Some(namespace);
        let address = start(b);
        let (code, v) = connect(address, &["--starttls", flag], &pki);
        let e = &v["endpoints"][0];
        assert_eq!((code, codes(e)), (0, Vec::<String>::new()), "{flag}: {v}");
        assert_eq!(e["chain"].as_array().expect("chain").len(), 2);
        // Without STARTTLS the same port gives no chain.
        let (code, v) = connect(address, &["--timeout", "2"], &pki);
        assert_eq!(
            (code, codes(&v["endpoints"][0])),
            (1, vec!["unreachable".to_owned()])
        );
    }
}

#[test]
fn a_refused_port_and_a_silent_one_are_unreachable() {
    let pki = Pki::new();
    let free = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("a");
    let (code, v) = connect(free, &[], &pki);
    let e = &v["endpoints"][0];
    assert_eq!((code, codes(e)), (1, vec!["unreachable".to_owned()]));
    assert!(
        e["findings"][0]["message"]
            .as_str()
            .expect("m")
            .contains("refused"),
        "{v}"
    );
    let mut b = Behaviour::presenting(&pki.leaf(&["expe1.example.com"], -1, 300), &[]);
    b.silent = true;
    let (code, v) = connect(start(b), &["--timeout", "1"], &pki);
    let e = &v["endpoints"][0];
    assert_eq!((code, codes(e)), (1, vec!["unreachable".to_owned()]));
    let message = e["findings"][0]["message"].as_str().expect("m");
    assert!(
        message.contains("timeout") || message.contains("deadline"),
        "{message}"
    );
}

pub(crate) const DEPLOYMENT: &str = r#"features = ["mobile-remote-access"]
expressway_version = "X15.5"

[unified_cm]
registration_domains = ["example.com"]

[expressway_c]
peers = ["expc1.example.local"]
traversal_peer_addresses = ["expe1.example.com"]

[expressway_e]
peers = ["expe1.example.com"]
tls_verify_subject_name = "expc1.example.local"

[key]
algorithm = "ecdsa"
"#;

/// The C's two ports and the E's five, each a server on 127.0.0.2 (C) or
/// 127.0.0.3 (E); returns the probe's --resolve and --port arguments.
pub(crate) fn lab(pki: &Pki, c_leaf: &Leaf, e_leaf: &Leaf, e_sip: &Leaf) -> Vec<String> {
    let (c_ip, e_ip): (IpAddr, IpAddr) = ([127, 0, 0, 2].into(), [127, 0, 0, 3].into());
    let services: [(u16, IpAddr, &str, &Leaf, Option<&'static str>); 7] = [
        (443, e_ip, "expe1.example.com", e_leaf, None),
        (8443, e_ip, "expe1.example.com", e_leaf, None),
        (5061, e_ip, "expe1.example.com", e_sip, None),
        (7001, e_ip, "expe1.example.com", e_leaf, None),
        (
            5222,
            e_ip,
            "expe1.example.com",
            e_leaf,
            Some("jabber:client"),
        ),
        (443, c_ip, "expc1.example.local", c_leaf, None),
        (5061, c_ip, "expc1.example.local", c_leaf, None),
    ];
    serve(pki, &services)
}

/// One server per (port, address, host, leaf, STARTTLS), the same mapped
/// port for every address of one service port; returns the probe's
/// --resolve and --port arguments.
fn serve(pki: &Pki, services: &[(u16, IpAddr, &str, &Leaf, Option<&'static str>)]) -> Vec<String> {
    let mut args = Vec::new();
    let mut mapped: Vec<(u16, u16)> = Vec::new();
    for &(port, ip, host, leaf, starttls) in services {
        let mut b = Behaviour::presenting(leaf, &[&pki.inter]);
        b.starttls = starttls;
        let wanted = mapped
            .iter()
            .find(|(p, _)| *p == port)
            .map_or(0, |(_, to)| *to);
        let address = start_on(ip, wanted, b);
        if wanted == 0 {
            mapped.push((port, address.port()));
        }
        args.push(format!("--resolve={host}:{port}:{ip}"));
    }
    args.extend(mapped.iter().map(|(p, to)| format!("--port={p}={to}")));
    args
}

/// A peer that answers on some ports and not others (a firewalled port)
/// is normal: the dead endpoint is `unreachable`, the others are judged.
/// It used to panic (exit 101) comparing the peer's certificates.
#[test]
fn a_peer_with_a_firewalled_port_is_reported_not_a_panic() {
    let pki = Pki::new();
    std::fs::write(pki.dir.path().join("d.toml"), DEPLOYMENT).expect("write");
    let c_leaf = pki.leaf(&["expc1.example.local"], -1, 300);
    let e_leaf = pki.leaf(&["expe1.example.com", "example.com"], -1, 300);
    let other = pki.leaf(&["expe1.example.com", "example.com"], -1, 300);
    let (c_ip, e_ip): (IpAddr, IpAddr) = ([127, 0, 0, 2].into(), [127, 0, 0, 3].into());
    let mut args = serve(
        &pki,
        &[
            (443, e_ip, "expe1.example.com", &e_leaf, None),
            (8443, e_ip, "expe1.example.com", &e_leaf, None),
            (5061, e_ip, "expe1.example.com", &other, None),
            (7001, e_ip, "expe1.example.com", &e_leaf, None),
            (443, c_ip, "expc1.example.local", &c_leaf, None),
            (5061, c_ip, "expc1.example.local", &c_leaf, None),
        ],
    );
    // 5222 goes to a port nothing listens on.
    let closed = std::net::TcpListener::bind((e_ip, 0)).expect("bind");
    let dead = closed.local_addr().expect("addr").port();
    drop(closed);
    args.push(format!("--resolve=expe1.example.com:5222:{e_ip}"));
    args.push(format!("--port=5222={dead}"));
    let root = pki.root_pem();
    let mut all: Vec<&str> = vec!["d.toml", "--ca", &root, "--timeout", "5"];
    all.extend(args.iter().map(String::as_str));
    let (code, v) = probe(&all, pki.dir.path());
    assert_eq!(code, 1, "{v}");
    let seen: Vec<String> = v["endpoints"]
        .as_array()
        .expect("endpoints")
        .iter()
        .filter(|e| e["host"] == "expe1.example.com")
        .map(|e| format!("{} {}", e["port"], codes(e).join(",")))
        .collect();
    assert_eq!(
        seen,
        [
            "443 different-certificates",
            "8443 different-certificates",
            "5061 different-certificates",
            "7001 different-certificates",
            "5222 unreachable",
        ],
        "{v}"
    );
}

/// The traversal zone on another port (TAC 212475's dump shows 7003):
/// `traversal_port` in the deployment file moves the probe there.
#[test]
fn the_traversal_port_comes_from_the_deployment() {
    let pki = Pki::new();
    let deployment = DEPLOYMENT.replace(
        "[expressway_e]\n",
        "[expressway_e]\ntraversal_port = 7003\n",
    );
    std::fs::write(pki.dir.path().join("d.toml"), deployment).expect("write");
    let c_leaf = pki.leaf(&["expc1.example.local"], -1, 300);
    let e_leaf = pki.leaf(&["expe1.example.com", "example.com"], -1, 300);
    let (c_ip, e_ip): (IpAddr, IpAddr) = ([127, 0, 0, 2].into(), [127, 0, 0, 3].into());
    let args = serve(
        &pki,
        &[
            (443, e_ip, "expe1.example.com", &e_leaf, None),
            (8443, e_ip, "expe1.example.com", &e_leaf, None),
            (5061, e_ip, "expe1.example.com", &e_leaf, None),
            (7003, e_ip, "expe1.example.com", &e_leaf, None),
            (
                5222,
                e_ip,
                "expe1.example.com",
                &e_leaf,
                Some("jabber:client"),
            ),
            (443, c_ip, "expc1.example.local", &c_leaf, None),
            (5061, c_ip, "expc1.example.local", &c_leaf, None),
        ],
    );
    let root = pki.root_pem();
    let mut all: Vec<&str> = vec!["d.toml", "--ca", &root];
    all.extend(args.iter().map(String::as_str));
    let (code, v) = probe(&all, pki.dir.path());
    let ports: Vec<String> = v["endpoints"]
        .as_array()
        .expect("endpoints")
        .iter()
        .filter(|e| e["service"] == "traversal-sip-tls")
        .map(|e| format!("{} {}", e["port"], codes(e).join(",")))
        .collect();
    assert_eq!(ports, ["7003 "], "{v}");
    assert_eq!(code, 0, "{v}");
}

#[test]
fn a_deployment_mapped_to_loopback() {
    let pki = Pki::new();
    std::fs::write(pki.dir.path().join("d.toml"), DEPLOYMENT).expect("write");
    let c_leaf = pki.leaf(&["expc1.example.local"], -1, 300);
    let e_leaf = pki.leaf(&["expe1.example.com", "example.com"], -1, 300);
    let args = lab(&pki, &c_leaf, &e_leaf, &e_leaf);
    let mut all: Vec<&str> = vec!["d.toml", "--ca"];
    let root = pki.root_pem();
    all.push(&root);
    all.extend(args.iter().map(String::as_str));
    let (code, v) = probe(&all, pki.dir.path());
    let endpoints = v["endpoints"].as_array().expect("endpoints");
    let seen: Vec<String> = endpoints
        .iter()
        .map(|e| {
            format!(
                "{}:{} {}",
                e["host"].as_str().expect("h"),
                e["port"],
                codes(e).join(",")
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            "expe1.example.com:443 ",
            "expe1.example.com:8443 ",
            "expe1.example.com:5061 ",
            "expe1.example.com:7001 ",
            "expe1.example.com:5222 ",
            "expc1.example.local:443 ",
            "expc1.example.local:5061 ",
        ],
        "{v}"
    );
    assert_eq!(code, 0);
    assert_eq!(
        endpoints[0]["address"]
            .as_str()
            .expect("a")
            .split(':')
            .next(),
        Some("127.0.0.3")
    );
}

#[test]
fn a_peer_serving_two_certificates_or_an_old_key() {
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::write(d.join("d.toml"), DEPLOYMENT).expect("write");
    let c_leaf = pki.leaf(&["expc1.example.local"], -1, 300);
    let e_leaf = pki.leaf(&["expe1.example.com", "example.com"], -1, 300);
    let other = pki.leaf(&["expe1.example.com", "example.com"], -1, 300);
    let args = lab(&pki, &c_leaf, &e_leaf, &other);
    // A newer key for the E in the out-dir: the E has not switched yet.
    sancsr()
        .args([
            "generate",
            "d.toml",
            "--out-dir",
            "new",
            "--peer",
            "expe1.example.com",
        ])
        .current_dir(d)
        .assert()
        .success();
    let mut all: Vec<&str> = vec!["d.toml", "--role", "e", "--out-dir", "new"];
    all.extend(args.iter().map(String::as_str));
    let (code, v) = probe(&all, d);
    assert_eq!(code, 1, "{v}");
    for e in v["endpoints"].as_array().expect("endpoints") {
        let c = codes(e);
        assert!(c.contains(&"different-certificates".to_owned()), "{e}");
        assert!(c.contains(&"stale-certificate".to_owned()), "{e}");
    }
    assert_eq!(v["endpoints"].as_array().expect("e").len(), 5, "--role e");
}

#[test]
fn prometheus_output_has_expiry_and_success_gauges() {
    let pki = Pki::new();
    let up = start(Behaviour::presenting(
        &pki.leaf(&["expe1.example.com"], -1, 300),
        &[&pki.inter],
    ));
    let out = sancsr()
        .args([
            "probe",
            "--connect",
            &up.to_string(),
            "--servername",
            "expe1.example.com",
            "--format",
            "prometheus",
        ])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let host = format!(
        "host=\"127.0.0.1\",port=\"{}\",service=\"connect\"",
        up.port()
    );
    assert!(
        text.contains(&format!("sancsr_probe_success{{{host}}} 1")),
        "{text}"
    );
    assert!(
        text.contains("# TYPE sancsr_certificate_not_after_seconds gauge"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "sancsr_certificate_not_after_seconds{{{host},subject=\"expe1.example.com\""
        )),
        "{text}"
    );
}

/// Debian's Python with Prometheus' client library (python3-prometheus-
/// client, which `.ci/run` installs) parses the text: every sample, by
/// name and labels, as "name{labels} value" lines.
fn prometheus_samples(text: &str) -> Vec<String> {
    let script = "import sys\n\
        from prometheus_client.parser import text_string_to_metric_families\n\
        for family in text_string_to_metric_families(sys.stdin.read()):\n\
        \x20   for s in family.samples:\n\
        \x20       labels = ','.join(k + '=' + v for k, v in sorted(s.labels.items()))\n\
        \x20       print(s.name + '{' + labels + '} ' + repr(s.value))\n";
    let mut child = std::process::Command::new("/usr/bin/python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("/usr/bin/python3 (with python3-prometheus-client: .ci/run installs it)");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), text.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("python");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect()
}

/// An expired certificate is still "success" (a chain was captured); the
/// findings by severity and `sancsr_probe_healthy` say it is not healthy
/// (#25). Prometheus' client parser reads the output, and every metric
/// the shipped alert rules (`docs/prometheus-alerts.yml`) use is in it.
#[test]
fn prometheus_output_says_which_endpoints_are_healthy() {
    let pki = Pki::new();
    let expired = start(Behaviour::presenting(
        &pki.leaf(&["expe1.example.com"], -30, -1),
        &[&pki.inter],
    ));
    let root = pki.root_pem();
    let target = expired.to_string();
    let out = sancsr()
        .args([
            "probe",
            "--connect",
            &target,
            "--servername",
            "expe1.example.com",
        ])
        .args(["--ca", &root, "--format", "prometheus"])
        .current_dir(pki.dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let samples = prometheus_samples(&String::from_utf8_lossy(&out.stdout));
    let labels = format!("host=127.0.0.1,port={},service=connect", expired.port());
    for expected in [
        format!("sancsr_probe_success{{{labels}}} 1.0"),
        format!("sancsr_probe_healthy{{{labels}}} 0.0"),
        format!("sancsr_probe_findings{{{labels},severity=error}} 1.0"),
        format!("sancsr_probe_findings{{{labels},severity=warning}} 0.0"),
    ] {
        assert!(samples.contains(&expected), "{expected}: {samples:#?}");
    }
    let rules = include_str!("../../docs/prometheus-alerts.yml");
    // The rule file is YAML with one group of rules (python3-yaml).
    let check = std::process::Command::new("/usr/bin/python3")
        .args([
            "-c",
            "import sys, yaml\nd = yaml.safe_load(open(sys.argv[1]))\n\
             assert all(r['alert'] and r['expr'] for r in d['groups'][0]['rules'])",
        ])
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/prometheus-alerts.yml"
        ))
        .output()
        .expect("python3-yaml");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    for line in rules
        .lines()
        .filter_map(|l| l.trim().strip_prefix("expr: "))
    {
        let metric = line.split(['{', ' ']).next().expect("metric");
        assert!(
            samples.iter().any(|s| s.starts_with(metric)),
            "docs/prometheus-alerts.yml uses {metric}, which probe does not write"
        );
    }
}

/// XMPP on 5222 probed without `--starttls`: the server speaks XMPP in
/// clear first, the handshake fails, and the fix says to add `--starttls
/// xmpp-client` (#25).
#[test]
fn xmpp_ports_without_starttls_get_a_hint() {
    let pki = Pki::new();
    let leaf = pki.leaf(&["expe1.example.com"], -1, 300);
    let mut b = Behaviour::presenting(&leaf, &[&pki.inter]);
    b.starttls = Some("jabber:client");
    let ip: IpAddr = [127, 0, 0, 9].into();
    let address = start_on(ip, 5222, b);
    let target = address.to_string();
    let out = sancsr()
        .args([
            "probe",
            "--connect",
            &target,
            "--timeout",
            "5",
            "--color",
            "never",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("add --starttls xmpp-client"), "{text}");
}

/// On a terminal (`script` gives one) probe counts the endpoints done on
/// standard error, unless `--quiet` (#25).
#[test]
fn progress_is_shown_on_a_terminal_unless_quiet() {
    let pki = Pki::new();
    let leaf = pki.leaf(&["expe1.example.com"], -1, 300);
    let server = start(Behaviour::presenting(&leaf, &[&pki.inter]));
    let bin = assert_cmd::cargo::cargo_bin("sancsr");
    let run = |extra: &str| {
        let command = format!(
            "{} probe --connect {server} --servername expe1.example.com --timeout 5{extra}",
            bin.display()
        );
        let out = std::process::Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .output()
            .expect("script (util-linux)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(run("").contains("probed 1/1"), "no progress");
    let quiet = run(" --quiet");
    assert!(!quiet.contains("probed"), "{quiet}");
}

/// Bad values are usage errors (exit 2) that say what to write.
#[test]
fn bad_probe_arguments_are_usage_errors() {
    let cases: [(&[&str], &str); 5] = [
        (&["--connect", "expe1.example.com"], "write HOST:PORT"),
        (&["--connect", "h:0"], "is not a port"),
        (
            &["--connect", "h:1", "--resolve", "h:1:not-an-ip"],
            "is not an IP address",
        ),
        (&["--connect", "h:1", "--port", "8443"], "write PORT=OTHER"),
        (&[], "DEPLOYMENT"),
    ];
    for (args, says) in cases {
        let out = sancsr().arg("probe").args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
    }
}

/// With `--nodes`, the Unified CM node (tomcat 8443, CallManager 5061) and
/// the IM and Presence node (tomcat 8443, cup-xmpp 5222 with STARTTLS) are
/// probed too.
#[test]
fn nodes_are_probed_with_nodes() {
    let pki = Pki::new();
    let d = pki.dir.path();
    let deployment = DEPLOYMENT.replace(
        "registration_domains = [\"example.com\"]",
        "registration_domains = [\"example.com\"]\nnodes = [\"cucm1.example.local\"]\n\n[im_presence]\nnodes = [\"imp1.example.local\"]",
    );
    std::fs::write(d.join("d.toml"), deployment).expect("write");
    let cucm = pki.leaf(&["cucm1.example.local"], -1, 300);
    let imp = pki.leaf(&["imp1.example.local"], -1, 300);
    let (cucm_ip, imp_ip): (IpAddr, IpAddr) = ([127, 0, 0, 4].into(), [127, 0, 0, 5].into());
    let mut args: Vec<String> = vec![
        "d.toml".into(),
        "--nodes".into(),
        "--role".into(),
        "c".into(),
    ];
    // The C's own ports are refused here: only the nodes answer.
    args.extend(serve(
        &pki,
        &[
            (8443, cucm_ip, "cucm1.example.local", &cucm, None),
            (5061, cucm_ip, "cucm1.example.local", &cucm, None),
            (8443, imp_ip, "imp1.example.local", &imp, None),
            (
                5222,
                imp_ip,
                "imp1.example.local",
                &imp,
                Some("jabber:client"),
            ),
        ],
    ));
    let all: Vec<&str> = args.iter().map(String::as_str).collect();
    let (_, v) = probe(&all, d);
    let nodes: Vec<String> = v["endpoints"]
        .as_array()
        .expect("endpoints")
        .iter()
        .filter(|e| e["host"] != "expc1.example.local")
        .map(|e| {
            format!(
                "{}:{} {} {}",
                e["host"].as_str().expect("h"),
                e["port"],
                e["service"].as_str().expect("s"),
                e["reachable"]
            )
        })
        .collect();
    assert_eq!(
        nodes,
        [
            "cucm1.example.local:8443 tomcat true",
            "cucm1.example.local:5061 CallManager true",
            "imp1.example.local:8443 tomcat true",
            "imp1.example.local:5222 cup-xmpp true",
        ],
        "{v}"
    );
}

/// The text report, as an admin reads it: one line per endpoint, then its
/// findings (here, one E port serving another certificate).
#[test]
fn the_text_report() {
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::write(d.join("d.toml"), DEPLOYMENT).expect("write");
    let c_leaf = pki.leaf(&["expc1.example.local"], -1, 300);
    let e_leaf = pki.leaf(&["expe1.example.com", "example.com"], -1, 300);
    let other = pki.leaf(&["expe1.example.com", "example.com"], -1, 300);
    let args = lab(&pki, &c_leaf, &e_leaf, &other);
    // Half a day on: "299 days left" whatever the seconds the run takes.
    let now = time::OffsetDateTime::now_utc() + time::Duration::hours(12);
    let now = now
        .format(&time::format_description::well_known::Rfc3339)
        .expect("format");
    let out = sancsr()
        .args(["probe", "d.toml", "--color", "never", "--now", &now])
        .args(&args)
        .current_dir(d)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("probe-text", String::from_utf8_lossy(&out.stdout));
}

/// 6,002 endpoints that accept the connection and never answer, under a
/// 2.5 GB address-space limit: probe used to start one thread each and die
/// with "failed to spawn thread" (exit 101). A bounded pool probes them all
/// and reports each one (#26).
#[test]
fn many_silent_endpoints_under_a_memory_limit_are_reported() {
    let dir = TempDir::new().expect("tempdir");
    let nodes: Vec<String> = (0..3000)
        .map(|i| format!("\"n{i}.example.local\""))
        .collect();
    std::fs::write(
        dir.path().join("d.toml"),
        format!(
            "features = [\"mobile-remote-access\"]\n[unified_cm]\n\
             registration_domains = [\"example.com\"]\nnodes = [{}]\n\
             [expressway_c]\npeers = [\"expc1.example.local\"]\n",
            nodes.join(", ")
        ),
    )
    .expect("write");
    // Accepts (the kernel's backlog), never reads or answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = silent.local_addr().expect("addr").port();
    let mut args = vec![
        "probe d.toml --nodes --role c --timeout 2 --format json".to_owned(),
        format!("--port 8443={port} --port 5061={port} --port 443={port}"),
        "--resolve=expc1.example.local:443:127.0.0.1".to_owned(),
        "--resolve=expc1.example.local:5061:127.0.0.1".to_owned(),
    ];
    for i in 0..3000 {
        args.push(format!(
            "--resolve=n{i}.example.local:8443:127.0.0.1 --resolve=n{i}.example.local:5061:127.0.0.1"
        ));
    }
    std::fs::write(dir.path().join("args"), args.join(" ")).expect("write");
    let bin = assert_cmd::cargo::cargo_bin("sancsr");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 2500000; exec '{}' $(cat args)",
            bin.display()
        ))
        // glibc reserves 64 MB of address space per malloc arena, up to 8
        // per core: two keep the limit about threads, on any machine.
        .env("MALLOC_ARENA_MAX", "2")
        .current_dir(dir.path())
        .output()
        .expect("sh");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let endpoints = v["endpoints"].as_array().expect("endpoints");
    assert_eq!(endpoints.len(), 6002);
    assert!(
        endpoints.iter().all(|e| codes(e) == ["unreachable"]),
        "{stderr}"
    );
    drop(silent);
}
