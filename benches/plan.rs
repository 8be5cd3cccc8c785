//! Planning speed: a deployment with many additional names must plan in
//! linear time (issue: 10,000 names well under 100 ms).

#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use sancsr::Deployment;
use sancsr::Plan;
use std::hint::black_box;

fn deployment_with(additional: usize) -> String {
    let names: Vec<String> = (0..additional)
        .map(|i| format!("\"host{i}.example.com\""))
        .collect();
    format!(
        "features = [\"mobile-remote-access\", \"xmpp-federation\"]\n\
         [unified_cm]\nregistration_domains = [\"example.com\"]\n\
         [im_presence]\nchat_node_aliases = [\"chatnode1.example.com\"]\n\
         [xmpp_federation]\ndomains = [\"example.com\"]\n\
         [expressway_e]\ncluster_name = \"expe.example.com\"\n\
         peers = [\"expe1.example.com\", \"expe2.example.com\"]\n\
         additional_names = [{}]\n",
        names.join(", ")
    )
}

fn bench_plan(c: &mut Criterion) {
    let mut group = c.benchmark_group("plan");
    group.sample_size(10);
    for n in [100, 10_000, 100_000] {
        let text = deployment_with(n);
        group.bench_function(format!("load+plan {n} additional names"), |b| {
            b.iter(|| {
                let d = Deployment::parse("bench.toml", black_box(&text)).expect("valid");
                black_box(Plan::build(&d))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_plan);
criterion_main!(benches);
