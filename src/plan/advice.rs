//! Findings that depend on the release or on what the Generate CSR page
//! accepts: one function per finding code, each citing its source in
//! `docs/cisco-rules.md`.

use crate::cisco::policy::PROFILE_FQDN_SINCE;
use crate::cisco::{Element, Format, Role, requiring_features, row};
use crate::model::{Cluster, Deployment};
use crate::report::{Code, Finding};

/// Every finding of this module.
pub(super) fn findings(d: &Deployment) -> Vec<Finding> {
    let mut out = bare_profile_names(d);
    out.extend(template_names(d));
    out.extend(collab_edge_doubled(d));
    out.extend(chat_alias_format_mismatch(d));
    for cluster in &d.clusters {
        out.extend(page_subject_incomplete(d, cluster));
    }
    out
}

/// `sancsr init`'s example names left in place: a CSR for them would go to
/// a CA for boxes that do not exist.
fn template_names(d: &Deployment) -> Option<Finding> {
    let lists = [
        &d.registration_domains,
        &d.phone_security_profiles,
        &d.chat_node_aliases,
        &d.im_presence_nodes,
        &d.xmpp_federation_domains,
    ];
    let names: Vec<&crate::model::Name> = d
        .clusters
        .iter()
        .flat_map(|c| {
            c.cluster_name
                .iter()
                .chain(&c.peers)
                .chain(&c.additional_names)
        })
        .chain(lists.into_iter().flatten())
        .filter(|n| crate::model::template::is_placeholder(n.value.as_str()))
        .collect();
    let first = names.first()?;
    let listed: Vec<&str> = names.iter().map(|n| n.value.as_str()).collect();
    let message = format!(
        "the file still holds the example names of `sancsr init` ({}): a CSR for them would go \
         to a CA for boxes that do not exist",
        listed.join(", ")
    );
    Some(
        Finding::warning(Code::TemplateNames, message)
            .fix("replace them with your own names before generating CSRs")
            .at(Some(d.location(&first.span))),
    )
}

/// Before X12.6 a bare profile name works, but "CSR generation will fail
/// after an upgrade" (source C, E).
fn bare_profile_names(d: &Deployment) -> Vec<Finding> {
    let Some(v) = d.expressway_version.filter(|v| *v < PROFILE_FQDN_SINCE) else {
        return Vec::new();
    };
    d.phone_security_profiles
        .iter()
        .filter(|p| !p.value.as_str().contains('.'))
        .map(|p| {
            let message = format!(
                "phone security profile name \"{}\" is not an FQDN: {v} accepts it, but CSR \
                 generation will fail after an upgrade to {PROFILE_FQDN_SINCE} or later",
                p.value,
            );
            let fix = format!(
                "rename the profile on Unified CM ({}) to an FQDN such as \"{}.example.com\"",
                crate::cisco::page::PHONE_SECURITY_PROFILE_MENU,
                p.value
            );
            Finding::warning(Code::ProfileNameNotFqdn, message)
                .fix(fix)
                .at(Some(d.location(&p.span)))
        })
        .collect()
}

/// CollabEdgeDNS "simply adds the prefix collab-edge." (source C): a domain
/// that already has it would be written twice.
fn collab_edge_doubled(d: &Deployment) -> Vec<Finding> {
    let element = Element::UnifiedCmRegistrationDomain;
    let mut out = Vec::new();
    for cluster in &d.clusters {
        if cluster.formats.of(element).format != Format::CollabEdgeDns {
            continue;
        }
        for name in &d.registration_domains {
            let value = name.value.as_str();
            let Some(bare) = value
                .get(..12)
                .filter(|p| p.eq_ignore_ascii_case("collab-edge."))
                .map(|_| &value[12..])
            else {
                continue;
            };
            let message = format!(
                "registration domain \"{value}\" in CollabEdgeDNS format becomes \
                 \"collab-edge.{value}\": the format adds the prefix itself"
            );
            let finding = Finding::warning(Code::CollabEdgeDoubled, message)
                .fix(format!("list the bare domain \"{bare}\""));
            out.push(finding.at(Some(d.location(&name.span))));
        }
    }
    out
}

/// Chat node aliases go on both certificates (source C); written in DNS on
/// one and XMPPAddress on the other, the two boxes present different names.
fn chat_alias_format_mismatch(d: &Deployment) -> Option<Finding> {
    let element = Element::ChatNodeAlias;
    let (c, e) = (d.cluster(Role::ExpresswayC)?, d.cluster(Role::ExpresswayE)?);
    let needed = |cl: &Cluster| !requiring_features(element, cl.role, &d.features).is_empty();
    let (fc, fe) = (c.formats.of(element), e.formats.of(element));
    if d.chat_node_aliases.is_empty() || !needed(c) || !needed(e) || fc.format == fe.format {
        return None;
    }
    let message = format!(
        "chat node aliases are written in {} format on the Expressway-C and {} format on the \
         Expressway-E: {} goes on both certificates, so the two boxes present different names",
        fc.format.title(),
        fe.format.title(),
        row(element).title
    );
    let span = fe.span.as_ref().or(fc.span.as_ref());
    Some(
        Finding::warning(Code::ChatAliasFormatMismatch, message)
            .fix("use one format on both (Cisco recommends DNS)")
            .at(span.map(|s| d.location(s))),
    )
}

/// "The UI requires State, Country and Organisation" (source A, F).
fn page_subject_incomplete(d: &Deployment, cluster: &Cluster) -> Option<Finding> {
    let s = &cluster.subject;
    let missing: Vec<&str> = [
        ("state", s.state.is_none()),
        ("country", s.country.is_none()),
        ("organization", s.organization.is_none()),
    ]
    .into_iter()
    .filter_map(|(k, absent)| absent.then_some(k))
    .collect();
    if missing.is_empty() {
        return None;
    }
    let message = format!(
        "[{}] has no subject {}: the Expressway's Generate CSR page requires State or province, \
         Country and Organization and will refuse the form (sancsr generate and export do not \
         need them)",
        cluster.role.table(),
        missing.join(", ")
    );
    Some(
        Finding::warning(Code::PageSubjectIncomplete, message)
            .fix(format!("add {} to [subject]", missing.join(", ")))
            .at(Some(d.location(&cluster.span))),
    )
}
