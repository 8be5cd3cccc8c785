//! Reading a PKCS#7 bundle grows like reading PEM (issue #23): 20,000
//! certificates, each issued by the next, listed with the leaf last (the
//! order that made the old leaf-first ordering quadratic), read from a
//! PKCS#7 bundle and from a PEM file of the same certificates in the same
//! order. The bundle is written by `openssl crl2pkcs7`.

#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use sancsr::CaPool;
use std::hint::black_box;
use std::path::Path;

/// `n` certificates, certificate i issued by certificate i + 1 (the last
/// self-signed), in PEM, leaf last.
fn chain_pem(n: usize) -> String {
    let keys: Vec<rcgen::KeyPair> = (0..n)
        .map(|_| rcgen::KeyPair::generate().expect("key"))
        .collect();
    let params = |i: usize| {
        let mut p = rcgen::CertificateParams::default();
        p.distinguished_name
            .push(rcgen::DnType::CommonName, format!("Bundle bench {i}"));
        p.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        p
    };
    let mut pems = vec![String::new(); n];
    pems[n - 1] = params(n - 1).self_signed(&keys[n - 1]).expect("root").pem();
    for i in (0..n - 1).rev() {
        let issuer_params = params(i + 1);
        let issuer = rcgen::Issuer::from_params(&issuer_params, &keys[i + 1]);
        pems[i] = params(i).signed_by(&keys[i], &issuer).expect("cert").pem();
    }
    pems.reverse();
    pems.concat()
}

fn bundle(pem: &Path, out: &Path) {
    let status = std::process::Command::new("openssl")
        .args(["crl2pkcs7", "-nocrl", "-outform", "DER", "-certfile"])
        .arg(pem)
        .arg("-out")
        .arg(out)
        .status()
        .expect("openssl runs");
    assert!(status.success());
}

fn bench_pkcs7(c: &mut Criterion) {
    let n = 20_000;
    let dir = tempfile::TempDir::new().expect("tempdir");
    let pem = dir.path().join("chain.pem");
    std::fs::write(&pem, chain_pem(n)).expect("write");
    let p7b = dir.path().join("chain.p7b");
    bundle(&pem, &p7b);
    let mut group = c.benchmark_group("pkcs7");
    group.sample_size(10);
    for (name, file) in [("PEM", &pem), ("PKCS#7", &p7b)] {
        let inputs = vec![file.to_string_lossy().into_owned()];
        group.bench_function(format!("read 20,000 chained certificates, {name}"), |b| {
            b.iter(|| {
                let (pool, _) = CaPool::load(black_box(&inputs)).expect("reads");
                assert_eq!(pool.len(), n);
                black_box(pool)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_pkcs7);
criterion_main!(benches);
