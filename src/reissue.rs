//! `sancsr reissue`: does a change to the deployment need new certificates,
//! and why.
//!
//! Both files are planned; each certificate's SAN list, subject and key are
//! compared, and every SAN change is classified by the element that put the
//! name there, so Cisco's notes can be named (seed, note under the table):
//!
//! > You may need to produce a new server certificate for the Expressway-C if
//! > chat node aliases are added or renamed. Or when IM and Presence nodes are
//! > added or renamed, or new TLS phone security profiles are added.
//! > You must produce a new Expressway-E certificate if new chat node aliases
//! > are added to the system, or if the Unified CM or XMPP federation domains
//! > are modified.
//! > You must restart the Expressway for any new uploaded server certificate
//! > to take effect.

use crate::deployment::Deployment;
use crate::names;
use crate::plan::{CertificatePlan, Entry, Plan};
use crate::rules::{Element, Role};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// Why a certificate must be reissued (or is no longer needed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Stable identifier of the rule.
    pub rule: &'static str,
    /// The names involved.
    pub names: Vec<String>,
    /// The rule and the names, in words.
    pub message: String,
}

/// The verdict for one certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// Role.
    pub role: Role,
    /// Peer FQDN.
    pub peer: String,
    /// Whether a new certificate is needed.
    pub reissue: bool,
    /// SANs in the new plan and not the old, as shown.
    pub added: Vec<String>,
    /// SANs in the old plan and not the new, as shown.
    pub removed: Vec<String>,
    /// Why.
    pub reasons: Vec<Reason>,
}

/// The comparison of two deployments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// One verdict per certificate in either file: C first, then E.
    pub certificates: Vec<Verdict>,
    /// A newly uploaded server certificate takes effect only after the
    /// Expressway restarts (seed).
    pub restart_required: bool,
}

/// A certificate's identity across the two files: role and folded peer.
type CertificateKey = (Role, String);
/// The same certificate in the old and the new plan.
type Pair<'a> = (Option<&'a CertificatePlan>, Option<&'a CertificatePlan>);

/// Compares the plans of `old` and `new`.
pub fn compare(old: &Deployment, new: &Deployment) -> Comparison {
    let (old_plan, new_plan) = (Plan::build(old), Plan::build(new));
    let key = |c: &CertificatePlan| (c.role, names::fold(&c.peer));
    let mut pairs: BTreeMap<CertificateKey, Pair<'_>> = BTreeMap::new();
    for c in &old_plan.certificates {
        pairs.entry(key(c)).or_default().0 = Some(c);
    }
    for c in &new_plan.certificates {
        pairs.entry(key(c)).or_default().1 = Some(c);
    }
    // Keep the new file's order, then peers only the old file has.
    let mut order: Vec<CertificateKey> = new_plan.certificates.iter().map(key).collect();
    order.extend(
        old_plan
            .certificates
            .iter()
            .map(key)
            .filter(|k| !new_plan.certificates.iter().any(|c| key(c) == *k)),
    );
    order.sort_by_key(|(role, _)| *role);

    let added_nodes = added_names(&old.im_presence_nodes, &new.im_presence_nodes);
    let certificates: Vec<Verdict> = order
        .iter()
        .filter_map(|k| pairs.get(k))
        .filter_map(|(before, after)| match (before, after) {
            (None, Some(n)) => Some(Verdict {
                role: n.role,
                peer: n.peer.clone(),
                reissue: true,
                added: n.alternative_names(),
                removed: Vec::new(),
                reasons: vec![Reason {
                    rule: "new-peer",
                    names: vec![n.peer.clone()],
                    message: format!("{} is a new peer: it needs its first certificate", n.peer),
                }],
            }),
            (Some(o), None) => Some(Verdict {
                role: o.role,
                peer: o.peer.clone(),
                reissue: false,
                added: Vec::new(),
                removed: o.alternative_names(),
                reasons: vec![Reason {
                    rule: "removed-peer",
                    names: vec![o.peer.clone()],
                    message: format!(
                        "{} is no longer in the deployment: its certificate is no longer needed \
                         (revoke it if the box is retired)",
                        o.peer
                    ),
                }],
            }),
            (Some(o), Some(n)) => Some(changed(o, n, &added_nodes)),
            (None, None) => None,
        })
        .collect();
    let restart_required = certificates.iter().any(|v| v.reissue);
    Comparison {
        certificates,
        restart_required,
    }
}

/// Names in `new` not in `old` (ignoring case), in `new`'s order.
fn added_names(old: &[crate::deployment::Name], new: &[crate::deployment::Name]) -> Vec<String> {
    let before: HashSet<String> = old.iter().map(|n| names::fold(&n.value)).collect();
    new.iter()
        .filter(|n| !before.contains(&names::fold(&n.value)))
        .map(|n| n.value.clone())
        .collect()
}

fn shown_set(entries: &[Entry]) -> HashSet<String> {
    entries
        .iter()
        .map(|e| e.shown().to_ascii_lowercase())
        .collect()
}

fn changed(old: &CertificatePlan, new: &CertificatePlan, added_nodes: &[String]) -> Verdict {
    let (before, after) = (shown_set(&old.entries), shown_set(&new.entries));
    let added: Vec<&Entry> = new
        .entries
        .iter()
        .filter(|e| !before.contains(&e.shown().to_ascii_lowercase()))
        .collect();
    let removed: Vec<&Entry> = old
        .entries
        .iter()
        .filter(|e| !after.contains(&e.shown().to_ascii_lowercase()))
        .collect();
    let role = new.role;
    let mut reasons = Vec::new();
    let of = |entries: &[&Entry], element: Element| -> Vec<String> {
        entries
            .iter()
            .filter(|e| e.reasons.iter().any(|r| r.element == element.key()))
            .map(|e| e.shown())
            .collect()
    };
    // Names of an element added or removed: a rename is both.
    let either = |element: Element| -> Vec<String> {
        let mut names = of(&added, element);
        names.extend(of(&removed, element));
        names
    };
    let mut explained: HashSet<String> = HashSet::new();
    let mut cisco = |rule: &'static str, names: Vec<String>, message: String| {
        if !names.is_empty() {
            explained.extend(names.iter().cloned());
            reasons.push(Reason {
                rule,
                message: format!("{message}: {}", names.join(", ")),
                names,
            });
        }
    };
    match role {
        Role::ExpresswayC => {
            cisco(
                "cisco-c-chat-node-aliases",
                either(Element::ChatNodeAlias),
                "Cisco: a new Expressway-C certificate is needed when chat node aliases are \
                 added or renamed"
                    .into(),
            );
            cisco(
                "cisco-c-phone-security-profiles",
                of(&added, Element::PhoneSecurityProfile),
                "Cisco: a new Expressway-C certificate is needed when new TLS phone security \
                 profiles are added"
                    .into(),
            );
            if !added_nodes.is_empty() {
                reasons.push(Reason {
                    rule: "cisco-c-im-presence-nodes",
                    names: added_nodes.to_vec(),
                    message: format!(
                        "Cisco: a new Expressway-C certificate is needed when IM and Presence \
                         nodes are added or renamed: {}",
                        added_nodes.join(", ")
                    ),
                });
            }
        }
        Role::ExpresswayE => {
            cisco(
                "cisco-e-chat-node-aliases",
                of(&added, Element::ChatNodeAlias),
                "Cisco: a new Expressway-E certificate is needed when new chat node aliases \
                 are added"
                    .into(),
            );
            cisco(
                "cisco-e-registration-domains",
                either(Element::UnifiedCmRegistrationDomain),
                "Cisco: a new Expressway-E certificate is needed when the Unified CM \
                 registration domains change"
                    .into(),
            );
            cisco(
                "cisco-e-xmpp-federation-domains",
                either(Element::XmppFederationDomain),
                "Cisco: a new Expressway-E certificate is needed when the XMPP federation \
                 domains change"
                    .into(),
            );
        }
    }
    let other_added: Vec<String> = added
        .iter()
        .map(|e| e.shown())
        .filter(|s| !explained.contains(s))
        .collect();
    let other_removed: Vec<String> = removed
        .iter()
        .map(|e| e.shown())
        .filter(|s| !explained.contains(s))
        .collect();
    if !other_added.is_empty() || !other_removed.is_empty() {
        let mut names = other_added.clone();
        names.extend(other_removed.iter().cloned());
        let mut parts = Vec::new();
        if !other_added.is_empty() {
            parts.push(format!("added {}", other_added.join(", ")));
        }
        if !other_removed.is_empty() {
            parts.push(format!("removed {}", other_removed.join(", ")));
        }
        reasons.push(Reason {
            rule: "san-list-changed",
            names,
            message: format!(
                "the certificate's SAN list changed ({}): a certificate cannot be changed, only \
                 replaced",
                parts.join("; ")
            ),
        });
    }
    if old.common_name != new.common_name || old.subject != new.subject {
        reasons.push(Reason {
            rule: "subject-changed",
            names: vec![new.common_name.clone()],
            message: format!(
                "the subject changed (common name \"{}\" → \"{}\"{})",
                old.common_name,
                new.common_name,
                if old.subject == new.subject {
                    ""
                } else {
                    ", or its organization, unit, locality, state or country"
                }
            ),
        });
    }
    if old.key != new.key {
        reasons.push(Reason {
            rule: "key-changed",
            names: Vec::new(),
            message: format!("the key changed ({} → {})", old.key, new.key),
        });
    }
    Verdict {
        role,
        peer: new.peer.clone(),
        reissue: !reasons.is_empty(),
        added: added.iter().map(|e| e.shown()).collect(),
        removed: removed.iter().map(|e| e.shown()).collect(),
        reasons,
    }
}
