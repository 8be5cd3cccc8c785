//! Names as values: [`HostName`] (a name that passed the rule) and
//! [`AltName`] (a SAN as the Expressway shows it). Both compare, hash and
//! order ignoring ASCII case, so no caller folds case by hand.

use super::names::{NameError, NameKind, check_name};
use crate::cisco::SanKind;
use serde::Serialize;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

/// Hashes a string as its ASCII lower case, so that it agrees with
/// `eq_ignore_ascii_case`.
fn hash_caseless<H: Hasher>(s: &str, state: &mut H) {
    // Lower-cased a chunk at a time on the stack: one hasher call per
    // chunk, not per byte (planning hashes every SAN).
    let mut buffer = [0u8; 64];
    for chunk in s.as_bytes().chunks(buffer.len()) {
        let lower = &mut buffer[..chunk.len()];
        lower.copy_from_slice(chunk);
        lower.make_ascii_lowercase();
        state.write(lower);
    }
    state.write_u8(0xff);
}

fn cmp_caseless(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|b| b.to_ascii_lowercase())
        .cmp(b.bytes().map(|b| b.to_ascii_lowercase()))
}

/// A name that passed the Expressway name rule, spelled as typed. Equality,
/// hashing and order ignore ASCII case.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct HostName(String);

impl HostName {
    /// Checks `name` against the rule for `kind`.
    pub fn parse(name: &str, kind: NameKind) -> Result<HostName, NameError> {
        check_name(name, kind).map(|()| HostName(name.to_owned()))
    }

    /// The name as typed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `other` is this name, ignoring case.
    pub fn is(&self, other: &str) -> bool {
        self.0.eq_ignore_ascii_case(other)
    }

    /// The first level (`expe` of `expe.example.com`).
    pub fn first_label(&self) -> &str {
        self.0.split('.').next().unwrap_or(&self.0)
    }

    /// This name as a dNSName entry.
    pub fn dns(&self) -> AltName {
        AltName::dns(&self.0)
    }
}

impl PartialEq for HostName {
    fn eq(&self, other: &Self) -> bool {
        self.is(&other.0)
    }
}

impl Eq for HostName {}

impl Hash for HostName {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_caseless(&self.0, state);
    }
}

impl PartialOrd for HostName {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for HostName {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_caseless(&self.0, &other.0)
    }
}

impl fmt::Display for HostName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One subject alternative name as the Expressway shows it (`DNS:`, `SRV:`,
/// `XMPP:`), whether planned or read from a certificate. Its value need not
/// pass the name rule (a CA may put anything there). Equality and hashing
/// ignore ASCII case in the value.
#[derive(Debug, Clone)]
pub struct AltName {
    /// How it is written.
    pub kind: SanKind,
    /// The value, as spelled.
    pub value: String,
}

impl AltName {
    /// A name of `kind`.
    pub fn new(kind: SanKind, value: impl Into<String>) -> AltName {
        AltName {
            kind,
            value: value.into(),
        }
    }

    /// A dNSName.
    pub fn dns(value: impl Into<String>) -> AltName {
        AltName::new(SanKind::Dns, value)
    }
}

impl PartialEq for AltName {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.value.eq_ignore_ascii_case(&other.value)
    }
}

impl Eq for AltName {}

impl Hash for AltName {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.kind.hash(state);
        hash_caseless(&self.value, state);
    }
}

impl fmt::Display for AltName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind, self.value)
    }
}
