//! Every finding code has a fixture that raises it and a close variant that
//! does not, in the manner of zlint's good and bad test data: a code that
//! can no longer fire, or fires where it should not, fails here.
//!
//! The plan codes' fixtures are deployment files in
//! `tests/fixtures/codes/plan/` (`<code>.raise.toml`, `<code>.clear.toml`);
//! the others are built at test time (certificates signed by a test CA, a
//! links tree, loopback servers), each pair by one function below.

use crate::common::{check_codes, fixture, sancsr};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

type Codes = BTreeSet<String>;

/// What a pair of fixtures raised: the fixture's codes, the variant's.
type Pair = (Codes, Codes);

/// A code and the function that builds and runs its pair.
type Case = (&'static str, fn() -> Pair);

/// The codes `sancsr rules --format json` declares.
fn declared() -> Vec<String> {
    let out = sancsr()
        .args(["rules", "--format", "json"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    v["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .map(|c| c["code"].as_str().expect("code").to_owned())
        .collect()
}

/// The codes of a JSON report's findings (`findings` at the top).
fn codes_of(stdout: &[u8], stderr: &[u8]) -> Codes {
    let v: serde_json::Value = serde_json::from_slice(stdout)
        .unwrap_or_else(|e| panic!("no JSON report ({e}): {}", String::from_utf8_lossy(stderr)));
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().expect("code").to_owned())
        .collect()
}

/// The codes `plan --format json` raises for a deployment file.
fn plan_codes(path: &Path) -> Codes {
    let out = sancsr()
        .arg("plan")
        .arg(path)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    codes_of(&out.stdout, &out.stderr)
}

/// The `severity[code]` labels a command wrote to standard error.
fn stderr_codes(stderr: &[u8]) -> Codes {
    let text = String::from_utf8_lossy(stderr);
    text.lines()
        .filter_map(|l| l.split_once('[')?.1.split_once(']'))
        .map(|(code, _)| code.to_owned())
        .collect()
}

/// The plan fixtures: every `<code>.raise.toml` with its `.clear.toml`.
fn plan_fixtures() -> Vec<String> {
    let dir = fixture("codes/plan");
    let mut codes: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".raise.toml").map(str::to_owned)
        })
        .collect();
    codes.sort();
    codes
}

/// The non-plan pairs, by code.
fn built_pairs() -> Vec<Case> {
    let mut all = check_pairs();
    all.extend(chain_pairs());
    all.extend(other_pairs());
    all
}

#[test]
fn every_code_has_a_raising_fixture_and_a_clearing_variant() {
    let mut covered: BTreeSet<String> = plan_fixtures().into_iter().collect();
    for name in &covered {
        let clear = fixture(&format!("codes/plan/{name}.clear.toml"));
        assert!(clear.is_file(), "{name} has no clear.toml");
    }
    covered.extend(built_pairs().iter().map(|(c, _)| (*c).to_owned()));
    let missing: Vec<String> = declared()
        .into_iter()
        .filter(|c| !covered.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a fixture pair: {missing:?}"
    );
    let declared: BTreeSet<String> = self::declared().into_iter().collect();
    let stale: Vec<&String> = covered.iter().filter(|c| !declared.contains(*c)).collect();
    assert!(
        stale.is_empty(),
        "fixtures for codes not declared: {stale:?}"
    );
}

#[test]
fn each_plan_fixture_raises_its_code_and_its_variant_does_not() {
    for code in plan_fixtures() {
        let raise = plan_codes(&fixture(&format!("codes/plan/{code}.raise.toml")));
        let clear = plan_codes(&fixture(&format!("codes/plan/{code}.clear.toml")));
        assert!(
            raise.contains(&code),
            "{code}: the fixture raised {raise:?}"
        );
        assert!(!clear.contains(&code), "{code}: the variant raised it too");
    }
}

/// Runs the pairs whose code is in `group`, and checks each.
fn run_group(group: Vec<Case>) {
    for (code, pair) in group {
        let (raise, clear) = pair();
        assert!(raise.contains(code), "{code}: the fixture raised {raise:?}");
        assert!(
            !clear.contains(code),
            "{code}: the variant raised it too: {clear:?}"
        );
    }
}

#[test]
fn each_check_fixture_raises_its_code_and_its_variant_does_not() {
    run_group(check_pairs());
}

#[test]
fn each_chain_fixture_raises_its_code_and_its_variant_does_not() {
    run_group(chain_pairs());
}

#[test]
fn each_other_fixture_raises_its_code_and_its_variant_does_not() {
    run_group(other_pairs());
}

// --- check: a sancsr CSR signed by a test CA, changed one way ----------

/// The check deployment (`tests/fixtures/check.toml`, X15.5) with its CSRs,
/// and a test CA.
fn lab() -> crate::check::Setup {
    crate::check::Setup::new("X15.5")
}

/// `check --format json` of `file` against the lab's deployment.
fn check(lab: &crate::check::Setup, file: &Path, args: &[&str]) -> Codes {
    let (_, codes) = check_codes(&lab.path("deployment.toml"), file, args);
    codes.into_iter().collect()
}

/// A certificate for expe1 changed by `edit`, and the unchanged one, each
/// checked with `args`.
fn issued(edit: fn(&mut crate::common::Issue), args: &[&str]) -> Pair {
    let lab = lab();
    let bad = lab.issue("expe1.example.com", "bad", edit);
    let good = lab.issue("expe1.example.com", "good", |_| {});
    (check(&lab, &bad, args), check(&lab, &good, args))
}

/// The planned names of expe1's certificate, dNSName only.
const E_NAMES: [&str; 3] = [
    "expe.example.com",
    "expe1.example.com",
    "collab-edge.example.com",
];

fn names(issue: &mut crate::common::Issue, names: &[&str]) {
    issue.copy_sans = false;
    issue.dns = names.iter().map(|n| (*n).to_owned()).collect();
}

fn check_pairs() -> Vec<Case> {
    vec![
        ("missing-san", || issued(|i| names(i, &E_NAMES[..2]), &[])),
        ("unexpected-san", || {
            issued(
                |i| names(i, &[E_NAMES[0], E_NAMES[1], E_NAMES[2], "x.example.com"]),
                &[],
            )
        }),
        ("cn-mismatch", || {
            issued(|i| i.common_name = "expe1.example.com".into(), &[])
        }),
        ("subject-mismatch", subject_mismatch_pair),
        ("missing-cn", || {
            issued(
                |i| i.common_name = String::new(),
                &["--peer", "expe1.example.com"],
            )
        }),
        ("wildcard", || {
            issued(
                |i| names(i, &[E_NAMES[0], E_NAMES[1], E_NAMES[2], "*.example.com"]),
                &[],
            )
        }),
        ("missing-server-auth", || {
            issued(
                |i| i.eku = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth],
                &[],
            )
        }),
        ("missing-client-auth", client_auth_pair),
        ("expired", || {
            issued(
                |i| i.not_after = time::OffsetDateTime::now_utc() - time::Duration::days(1),
                &[],
            )
        }),
        ("not-yet-valid", || {
            issued(
                |i| i.not_before = time::OffsetDateTime::now_utc() + time::Duration::days(2),
                &[],
            )
        }),
        ("long-validity", || {
            issued(
                |i| i.not_after = i.not_before + time::Duration::days(500),
                &[],
            )
        }),
        ("key-mismatch", key_mismatch_pair),
        ("no-matching-peer", no_matching_peer_pair),
        ("ca-as-leaf", ca_as_leaf_pair),
        ("self-signed", || {
            openssl_pair("self-signed", "rsa:2048", "-sha256")
        }),
        ("weak-key", || {
            openssl_pair("weak-key", "rsa:1024", "-sha256")
        }),
        ("large-key", || {
            openssl_pair("large-key", "rsa:4104", "-sha256")
        }),
        ("weak-digest", || {
            openssl_pair("weak-digest", "rsa:2048", "-sha1")
        }),
        ("bad-signature", bad_signature_pair),
        ("repeated-extension", repeated_extension_pair),
        ("misencoded-othername", misencoded_othername_pair),
        ("nul-in-name", nul_in_name_pair),
    ]
}

/// The Expressway-C's certificate without clientAuth, and with it.
fn client_auth_pair() -> Pair {
    let lab = lab();
    let peer = "expc1.example.local";
    let bad = lab.issue(peer, "bad", |i| {
        i.eku = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    });
    let good = lab.issue(peer, "good", |_| {});
    (check(&lab, &bad, &[]), check(&lab, &good, &[]))
}

/// expe1's certificate against another peer's key, and its own.
fn key_mismatch_pair() -> Pair {
    let lab = lab();
    let cert = lab.issue("expe1.example.com", "e", |_| {});
    let other = lab.path("expc1.example.local.key");
    let own = lab.path("expe1.example.com.key");
    let (other, own) = (other.to_str().expect("utf8"), own.to_str().expect("utf8"));
    (
        check(&lab, &cert, &["--key", other]),
        check(&lab, &cert, &["--key", own]),
    )
}

/// A certificate for a box the deployment lacks, and one for expe1.
fn no_matching_peer_pair() -> Pair {
    issued(
        |i| {
            i.common_name = "other.example.com".into();
            names(i, &["other.example.com"]);
        },
        &[],
    )
}

/// The test CA's own certificate, and a leaf it signed.
fn ca_as_leaf_pair() -> Pair {
    let lab = lab();
    let ca = lab.path("ca.pem");
    std::fs::write(&ca, &lab.ca.pem).expect("write");
    let good = lab.issue("expe1.example.com", "good", |_| {});
    (check(&lab, &ca, &[]), check(&lab, &good, &[]))
}

/// A certificate made by `openssl req -x509` for expe1 with `newkey` and
/// `digest` (self-signed, so `self-signed` too), against a CA-signed one
/// with a P-256 key and SHA-256.
fn openssl_pair(name: &str, newkey: &str, digest: &str) -> Pair {
    let lab = lab();
    let dir = lab.path("");
    let out = crate::common::expe_self_signed(&dir, name, &["-newkey", newkey, digest]);
    let good = lab.issue("expe1.example.com", "good", |_| {});
    (check(&lab, &out, &[]), check(&lab, &good, &[]))
}

/// expe1's CSR (planned without subject fields) against the deployment
/// with an O added, and against its own.
fn subject_mismatch_pair() -> Pair {
    let lab = lab();
    let text = std::fs::read_to_string(lab.path("deployment.toml")).expect("deployment");
    let with_o = lab.path("with-o.toml");
    std::fs::write(
        &with_o,
        format!("{text}\n[subject]\norganization = \"Example\"\n"),
    )
    .expect("write");
    let csr = lab.path("expe1.example.com.csr");
    let (_, raised) = check_codes(&with_o, &csr, &[]);
    (raised.into_iter().collect(), check(&lab, &csr, &[]))
}

/// expe1's CSR with one bit of its signature flipped, and the CSR as
/// generated: the issue's reproduction (a signature forced "valid" passed
/// every test before this pair).
fn bad_signature_pair() -> Pair {
    let lab = lab();
    let csr = lab.csr("expe1.example.com");
    let block = pem::parse(&csr).expect("pem");
    let mut der = block.contents().to_vec();
    let last = der.len() - 1;
    der[last] ^= 0x01;
    let broken = lab.path("broken.csr");
    std::fs::write(
        &broken,
        pem::encode(&pem::Pem::new("CERTIFICATE REQUEST", der)),
    )
    .expect("write");
    let intact = lab.path("expe1.example.com.csr");
    (check(&lab, &broken, &[]), check(&lab, &intact, &[]))
}

/// `check` of a self-signed e.example.com certificate, as the injection
/// tests build them, against a deployment of that one peer.
fn injected(sans: Vec<rcgen::SanType>, extra: Vec<rcgen::CustomExtension>) -> Codes {
    use crate::injection::with_extensions;
    let pem = with_extensions("e.example.com".into(), sans, extra);
    let (_, findings) = crate::injection::check(&pem);
    findings.into_iter().map(|(code, _)| code).collect()
}

fn repeated_extension_pair() -> Pair {
    use crate::injection::{SAN, dns, dns_name, general_names};
    let second = general_names(vec![dns_name("evil.example.com")]);
    let twice = vec![rcgen::CustomExtension::from_oid_content(SAN, second)];
    (
        injected(vec![dns("e.example.com")], twice),
        injected(vec![dns("e.example.com")], Vec::new()),
    )
}

fn misencoded_othername_pair() -> Pair {
    use crate::injection::{SAN, dns_name, general_names};
    use x509_cert::ext::pkix::name::{GeneralName, OtherName};
    let other = |tag: der::Tag| {
        let value = der::asn1::Any::new(tag, b"chat.example.com".to_vec()).expect("value");
        let xmpp = GeneralName::OtherName(OtherName {
            type_id: der::asn1::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.8.5"),
            value,
        });
        let san = general_names(vec![dns_name("e.example.com"), xmpp]);
        injected(
            Vec::new(),
            vec![rcgen::CustomExtension::from_oid_content(SAN, san)],
        )
    };
    (other(der::Tag::OctetString), other(der::Tag::Utf8String))
}

fn nul_in_name_pair() -> Pair {
    use crate::injection::dns;
    (
        injected(
            vec![dns("e.example.com"), dns("good.example.com\0.evil")],
            Vec::new(),
        ),
        injected(
            vec![dns("e.example.com"), dns("good.example.com")],
            Vec::new(),
        ),
    )
}

// --- chains: PKIs the openssl binary builds ----------------------------

fn chain_lab() -> crate::chains::Setup {
    crate::chains::Setup::new(crate::pki::Key::P256, crate::pki::Key::P256, "sha256", 3000)
}

/// `check` of `file` against the chain lab's deployment.
fn chain_check(s: &crate::chains::Setup, file: &Path, args: &[&str]) -> Codes {
    let (_, codes) = check_codes(&s.p("deployment.toml"), file, args);
    codes.into_iter().collect()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf8")
}

/// The leaf with the intermediate, checked against the root: the variant
/// every chain pair below clears with.
fn full_chain(s: &crate::chains::Setup) -> Codes {
    let chain = s
        .pki
        .concat(&[&s.p("leaf.pem"), &s.p("inter.pem")], "full.pem");
    chain_check(s, &chain, &["--ca", path_str(&s.p("root.pem"))])
}

fn chain_pairs() -> Vec<Case> {
    vec![
        ("chain-incomplete", || {
            let s = chain_lab();
            let alone = chain_check(&s, &s.p("leaf.pem"), &["--ca", path_str(&s.p("root.pem"))]);
            (alone, full_chain(&s))
        }),
        ("untrusted-chain", || {
            let s = chain_lab();
            s.pki.root("other", crate::pki::Key::P256, "sha256", 3650);
            let chain = s.pki.concat(
                &[&s.p("leaf.pem"), &s.p("inter.pem"), &s.p("root.pem")],
                "c.pem",
            );
            let other = chain_check(&s, &chain, &["--ca", path_str(&s.p("other.pem"))]);
            (other, full_chain(&s))
        }),
        ("chain-order", || {
            let s = chain_lab();
            let mixed = s.pki.concat(
                &[&s.p("leaf.pem"), &s.p("root.pem"), &s.p("inter.pem")],
                "mixed.pem",
            );
            let root = s.p("root.pem");
            (
                chain_check(&s, &mixed, &["--ca", path_str(&root)]),
                full_chain(&s),
            )
        }),
        ("ca-expires-first", || ca_dates_pair(false)),
        ("ca-expired", || ca_dates_pair(true)),
        ("ca-not-yet-valid", || {
            let s = chain_lab();
            let chain = s
                .pki
                .concat(&[&s.p("leaf.pem"), &s.p("inter.pem")], "c.pem");
            let root = s.p("root.pem");
            let before = (time::OffsetDateTime::now_utc() - time::Duration::days(2)).date();
            let before = before.to_string();
            let early = chain_check(&s, &chain, &["--ca", path_str(&root), "--now", &before]);
            (early, full_chain(&s))
        }),
        ("weak-chain-digest", weak_chain_digest_pair),
        ("trust-not-checked", || {
            let s = chain_lab();
            let chain = s
                .pki
                .concat(&[&s.p("leaf.pem"), &s.p("inter.pem")], "c.pem");
            (chain_check(&s, &chain, &[]), full_chain(&s))
        }),
        ("chain-signature", chain_signature_pair),
        ("name-alike-issuer", || off_path_pair(true)),
        ("off-path-certificate", || off_path_pair(false)),
        ("key-not-found", key_not_found_pair),
        ("partner-ca-missing", partner_ca_missing_pair),
    ]
}

/// An intermediate valid 10 days under a 100-day leaf: it expires first,
/// and in 20 days it has expired; a 3000-day one does neither.
fn ca_dates_pair(expired: bool) -> Pair {
    let s = crate::chains::Setup::new(crate::pki::Key::P256, crate::pki::Key::P256, "sha256", 10);
    let chain = s
        .pki
        .concat(&[&s.p("leaf.pem"), &s.p("inter.pem")], "c.pem");
    let root = s.p("root.pem");
    let later = (time::OffsetDateTime::now_utc() + time::Duration::days(20))
        .date()
        .to_string();
    let mut args = vec!["--ca", path_str(&root)];
    if expired {
        args.extend(["--now", later.as_str()]);
    }
    let short = chain_check(&s, &chain, &args);
    let long = chain_lab();
    let chain = long
        .pki
        .concat(&[&long.p("leaf.pem"), &long.p("inter.pem")], "c.pem");
    let root = long.p("root.pem");
    let mut args = vec!["--ca", path_str(&root)];
    if expired {
        args.extend(["--now", later.as_str()]);
    }
    (short, chain_check(&long, &chain, &args))
}

/// A leaf under an intermediate signed with SHA-1, and under one signed
/// with SHA-256.
fn weak_chain_digest_pair() -> Pair {
    let s = crate::chains::Setup::new(crate::pki::Key::Rsa, crate::pki::Key::Rsa, "sha256", 3000);
    s.pki
        .intermediate("weak", "root", crate::pki::Key::Rsa, "sha1", 3000);
    let csr = s.p("csr/expe1.example.com.csr");
    s.pki.leaf(&csr, "weak", "sha256", 100, "leaf-weak.pem");
    let chain = s
        .pki
        .concat(&[&s.p("leaf-weak.pem"), &s.p("weak.pem")], "weak-chain.pem");
    let root = s.p("root.pem");
    (
        chain_check(&s, &chain, &["--ca", path_str(&root)]),
        full_chain(&s),
    )
}

/// Without `--ca`, the leaf with an intermediate of the same name but
/// another key, and with its own intermediate.
fn chain_signature_pair() -> Pair {
    let s = chain_lab();
    let other = crate::pki::Pki::new();
    other.root("r2", crate::pki::Key::P256, "sha256", 3650);
    other.intermediate("inter", "r2", crate::pki::Key::P256, "sha256", 3000);
    let forged = s
        .pki
        .concat(&[&s.p("leaf.pem"), &other.path("inter.pem")], "forged.pem");
    let own = s
        .pki
        .concat(&[&s.p("leaf.pem"), &s.p("inter.pem")], "own.pem");
    (chain_check(&s, &forged, &[]), chain_check(&s, &own, &[]))
}

/// The leaf and its intermediate with a third certificate: a root with
/// the real root's name and another key (`name-alike`), or an unrelated
/// root; and with the real root.
fn off_path_pair(name_alike: bool) -> Pair {
    let s = chain_lab();
    let other = crate::pki::Pki::new();
    let name = if name_alike { "root" } else { "unrelated" };
    other.root(name, crate::pki::Key::P256, "sha256", 3650);
    let third = other.path(&format!("{name}.pem"));
    let root = s.p("root.pem");
    let with = s
        .pki
        .concat(&[&s.p("leaf.pem"), &s.p("inter.pem"), &third], "with.pem");
    let real = s
        .pki
        .concat(&[&s.p("leaf.pem"), &s.p("inter.pem"), &root], "real.pem");
    (
        chain_check(&s, &with, &["--ca", path_str(&root)]),
        chain_check(&s, &real, &["--ca", path_str(&root)]),
    )
}

/// `bundle` with a key folder that lacks the keys, and with the right one.
fn key_not_found_pair() -> Pair {
    let pki = crate::bundle::setup();
    std::fs::create_dir(pki.path("empty")).expect("mkdir");
    let run = |keys: &str, out: &str| {
        let out = sancsr()
            .args(["bundle", "deployment.toml"])
            .args(crate::bundle::responses())
            .args(["--key-dir", keys, "--out-dir", out, "--ca", "root.pem"])
            .current_dir(pki.dir.path())
            .output()
            .expect("runs");
        stderr_codes(&out.stderr)
    };
    (run("empty", "upload-a"), run("keys", "upload-b"))
}

/// `bundle` of the Expressway-C's responses alone (the Expressway-E's CA
/// is then missing from their lists), and of every response.
fn partner_ca_missing_pair() -> Pair {
    let pki = crate::bundle::setup();
    let run = |responses: Vec<String>, out: &str| {
        let out = sancsr()
            .args(["bundle", "deployment.toml"])
            .args(responses)
            .args(["--key-dir", "keys", "--out-dir", out, "--ca", "root.pem"])
            .current_dir(pki.dir.path())
            .output()
            .expect("runs");
        stderr_codes(&out.stderr)
    };
    let c_only: Vec<String> = crate::bundle::responses()
        .into_iter()
        .filter(|r| r.starts_with("expc"))
        .collect();
    (
        run(c_only, "upload-a"),
        run(crate::bundle::responses(), "upload-b"),
    )
}

// --- export, trust, links, probe ----------------------------------------

/// `export ARGS` of a deployment text: the codes it warned of.
fn export_with(text: &str, args: &[&str]) -> Codes {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().join("d.toml");
    std::fs::write(&d, text).expect("write");
    let out = sancsr()
        .arg("export")
        .arg(&d)
        .args(args)
        .arg("--out-dir")
        .arg(dir.path().join("out"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stderr_codes(&out.stderr)
}

/// `export --to TARGET` of a deployment text: the codes it warned of.
fn export(text: &str, target: &str) -> Codes {
    export_with(text, &["--to", target])
}

/// An Expressway-E whose registration domains are written `format`.
fn edge(format: &str, digest: &str) -> String {
    format!(
        "features = [\"mobile-remote-access\"]\n[unified_cm]\nregistration_domains = \
         [\"example.com\"]\n[expressway_e]\npeers = [\"expe.example.com\"]\n\
         registration_domain_format = \"{format}\"\n[key]\ndigest = \"{digest}\"\n"
    )
}

fn other_pairs() -> Vec<Case> {
    vec![
        ("certreq-no-othername", || {
            (
                export(&edge("srv", "sha256"), "certreq"),
                export(&edge("dns", "sha256"), "certreq"),
            )
        }),
        ("certreq-no-template", || {
            let text = edge("dns", "sha256");
            (
                export_with(&text, &["--to", "certreq"]),
                export_with(&text, &["--to", "certreq", "--template", "ExpresswaySC"]),
            )
        }),
        ("cfssl-no-othername", || {
            (
                export(&edge("srv", "sha256"), "cfssl"),
                export(&edge("dns", "sha256"), "cfssl"),
            )
        }),
        ("cfssl-no-key-usage", || {
            (
                export(&edge("dns", "sha256"), "cfssl"),
                export(&edge("dns", "sha256"), "openssl"),
            )
        }),
        ("cfssl-digest", || {
            (
                export(&edge("dns", "sha384"), "cfssl"),
                export(&edge("dns", "sha256"), "cfssl"),
            )
        }),
        ("duplicate-self-signed-cn", duplicate_self_signed_pair),
        ("duplicate-ca-cn", duplicate_ca_pair),
        ("missing-key-usage", missing_key_usage_pair),
        ("node-not-in-san", || node_pair("cucm2.example.local")),
        ("node-without-certificate", || {
            node_pair("cucm9.example.local")
        }),
        ("skipped", skipped_pair),
        ("unusable-self-signed", unusable_self_signed_pair),
        ("not-checked", not_checked_pair),
        ("name-mismatch", name_mismatch_pair),
        ("unreachable", unreachable_pair),
        ("expires-soon", expires_soon_pair),
        ("handshake-stopped", handshake_stopped_pair),
        ("different-certificates", || lab_pair(true, false)),
        ("stale-certificate", || lab_pair(false, true)),
    ]
}

/// `trust --format json` of files written into a fresh folder.
fn trust(files: &[(&str, String)], args: &[&str]) -> Codes {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut paths: Vec<PathBuf> = Vec::new();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        paths.push(path);
    }
    let out = sancsr()
        .arg("trust")
        .args(&paths)
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    codes_of(&out.stdout, &out.stderr)
}

fn duplicate_self_signed_pair() -> Pair {
    use crate::trust::Spec;
    let a = Spec::service("cucm1.example.local", &["cucm1.example.local"]).self_signed();
    let b = Spec::service("cucm1.example.local", &["cucm1.example.local"]).self_signed();
    let c = Spec::service("cucm2.example.local", &["cucm2.example.local"]).self_signed();
    (
        trust(&[("a.pem", a.clone()), ("b.pem", b)], &[]),
        trust(&[("a.pem", a), ("c.pem", c)], &[]),
    )
}

fn duplicate_ca_pair() -> Pair {
    use crate::trust::ca_root;
    (
        trust(
            &[
                ("old.pem", ca_root("Example Root CA", true)),
                ("new.pem", ca_root("Example Root CA", true)),
            ],
            &[],
        ),
        trust(
            &[
                ("old.pem", ca_root("Example Root CA", true)),
                ("new.pem", ca_root("Other Root CA", true)),
            ],
            &[],
        ),
    )
}

/// A self-signed RSA service certificate without Key Encipherment, and
/// with it (the usages are checked for RSA keys).
fn missing_key_usage_pair() -> Pair {
    use crate::trust::Spec;
    let mut bare = Spec::service("cucm1.example.local", &["cucm1.example.local"]);
    bare.ku = vec![rcgen::KeyUsagePurpose::DigitalSignature];
    let full = Spec::service("cucm1.example.local", &["cucm1.example.local"]);
    (
        trust(&[("cm.pem", bare.self_signed())], &[]),
        trust(&[("cm.pem", full.self_signed())], &[]),
    )
}

/// A CA-signed cucm1 certificate, with `--node NODE` and with `--node
/// cucm1.example.local`.
fn node_pair(node: &str) -> Pair {
    use crate::trust::{Spec, ca_and_leaf};
    let (ca, leaf) = ca_and_leaf(&Spec::service(
        "cucm1.example.local",
        &["cucm1.example.local"],
    ));
    let files = [("ca.pem", ca), ("leaf.pem", leaf)];
    // node-not-in-san: a certificate whose CN names the node but not its SANs.
    if node == "cucm2.example.local" {
        let (ca2, leaf2) = ca_and_leaf(&Spec::service(node, &["cucm1.example.local"]));
        return (
            trust(&[("ca.pem", ca2), ("leaf.pem", leaf2)], &["--node", node]),
            trust(&files, &["--node", "cucm1.example.local"]),
        );
    }
    (
        trust(&files, &["--node", node]),
        trust(&files, &["--node", "cucm1.example.local"]),
    )
}

/// A self-signed CA:TRUE certificate with clientAuth only (the issue's
/// reproduction: `trust` said "0 error(s): ok"), and a root CA.
fn unusable_self_signed_pair() -> Pair {
    use crate::trust::ca_root;
    let key = rcgen::KeyPair::generate().expect("key");
    let mut p = rcgen::CertificateParams::default();
    p.distinguished_name
        .push(rcgen::DnType::CommonName, "Client Only CA");
    p.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    p.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
    let client_only = p.self_signed(&key).expect("cert").pem();
    (
        trust(&[("c.pem", client_only)], &[]),
        trust(&[("root.pem", ca_root("Example Root CA", true))], &[]),
    )
}

/// A folder of a certificate and a text file, and of the certificate alone.
fn skipped_pair() -> Pair {
    use crate::trust::ca_root;
    let run = |with_text: bool| {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("root.pem"),
            ca_root("Example Root CA", true),
        )
        .expect("write");
        if with_text {
            std::fs::write(dir.path().join("notes.txt"), "not a certificate").expect("write");
        }
        let out = sancsr()
            .arg("trust")
            .arg(dir.path())
            .args(["--format", "json"])
            .output()
            .expect("runs");
        codes_of(&out.stdout, &out.stderr)
    };
    (run(true), run(false))
}

/// The codes of every link of a `links` run.
fn links_codes(dir: &Path) -> Codes {
    let out = sancsr()
        .args(["links", "deployment.toml", ".", "--format", "json"])
        .current_dir(dir)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    v["links"]
        .as_array()
        .expect("links")
        .iter()
        .flat_map(|l| l["findings"].as_array().cloned().unwrap_or_default())
        .map(|f| f["code"].as_str().expect("code").to_owned())
        .collect()
}

/// A sound tree with cucm1's tomcat certificate removed, and whole.
fn not_checked_pair() -> Pair {
    use crate::links::{Fault, tree};
    let missing = tree(Fault::None);
    std::fs::remove_file(missing.path().join("cucm1.example.local/tomcat.pem")).expect("rm");
    (
        links_codes(missing.path()),
        links_codes(tree(Fault::None).path()),
    )
}

/// The Expressway-E verifies its TLS verify subject name in the
/// Expressway-C's certificate: a C certificate without the cluster name,
/// and with it (the issue's second untested behaviour).
fn name_mismatch_pair() -> Pair {
    use crate::links::{Fault, run_links, tree};
    let faulty = tree(Fault::CWithoutVerifyName);
    let (_, failing, _, _) = run_links(faulty.path(), &[]);
    assert!(
        failing.contains("traversal-zone expc1.example.local→expe1.example.com"),
        "the traversal link of expc1 fails: {failing:?}"
    );
    (
        links_codes(faulty.path()),
        links_codes(tree(Fault::None).path()),
    )
}

/// A closed port, and a server on loopback.
fn unreachable_pair() -> Pair {
    use crate::probe::{Pki, connect};
    use crate::servers::{Behaviour, start};
    let pki = Pki::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = closed.local_addr().expect("address");
    drop(closed);
    let live = start(Behaviour::presenting(
        &pki.leaf(&["expe1.example.com"], -1, 300),
        &[&pki.inter],
    ));
    (
        endpoint_codes(connect(address, &[], &pki).1),
        endpoint_codes(connect(live, &[], &pki).1),
    )
}

fn endpoint_codes(v: serde_json::Value) -> Codes {
    crate::probe::codes(&v["endpoints"][0])
        .into_iter()
        .collect()
}

/// A leaf that ends in 10 days, and one that ends in 300.
fn expires_soon_pair() -> Pair {
    use crate::probe::{Pki, connect};
    use crate::servers::{Behaviour, start};
    let pki = Pki::new();
    let serve = |days: i64| {
        let leaf = pki.leaf(&["expe1.example.com"], -1, days);
        start(Behaviour::presenting(&leaf, &[&pki.inter]))
    };
    (
        endpoint_codes(connect(serve(10), &[], &pki).1),
        endpoint_codes(connect(serve(300), &[], &pki).1),
    )
}

/// TLS 1.2 with and without a demand for a client certificate.
fn handshake_stopped_pair() -> Pair {
    use crate::probe::{Pki, connect};
    use crate::servers::{Behaviour, Ca, start};
    let pki = Pki::new();
    let serve = |demand: bool| {
        let mut b =
            Behaviour::presenting(&pki.leaf(&["expe1.example.com"], -1, 300), &[&pki.inter]);
        b.tls12_only = true;
        b.client_auth = demand.then(|| Ca::root("Client Root").der);
        start(b)
    };
    (
        endpoint_codes(connect(serve(true), &[], &pki).1),
        endpoint_codes(connect(serve(false), &[], &pki).1),
    )
}

/// The probe lab (C and E on 127.0.0.2 and .3): with another certificate
/// on the E's SIP port or not, and with a newer key for the E in
/// `--out-dir` or not.
fn lab_pair(different: bool, stale: bool) -> Pair {
    use crate::probe::{DEPLOYMENT, Pki, lab, probe};
    let run = |fault: bool| {
        let pki = Pki::new();
        let d = pki.dir.path();
        std::fs::write(d.join("d.toml"), DEPLOYMENT).expect("write");
        let c_leaf = pki.leaf(&["expc1.example.local"], -1, 300);
        let e_leaf = pki.leaf(&["expe1.example.com", "example.com"], -1, 300);
        let other = pki.leaf(&["expe1.example.com", "example.com"], -1, 300);
        let sip = if fault && different { &other } else { &e_leaf };
        let args = lab(&pki, &c_leaf, &e_leaf, sip);
        std::fs::create_dir(d.join("new")).expect("mkdir");
        if fault && stale {
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
        }
        let mut all: Vec<&str> = vec!["d.toml", "--role", "e", "--out-dir", "new"];
        all.extend(args.iter().map(String::as_str));
        let root = pki.root_pem();
        all.extend(["--ca", root.as_str()]);
        let (_, v) = probe(&all, d);
        v["endpoints"]
            .as_array()
            .expect("endpoints")
            .iter()
            .flat_map(crate::probe::codes)
            .collect::<Codes>()
    };
    (run(true), run(false))
}
