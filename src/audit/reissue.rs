//! `sancsr reissue`: does a change to the deployment need new certificates,
//! and why.
//!
//! Both files are planned; each certificate's SAN list, subject and key are
//! compared, and every SAN change is classified by the element that put the
//! name there, so Cisco's notes ([`crate::cisco::reissue`]) can be named.

use crate::cisco::reissue::{Change, REISSUE_NOTES, ReissueNote, ReissueRule, Watched};
use crate::cisco::{Eku, Role};
use crate::model::{AltName, Deployment, HostName, Name};
use crate::plan::{CertificatePlan, Entry, Origin, Plan};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// Why a certificate must be reissued (or is no longer needed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Reason {
    /// Stable identifier of the rule.
    pub rule: ReissueRule,
    /// The names involved.
    pub names: Vec<String>,
    /// The rule and the names, in words.
    pub message: String,
}

/// The verdict for one certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Verdict {
    /// Role.
    pub role: Role,
    /// Peer FQDN.
    pub peer: HostName,
    /// Which of the peer's certificates: its EKU.
    pub eku: Eku,
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
pub(crate) struct Comparison {
    /// One verdict per certificate in either file: C first, then E.
    pub certificates: Vec<Verdict>,
    /// A newly uploaded server certificate takes effect only after the
    /// Expressway restarts (source C).
    pub restart_required: bool,
    /// The Unified CM and IM and Presence certificates either file plans.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub platform: Vec<super::platform::PlatformVerdict>,
    /// `callmanager-renewal-order` when a CallManager certificate changes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<crate::report::Finding>,
}

/// A certificate's identity across plans: role, peer, EKU.
type Key = (Role, HostName, Eku);

/// The same certificate in the old and the new plan.
type Pair<'a> = (Option<&'a CertificatePlan>, Option<&'a CertificatePlan>);

/// Compares the plans of `old` and `new`.
pub(crate) fn compare(old: &Deployment, new: &Deployment) -> Comparison {
    let (old_plan, new_plan) = (Plan::build(old), Plan::build(new));
    let key = |c: &CertificatePlan| (c.role, c.peer.clone(), c.purpose.eku);
    let mut pairs: BTreeMap<Key, Pair<'_>> = BTreeMap::new();
    for c in &old_plan.certificates {
        pairs.entry(key(c)).or_default().0 = Some(c);
    }
    for c in &new_plan.certificates {
        pairs.entry(key(c)).or_default().1 = Some(c);
    }
    // Keep the new file's order, then peers only the old file has.
    let mut order: Vec<Key> = new_plan.certificates.iter().map(key).collect();
    let known: HashSet<Key> = order.iter().cloned().collect();
    order.extend(
        old_plan
            .certificates
            .iter()
            .map(key)
            .filter(|k| !known.contains(k)),
    );
    order.sort_by_key(|(role, _, _)| *role);

    let added_nodes = added_names(&old.im_presence_nodes, &new.im_presence_nodes);
    let certificates: Vec<Verdict> = order
        .iter()
        .filter_map(|k| match pairs.get(k)? {
            (None, Some(n)) => Some(match certificates_of(&old_plan, n) {
                before if before.is_empty() => new_peer(n),
                before => set_changed(n, &before, &certificates_of(&new_plan, n), true),
            }),
            (Some(o), None) => Some(match certificates_of(&new_plan, o) {
                after if after.is_empty() => removed_peer(o),
                after => set_changed(o, &certificates_of(&old_plan, o), &after, false),
            }),
            (Some(o), Some(n)) => Some(changed(o, n, &added_nodes)),
            (None, None) => None,
        })
        .collect();
    let restart_required = certificates.iter().any(|v| v.reissue);
    let (platform, findings) = super::platform::reissue(&old_plan, &new_plan);
    Comparison {
        certificates,
        restart_required,
        platform,
        findings,
    }
}

/// The peer's certificates in `plan`, in words (`serverAuth + clientAuth
/// from a private CA`).
fn certificates_of(plan: &Plan, like: &CertificatePlan) -> Vec<String> {
    plan.certificates
        .iter()
        .filter(|c| c.role == like.role && c.peer == like.peer)
        .map(|c| format!("{} from {}", c.purpose.eku.title(), c.purpose.ca))
        .collect()
}

/// A peer whose set of certificates changed (release upgrade or CA change):
/// `c` is new in the set (`added`) or no longer in it.
fn set_changed(c: &CertificatePlan, before: &[String], after: &[String], added: bool) -> Verdict {
    let (rel, ca) = (
        c.release
            .map_or_else(|| "release not given".into(), |v| v.to_string()),
        c.purpose.ca,
    );
    let what = if added {
        format!(
            "now needs its {} certificate from {ca}",
            c.purpose.eku.title()
        )
    } else {
        format!("no longer uses its {} certificate", c.purpose.eku.title())
    };
    Verdict {
        role: c.role,
        peer: c.peer.clone(),
        eku: c.purpose.eku,
        reissue: added,
        added: if added {
            c.alternative_names()
        } else {
            Vec::new()
        },
        removed: Vec::new(),
        reasons: vec![Reason {
            rule: ReissueRule::CertificatesChanged,
            names: vec![c.peer.to_string()],
            message: format!(
                "the release or CA changes the certificates {} needs ({rel}): before, {}; now, \
                 {}; so it {what} (the 2026 clientAuth sunset, TAC 225693)",
                c.peer,
                before.join(" and "),
                after.join(" and ")
            ),
        }],
    }
}

fn new_peer(n: &CertificatePlan) -> Verdict {
    Verdict {
        role: n.role,
        peer: n.peer.clone(),
        eku: n.purpose.eku,
        reissue: true,
        added: n.alternative_names(),
        removed: Vec::new(),
        reasons: vec![Reason {
            rule: ReissueRule::NewPeer,
            names: vec![n.peer.to_string()],
            message: format!("{} is a new peer: it needs its first certificate", n.peer),
        }],
    }
}

fn removed_peer(o: &CertificatePlan) -> Verdict {
    Verdict {
        role: o.role,
        peer: o.peer.clone(),
        eku: o.purpose.eku,
        reissue: false,
        added: Vec::new(),
        removed: o.alternative_names(),
        reasons: vec![Reason {
            rule: ReissueRule::RemovedPeer,
            names: vec![o.peer.to_string()],
            message: format!(
                "{} is no longer in the deployment: its certificate is no longer needed (revoke \
                 it if the box is retired)",
                o.peer
            ),
        }],
    }
}

/// Names in `new` not in `old` (ignoring case), in `new`'s order.
fn added_names(old: &[Name], new: &[Name]) -> Vec<String> {
    let before: HashSet<&HostName> = old.iter().map(|n| &n.value).collect();
    new.iter()
        .filter(|n| !before.contains(&n.value))
        .map(|n| n.value.to_string())
        .collect()
}

/// The entries of `of` whose names are not in `other`.
fn difference<'a>(of: &'a [Entry], other: &[Entry]) -> Vec<&'a Entry> {
    let names: HashSet<&AltName> = other.iter().map(|e| &e.name).collect();
    of.iter().filter(|e| !names.contains(&e.name)).collect()
}

/// The SAN changes of both plans, split by what put each name there.
struct SanChanges<'a> {
    added: Vec<&'a Entry>,
    removed: Vec<&'a Entry>,
}

impl SanChanges<'_> {
    /// The names a note watches, among the changes it counts.
    fn watched(&self, note: &ReissueNote, added_nodes: &[String]) -> Vec<String> {
        let Watched::Element(element) = note.watched else {
            return added_nodes.to_vec();
        };
        let of = |entries: &[&Entry]| -> Vec<String> {
            entries
                .iter()
                .filter(|e| {
                    e.reasons
                        .iter()
                        .any(|r| r.element == Origin::Element(element))
                })
                .map(|e| e.to_string())
                .collect()
        };
        let mut names = of(&self.added);
        let with_removed = match note.change {
            Change::Added => false,
            Change::AddedOrRenamed => !names.is_empty(),
            Change::Changed => true,
        };
        if with_removed {
            names.extend(of(&self.removed));
        }
        names
    }
}

fn changed(old: &CertificatePlan, new: &CertificatePlan, added_nodes: &[String]) -> Verdict {
    let changes = SanChanges {
        added: difference(&new.entries, &old.entries),
        removed: difference(&old.entries, &new.entries),
    };
    let mut reasons = Vec::new();
    let mut explained: HashSet<String> = HashSet::new();
    for note in REISSUE_NOTES.iter().filter(|n| n.role == new.role) {
        let names = changes.watched(note, added_nodes);
        if names.is_empty() {
            continue;
        }
        if matches!(note.watched, Watched::Element(_)) {
            explained.extend(names.iter().cloned());
        }
        reasons.push(Reason {
            rule: note.rule,
            message: format!("{}: {}", note.text, names.join(", ")),
            names,
        });
    }
    reasons.extend(other_san_changes(&changes, &explained));
    reasons.extend(subject_and_key_changes(old, new));
    if old.purpose.ca != new.purpose.ca {
        reasons.push(Reason {
            rule: ReissueRule::CaChanged,
            names: Vec::new(),
            message: format!(
                "the certificate is now signed by {} instead of {}",
                new.purpose.ca, old.purpose.ca
            ),
        });
    }
    Verdict {
        role: new.role,
        peer: new.peer.clone(),
        eku: new.purpose.eku,
        reissue: !reasons.is_empty(),
        added: changes.added.iter().map(|e| e.to_string()).collect(),
        removed: changes.removed.iter().map(|e| e.to_string()).collect(),
        reasons,
    }
}

/// SAN changes no Cisco note explains.
fn other_san_changes(changes: &SanChanges<'_>, explained: &HashSet<String>) -> Option<Reason> {
    let unexplained = |entries: &[&Entry]| -> Vec<String> {
        entries
            .iter()
            .map(|e| e.to_string())
            .filter(|s| !explained.contains(s))
            .collect()
    };
    let (added, removed) = (unexplained(&changes.added), unexplained(&changes.removed));
    if added.is_empty() && removed.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("added {}", added.join(", ")));
    }
    if !removed.is_empty() {
        parts.push(format!("removed {}", removed.join(", ")));
    }
    Some(Reason {
        rule: ReissueRule::SanListChanged,
        names: added.into_iter().chain(removed).collect(),
        message: format!(
            "the certificate's SAN list changed ({}): a certificate cannot be changed, only \
             replaced",
            parts.join("; ")
        ),
    })
}

fn subject_and_key_changes(old: &CertificatePlan, new: &CertificatePlan) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let changed = subject_changes(old, new);
    if !changed.is_empty() {
        reasons.push(Reason {
            rule: ReissueRule::SubjectChanged,
            names: vec![new.common_name.to_string()],
            message: format!("the subject changed: {}", changed.join(", ")),
        });
    }
    if old.key != new.key {
        reasons.push(Reason {
            rule: ReissueRule::KeyChanged,
            names: Vec::new(),
            message: format!("the key changed ({} → {})", old.key, new.key),
        });
    }
    reasons
}

/// Each subject field that differs, as `field "old" → "new"`.
fn subject_changes(old: &CertificatePlan, new: &CertificatePlan) -> Vec<String> {
    let mut changes = Vec::new();
    if old.common_name.as_str() != new.common_name.as_str() {
        changes.push(format!(
            "common name \"{}\" → \"{}\"",
            old.common_name, new.common_name
        ));
    }
    let (before, after) = (old.subject.attributes(), new.subject.attributes());
    let value = |list: &[(&str, &str)], attribute: &str| {
        list.iter()
            .find(|(a, _)| *a == attribute)
            .map_or("(none)".to_owned(), |(_, v)| format!("\"{v}\""))
    };
    for (title, attribute) in crate::cisco::page::fields::SUBJECT {
        let (was, is) = (value(&before, attribute), value(&after, attribute));
        if was != is {
            changes.push(format!("{} {was} → {is}", title.to_lowercase()));
        }
    }
    changes
}
