//! sancsr's chain verdicts against OpenSSL's (issue #23). A generator
//! builds chains (root → intermediate → leaf, with rcgen) with random
//! faults: name-alike issuers with other keys, missing, extra and
//! reordered intermediates, expired and not-yet-valid CAs and leaves,
//! EKU-constrained intermediates, path length violations, CA:FALSE issuers,
//! issuers without keyCertSign, and cross-signed roots. For each chain,
//! `sancsr check --ca` on the Expressway-E's dual-EKU certificate (both
//! purposes verified) is compared with `openssl verify -auth_level 1
//! -purpose sslserver` and `-purpose sslclient` together (security level 1
//! is what OpenSSL 3 applies in a TLS handshake). SHA-1 intermediates,
//! which rcgen cannot sign, are one more case built with the openssl binary.
//!
//! Every disagreement is a bug, or a choice recorded in
//! `docs/cisco-rules.md` ("Chains … and OpenSSL") and listed in
//! [`CHOICES`]. CI runs a fixed seed and 200 chains;
//! `scripts/differential.sh SEED COUNT` runs a longer one.

use crate::common::sancsr;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose as Eku, IsCa, Issuer,
    KeyPair, KeyUsagePurpose as Ku,
};
use std::path::Path;
use time::{Duration, OffsetDateTime};

/// A fault the generator can put in a chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    None,
    /// The file carries a CA with the intermediate's name and another key
    /// instead of the intermediate.
    NameAlikeOnly,
    /// The file carries both the intermediate and a name-alike.
    NameAlikeBeside,
    /// The file carries the leaf alone.
    MissingIntermediate,
    /// The file carries an unrelated CA too.
    ExtraCertificate,
    /// The file lists root, then intermediate, after the leaf.
    Reordered,
    /// The intermediate expired yesterday.
    ExpiredIntermediate,
    /// The intermediate starts tomorrow.
    FutureIntermediate,
    /// The leaf expired yesterday.
    ExpiredLeaf,
    /// The leaf starts tomorrow.
    FutureLeaf,
    /// The intermediate allows serverAuth only.
    ServerOnlyIntermediate,
    /// The intermediate allows clientAuth only.
    ClientOnlyIntermediate,
    /// The root allows no intermediate (path length 0).
    PathLenZeroRoot,
    /// The intermediate is not a CA (CA:FALSE).
    NotCaIntermediate,
    /// The intermediate's key usage lacks keyCertSign.
    NoCertSignIntermediate,
    /// The trusted root is another one that cross-signed the real root;
    /// the file carries the cross-certificate.
    CrossSigned,
    /// The trusted root is another one, and no cross-certificate.
    WrongRoot,
}

const FAULTS: [Fault; 17] = [
    Fault::None,
    Fault::NameAlikeOnly,
    Fault::NameAlikeBeside,
    Fault::MissingIntermediate,
    Fault::ExtraCertificate,
    Fault::Reordered,
    Fault::ExpiredIntermediate,
    Fault::FutureIntermediate,
    Fault::ExpiredLeaf,
    Fault::FutureLeaf,
    Fault::ServerOnlyIntermediate,
    Fault::ClientOnlyIntermediate,
    Fault::PathLenZeroRoot,
    Fault::NotCaIntermediate,
    Fault::NoCertSignIntermediate,
    Fault::CrossSigned,
    Fault::WrongRoot,
];

/// Where sancsr and OpenSSL disagree on purpose, with the reason in
/// `docs/cisco-rules.md`. Empty: they agree on every fault.
const CHOICES: &[(Fault, &str)] = &[];

/// The seed CI runs (the day this test was written).
const SEED: u64 = 20_261_202;

/// A small deterministic generator (xorshift64*), so a seed replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// The Expressway-E of the check deployment: its planned names.
const NAMES: [&str; 3] = [
    "expe.example.com",
    "expe1.example.com",
    "collab-edge.example.com",
];

fn ca(name: &str, days: (i64, i64)) -> CertificateParams {
    let mut p = CertificateParams::default();
    p.distinguished_name.push(DnType::CommonName, name);
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages = vec![Ku::KeyCertSign, Ku::CrlSign];
    let now = OffsetDateTime::now_utc();
    p.not_before = now + Duration::days(days.0);
    p.not_after = now + Duration::days(days.1);
    p
}

/// One chain with one fault: the file (leaf first) and the trust list.
struct Built {
    file: String,
    trusted: String,
}

fn build(fault: Fault, serial: u64) -> Built {
    let root_key = KeyPair::generate().expect("key");
    let mut root = ca(&format!("Diff Root {serial}"), (-10, 3650));
    if fault == Fault::PathLenZeroRoot {
        root.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    }
    let root_pem = root.self_signed(&root_key).expect("root").pem();
    let root_issuer = Issuer::from_params(&root, &root_key);
    let inter_key = KeyPair::generate().expect("key");
    let inter = intermediate(fault, serial);
    let inter_pem = inter
        .signed_by(&inter_key, &root_issuer)
        .expect("inter")
        .pem();
    let leaf = leaf_params(fault);
    let leaf_key = KeyPair::generate().expect("key");
    let inter_issuer = Issuer::from_params(&inter, &inter_key);
    let leaf_pem = leaf
        .signed_by(&leaf_key, &inter_issuer)
        .expect("leaf")
        .pem();
    let alike = || {
        let key = KeyPair::generate().expect("key");
        intermediate(Fault::None, serial)
            .signed_by(&key, &root_issuer)
            .expect("alike")
            .pem()
    };
    let other_root = || {
        let key = KeyPair::generate().expect("key");
        (ca(&format!("Diff Other {serial}"), (-10, 3650)), key)
    };
    let (file, trusted) = match fault {
        Fault::NameAlikeOnly => (vec![leaf_pem, alike()], root_pem),
        Fault::NameAlikeBeside => (vec![leaf_pem, alike(), inter_pem], root_pem),
        Fault::MissingIntermediate => (vec![leaf_pem], root_pem),
        Fault::ExtraCertificate => {
            let (p, k) = other_root();
            (
                vec![leaf_pem, inter_pem, p.self_signed(&k).expect("o").pem()],
                root_pem,
            )
        }
        Fault::Reordered => (vec![leaf_pem, root_pem.clone(), inter_pem], root_pem),
        Fault::CrossSigned => {
            let (other, key) = other_root();
            let other_pem = other.self_signed(&key).expect("other").pem();
            let other_issuer = Issuer::from_params(&other, &key);
            let cross = root
                .signed_by(&root_key, &other_issuer)
                .expect("cross")
                .pem();
            (vec![leaf_pem, inter_pem, cross], other_pem)
        }
        Fault::WrongRoot => {
            let (other, key) = other_root();
            (
                vec![leaf_pem, inter_pem],
                other.self_signed(&key).expect("o").pem(),
            )
        }
        _ => (vec![leaf_pem, inter_pem], root_pem),
    };
    Built {
        file: file.concat(),
        trusted,
    }
}

fn intermediate(fault: Fault, serial: u64) -> CertificateParams {
    let days = match fault {
        Fault::ExpiredIntermediate => (-30, -1),
        Fault::FutureIntermediate => (1, 300),
        _ => (-10, 1000),
    };
    let mut p = ca(&format!("Diff Issuing {serial}"), days);
    match fault {
        Fault::ServerOnlyIntermediate => p.extended_key_usages = vec![Eku::ServerAuth],
        Fault::ClientOnlyIntermediate => p.extended_key_usages = vec![Eku::ClientAuth],
        Fault::NotCaIntermediate => p.is_ca = IsCa::ExplicitNoCa,
        Fault::NoCertSignIntermediate => p.key_usages = vec![Ku::DigitalSignature],
        _ => {}
    }
    p
}

fn leaf_params(fault: Fault) -> CertificateParams {
    let names: Vec<String> = NAMES.iter().map(|n| (*n).to_owned()).collect();
    let mut p = CertificateParams::new(names).expect("names");
    p.distinguished_name.push(DnType::CommonName, NAMES[0]);
    p.extended_key_usages = vec![Eku::ServerAuth, Eku::ClientAuth];
    p.key_usages = vec![Ku::DigitalSignature];
    let days = match fault {
        Fault::ExpiredLeaf => (-30, -1),
        Fault::FutureLeaf => (1, 300),
        _ => (-1, 300),
    };
    let now = OffsetDateTime::now_utc();
    p.not_before = now + Duration::days(days.0);
    p.not_after = now + Duration::days(days.1);
    p
}

/// sancsr's verdict: `check --ca` exits 0 (no error finding).
fn sancsr_ok(dir: &Path) -> bool {
    let out = sancsr()
        .arg("check")
        .arg(crate::common::fixture("differential.toml"))
        .arg(dir.join("file.pem"))
        .arg("--ca")
        .arg(dir.join("trusted.pem"))
        .output()
        .expect("runs");
    match out.status.code() {
        Some(0) => true,
        Some(1) => false,
        other => panic!(
            "check exited {other:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

/// OpenSSL's verdict for both purposes: the leaf with the rest of the file
/// as untrusted certificates.
fn openssl_ok(dir: &Path, built: &Built) -> bool {
    let blocks: Vec<&str> = built
        .file
        .split_inclusive("-----END CERTIFICATE-----\n")
        .collect();
    std::fs::write(dir.join("leaf.pem"), blocks[0]).expect("write");
    std::fs::write(dir.join("rest.pem"), blocks[1..].concat()).expect("write");
    ["sslserver", "sslclient"].iter().all(|purpose| {
        // Security level 1, as OpenSSL 3 applies it in a TLS handshake
        // (plain `openssl verify` has none, and accepts SHA-1 CAs).
        let mut args = vec!["-auth_level".into(), "1".into(), "-purpose".into()];
        args.extend([(*purpose).into(), "-CAfile".into(), dir.join("trusted.pem")]);
        if blocks.len() > 1 {
            args.extend(["-untrusted".into(), dir.join("rest.pem")]);
        }
        args.push(dir.join("leaf.pem"));
        crate::common::openssl_verifies::<std::path::PathBuf>(&args)
    })
}

/// Runs `count` chains from `seed`; returns the disagreements that are not
/// recorded choices.
pub(crate) fn run(seed: u64, count: u64) -> Vec<String> {
    let mut rng = Rng(seed.max(1));
    let dir = tempfile::tempdir().expect("tempdir");
    let mut disagreements = Vec::new();
    for serial in 0..count {
        let fault = rng.pick(&FAULTS);
        let built = build(fault, serial);
        std::fs::write(dir.path().join("file.pem"), &built.file).expect("write");
        std::fs::write(dir.path().join("trusted.pem"), &built.trusted).expect("write");
        let (ours, theirs) = (sancsr_ok(dir.path()), openssl_ok(dir.path(), &built));
        let chosen = CHOICES.iter().any(|(f, _)| *f == fault);
        if ours != theirs && !chosen {
            disagreements.push(format!(
                "chain {serial} ({fault:?}): sancsr {ours}, openssl {theirs}"
            ));
        }
    }
    disagreements
}

#[test]
fn sancsr_and_openssl_agree_on_200_chains() {
    let seed = std::env::var("SANCSR_DIFF_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEED);
    let count = std::env::var("SANCSR_DIFF_COUNT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let disagreements = run(seed, count);
    assert!(
        disagreements.is_empty(),
        "seed {seed}: {} disagreement(s): {disagreements:#?}",
        disagreements.len()
    );
}

#[test]
fn every_fault_is_generated_by_the_fixed_seed() {
    let mut rng = Rng(SEED);
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..200 {
        seen.insert(format!("{:?}", rng.pick(&FAULTS)));
    }
    assert_eq!(seen.len(), FAULTS.len(), "{seen:?}");
}

/// A SHA-1 intermediate (built by the openssl binary): sancsr refuses it
/// (`weak-chain-digest`), and so does OpenSSL at the security level it
/// applies in TLS; plain `openssl verify` would accept it.
#[test]
fn a_sha1_intermediate_is_refused_by_both() {
    use crate::pki::{Key, Pki};
    let pki = Pki::new();
    pki.check_deployment("csr");
    pki.root("root", Key::Rsa, "sha256", 3650);
    pki.intermediate("weak", "root", Key::Rsa, "sha1", 3000);
    let leaf = pki.leaf(
        &pki.path("csr/expe1.example.com.csr"),
        "weak",
        "sha256",
        100,
        "leaf.pem",
    );
    let chain = pki.concat(&[&leaf, &pki.path("weak.pem")], "chain.pem");
    let out = sancsr()
        .arg("check")
        .arg(pki.path("deployment.toml"))
        .arg(&chain)
        .arg("--ca")
        .arg(pki.path("root.pem"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("weak-chain-digest"));
    let (root, weak) = (pki.path("root.pem"), pki.path("weak.pem"));
    let openssl = |level: &[&str]| {
        let mut args: Vec<&str> = level.to_vec();
        let paths = [root.as_path(), weak.as_path(), leaf.as_path()];
        let [root, weak, leaf] = paths.map(|p| p.to_str().expect("utf8"));
        args.extend([
            "-purpose",
            "sslserver",
            "-CAfile",
            root,
            "-untrusted",
            weak,
            leaf,
        ]);
        crate::common::openssl_verifies(&args)
    };
    assert!(!openssl(&["-auth_level", "1"]), "refused at TLS's level");
    assert!(openssl(&[]), "accepted by plain openssl verify");
}
