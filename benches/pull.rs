//! `pull` is concurrent (issue #29): 50 hosts, each answering after 1 s,
//! must be read in under 5 s. Times the whole `sancsr pull` process against
//! one Python `http.server` + `ssl` server on loopback
//! (tests/fixtures/pull/server.py) that waits 1 s before each answer: 25
//! Unified CM and 25 IM and Presence nodes, one request each.

#![allow(missing_docs)]

#[path = "../tests/it/servers.rs"]
mod servers;

use criterion::{Criterion, criterion_group, criterion_main};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn bench_pull(c: &mut Criterion) {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let d = dir.path();
    let ucm: Vec<String> = (1..=25).map(|i| format!("cucm{i}.example.com")).collect();
    let imp: Vec<String> = (1..=25).map(|i| format!("imp{i}.example.com")).collect();
    let quoted = |names: &[String]| {
        names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    std::fs::write(
        d.join("d.toml"),
        format!(
            "[unified_cm]\nnodes = [{}]\n[im_presence]\nnodes = [{}]\n[expressway_c]\npeers = [\"expc1.example.com\"]\n",
            quoted(&ucm),
            quoted(&imp)
        ),
    )
    .expect("write");
    let hosts: Vec<&str> = ucm.iter().chain(&imp).map(String::as_str).collect();
    let api = servers::Ca::root("Bench API CA");
    let names: Vec<&str> = hosts.iter().copied().chain(["expc1.example.com"]).collect();
    let leaf = api.leaf(&names, -1, 300);
    std::fs::write(d.join("ca.pem"), &api.pem).expect("write");
    std::fs::write(d.join("api.pem"), &leaf.pem).expect("write");
    std::fs::write(d.join("api.key"), &leaf.key_pem).expect("write");
    let pem = serde_json::to_string(&leaf.pem).expect("json");
    std::fs::write(
        d.join("snapshot.json"),
        format!("{{\"identities\": [{{\"service\": \"tomcat\", \"certificate\": {pem}}}]}}"),
    )
    .expect("write");
    let config = serde_json::json!({
        "cert": d.join("api.pem"), "key": d.join("api.key"), "user": "u", "password": "p",
        "routes": {
            "/platformcom/api/v1/certmgr/config/snapshot/server": { "body": d.join("snapshot.json"), "delay": 1 },
            "/api/provisioning/certs/server": { "body": d.join("api.pem") },
            "/api/provisioning/certs/root": { "body": d.join("ca.pem") }
        }
    });
    std::fs::write(d.join("server.json"), config.to_string()).expect("write");
    let mut server = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/pull/server.py"
        ))
        .arg(d.join("server.json"))
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3");
    let mut port = String::new();
    BufReader::new(server.stdout.take().expect("stdout"))
        .read_line(&mut port)
        .expect("port");
    let mut args: Vec<String> = [
        "pull",
        "d.toml",
        "--out-dir",
        "estate",
        "--force",
        "--ca",
        "ca.pem",
        "--format",
        "json",
    ]
    .map(String::from)
    .into();
    args.push(format!("--port=443={}", port.trim()));
    for host in hosts.iter().chain(&["expc1.example.com"]) {
        args.push(format!("--resolve={host}:443:127.0.0.1"));
    }
    let mut group = c.benchmark_group("pull");
    group.sample_size(10);
    group.bench_function(
        "50 nodes (and one Expressway), each answering after 1 s",
        |b| {
            b.iter(|| {
                let out = Command::new(env!("CARGO_BIN_EXE_sancsr"))
                    .args(&args)
                    .current_dir(d)
                    .envs([
                        ("SANCSR_UCM_USER", "u"),
                        ("SANCSR_UCM_PASSWORD", "p"),
                        ("SANCSR_EXPRESSWAY_USER", "u"),
                        ("SANCSR_EXPRESSWAY_PASSWORD", "p"),
                    ])
                    .output()
                    .expect("runs");
                assert_eq!(
                    out.status.code(),
                    Some(0),
                    "{}",
                    String::from_utf8_lossy(&out.stdout)
                );
            })
        },
    );
    group.finish();
    let _ = server.kill();
    let _ = server.wait();
}

criterion_group!(benches, bench_pull);
criterion_main!(benches);
