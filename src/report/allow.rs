//! Accepted findings: `--allow CODE` and `[findings] allow` in the
//! deployment file. A warning or info the user has decided to live with is
//! dropped from the output and from the exit status, and counted, as
//! cargo-deny's per-code levels and clippy's `allow` do. An error is never
//! accepted: it means the deployment or certificate would fail.

use super::{Code, Finding, Severity};
use std::collections::BTreeSet;

/// Why a code cannot be accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No such code; the closest one, when one is close.
    Unknown {
        /// The closest code.
        suggestion: Option<Code>,
    },
    /// The code is only ever an error.
    AlwaysError(Code),
}

/// The codes whose warnings and infos are accepted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Allowance {
    codes: BTreeSet<Code>,
}

/// How many findings an allowance dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Allowed(pub usize);

impl Allowance {
    /// The code spelled `name`, if it can be accepted.
    pub fn code(name: &str) -> Result<Code, Refusal> {
        let code = name.parse::<Code>().map_err(|()| Refusal::Unknown {
            suggestion: closest(name),
        })?;
        if code.rule().always_error() {
            return Err(Refusal::AlwaysError(code));
        }
        Ok(code)
    }

    /// Adds codes already checked by [`Allowance::code`].
    pub fn extend(&mut self, codes: impl IntoIterator<Item = Code>) {
        self.codes.extend(codes);
    }

    /// Adds every code another allowance accepts.
    pub fn merge(&mut self, other: &Allowance) {
        self.codes.extend(other.codes.iter().copied());
    }

    /// Whether nothing is accepted.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Drops the accepted warnings and infos from `findings`; returns how
    /// many it dropped. Errors always stay.
    pub fn apply(&self, findings: &mut Vec<Finding>) -> Allowed {
        let before = findings.len();
        findings.retain(|f| f.severity == Severity::Error || !self.codes.contains(&f.code));
        Allowed(before - findings.len())
    }
}

impl std::ops::AddAssign for Allowed {
    fn add_assign(&mut self, other: Allowed) {
        self.0 += other.0;
    }
}

/// The declared code closest to a misspelling, when one is close enough to
/// be what was meant.
fn closest(name: &str) -> Option<Code> {
    super::closest(name, Code::ALL.iter().map(|c| c.as_str()))?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_accepted_refused_or_suggested() {
        assert_eq!(Allowance::code("srv-format"), Ok(Code::SrvFormat));
        // Raised as an error or a warning: its warnings can be accepted.
        assert_eq!(
            Allowance::code("ecdsa-before-x14-3"),
            Ok(Code::EcdsaBeforeX14_3)
        );
        assert_eq!(
            Allowance::code("wildcard"),
            Err(Refusal::AlwaysError(Code::Wildcard))
        );
        assert_eq!(
            Allowance::code("srv-formt"),
            Err(Refusal::Unknown {
                suggestion: Some(Code::SrvFormat)
            })
        );
        assert_eq!(
            Allowance::code("zzzzzzzzzzzzzzzzzzzzzzzzzzz"),
            Err(Refusal::Unknown { suggestion: None })
        );
    }

    #[test]
    fn errors_stay_and_accepted_warnings_are_counted() {
        let mut allowance = Allowance::default();
        allowance.extend([Code::EcdsaBeforeX14_3, Code::SrvFormat]);
        let mut findings = vec![
            Finding::error(Code::EcdsaBeforeX14_3, "e"),
            Finding::warning(Code::EcdsaBeforeX14_3, "w"),
            Finding::info(Code::SrvFormat, "i"),
            Finding::warning(Code::XmppAddressFormat, "kept"),
        ];
        assert_eq!(allowance.apply(&mut findings), Allowed(2));
        let left: Vec<_> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(left, ["e", "kept"]);
    }
}
