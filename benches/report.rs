//! `report` speed (issue #28): a deployment of 6 + 6 Expressway peers, 8
//! Unified CM nodes and 4 IM and Presence nodes, all four features, must
//! write its page in under 100 ms on the 2-core machine. Times the whole
//! `sancsr report` process, alone and with `--links` over a folder made by
//! `links --init` (every link read, none checkable).

#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::process::Command;

fn deployment() -> String {
    let list = |prefix: &str, domain: &str, n: usize| {
        (1..=n)
            .map(|i| format!("\"{prefix}{i}.{domain}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "features = [\"mobile-remote-access\", \"jabber-guest\", \"xmpp-federation\", \"business-to-business\"]\n\
         expressway_version = \"X15.5\"\n\
         [unified_cm]\nregistration_domains = [\"example.com\"]\n\
         phone_security_profiles = [\"secure.example.com\"]\nnodes = [{}]\n\
         version = \"15SU3\"\ncertificates = \"multi-server\"\n\
         [im_presence]\nchat_node_aliases = [\"chat.example.com\"]\nnodes = [{}]\n\
         version = \"15SU3\"\ncertificates = \"per-node\"\n\
         [xmpp_federation]\ndomains = [\"example.com\"]\n\
         [expressway_c]\ncluster_name = \"expc.example.com\"\npeers = [{}]\n\
         traversal_peer_addresses = [\"expe.example.com\"]\n\
         [expressway_e]\ncluster_name = \"expe.example.com\"\npeers = [{}]\n\
         tls_verify_subject_name = \"expc.example.com\"\n",
        list("cucm", "example.com", 8),
        list("imp", "example.com", 4),
        list("expc", "example.com", 6),
        list("expe", "example.com", 6),
    )
}

fn bench_report(c: &mut Criterion) {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let file = dir.path().join("estate.toml");
    std::fs::write(&file, deployment()).expect("write");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_sancsr"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout.len()
    };
    run(&["links", "estate.toml", "folder", "--init"]);
    let mut group = c.benchmark_group("report");
    group.sample_size(20);
    group.bench_function("6+6 peers, 8 Unified CM, 4 IM and Presence", |b| {
        b.iter(|| assert!(run(&["report", "estate.toml"]) > 50_000))
    });
    group.bench_function("the same, with --links over an empty estate folder", |b| {
        b.iter(|| assert!(run(&["report", "estate.toml", "--links", "folder"]) > 50_000))
    });
    group.finish();
}

criterion_group!(benches, bench_report);
criterion_main!(benches);
