//! Keys and CSRs for many certificates, in memory, spread over the cores:
//! RSA-4096 key generation dominates a run.

use super::csr::build_csr;
use super::keys::{ExistingKey, generate_key};
use crate::cisco::KeySpec;
use crate::plan::CertificatePlan;
use crate::report::Error;

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
