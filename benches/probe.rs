//! Probing is concurrent: 24 endpoints, each behind a server that waits 1 s
//! before its handshake, finish in about 1 s, not 24 (issue #14). Times the
//! whole `sancsr probe` process against rustls servers on loopback.

#![allow(missing_docs)]

#[path = "../tests/it/servers.rs"]
mod servers;

use criterion::{Criterion, criterion_group, criterion_main};
use servers::{Behaviour, Ca, start};
use std::process::Command;
use std::time::Duration;

/// Four Expressway-E peers (five ports each with MRA) and two Expressway-C
/// peers (two ports each): 24 endpoints.
const DEPLOYMENT: &str = r#"features = ["mobile-remote-access"]
[unified_cm]
registration_domains = ["example.com"]
[expressway_c]
cluster_name = "expc.example.local"
peers = ["expc1.example.local", "expc2.example.local"]
[expressway_e]
cluster_name = "expe.example.com"
peers = ["expe1.example.com", "expe2.example.com", "expe3.example.com", "expe4.example.com"]
"#;

fn bench_probe(c: &mut Criterion) {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let deployment = dir.path().join("d.toml");
    std::fs::write(&deployment, DEPLOYMENT).expect("write");
    let root = Ca::root("Bench Root");
    let leaf = root.leaf(&["expe.example.com"], -1, 300);
    let mut args: Vec<String> = vec!["probe".into(), deployment.display().to_string()];
    for (port, starttls) in [
        (443, None),
        (8443, None),
        (5061, None),
        (7001, None),
        (5222, Some("jabber:client")),
    ] {
        let mut b = Behaviour::presenting(&leaf, &[]);
        b.delay = Duration::from_secs(1);
        b.starttls = starttls;
        let address = start(b);
        args.push(format!("--port={port}={}", address.port()));
    }
    for host in [
        "expc1.example.local",
        "expc2.example.local",
        "expe1.example.com",
        "expe2.example.com",
        "expe3.example.com",
        "expe4.example.com",
    ] {
        for port in [443, 8443, 5061, 7001, 5222] {
            args.push(format!("--resolve={host}:{port}:127.0.0.1"));
        }
    }
    args.extend(["--format".into(), "json".into()]);
    let mut group = c.benchmark_group("probe");
    group.sample_size(10);
    group.bench_function("24 endpoints, each server waiting 1 s", |b| {
        b.iter(|| {
            let out = Command::new(env!("CARGO_BIN_EXE_sancsr"))
                .args(&args)
                .output()
                .expect("runs");
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
            let endpoints = v["endpoints"].as_array().expect("endpoints");
            assert_eq!(endpoints.len(), 24);
            assert!(endpoints.iter().all(|e| e["reachable"] == true), "{v}");
        })
    });
    group.finish();
}

criterion_group!(benches, bench_probe);
criterion_main!(benches);
