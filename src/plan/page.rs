//! The Expressway's Generate CSR page, field by field: what to enter or
//! choose so that the box requests the planned certificate.

use crate::cisco::page::fields;
use crate::cisco::{
    AlternativeNamesChoice, CommonNameChoice, ELEMENT_ORDER, Element, requiring_features, row,
};
use crate::model::{Cluster, Deployment, HostName, Name};
use serde::Serialize;

/// One field of the page and what to enter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageField {
    /// The field's label on the page.
    pub field: &'static str,
    /// The value to enter or choose.
    pub value: String,
    /// The Format drop-down next to it, if there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
}

impl PageField {
    fn new(field: &'static str, value: String) -> PageField {
        PageField {
            field,
            value,
            format: None,
        }
    }
}

fn comma_separated(names: &[Name]) -> String {
    names
        .iter()
        .map(|n| n.value.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// "Additional alternative names": the admin's own, after the cluster FQDN
/// when Cisco's table requires it but neither the common name nor the
/// "Subject alternative names" choice adds it (a clustered Expressway-C
/// with "None"): without it the box would not request the name the plan
/// shows.
fn additional_names(deployment: &Deployment, cluster: &Cluster, common_name: &HostName) -> String {
    let mut names: Vec<&str> = Vec::new();
    if let Some(cluster_name) = &cluster.cluster_name {
        let required =
            !requiring_features(Element::ClusterName, cluster.role, &deployment.features)
                .is_empty();
        if required
            && cluster.alternative_names == AlternativeNamesChoice::None
            && cluster_name.value != *common_name
        {
            names.push(cluster_name.value.as_str());
        }
    }
    names.extend(cluster.additional_names.iter().map(|n| n.value.as_str()));
    names.join(",")
}

/// The key, and a note when the page does not offer its size (RSA 3072).
fn key_length(cluster: &Cluster) -> String {
    let key = cluster.key;
    let policy = key.algorithm.policy();
    if policy.page_sizes.contains(&key.size) {
        return key.to_string();
    }
    let offered: Vec<String> = policy.page_sizes.iter().map(u32::to_string).collect();
    format!(
        "{key} (not offered on this page, which has {} {}: make this CSR with sancsr generate, \
         or with sancsr export and your own tool)",
        policy.title,
        offered.join(" or ")
    )
}

/// Every field of the page for one peer's certificate, in page order.
pub(super) fn fields(
    deployment: &Deployment,
    cluster: &Cluster,
    common_name: &HostName,
) -> Vec<PageField> {
    let cn_choice = match cluster.common_name {
        CommonNameChoice::Cluster if cluster.cluster_name.is_some() => CommonNameChoice::Cluster,
        _ => CommonNameChoice::Peer,
    };
    let mut page = vec![
        PageField::new(
            fields::COMMON_NAME,
            format!("{} ({common_name})", cn_choice.title()),
        ),
        PageField::new(
            fields::ALTERNATIVE_NAMES,
            cluster.alternative_names.title().into(),
        ),
        PageField::new(
            fields::ADDITIONAL_NAMES,
            additional_names(deployment, cluster, common_name),
        ),
    ];
    for element in ELEMENT_ORDER {
        if requiring_features(element, cluster.role, &deployment.features).is_empty() {
            continue;
        }
        let row = row(element);
        page.push(PageField {
            field: row.title,
            value: comma_separated(deployment.element_names(element, cluster)),
            format: row
                .has_format_dropdown()
                .then(|| cluster.formats.of(element).format.title()),
        });
    }
    page.push(PageField::new(fields::KEY_LENGTH, key_length(cluster)));
    page.push(PageField::new(
        fields::DIGEST,
        cluster.key.digest.title().into(),
    ));
    let attributes = cluster.subject.attributes();
    for (field, attribute) in fields::SUBJECT {
        if let Some((_, value)) = attributes.iter().find(|(a, _)| *a == attribute) {
            page.push(PageField::new(field, (*value).to_owned()));
        }
    }
    page
}
