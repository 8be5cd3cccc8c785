//! The `[subject]` and `[key]` tables: merged over the top-level ones, each
//! value checked against RFC 5280's bounds and Cisco's key policy, and what
//! can be wrong with them ([`SubjectKeyProblem`]).

use super::Subject;
use super::problem::shown;
use super::raw::{RawKey, RawSubject, Text};
use super::validate::Checker;
use crate::cisco::{Algorithm, Digest, KeySpec, curve_digest};
use crate::report::{Explain, Span};

/// RFC 5280 Appendix A upper bounds of the subject fields.
const SUBJECT_BOUNDS: [(&str, usize); 4] = [
    ("organization", 64),
    ("organizational_unit", 64),
    ("locality", 128),
    ("state", 128),
];

impl Checker {
    /// Merges the cluster's `[subject]` over the top-level one, field by field.
    pub(super) fn subject(&mut self, top: &RawSubject, own: Option<&RawSubject>) -> Subject {
        let own = own.cloned().unwrap_or_default();
        let pick = |a: Option<Text>, b: &Option<Text>| a.or_else(|| b.clone());
        let [o, ou, l, st] = SUBJECT_BOUNDS;
        Subject {
            organization: self.subject_field(pick(own.organization, &top.organization), o),
            organizational_unit: self
                .subject_field(pick(own.organizational_unit, &top.organizational_unit), ou),
            locality: self.subject_field(pick(own.locality, &top.locality), l),
            state: self.subject_field(pick(own.state, &top.state), st),
            country: self.country(pick(own.country, &top.country)),
        }
    }

    fn subject_field(
        &mut self,
        value: Option<Text>,
        (key, max): (&'static str, usize),
    ) -> Option<String> {
        let value = value?;
        let s = value.get_ref();
        // A value with a leading or trailing space would not survive every
        // writer: OpenSSL's config strips it, so the CSR would say another
        // subject than the plan (#26).
        let padded = s.trim() != s.as_str();
        if s.trim().is_empty()
            || padded
            || s.chars().count() > max
            || s.chars().any(char::is_control)
        {
            let problem = SubjectKeyProblem::InvalidSubject {
                key,
                value: s.clone(),
                max,
            };
            self.push(Some(value.span()), problem);
            return None;
        }
        Some(value.into_inner())
    }

    fn country(&mut self, value: Option<Text>) -> Option<String> {
        let value = value?;
        let s = value.get_ref();
        if s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Some(s.to_ascii_uppercase());
        }
        let problem = SubjectKeyProblem::InvalidCountry { value: s.clone() };
        self.push(Some(value.span()), problem);
        None
    }

    /// Merges the cluster's `[key]` over the top-level one. When the cluster
    /// table names its own `algorithm`, the top-level size and digest are not
    /// inherited (an RSA size makes no sense for an ECDSA key).
    pub(super) fn key(&mut self, top: &RawKey, own: Option<&RawKey>) -> (KeySpec, Option<Span>) {
        let merged = match own {
            Some(own) if own.algorithm.is_some() => own.clone(),
            Some(own) => RawKey {
                algorithm: top.algorithm.clone(),
                size: own.size.clone().or_else(|| top.size.clone()),
                digest: own.digest.clone().or_else(|| top.digest.clone()),
            },
            None => top.clone(),
        };
        let choices: Vec<_> = Algorithm::ALL.into_iter().map(|a| (a.key(), a)).collect();
        let algorithm = merged
            .algorithm
            .as_ref()
            .and_then(|a| self.choice(a, "key algorithm", &choices))
            .unwrap_or(Algorithm::Rsa);
        let key_span = merged.algorithm.as_ref().map(|a| a.span());
        let size = self.key_size(algorithm, merged.size.as_ref());
        let digest = self.digest(algorithm, size, merged.digest.as_ref());
        let spec = KeySpec {
            algorithm,
            size,
            digest,
        };
        (spec, key_span)
    }

    /// A size the algorithm's policy offers (source A; RSA 3072 added).
    fn key_size(&mut self, algorithm: Algorithm, size: Option<&toml::Spanned<i64>>) -> u32 {
        let policy = algorithm.policy();
        let Some(size) = size else {
            return policy.default_size;
        };
        let offered = u32::try_from(*size.get_ref())
            .ok()
            .filter(|s| policy.sizes.contains(s));
        if offered.is_none() {
            let problem = SubjectKeyProblem::InvalidKeySize {
                algorithm,
                size: *size.get_ref(),
                sizes: policy.sizes,
            };
            self.push(Some(size.span()), problem);
        }
        offered.unwrap_or(policy.default_size)
    }

    /// ECDSA signs with the curve's own digest, as the Expressway pairs them.
    fn digest(&mut self, algorithm: Algorithm, size: u32, digest: Option<&Text>) -> Digest {
        let curve = curve_digest(size);
        let Some(value) = digest else {
            return match algorithm {
                Algorithm::Ecdsa => curve,
                Algorithm::Rsa => Digest::Sha256,
            };
        };
        let choices: Vec<_> = Digest::ALL.into_iter().map(|d| (d.key(), d)).collect();
        match self.choice(value, "digest", &choices) {
            Some(d) if algorithm == Algorithm::Ecdsa && d != curve => {
                let problem = SubjectKeyProblem::DigestCurveMismatch {
                    digest: value.get_ref().clone(),
                    size,
                    curve_digest: curve,
                };
                self.push(Some(value.span()), problem);
                curve
            }
            Some(d) => d,
            None => curve,
        }
    }
}

/// What can be wrong in a `[subject]` or `[key]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SubjectKeyProblem {
    /// A subject field out of bounds.
    InvalidSubject {
        key: &'static str,
        value: String,
        max: usize,
    },
    /// A country that is not two letters.
    InvalidCountry { value: String },
    /// A key size not offered.
    InvalidKeySize {
        algorithm: Algorithm,
        size: i64,
        sizes: &'static [u32],
    },
    /// An ECDSA key with another curve's digest.
    DigestCurveMismatch {
        digest: String,
        size: u32,
        curve_digest: Digest,
    },
}

fn sizes_list(sizes: &[u32]) -> String {
    sizes
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl Explain for SubjectKeyProblem {
    fn message(&self) -> String {
        use SubjectKeyProblem::*;
        match self {
            InvalidSubject { key, value, .. } => {
                format!("invalid subject {key} \"{}\"", shown(value))
            }
            InvalidCountry { value } => format!("invalid country \"{}\"", shown(value)),
            InvalidKeySize {
                algorithm, size, ..
            } => format!("invalid {} key size {size}", algorithm.title()),
            DigestCurveMismatch { digest, size, .. } => {
                format!("digest {digest} does not go with an ECDSA P-{size} key")
            }
        }
    }

    fn label(&self) -> String {
        use SubjectKeyProblem::*;
        match self {
            InvalidSubject { .. } => "not a usable value",
            InvalidCountry { .. } => "not two letters",
            InvalidKeySize { .. } => "size not offered",
            DigestCurveMismatch { .. } => "impossible combination",
        }
        .into()
    }

    fn rule(&self) -> String {
        use SubjectKeyProblem::*;
        match self {
            InvalidSubject { key, max, .. } => {
                format!(
                    "subject {key} is 1 to {max} printable characters (RFC 5280), without a \
                     leading or trailing space (OpenSSL's configuration would drop it)"
                )
            }
            InvalidCountry { .. } => {
                "country is the two-letter ISO 3166 code (X.520 countryName)".into()
            }
            InvalidKeySize {
                algorithm,
                size,
                sizes,
            } => {
                let hint = if *size > 4096 && *algorithm == Algorithm::Rsa {
                    " (keys above 4096 bits can stop SIP TLS zones coming up)"
                } else {
                    ""
                };
                format!(
                    "{} keys are {} bits{hint}",
                    algorithm.title(),
                    sizes_list(sizes)
                )
            }
            DigestCurveMismatch { .. } => "an ECDSA key signs with its curve's digest: P-256 \
                                           with sha256, P-384 with sha384, P-521 with sha512"
                .into(),
        }
    }

    fn fix(&self) -> String {
        use SubjectKeyProblem::*;
        match self {
            InvalidSubject { key, .. } => format!("shorten or correct {key}, or remove it"),
            InvalidCountry { .. } => {
                "write the two-letter code, e.g. \"US\", \"GB\", \"DE\"".into()
            }
            InvalidKeySize { sizes, .. } => format!("use one of {}", sizes_list(sizes)),
            DigestCurveMismatch { curve_digest, .. } => format!(
                "use digest = \"{}\" or remove the digest key",
                curve_digest.key()
            ),
        }
    }
}
