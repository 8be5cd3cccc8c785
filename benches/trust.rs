//! Reading a trust directory: 10,000 CA certificates read (PEM, one file
//! each) and indexed by subject in under a second (issue #13).

#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use sancsr::CaPool;
use std::hint::black_box;

/// A directory of `n` self-signed CA certificates (P-256), one per file:
/// the worst case, since a self-signed certificate's signature is checked.
fn trust_dir(n: usize) -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let key = rcgen::KeyPair::generate().expect("key");
    for i in 0..n {
        let mut params = rcgen::CertificateParams::default();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, format!("Trust bench CA {i}"));
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let pem = params.self_signed(&key).expect("certificate").pem();
        std::fs::write(dir.path().join(format!("ca{i:05}.pem")), pem).expect("write");
    }
    dir
}

fn bench_trust(c: &mut Criterion) {
    let mut group = c.benchmark_group("trust");
    group.sample_size(10);
    let dir = trust_dir(10_000);
    let inputs = vec![dir.path().to_string_lossy().into_owned()];
    group.bench_function("read and index 10,000 CA certificates", |b| {
        b.iter(|| {
            let (pool, _) = CaPool::load(black_box(&inputs)).expect("reads");
            assert_eq!(pool.len(), 10_000);
            black_box(pool)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_trust);
criterion_main!(benches);
