//! The whole job in one estate folder (`docs/estate.md`), as an admin runs
//! it: plan and generate; an openssl CA signs the CSRs; `bundle` writes
//! the estate; `links` checks it offline; `openssl s_server` instances
//! serve the estate's files on loopback and `probe --out-dir` compares what
//! they serve with it. Then one fault at a time, each seen by exactly the
//! command that should see it.

use crate::common::sancsr;
use crate::pki::{Key, Pki};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DEPLOYMENT: &str = r#"features = ["business-to-business"]
expressway_version = "X15.5"

[subject]
organization = "Example"
state = "CA"
country = "US"

[expressway_c]
peers = ["expc1.example.local"]
traversal_peer_addresses = ["expe1.example.com"]

[expressway_e]
peers = ["expe1.example.com"]
tls_verify_subject_name = "expc1.example.local"
"#;

const C: &str = "expc1.example.local";
const E: &str = "expe1.example.com";

/// `openssl s_server` processes, killed when dropped.
struct Servers(Vec<Child>);

impl Drop for Servers {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A port free on both loopback addresses.
fn free_port(ips: &[IpAddr]) -> u16 {
    loop {
        let first = TcpListener::bind((ips[0], 0)).expect("bind");
        let port = first.local_addr().expect("addr").port();
        if ips[1..]
            .iter()
            .all(|ip| TcpListener::bind((*ip, port)).is_ok())
        {
            return port;
        }
    }
}

/// `openssl s_server` on `ip:port` presenting `cert` (and `chain`) with
/// `key`; waits until it accepts.
fn s_server(ip: IpAddr, port: u16, cert: &Path, key: &Path, chain: &Path) -> Child {
    let child = Command::new("openssl")
        .args(["s_server", "-quiet", "-www", "-accept"])
        .arg(format!("{ip}:{port}"))
        .arg("-cert")
        .arg(cert)
        .arg("-key")
        .arg(key)
        .arg("-cert_chain")
        .arg(chain)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("openssl s_server");
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(SocketAddr::new(ip, port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "s_server on {ip}:{port} did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    child
}

/// The CA, the CSRs signed, and the estate written by `bundle`.
fn estate() -> Pki {
    let pki = Pki::new();
    std::fs::write(pki.path("d.toml"), DEPLOYMENT).expect("write");
    let run = |args: &[&str]| {
        let out = sancsr()
            .args(args)
            .current_dir(pki.dir.path())
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["plan", "d.toml"]);
    run(&["generate", "d.toml", "--out-dir", "keys"]);
    pki.root("root", Key::P256, "sha256", 3650);
    pki.intermediate("inter", "root", Key::P256, "sha256", 3000);
    for peer in [C, E] {
        let leaf = pki.leaf(
            &pki.path(&format!("keys/{peer}.csr")),
            "inter",
            "sha256",
            300,
            &format!("{peer}.leaf.pem"),
        );
        pki.concat(&[&leaf, &pki.path("inter.pem")], &format!("{peer}.pem"));
    }
    let responses = [format!("{C}.pem"), format!("{E}.pem")];
    let mut args = vec!["bundle", "d.toml", &responses[0], &responses[1]];
    args.extend([
        "--key-dir",
        "keys",
        "--ca",
        "root.pem",
        "--out-dir",
        "estate",
    ]);
    run(&args);
    pki
}

/// `links` on the estate: exit code and the failing links' keys.
fn links(pki: &Pki) -> (i32, Vec<String>) {
    let out = sancsr()
        .args(["links", "d.toml", "estate", "--format", "json"])
        .current_dir(pki.dir.path())
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let failing = v["links"]
        .as_array()
        .expect("links")
        .iter()
        .filter(|l| l["ok"] != true)
        .map(|l| l["connection"].as_str().expect("key").to_owned())
        .collect();
    (out.status.code().expect("code"), failing)
}

/// What is served where: per (host, port), the files `s_server` presents.
struct Lab {
    c_ip: IpAddr,
    e_ip: IpAddr,
    /// Service port → the port the servers listen on.
    mapped: Vec<(u16, u16)>,
}

impl Lab {
    /// Serves the estate's files: the E on 443, 5061 and 7001, the C on
    /// 443 and 5061; `swap` replaces one (host, port)'s certificate file,
    /// `closed` leaves one (host, port) with nothing listening.
    fn serve(
        &mut self,
        pki: &Pki,
        swap: Option<(&str, u16, &Path)>,
        closed: Option<(&str, u16)>,
    ) -> Servers {
        let mut servers = Vec::new();
        self.mapped = [443, 5061, 7001]
            .into_iter()
            .map(|p| (p, free_port(&[self.c_ip, self.e_ip])))
            .collect();
        for (host, ip, ports) in [
            (E, self.e_ip, &[443, 5061, 7001][..]),
            (C, self.c_ip, &[443, 5061]),
        ] {
            let dir = pki.path(&format!("estate/{host}"));
            for port in ports {
                if closed == Some((host, *port)) {
                    continue;
                }
                let listen = self
                    .mapped
                    .iter()
                    .find(|(p, _)| p == port)
                    .expect("mapped")
                    .1;
                let cert = match swap {
                    Some((h, p, file)) if h == host && p == *port => file.to_path_buf(),
                    _ => dir.join("server.pem"),
                };
                servers.push(s_server(
                    ip,
                    listen,
                    &cert,
                    &dir.join("server.key"),
                    &dir.join("trusted-ca.pem"),
                ));
            }
        }
        Servers(servers)
    }

    /// `probe --out-dir estate`: exit code and each endpoint's codes.
    fn probe(&self, pki: &Pki) -> (i32, Vec<String>) {
        let mut args: Vec<String> = ["probe", "d.toml", "--ca", "root.pem", "--out-dir", "estate"]
            .map(String::from)
            .into();
        args.extend([
            "--timeout".into(),
            "10".into(),
            "--format".into(),
            "json".into(),
        ]);
        for (host, ip) in [(E, self.e_ip), (C, self.c_ip)] {
            for port in [443, 5061, 7001] {
                args.push(format!("--resolve={host}:{port}:{ip}"));
            }
        }
        for (port, to) in &self.mapped {
            args.push(format!("--port={port}={to}"));
        }
        let out = sancsr()
            .args(&args)
            .current_dir(pki.dir.path())
            .output()
            .expect("runs");
        // The last run, for `report --probe`.
        std::fs::write(pki.path("probe.json"), &out.stdout).expect("write");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
        let seen = v["endpoints"]
            .as_array()
            .expect("endpoints")
            .iter()
            .map(|e| {
                let codes: Vec<&str> = e["findings"]
                    .as_array()
                    .expect("findings")
                    .iter()
                    .filter(|f| f["severity"] == "error")
                    .map(|f| f["code"].as_str().expect("code"))
                    .collect();
                format!(
                    "{}:{} {}",
                    e["host"].as_str().expect("h"),
                    e["port"],
                    codes.join(",")
                )
            })
            .collect();
        (out.status.code().expect("code"), seen)
    }
}

fn clean(endpoints: &[(&str, u16)]) -> Vec<String> {
    endpoints.iter().map(|(h, p)| format!("{h}:{p} ")).collect()
}

const ENDPOINTS: [(&str, u16); 5] = [(E, 443), (E, 5061), (E, 7001), (C, 443), (C, 5061)];

#[test]
fn the_whole_job_in_one_estate_folder_and_one_fault_at_a_time() {
    let pki = estate();
    for file in ["server.pem", "server.key", "trusted-ca.pem"] {
        assert!(pki.path(&format!("estate/{C}/{file}")).is_file(), "{file}");
    }
    let mut lab = Lab {
        c_ip: [127, 0, 0, 2].into(),
        e_ip: [127, 0, 0, 3].into(),
        mapped: Vec::new(),
    };
    // Sound: links and probe both pass.
    assert_eq!(links(&pki), (0, vec![]));
    {
        let _servers = lab.serve(&pki, None, None);
        assert_eq!(lab.probe(&pki), (0, clean(&ENDPOINTS)));
    }
    // A wrong file served: the E's 443 presents another certificate for
    // its key (issued again). Only probe sees it, there.
    let again = pki.leaf(
        &pki.path(&format!("keys/{E}.csr")),
        "inter",
        "sha256",
        300,
        "again.pem",
    );
    {
        let _servers = lab.serve(&pki, Some((E, 443, &again)), None);
        let (code, seen) = lab.probe(&pki);
        assert_eq!(code, 1, "{seen:?}");
        let mut expected = clean(&ENDPOINTS);
        expected[0] = format!("{E}:443 stale-certificate");
        assert_eq!(seen, expected);
    }
    assert_eq!(links(&pki), (0, vec![]));
    // A firewalled port: nothing on the E's 5061. Only probe sees it.
    {
        let _servers = lab.serve(&pki, None, Some((E, 5061)));
        let (code, seen) = lab.probe(&pki);
        assert_eq!(code, 1, "{seen:?}");
        let mut expected = clean(&ENDPOINTS);
        expected[1] = format!("{E}:5061 unreachable");
        assert_eq!(seen, expected);
    }
    // A missing trust entry: the E's trusted CA list loses the root. Only
    // links sees it: the E cannot verify the C on the traversal zone.
    let list = pki.path(&format!("estate/{E}/trusted-ca.pem"));
    std::fs::write(
        &list,
        std::fs::read_to_string(pki.path("inter.pem")).expect("inter"),
    )
    .expect("write");
    assert_eq!(links(&pki), (1, vec!["traversal-zone".to_owned()]));
    {
        let _servers = lab.serve(&pki, None, None);
        assert_eq!(lab.probe(&pki), (0, clean(&ENDPOINTS)));
    }
    the_report_shows_it(&pki);
}

/// `report --links estate --probe probe.json` on the last state: the
/// traversal zone fails (links), the probed connections are ok; read back
/// by Python's parser and by headless Chromium with the network off.
fn the_report_shows_it(pki: &Pki) {
    let (code, html, stderr) = crate::report::report(
        &["d.toml", "--links", "estate", "--probe", "probe.json"],
        Some(pki.dir.path()),
    );
    assert_eq!(code, 0, "{stderr}");
    let page = crate::report::parse(&html);
    let lanes: Vec<&str> = page["connections"]
        .as_array()
        .expect("lanes")
        .iter()
        .map(|l| l.as_str().expect("lane"))
        .collect();
    for lane in [
        "traversal-zone fails",
        "b2b-sip-in ok",
        "b2b-sip-out not-checked",
    ] {
        assert!(lanes.contains(&lane), "{lane}: {lanes:?}");
    }
    assert!(
        !lanes.iter().any(|l| l.starts_with("c-cluster")),
        "one C peer: no cluster link"
    );
    // Both certificates' dates are known: a timeline, and days left.
    let text = page["text"].as_str().expect("text");
    assert!(
        text.contains("299 day(s) left") || text.contains("300 day(s) left"),
        "{text}"
    );
    let file = pki.path("report.html");
    std::fs::write(&file, &html).expect("write");
    let loaded = crate::browser::load(&file);
    assert!(loaded.console.is_empty(), "{:?}", loaded.console);
    assert!(loaded.requests.is_empty(), "{:?}", loaded.requests);
    assert!(
        loaded.dom.contains("data-connection=\"traversal-zone\""),
        "no diagram in the DOM"
    );
    assert_eq!(
        loaded.dom.matches("<svg").count(),
        2,
        "the diagram and the timeline"
    );
    let shot = crate::browser::screenshot(
        &file,
        (1280, 1600),
        &crate::browser::artefact("report-estate.png"),
    );
    assert!(shot.starts_with(b"\x89PNG"), "not a PNG");
    // A rendered diagram is far larger than a blank page's few kilobytes.
    assert!(shot.len() > 40_000, "{} bytes", shot.len());
    // On a phone, and printed: each of the five sections starts a page.
    crate::browser::screenshot(
        &file,
        (390, 844),
        &crate::browser::artefact("report-estate-phone.png"),
    );
    let pdf = crate::browser::pdf(&file, &crate::browser::artefact("report-estate.pdf"));
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    assert!(
        crate::browser::pages(&pdf) >= 5,
        "{} pages",
        crate::browser::pages(&pdf)
    );
}
