//! `sancsr import`: deployments drafted instead of typed. From the
//! certificates in service ([`certificates`]): the draft ([`draft`]) is
//! planned again and compared with what is installed ([`compare`]). From
//! the Expressways' `xConfiguration` output ([`xconfiguration`]).

pub(crate) mod certificates;
pub(crate) mod draft;
mod installed;
pub(crate) mod xconf_draft;
mod xconf_lines;
pub(crate) mod xconfiguration;

use crate::model::{AltName, Deployment};
use crate::pki::Document;
use crate::plan::Plan;
use crate::report::Error;
use draft::Draft;
use std::collections::HashSet;

/// The draft's TOML. The draft is parsed once: a name the Expressways hold
/// that a deployment file refuses (an underscore, say) is true of the
/// deployment, so the draft keeps it and says that `plan` will show it.
pub(crate) fn toml(draft: &Draft, source: &str) -> String {
    let text = draft.toml(source);
    let Err(Error::Input(errors)) = Deployment::parse("draft.toml", &text) else {
        return text;
    };
    let mut said = draft.clone();
    said.notes.push(format!(
        "{} name(s) as the Expressways hold them break the deployment file's rules: run \
         sancsr plan on this file to see them",
        errors.diagnostics.len() + errors.hidden
    ));
    said.toml(source)
}

/// Plans the draft and notes, per installed certificate, the names it
/// carries that the plan does not, and the planned names it lacks.
pub(crate) fn compare(draft: &mut Draft, docs: &[Document]) -> Result<(), Error> {
    let text = draft.toml("the certificates");
    let deployment = Deployment::parse("draft.toml", &text)?;
    let plan = Plan::build(&deployment);
    let mut notes = Vec::new();
    let clusters: Vec<String> = draft
        .clusters
        .iter()
        .filter_map(|c| c.cluster_name.clone())
        .collect();
    for doc in docs {
        if !certificates::is_leaf(doc) {
            continue;
        }
        let Some(c) = plan
            .certificates
            .iter()
            .find(|c| doc.host_names().any(|n| c.peer.is(n)))
        else {
            let name = peer_name(doc, &clusters);
            notes.push(format!(
                "{name}: installed, but no peer of this draft carries its names (a peer \
                 removed, or its configuration not given)"
            ));
            continue;
        };
        let installed: HashSet<&AltName> = doc.alt_names().collect();
        let planned: HashSet<&AltName> = c.entries.iter().map(|e| &e.name).collect();
        let extra: Vec<String> = doc
            .alt_names()
            .filter(|n| !planned.contains(n))
            .map(ToString::to_string)
            .collect();
        let missing: Vec<String> = c
            .entries
            .iter()
            .filter(|e| !installed.contains(&e.name))
            .map(ToString::to_string)
            .collect();
        if !extra.is_empty() {
            notes.push(format!(
                "{}: installed but not planned: {}",
                c.peer,
                extra.join(", ")
            ));
        }
        if !missing.is_empty() {
            notes.push(format!(
                "{}: planned but not installed: {} (Cisco's table requires them for the features)",
                c.peer,
                missing.join(", ")
            ));
        }
    }
    if notes.is_empty() {
        notes.push("planning this draft reproduces every installed certificate's names".into());
    }
    // A certificate in two files, or a peer's server and client
    // certificates, say the same.
    draft::unique(&mut notes);
    draft.notes.extend(notes);
    Ok(())
}

/// A certificate's own name: its first that is not a cluster's.
fn peer_name<'a>(doc: &'a Document, clusters: &[String]) -> &'a str {
    let is_cluster = |n: &str| clusters.iter().any(|c| c.eq_ignore_ascii_case(n));
    doc.host_names()
        .find(|n| !is_cluster(n))
        .or_else(|| doc.host_names().next())
        .unwrap_or("(no name)")
}
