//! Keys and CSRs for many certificates, in memory, spread over the cores:
//! RSA-4096 key generation dominates a run.

use super::csr::build_csr;
use super::keys::{ExistingKey, generate_key};
use crate::cisco::KeySpec;
use crate::model::HostName;
use crate::plan::CertificatePlan;
use crate::report::Error;
use serde::Serialize;
use std::path::PathBuf;

/// What was written for one certificate.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Written {
    /// Role.
    pub role: crate::cisco::Role,
    /// Peer FQDN.
    pub peer: HostName,
    /// The EKU the CSR requests.
    pub eku: crate::cisco::Eku,
    /// The kind of CA to send it to.
    pub ca: crate::cisco::CaKind,
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

/// A private key that `--force` replaced, and where the old one was kept.
#[derive(Debug, Clone)]
pub(crate) struct Replaced {
    /// The key file.
    pub key: PathBuf,
    /// Its backup, unless `--no-backup`.
    pub backup: Option<PathBuf>,
}

/// One certificate's key and CSR, in memory.
#[derive(Debug)]
pub(crate) struct Made {
    /// The CSR, PEM.
    pub csr_pem: String,
    /// The new key, PEM; `None` when an existing key was reused.
    pub key_pem: Option<String>,
    /// The key used.
    pub spec: KeySpec,
}

/// Makes every certificate's key and CSR: the certificates are split into
/// one contiguous chunk per core, each made on its own thread.
pub(crate) fn make_all(
    certificates: &[CertificatePlan],
    existing: Option<&ExistingKey>,
) -> Result<Vec<Made>, Error> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = certificates.len().div_ceil(cores).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = certificates
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|c| make_one(c, existing))
                        .collect::<Result<Vec<_>, _>>()
                })
            })
            .collect();
        let mut made = Vec::with_capacity(certificates.len());
        for worker in workers {
            let part = worker
                .join()
                .map_err(|_| Error::Crypto("a key generation thread failed".into()))??;
            made.extend(part);
        }
        Ok(made)
    })
}

fn make_one(c: &CertificatePlan, existing: Option<&ExistingKey>) -> Result<Made, Error> {
    match existing {
        Some(k) => Ok(Made {
            csr_pem: build_csr(c, &k.key_pair()?, &k.spec)?,
            key_pem: None,
            spec: k.spec,
        }),
        None => {
            let key = generate_key(&c.key)?;
            Ok(Made {
                csr_pem: build_csr(c, &key, &c.key)?,
                key_pem: Some(key.serialize_pem()),
                spec: c.key,
            })
        }
    }
}
