//! `sancsr generate`: a PEM CSR and private key for every planned
//! certificate.
//!
//! Flow: plan → refuse a plan with errors or existing files → generate keys
//! and CSRs in memory, peers in parallel (RSA-4096 key generation dominates)
//! → write every file or none ([`crate::files`]).

use crate::csr::{self, ExistingKey};
use crate::deployment::KeySpec;
use crate::diagnostics::Error;
use crate::files::{self, OutputFile};
use crate::plan::{CertificatePlan, Plan};
use crate::rules::Role;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What was written for one certificate.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    /// Role.
    pub role: Role,
    /// Peer FQDN.
    pub peer: String,
    /// Path of the CSR.
    pub csr: PathBuf,
    /// Path of the key (the `--key` file when one was reused).
    pub key: PathBuf,
    /// Whether the key was reused rather than generated.
    pub key_reused: bool,
    /// The key used.
    #[serde(skip)]
    pub key_spec: KeySpec,
    /// "Alternative name as it will appear".
    pub alternative_names: Vec<String>,
}

/// Options of one `generate` run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to write.
    pub out_dir: PathBuf,
    /// Replace existing files.
    pub force: bool,
    /// Reuse this key (one certificate only).
    pub key: Option<String>,
}

/// One certificate's output, in memory.
struct Made {
    csr_pem: String,
    key_pem: Option<String>,
    spec: KeySpec,
}

/// Generates and writes the CSRs and keys of every certificate in `plan`
/// (already narrowed by `--role`/`--peer`).
pub fn generate(plan: &Plan, options: &Options) -> Result<Vec<Written>, Error> {
    if plan.has_errors() {
        return Err(Error::Findings {
            findings: plan.findings.clone(),
        });
    }
    let existing = match &options.key {
        Some(path) => {
            let [certificate] = plan.certificates.as_slice() else {
                return Err(Error::usage(format!(
                    "--key reuses one key for one certificate, but {} are selected; add --peer FQDN",
                    plan.certificates.len()
                )));
            };
            Some(ExistingKey::read(path, certificate.key.digest)?)
        }
        None => None,
    };

    std::fs::create_dir_all(&options.out_dir).map_err(|source| Error::Write {
        path: options.out_dir.clone(),
        source,
    })?;
    let paths: Vec<(PathBuf, PathBuf)> = plan
        .certificates
        .iter()
        .map(|c| output_paths(&options.out_dir, c))
        .collect();
    let mut targets: Vec<PathBuf> = paths.iter().map(|(csr, _)| csr.clone()).collect();
    if existing.is_none() {
        targets.extend(paths.iter().map(|(_, key)| key.clone()));
    }
    files::check_targets(&targets, options.force)?;

    let made = make_all(&plan.certificates, existing.as_ref())?;

    let mut outputs = Vec::new();
    for ((csr_path, key_path), m) in paths.iter().zip(&made) {
        // The key goes first: if the process dies between the two moves,
        // what is left is a key with no CSR, never a CSR with no key.
        if let Some(key_pem) = &m.key_pem {
            outputs.push(OutputFile {
                path: key_path.clone(),
                contents: key_pem.clone(),
                secret: true,
            });
        }
        outputs.push(OutputFile {
            path: csr_path.clone(),
            contents: m.csr_pem.clone(),
            secret: false,
        });
    }
    files::write_all(&outputs, options.force)?;

    Ok(plan
        .certificates
        .iter()
        .zip(paths)
        .zip(&made)
        .map(|((c, (csr, key)), m)| Written {
            role: c.role,
            peer: c.peer.clone(),
            csr,
            key: match &existing {
                Some(k) => PathBuf::from(&k.path),
                None => key,
            },
            key_reused: existing.is_some(),
            key_spec: m.spec,
            alternative_names: c.alternative_names(),
        })
        .collect())
}

/// `<dir>/<peer>.csr` and `<dir>/<peer>.key`. Peer names passed the name
/// rule (letters, digits, hyphens, dots), so they are safe file names.
pub fn output_paths(dir: &Path, c: &CertificatePlan) -> (PathBuf, PathBuf) {
    (
        dir.join(format!("{}.csr", c.peer)),
        dir.join(format!("{}.key", c.peer)),
    )
}

/// Makes every certificate's key and CSR, spread over the machine's cores.
fn make_all(
    certificates: &[CertificatePlan],
    existing: Option<&ExistingKey>,
) -> Result<Vec<Made>, Error> {
    if certificates.len() == 1 {
        // One certificate: no thread to start.
        return certificates.iter().map(|c| make_one(c, existing)).collect();
    }
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(certificates.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Made, Error>>>> =
        Mutex::new((0..certificates.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(c) = certificates.get(i) else { break };
                    let made = make_one(c, existing);
                    let failed = made.is_err();
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some(made);
                    }
                    if failed {
                        // Stop handing out work; the run fails anyway.
                        next.store(certificates.len(), Ordering::Relaxed);
                    }
                }
            });
        }
    });
    let results = results
        .into_inner()
        .map_err(|_| Error::Other("a key generation thread failed".into()))?;
    let mut made = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Some(Ok(m)) => made.push(m),
            Some(Err(e)) => return Err(e),
            None => {}
        }
    }
    if made.len() != certificates.len() {
        return Err(Error::Other("key generation stopped early".into()));
    }
    Ok(made)
}

fn make_one(c: &CertificatePlan, existing: Option<&ExistingKey>) -> Result<Made, Error> {
    match existing {
        Some(k) => {
            let key = k.key_pair()?;
            Ok(Made {
                csr_pem: csr::build_csr(c, &key, &k.spec)?,
                key_pem: None,
                spec: k.spec,
            })
        }
        None => {
            let key = csr::generate_key(&c.key)?;
            Ok(Made {
                csr_pem: csr::build_csr(c, &key, &c.key)?,
                key_pem: Some(key.serialize_pem()),
                spec: c.key,
            })
        }
    }
}
