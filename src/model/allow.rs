//! `[findings] allow = ["code", …]`: the warnings and infos the deployment
//! accepts, checked against the finding codes' declarations.

use super::raw::Text;
use super::validate::Checker;
use crate::report::{Allowance, Explain, Refusal};

/// What can be wrong with an accepted code.
#[derive(Debug, Clone)]
pub(crate) struct AllowProblem {
    value: String,
    refusal: Refusal,
}

impl Checker {
    /// The codes of `[findings] allow`, each checked; a refused one is a
    /// file error at its position.
    pub(super) fn allowed_codes(&mut self, list: Vec<Text>) -> Allowance {
        let mut allowance = Allowance::default();
        for item in list {
            match Allowance::code(item.get_ref()) {
                Ok(code) => allowance.extend([code]),
                Err(refusal) => {
                    let problem = AllowProblem {
                        value: item.get_ref().clone(),
                        refusal,
                    };
                    self.push(Some(item.span()), problem);
                }
            }
        }
        allowance
    }
}

impl Explain for AllowProblem {
    fn message(&self) -> String {
        match &self.refusal {
            Refusal::Unknown { .. } => {
                format!(
                    "unknown finding code \"{}\"",
                    super::problem::shown(&self.value)
                )
            }
            Refusal::AlwaysError(code) => format!("the finding code \"{code}\" cannot be allowed"),
        }
    }

    fn label(&self) -> String {
        match self.refusal {
            Refusal::Unknown { .. } => "not a finding code",
            Refusal::AlwaysError(_) => "always an error",
        }
        .into()
    }

    fn rule(&self) -> String {
        match self.refusal {
            Refusal::Unknown { .. } => {
                "[findings] allow lists the codes of docs/cisco-rules.md (sancsr rules lists them)"
                    .into()
            }
            Refusal::AlwaysError(code) => format!(
                "only warnings and infos can be accepted; \"{code}\" is always an error: {}",
                code.rule().summary
            ),
        }
    }

    fn fix(&self) -> String {
        match self.refusal {
            Refusal::Unknown {
                suggestion: Some(code),
            } => format!("did you mean \"{code}\"?"),
            Refusal::Unknown { suggestion: None } => {
                "use a code from docs/cisco-rules.md".to_owned()
            }
            Refusal::AlwaysError(_) => {
                "remove it from the list and fix what the finding says".to_owned()
            }
        }
    }
}
