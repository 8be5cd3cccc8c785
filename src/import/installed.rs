//! `import xconfiguration --certificates`: what the certificates in service
//! add to a draft from `xConfiguration`. The configuration names the boxes,
//! domains and traversal names; the certificates hold what it does not:
//! phone security profile names, chat node aliases, how the CSR wrote the
//! domains, the subject and the key. Each is taken as `import certificates`
//! reads it, and said as a `# check:` comment.

use super::certificates;
use super::draft::{Draft, DraftCluster};
use crate::pki::Document;

/// Adds to `draft` what the installed certificates show and it lacks;
/// returns whether they showed how the CSR wrote the edge domains.
pub(crate) fn add(draft: &mut Draft, docs: &[Document]) -> bool {
    if docs.is_empty() {
        return false;
    }
    let installed = certificates::draft(docs);
    if draft.phone_security_profiles.is_empty() {
        draft
            .phone_security_profiles
            .clone_from(&installed.phone_security_profiles);
        draft.guesses.extend(
            installed
                .guesses
                .iter()
                .filter(|g| g.0.contains("phone security profile"))
                .cloned(),
        );
    }
    if draft.chat_node_aliases.is_empty() && !installed.chat_node_aliases.is_empty() {
        draft
            .chat_node_aliases
            .clone_from(&installed.chat_node_aliases);
        draft.notes.push(format!(
            "chat node aliases taken from the installed certificates (the names on both \
             roles): {}",
            installed.chat_node_aliases.join(", ")
        ));
    }
    for table in &mut draft.clusters {
        if let Some(found) = installed.clusters.iter().find(|c| c.role == table.role) {
            subject_and_key(table, found);
        }
    }
    formats(draft, &installed)
}

/// How the CSRs wrote the edge and federation domains, which the
/// configuration does not say; whether an edge domain's was found.
fn formats(draft: &mut Draft, installed: &Draft) -> bool {
    let mut found = false;
    for (domain, format) in &mut draft.registration_domains {
        let written = installed
            .registration_domains
            .iter()
            .find(|(d, _)| d.eq_ignore_ascii_case(domain));
        if let Some((_, f)) = written {
            *format = *f;
            found = true;
        }
    }
    let as_xmpp = |d: &String| {
        installed
            .federation_domains
            .iter()
            .any(|i| i.eq_ignore_ascii_case(d))
    };
    if installed.federation_xmpp_address && draft.federation_domains.iter().any(as_xmpp) {
        draft.federation_xmpp_address = true;
    }
    found
}

/// The subject, key and chat alias format of the role's certificates.
fn subject_and_key(table: &mut DraftCluster, found: &DraftCluster) {
    if table.subject.is_empty() {
        table.subject.clone_from(&found.subject);
    }
    if table.key.is_none() {
        table.key = found.key;
    }
    table.chat_alias_xmpp |= found.chat_alias_xmpp;
}
