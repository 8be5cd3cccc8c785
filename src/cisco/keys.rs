//! Key and digest policy: what the Generate CSR page offers and what sancsr
//! accepts.
//!
//! Source A (`docs/cisco-rules.md`): the page offers RSA 2048 or 4096 and
//! ECDSA 256, 384 or 521 (ECDSA from X14.3), with SHA-256, SHA-384 or
//! SHA-512; SHA-1 was removed in X8.10. sancsr also accepts RSA 3072 for
//! `generate` and `export`. Keys above 4096 bits can stop SIP TLS zones
//! coming up (Certificate Creation and Use guide X15.0).

use super::Version;
use serde::Serialize;
use std::fmt;

/// Key algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Algorithm {
    /// RSA.
    Rsa,
    /// ECDSA on a NIST curve.
    Ecdsa,
}

impl Algorithm {
    /// The spelling in the deployment file.
    pub fn key(self) -> &'static str {
        self.policy().key
    }

    /// `RSA` / `ECDSA`.
    pub fn title(self) -> &'static str {
        self.policy().title
    }

    /// What sancsr and the page accept for this algorithm.
    pub fn policy(self) -> &'static KeyPolicy {
        match self {
            Algorithm::Rsa => &KEY_POLICIES[0],
            Algorithm::Ecdsa => &KEY_POLICIES[1],
        }
    }

    /// Both algorithms.
    pub const ALL: [Algorithm; 2] = [Algorithm::Rsa, Algorithm::Ecdsa];
}

/// Signature digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Digest {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Digest {
    /// Every digest the page offers.
    pub const ALL: [Digest; 3] = [Digest::Sha256, Digest::Sha384, Digest::Sha512];

    /// The spelling in the deployment file (and OpenSSL's `default_md`).
    pub fn key(self) -> &'static str {
        match self {
            Digest::Sha256 => "sha256",
            Digest::Sha384 => "sha384",
            Digest::Sha512 => "sha512",
        }
    }

    /// As the Expressway page shows it.
    pub fn title(self) -> &'static str {
        match self {
            Digest::Sha256 => "SHA-256",
            Digest::Sha384 => "SHA-384",
            Digest::Sha512 => "SHA-512",
        }
    }
}

/// One algorithm's sizes.
#[derive(Debug)]
pub struct KeyPolicy {
    /// The algorithm.
    pub algorithm: Algorithm,
    /// Its deployment-file spelling.
    pub key: &'static str,
    /// Its title.
    pub title: &'static str,
    /// Sizes sancsr accepts (RSA modulus bits, or the curve size).
    pub sizes: &'static [u32],
    /// The size when none is given.
    pub default_size: u32,
    /// The sizes the Generate CSR page offers (source A).
    pub page_sizes: &'static [u32],
}

/// RSA first (the default), then ECDSA.
pub static KEY_POLICIES: [KeyPolicy; 2] = [
    KeyPolicy {
        algorithm: Algorithm::Rsa,
        key: "rsa",
        title: "RSA",
        sizes: &[2048, 3072, 4096],
        default_size: 2048,
        page_sizes: &[2048, 4096],
    },
    KeyPolicy {
        algorithm: Algorithm::Ecdsa,
        key: "ecdsa",
        title: "ECDSA",
        sizes: &[256, 384, 521],
        default_size: 256,
        page_sizes: &[256, 384, 521],
    },
];

/// ECDSA keys arrived in X14.3 (source A, B).
pub const ECDSA_SINCE: Version = Version::new(14, 3, 0);
/// The smallest RSA key the Expressway and Webex App accept (source A, W).
pub const RSA_MINIMUM_BITS: u32 = 2048;
/// Larger RSA keys can stop SIP TLS zones coming up (X15.0 guide).
pub const RSA_SIP_TLS_MAXIMUM_BITS: u32 = 4096;
/// The smallest ECDSA curve offered.
pub const ECDSA_MINIMUM_BITS: u32 = 256;

/// The digest an ECDSA key signs with: P-256/SHA-256, P-384/SHA-384,
/// P-521/SHA-512, as the Expressway pairs them.
pub fn curve_digest(size: u32) -> Digest {
    match size {
        384 => Digest::Sha384,
        521 => Digest::Sha512,
        _ => Digest::Sha256,
    }
}

/// The key and digest of a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KeySpec {
    /// RSA or ECDSA.
    pub algorithm: Algorithm,
    /// RSA modulus bits, or the ECDSA curve size (256, 384, 521).
    pub size: u32,
    /// Digest used to sign the CSR.
    pub digest: Digest,
}

impl Default for KeySpec {
    fn default() -> Self {
        KeySpec {
            algorithm: Algorithm::Rsa,
            size: Algorithm::Rsa.policy().default_size,
            digest: Digest::Sha256,
        }
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.algorithm {
            Algorithm::Rsa => write!(f, "RSA {}", self.size),
            Algorithm::Ecdsa => write!(f, "ECDSA P-{}", self.size),
        }
    }
}
