//! From a deployment to one planned certificate per peer: the Generate CSR
//! page's values, the ordered SAN list, and why each name is there.
//!
//! Which table elements go on which certificate comes only from
//! [`crate::rules::SAN_TABLE`]; this module decides order, formats and
//! de-duplication (SPEC §2), and the cross-certificate checks.

use crate::deployment::{
    AlternativeNamesChoice, Cluster, CommonNameChoice, Deployment, Format, KeySpec, Name, Subject,
    Version,
};
use crate::diagnostics::Error;
use crate::findings::{Finding, Severity};
use crate::names::{self, NameKind, check_name};
use crate::rules::{self, Element, Feature, Role};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// How an entry is written into the SAN extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum EntryKind {
    /// dNSName.
    #[serde(rename = "DNS")]
    Dns,
    /// otherName SRVName, RFC 4985, OID 1.3.6.1.5.5.7.8.7, IA5String.
    #[serde(rename = "SRV")]
    Srv,
    /// otherName id-on-xmppAddr, RFC 6120, OID 1.3.6.1.5.5.7.8.5, UTF8String.
    #[serde(rename = "XMPP")]
    Xmpp,
}

impl EntryKind {
    /// The prefix of the Expressway's decoded view (`DNS`, `SRV`, `XMPP`).
    pub fn prefix(self) -> &'static str {
        match self {
            EntryKind::Dns => "DNS",
            EntryKind::Srv => "SRV",
            EntryKind::Xmpp => "XMPP",
        }
    }
}

/// Why a name is in a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// What put it there: a table element (`unified-cm-registration-domain`,
    /// …, `cluster-name`) or `common-name`, `peer-fqdn`, `additional-name`.
    pub element: &'static str,
    /// The feature whose column of Cisco's table requires it, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<Feature>,
    /// The certificate's role.
    pub role: Role,
    /// The rule in words.
    pub why: String,
}

/// One SAN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The value written (e.g. `collab-edge.example.com`,
    /// `_collab-edge._tls.example.com`).
    pub value: String,
    /// How it is written.
    pub format: EntryKind,
    /// Every reason it is there, in the order they were met.
    pub reasons: Vec<Reason>,
}

impl Entry {
    /// As the Expressway shows it: `DNS:name`, `SRV:…`, `XMPP:…`.
    pub fn shown(&self) -> String {
        format!("{}:{}", self.format.prefix(), self.value)
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.format.prefix(), self.value)
    }
}

/// One field of the Expressway's Generate CSR page and what to enter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageField {
    /// The field's label on the page.
    pub field: String,
    /// The value to enter or choose.
    pub value: String,
    /// The Format drop-down next to it, if there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
}

/// The planned certificate of one peer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificatePlan {
    /// Expressway-C or -E.
    pub role: Role,
    /// This peer's FQDN.
    pub peer: String,
    /// The common name.
    pub common_name: String,
    /// The Generate CSR page, field by field.
    pub page: Vec<PageField>,
    /// The SANs, in order.
    pub entries: Vec<Entry>,
    /// Subject fields besides the CN.
    pub subject: Subject,
    /// Key and digest.
    pub key: KeySpec,
}

impl CertificatePlan {
    /// "Alternative name as it will appear".
    pub fn alternative_names(&self) -> Vec<String> {
        self.entries.iter().map(Entry::shown).collect()
    }

    /// Whether a dNSName entry equals `name` (ignoring case).
    pub fn has_dns(&self, name: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.format == EntryKind::Dns && e.value.eq_ignore_ascii_case(name))
    }
}

/// A whole deployment's plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// One certificate per peer: Expressway-C peers first, in file order.
    pub certificates: Vec<CertificatePlan>,
    /// Warnings and cross-certificate errors.
    pub findings: Vec<Finding>,
}

/// Many public CAs cap a certificate at 100 names (Let's Encrypt: 100)
/// (`cisco-facts.md`, Names).
pub const PUBLIC_CA_SAN_LIMIT: usize = 100;

/// Longest common name X.509 allows (RFC 5280 Appendix A, ub-common-name).
pub const MAX_COMMON_NAME_LEN: usize = 64;

/// ECDSA keys arrived in X14.3 (`cisco-facts.md`, sources A, B).
pub const ECDSA_SINCE: Version = Version::new(14, 3, 0);

/// SPEC §2 order of the table elements after the additional names.
const ELEMENT_ORDER: [Element; 4] = [
    Element::UnifiedCmRegistrationDomain,
    Element::XmppFederationDomain,
    Element::ChatNodeAlias,
    Element::PhoneSecurityProfile,
];

impl Plan {
    /// Plans every certificate of the deployment and runs the checks.
    pub fn build(deployment: &Deployment) -> Plan {
        let mut findings = Vec::new();
        let mut certificates = Vec::new();
        for cluster in &deployment.clusters {
            for peer in &cluster.peers {
                certificates.push(plan_certificate(deployment, cluster, peer, &mut findings));
            }
        }
        let mut plan = Plan {
            certificates,
            findings,
        };
        plan.findings.extend(deployment_findings(deployment, &plan));
        // A problem in a shared list shows on every peer's certificate; say it once.
        let mut seen = std::collections::HashSet::new();
        plan.findings
            .retain(|f| seen.insert((f.code, f.message.clone(), f.location.clone())));
        plan.findings.sort_by_key(|f| f.severity);
        plan
    }

    /// Keeps only the certificates for `role` and/or `peer`. A `peer` that is
    /// not in the deployment is a usage error listing the peers there are.
    pub fn select(mut self, role: Option<Role>, peer: Option<&str>) -> Result<Plan, Error> {
        if let Some(peer) = peer
            && !self
                .certificates
                .iter()
                .any(|c| c.peer.eq_ignore_ascii_case(peer))
        {
            let peers: Vec<&str> = self.certificates.iter().map(|c| c.peer.as_str()).collect();
            return Err(Error::usage(format!(
                "--peer {peer}: no such peer in the deployment; its peers are {}",
                peers.join(", ")
            )));
        }
        self.certificates.retain(|c| {
            role.is_none_or(|r| c.role == r) && peer.is_none_or(|p| c.peer.eq_ignore_ascii_case(p))
        });
        if self.certificates.is_empty()
            && let Some(role) = role
        {
            return Err(Error::usage(format!(
                "--role {}: the deployment has no [{}] table",
                match role {
                    Role::ExpresswayC => "c",
                    Role::ExpresswayE => "e",
                },
                role.table()
            )));
        }
        Ok(self)
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        crate::findings::has_errors(&self.findings)
    }
}

/// Builds an ordered, de-duplicated SAN list. Two entries are the same when
/// their shown forms are equal ignoring case; the first spelling is kept and
/// the reasons are merged (SPEC §2). A hash index keeps it linear.
#[derive(Default)]
struct SanList {
    entries: Vec<Entry>,
    index: HashMap<(EntryKind, String), usize>,
}

impl SanList {
    fn add(&mut self, format: EntryKind, value: &str, reason: Reason) {
        let key = (format, names::fold(value));
        match self.index.get(&key) {
            Some(&i) => {
                let reasons = &mut self.entries[i].reasons;
                if !reasons.contains(&reason) {
                    reasons.push(reason);
                }
            }
            None => {
                self.index.insert(key, self.entries.len());
                self.entries.push(Entry {
                    value: value.to_owned(),
                    format,
                    reasons: vec![reason],
                });
            }
        }
    }
}

fn plan_certificate(
    deployment: &Deployment,
    cluster: &Cluster,
    peer: &Name,
    findings: &mut Vec<Finding>,
) -> CertificatePlan {
    let role = cluster.role;
    let reason = |element: &'static str, feature: Option<Feature>, why: String| Reason {
        element,
        feature,
        role,
        why,
    };
    let mut sans = SanList::default();

    // The common name is always added as a SAN (cisco-facts.md, source F).
    let common_name = match (cluster.common_name, &cluster.cluster_name) {
        (CommonNameChoice::Cluster, Some(c)) => c.value.clone(),
        _ => peer.value.clone(),
    };
    sans.add(
        EntryKind::Dns,
        &common_name,
        reason(
            "common-name",
            None,
            "the common name is always added as a SAN".into(),
        ),
    );

    // Cluster FQDN: chosen by "Subject alternative names", and required on
    // the Expressway-C of a cluster by Cisco's table.
    let choice = cluster.alternative_names;
    if let Some(cluster_name) = &cluster.cluster_name {
        if choice != AlternativeNamesChoice::None {
            sans.add(
                EntryKind::Dns,
                &cluster_name.value,
                reason(
                    "cluster-name",
                    None,
                    format!(
                        "Subject alternative names: {}",
                        alternative_names_title(choice)
                    ),
                ),
            );
        }
        for feature in rules::requiring_features(Element::ClusterName, role, &deployment.features) {
            sans.add(
                EntryKind::Dns,
                &cluster_name.value,
                reason(
                    Element::ClusterName.key(),
                    Some(feature),
                    table_rule(Element::ClusterName, feature),
                ),
            );
        }
    }

    let peers: &[Name] = match choice {
        AlternativeNamesChoice::ClusterAndThisPeer => std::slice::from_ref(peer),
        AlternativeNamesChoice::ClusterAndAllPeers => &cluster.peers,
        AlternativeNamesChoice::None => &[],
    };
    for p in peers {
        let what = if p.value == peer.value {
            "this peer"
        } else {
            "a peer of the cluster"
        };
        sans.add(
            EntryKind::Dns,
            &p.value,
            reason(
                "peer-fqdn",
                None,
                format!(
                    "FQDN of {what}, selected by Subject alternative names: {}",
                    alternative_names_title(choice)
                ),
            ),
        );
    }

    for n in &cluster.additional_names {
        sans.add(
            EntryKind::Dns,
            &n.value,
            reason(
                "additional-name",
                None,
                "listed in additional alternative names".into(),
            ),
        );
    }

    let mut page = page_head(cluster, &common_name);
    for element in ELEMENT_ORDER {
        let features = rules::requiring_features(element, role, &deployment.features);
        if features.is_empty() {
            continue;
        }
        let listed = deployment.element_names(element, cluster);
        let format = cluster.formats.of(element).format;
        page.push(PageField {
            field: rules::row(element).title.to_owned(),
            value: listed
                .iter()
                .map(|n| n.value.as_str())
                .collect::<Vec<_>>()
                .join(","),
            format: has_format_dropdown(element).then_some(format.title()),
        });
        for name in listed {
            let (kind, value) = written_form(format, &name.value);
            if value != name.value
                && let Err(e) = check_name(&value, NameKind::Host)
                && kind == EntryKind::Dns
            {
                findings.push(
                    Finding::new(
                        Severity::Error,
                        "invalid-derived-name",
                        format!(
                            "{} \"{}\" becomes \"{value}\" in {} format, which is refused: {e} ({}); fix: {}",
                            rules::row(element).title,
                            name.value,
                            format.title(),
                            e.rule(),
                            e.fix(&value)
                        ),
                    )
                    .at(Some(deployment.source.location(name.span.start))),
                );
            }
            for &feature in &features {
                sans.add(
                    kind,
                    &value,
                    reason(element.key(), Some(feature), table_rule(element, feature)),
                );
            }
        }
    }
    page.extend(page_tail(cluster));

    CertificatePlan {
        role,
        peer: peer.value.clone(),
        common_name,
        page,
        entries: sans.entries,
        subject: cluster.subject.clone(),
        key: cluster.key,
    }
}

/// How a name is written in a format: `(kind, value)`.
fn written_form(format: Format, name: &str) -> (EntryKind, String) {
    match format {
        Format::Dns => (EntryKind::Dns, name.to_owned()),
        // "CollabEdgeDNS format … simply adds the prefix collab-edge." (seed)
        Format::CollabEdgeDns => (EntryKind::Dns, format!("collab-edge.{name}")),
        // RFC 4985 SRVName for the _collab-edge service (TAC 211304).
        Format::Srv => (EntryKind::Srv, format!("_collab-edge._tls.{name}")),
        Format::XmppAddress => (EntryKind::Xmpp, name.to_owned()),
    }
}

fn has_format_dropdown(element: Element) -> bool {
    matches!(
        element,
        Element::UnifiedCmRegistrationDomain
            | Element::XmppFederationDomain
            | Element::ChatNodeAlias
    )
}

fn table_rule(element: Element, feature: Feature) -> String {
    let row = rules::row(element);
    format!(
        "Cisco's table: {} — {} for {}",
        row.title,
        row.cell(feature).text(),
        feature.title()
    )
}

/// The page's title for an alternative names choice.
pub fn alternative_names_title(choice: AlternativeNamesChoice) -> &'static str {
    match choice {
        AlternativeNamesChoice::ClusterAndThisPeer => {
            "FQDN of Expressway cluster plus FQDN of this peer"
        }
        AlternativeNamesChoice::ClusterAndAllPeers => {
            "FQDN of Expressway cluster plus FQDNs of all peers in the cluster"
        }
        AlternativeNamesChoice::None => "None",
    }
}

fn page_head(cluster: &Cluster, common_name: &str) -> Vec<PageField> {
    let cn_choice = match cluster.common_name {
        CommonNameChoice::Cluster if cluster.cluster_name.is_some() => "FQDN of Expressway cluster",
        _ => "FQDN of this peer",
    };
    vec![
        PageField {
            field: "Common name".into(),
            value: format!("{cn_choice} ({common_name})"),
            format: None,
        },
        PageField {
            field: "Subject alternative names".into(),
            value: alternative_names_title(cluster.alternative_names).into(),
            format: None,
        },
        PageField {
            field: "Additional alternative names (comma separated)".into(),
            value: cluster
                .additional_names
                .iter()
                .map(|n| n.value.as_str())
                .collect::<Vec<_>>()
                .join(","),
            format: None,
        },
    ]
}

fn page_tail(cluster: &Cluster) -> Vec<PageField> {
    let mut fields = vec![
        PageField {
            field: "Key length (in bits)".into(),
            value: cluster.key.to_string(),
            format: None,
        },
        PageField {
            field: "Digest algorithm".into(),
            value: cluster.key.digest.title().into(),
            format: None,
        },
    ];
    let s = &cluster.subject;
    for (field, value) in [
        ("Country", &s.country),
        ("State or province", &s.state),
        ("Town", &s.locality),
        ("Organization", &s.organization),
        ("Organizational unit", &s.organizational_unit),
    ] {
        if let Some(v) = value {
            fields.push(PageField {
                field: field.into(),
                value: v.clone(),
                format: None,
            });
        }
    }
    fields
}

/// Findings about the deployment as a whole: formats, missing names, the
/// cross-certificate checks.
fn deployment_findings(d: &Deployment, plan: &Plan) -> Vec<Finding> {
    let mut out = Vec::new();
    let loc = |span: &std::ops::Range<usize>| Some(d.source.location(span.start));

    if d.features.is_empty() {
        out.push(
            Finding::new(
                Severity::Info,
                "no-features",
                "no features are listed: each certificate carries only its common name and the \
                 alternative names chosen; add features = [\"mobile-remote-access\", …] if the \
                 deployment uses any",
            )
            .at(d.features_span.as_ref().and_then(loc)),
        );
    }

    for cluster in &d.clusters {
        format_findings(d, cluster, &mut out);
        // ECDSA keys arrived in X14.3 (cisco-facts.md, sources A, B).
        if cluster.key.algorithm == crate::deployment::Algorithm::Ecdsa
            && let Some(v) = d.expressway_version
            && v < ECDSA_SINCE
        {
            out.push(
                Finding::new(
                    Severity::Warning,
                    "ecdsa-before-x14-3",
                    format!(
                        "[{}] asks for an {} key but expressway_version is {v}: ECDSA keys are \
                         supported from X14.3; use an RSA key or upgrade first",
                        cluster.role.table(),
                        cluster.key
                    ),
                )
                .at(cluster.key_span.as_ref().and_then(loc)),
            );
        }
    }

    // "Jabber and endpoints need example.com or collab-edge.example.com in
    // the Expressway-E SANs" (cisco-facts.md, sources L, M).
    if d.features.contains(&Feature::MobileRemoteAccess)
        && let Some(e) = d.cluster(Role::ExpresswayE)
        && d.registration_domains.is_empty()
    {
        out.push(
            Finding::new(
                Severity::Warning,
                "mra-without-registration-domain",
                "Mobile and Remote Access is enabled but [unified_cm] lists no \
                 registration_domains: the Expressway-E certificate needs the edge domain \
                 (example.com, or collab-edge.example.com in CollabEdgeDNS format) or Jabber \
                 prompts users to accept the certificate and phones fail to register",
            )
            .at(Some(d.source.location(e.span.start))),
        );
    }

    unused_element_findings(d, &mut out);

    for c in &plan.certificates {
        // RFC 5280 Appendix A: ub-common-name is 64; CAs refuse longer CNs,
        // though the FQDN itself may be 253 characters.
        if c.common_name.len() > MAX_COMMON_NAME_LEN {
            out.push(
                Finding::new(
                    Severity::Warning,
                    "cn-too-long",
                    format!(
                        "the common name \"{}\" is {} characters: X.509 allows {MAX_COMMON_NAME_LEN} \
                         in a common name and CAs refuse longer ones; choose a shorter name for \
                         the common name (the long name can stay a SAN)",
                        c.common_name,
                        c.common_name.len()
                    ),
                )
                .for_peer(&c.peer),
            );
        }
        if c.entries.len() > PUBLIC_CA_SAN_LIMIT {
            out.push(
                Finding::new(
                    Severity::Warning,
                    "too-many-sans",
                    format!(
                        "the {} certificate for {} has {} SANs: many public CAs accept at most \
                         {PUBLIC_CA_SAN_LIMIT} (Let's Encrypt: 100); use a private CA or split \
                         the names",
                        c.role,
                        c.peer,
                        c.entries.len()
                    ),
                )
                .for_peer(&c.peer),
            );
        }
    }

    cross_certificate_findings(d, plan, &mut out);
    out
}

fn format_findings(d: &Deployment, cluster: &Cluster, out: &mut Vec<Finding>) {
    for element in ELEMENT_ORDER {
        let choice = cluster.formats.of(element);
        let Some(span) = &choice.span else { continue };
        let location = Some(d.source.location(span.start));
        match choice.format {
            // "Do not use the XMPPAddress format as it may not be supported by
            // your CA, and may be discontinued in future versions" (seed).
            Format::XmppAddress => out.push(
                Finding::new(
                    Severity::Warning,
                    "xmpp-address-format",
                    format!(
                        "[{}] writes {} in XMPPAddress format: your CA may not support it and \
                         Cisco may discontinue it; Cisco recommends DNS format",
                        cluster.role.table(),
                        rules::row(element).title
                    ),
                )
                .at(location),
            ),
            // DNS and CollabEdgeDNS are the documented choices (seed); SRV is
            // accepted by endpoints (TAC 211304).
            Format::Srv => out.push(
                Finding::new(
                    Severity::Info,
                    "srv-format",
                    format!(
                        "[{}] writes Unified CM registration domains as SRVName \
                         (SRV:_collab-edge._tls.<domain>): endpoints accept it, but DNS or \
                         CollabEdgeDNS is the documented choice and some CAs refuse otherName \
                         entries",
                        cluster.role.table()
                    ),
                )
                .at(location),
            ),
            Format::Dns | Format::CollabEdgeDns => {}
        }
    }
}

fn unused_element_findings(d: &Deployment, out: &mut Vec<Finding>) {
    for element in ELEMENT_ORDER {
        let Some(first) = d.clusters.first() else {
            return;
        };
        let listed = d.element_names(element, first);
        if listed.is_empty() {
            continue;
        }
        let used = d
            .clusters
            .iter()
            .any(|c| !rules::requiring_features(element, c.role, &d.features).is_empty());
        if used {
            continue;
        }
        let row = rules::row(element);
        let needs: Vec<String> = Feature::ALL
            .into_iter()
            .filter(|f| row.cell(*f) != rules::Required::No)
            .map(|f| format!("{} ({})", f.title(), row.cell(f).text()))
            .collect();
        out.push(
            Finding::new(
                Severity::Warning,
                "unused-names",
                format!(
                    "{} are listed but no planned certificate carries them: Cisco's table \
                     requires them for {}; add the feature, the Expressway table, or remove \
                     the list",
                    row.title,
                    needs.join(", ")
                ),
            )
            .at(Some(d.source.location(listed[0].span.start))),
        );
    }
}

/// SPEC §2 "Cross-certificate checks": names one Expressway's traversal zone
/// expects in the other's certificate.
fn cross_certificate_findings(d: &Deployment, plan: &Plan, out: &mut Vec<Finding>) {
    let certs_of = |role: Role| plan.certificates.iter().filter(move |c| c.role == role);

    // "The TLS verify subject name on the E must be in the C's SAN; for a
    // cluster, use the cluster name" (cisco-facts.md, sources E, M).
    if let Some(e) = d.cluster(Role::ExpresswayE)
        && let Some(subject_name) = &e.tls_verify_subject_name
    {
        let location = Some(d.source.location(subject_name.span.start));
        match d.cluster(Role::ExpresswayC) {
            Some(c) => {
                let lacking: Vec<&str> = certs_of(Role::ExpresswayC)
                    .filter(|cert| !cert.has_dns(&subject_name.value))
                    .map(|cert| cert.peer.as_str())
                    .collect();
                if !lacking.is_empty() {
                    let fix = match &c.cluster_name {
                        Some(cn) => format!(
                            "set tls_verify_subject_name to the Expressway-C cluster name \"{}\", \
                             or add \"{}\" to [expressway_c] additional_names",
                            cn.value, subject_name.value
                        ),
                        None => format!(
                            "set tls_verify_subject_name to the Expressway-C's FQDN \"{}\", or \
                             add \"{}\" to [expressway_c] additional_names",
                            c.peers[0].value, subject_name.value
                        ),
                    };
                    out.push(
                        Finding::new(
                            Severity::Error,
                            "tls-verify-subject-name-missing",
                            format!(
                                "the Expressway-E traversal zone's TLS verify subject name \"{}\" \
                                 is not a SAN of the Expressway-C certificate for {}: the \
                                 Expressway matches the SAN, not the CN, so the traversal zone \
                                 would fail with a TLS negotiation error; fix: {fix}",
                                subject_name.value,
                                lacking.join(", ")
                            ),
                        )
                        .at(location),
                    );
                }
            }
            None => out.push(
                Finding::new(
                    Severity::Info,
                    "cross-check-skipped",
                    format!(
                        "tls_verify_subject_name \"{}\" is not checked: the deployment has no \
                         [expressway_c] table",
                        subject_name.value
                    ),
                )
                .at(location),
            ),
        }
    }

    if let Some(c) = d.cluster(Role::ExpresswayC) {
        let has_e = d.cluster(Role::ExpresswayE).is_some();
        for address in &c.traversal_peer_addresses {
            let location = Some(d.source.location(address.span.start));
            if !has_e {
                out.push(
                    Finding::new(
                        Severity::Info,
                        "cross-check-skipped",
                        format!(
                            "traversal peer address \"{}\" is not checked: the deployment has no \
                             [expressway_e] table",
                            address.value
                        ),
                    )
                    .at(location),
                );
                continue;
            }
            if !certs_of(Role::ExpresswayE).any(|cert| cert.has_dns(&address.value)) {
                out.push(
                    Finding::new(
                        Severity::Error,
                        "traversal-peer-address-missing",
                        format!(
                            "the Expressway-C traversal zone's peer address \"{}\" is not a SAN of \
                             any Expressway-E certificate: the Expressway-C would refuse the \
                             Expressway-E's certificate and the traversal zone would not come up; \
                             fix: add \"{}\" to [expressway_e] peers or additional_names, or \
                             correct the peer address",
                            address.value, address.value
                        ),
                    )
                    .at(location),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A C+E deployment with one feature and one distinct name per element,
    /// so each element's presence shows by name.
    fn one_feature(feature: Feature) -> Deployment {
        let text = format!(
            "features = [\"{}\"]\n\
             [unified_cm]\nregistration_domains = [\"regdomain.example.com\"]\n\
             phone_security_profiles = [\"profile.example.com\"]\n\
             [im_presence]\nchat_node_aliases = [\"chatalias.example.com\"]\n\
             [xmpp_federation]\ndomains = [\"xmppdomain.example.com\"]\n\
             [expressway_c]\ncluster_name = \"cclust.example.local\"\n\
             peers = [\"c1.example.local\", \"c2.example.local\"]\n\
             common_name = \"peer\"\nalternative_names = \"none\"\n\
             [expressway_e]\ncluster_name = \"eclust.example.com\"\n\
             peers = [\"e1.example.com\", \"e2.example.com\"]\n\
             common_name = \"peer\"\nalternative_names = \"none\"\n",
            feature.key()
        );
        Deployment::parse("t.toml", &text).expect("valid deployment")
    }

    fn element_name(element: Element) -> &'static str {
        match element {
            Element::UnifiedCmRegistrationDomain => "regdomain.example.com",
            Element::XmppFederationDomain => "xmppdomain.example.com",
            Element::ChatNodeAlias => "chatalias.example.com",
            Element::PhoneSecurityProfile => "profile.example.com",
            Element::ClusterName => "cclust.example.local",
        }
    }

    /// 4 features × 5 elements × 2 roles, each cell of Cisco's table checked
    /// through the planner rather than the table itself.
    #[test]
    fn every_cell_of_ciscos_table_through_the_plan() {
        for feature in Feature::ALL {
            let plan = Plan::build(&one_feature(feature));
            assert_eq!(plan.certificates.len(), 4);
            for row in &rules::SAN_TABLE {
                for role in Role::ALL {
                    let expected = row.cell(feature).applies_to(role);
                    // The E's cluster name is a different name; check the
                    // role's own cluster name for the cluster-name row.
                    let name = match (row.element, role) {
                        (Element::ClusterName, Role::ExpresswayE) => "eclust.example.com",
                        (e, _) => element_name(e),
                    };
                    for cert in plan.certificates.iter().filter(|c| c.role == role) {
                        assert_eq!(
                            cert.has_dns(name),
                            expected,
                            "{feature:?} / {:?} / {role:?} ({}): {:?}",
                            row.element,
                            cert.peer,
                            cert.alternative_names()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn cluster_name_on_c_even_with_alternative_names_none_but_not_for_b2b_only() {
        for (feature, expected) in [
            (Feature::MobileRemoteAccess, true),
            (Feature::JabberGuest, true),
            (Feature::XmppFederation, true),
            (Feature::BusinessToBusiness, false),
        ] {
            let plan = Plan::build(&one_feature(feature));
            let c1 = &plan.certificates[0];
            assert_eq!(c1.role, Role::ExpresswayC);
            assert_eq!(c1.common_name, "c1.example.local");
            assert_eq!(c1.has_dns("cclust.example.local"), expected, "{feature:?}");
            if expected {
                // Right after the common name (SPEC §2 order).
                assert_eq!(c1.entries[1].value, "cclust.example.local");
                assert_eq!(c1.entries[1].reasons[0].feature, Some(feature));
            }
        }
    }

    #[test]
    fn order_and_case_insensitive_dedup_keep_first_spelling() {
        let d = Deployment::parse(
            "t.toml",
            "features = [\"mobile-remote-access\", \"xmpp-federation\"]\n\
             [unified_cm]\nregistration_domains = [\"Example.com\"]\n\
             [im_presence]\nchat_node_aliases = [\"chat.example.com\"]\n\
             [xmpp_federation]\ndomains = [\"EXAMPLE.COM\", \"other.example\"]\n\
             [expressway_e]\ncluster_name = \"expe.example.com\"\n\
             peers = [\"expe1.example.com\", \"expe2.example.com\"]\n\
             alternative_names = \"cluster-and-all-peers\"\n\
             additional_names = [\"EXPE2.example.com\", \"extra.example.com\", \"Chat.Example.com\"]\n",
        )
        .expect("valid");
        let plan = Plan::build(&d);
        assert_eq!(
            plan.certificates[0].alternative_names(),
            [
                "DNS:expe.example.com",
                "DNS:expe1.example.com",
                "DNS:expe2.example.com",
                "DNS:extra.example.com",
                "DNS:Chat.Example.com",
                "DNS:Example.com",
                "DNS:other.example",
            ]
        );
        let example = &plan.certificates[0].entries[5];
        let elements: Vec<&str> = example.reasons.iter().map(|r| r.element).collect();
        assert_eq!(
            elements,
            ["unified-cm-registration-domain", "xmpp-federation-domain"]
        );
        let chat = &plan.certificates[0].entries[4];
        let elements: Vec<&str> = chat.reasons.iter().map(|r| r.element).collect();
        assert_eq!(elements, ["additional-name", "chat-node-alias"]);
    }

    #[test]
    fn formats_write_and_show_each_entry_kind() {
        for (format, shown) in [
            (Format::Dns, "DNS:example.com"),
            (Format::CollabEdgeDns, "DNS:collab-edge.example.com"),
            (Format::Srv, "SRV:_collab-edge._tls.example.com"),
            (Format::XmppAddress, "XMPP:example.com"),
        ] {
            let (kind, value) = written_form(format, "example.com");
            assert_eq!(format!("{}:{value}", kind.prefix()), shown);
        }
    }

    #[test]
    fn same_value_in_different_formats_are_different_entries() {
        let d = Deployment::parse(
            "t.toml",
            "features = [\"xmpp-federation\"]\n\
             [im_presence]\nchat_node_aliases = [\"example.com\"]\n\
             [xmpp_federation]\ndomains = [\"example.com\"]\n\
             [expressway_e]\npeers = [\"expe.example.com\"]\n\
             chat_node_alias_format = \"xmpp-address\"\n",
        )
        .expect("valid");
        let plan = Plan::build(&d);
        assert_eq!(
            plan.certificates[0].alternative_names(),
            [
                "DNS:expe.example.com",
                "DNS:example.com",
                "XMPP:example.com"
            ]
        );
        assert!(plan.findings.iter().any(|f| f.code == "xmpp-address-format"
            && f.severity == Severity::Warning
            && f.location.as_deref() == Some("t.toml:8:26")));
    }

    fn codes(text: &str) -> Vec<(&'static str, Severity)> {
        let d = Deployment::parse("t.toml", text).expect("valid");
        Plan::build(&d)
            .findings
            .into_iter()
            .map(|f| (f.code, f.severity))
            .collect()
    }

    #[test]
    fn warnings_table() {
        let cases: &[(&str, &str, Severity)] = &[
            (
                "features = [\"mobile-remote-access\"]\n[expressway_e]\npeers = [\"e.example.com\"]\n",
                "mra-without-registration-domain",
                Severity::Warning,
            ),
            (
                "expressway_version = \"X14.2\"\n[key]\nalgorithm = \"ecdsa\"\n[expressway_e]\npeers = [\"e.example.com\"]\n",
                "ecdsa-before-x14-3",
                Severity::Warning,
            ),
            (
                "features = [\"mobile-remote-access\"]\n[unified_cm]\nregistration_domains = [\"example.com\"]\n\
                 [expressway_e]\npeers = [\"e.example.com\"]\nregistration_domain_format = \"srv\"\n",
                "srv-format",
                Severity::Info,
            ),
            (
                "features = [\"business-to-business\"]\n[unified_cm]\nphone_security_profiles = [\"p.example.com\"]\n\
                 [expressway_c]\npeers = [\"c.example.com\"]\n",
                "unused-names",
                Severity::Warning,
            ),
            (
                "[expressway_c]\npeers = [\"c.example.com\"]\n",
                "no-features",
                Severity::Info,
            ),
            (
                "[expressway_c]\npeers = [\"a-very-long-host-name-for-an-expressway-core.collaboration.example.com\"]\n",
                "cn-too-long",
                Severity::Warning,
            ),
        ];
        for (text, code, severity) in cases {
            let got = codes(text);
            assert!(got.contains(&(*code, *severity)), "{code}: {got:?}");
        }
        // X14.3 and later, and an RSA key, raise no ECDSA warning.
        let quiet = codes(
            "expressway_version = \"X14.3\"\n[key]\nalgorithm = \"ecdsa\"\n[expressway_e]\npeers = [\"e.example.com\"]\n",
        );
        assert!(!quiet.iter().any(|(c, _)| *c == "ecdsa-before-x14-3"));
    }

    #[test]
    fn more_than_100_sans_warns() {
        let names: Vec<String> = (0..100).map(|i| format!("\"h{i}.example.com\"")).collect();
        let text = format!(
            "[expressway_e]\npeers = [\"e.example.com\"]\nadditional_names = [{}]\n",
            names.join(",")
        );
        assert!(codes(&text).contains(&("too-many-sans", Severity::Warning)));
        let text = format!(
            "[expressway_e]\npeers = [\"e.example.com\"]\nadditional_names = [{}]\n",
            names[..99].join(",")
        );
        assert!(!codes(&text).iter().any(|(c, _)| *c == "too-many-sans"));
    }

    #[test]
    fn cross_certificate_checks() {
        let base = "features = [\"mobile-remote-access\"]\n\
             [expressway_c]\ncluster_name = \"expc.example.local\"\npeers = [\"expc1.example.local\"]\n\
             alternative_names = \"none\"\ntraversal_peer_addresses = [\"TRAVERSAL\"]\n\
             [expressway_e]\npeers = [\"expe1.example.com\"]\ntls_verify_subject_name = \"VERIFY\"\n";
        let run = |verify: &str, traversal: &str| {
            codes(
                &base
                    .replace("VERIFY", verify)
                    .replace("TRAVERSAL", traversal),
            )
        };
        let ok = run("expc.example.local", "expe1.example.com");
        assert!(!ok.iter().any(|(_, s)| *s == Severity::Error), "{ok:?}");
        // The C's peer FQDN is not a SAN with alternative_names = "none".
        let bad = run("expc1.example.local", "expe1.example.com");
        assert!(bad.contains(&("tls-verify-subject-name-missing", Severity::Error)));
        let bad = run("expc.example.local", "expe2.example.com");
        assert!(bad.contains(&("traversal-peer-address-missing", Severity::Error)));
        // Case does not matter.
        let ok = run("EXPC.example.local", "Expe1.Example.Com");
        assert!(!ok.iter().any(|(_, s)| *s == Severity::Error), "{ok:?}");
    }

    #[test]
    fn select_narrows_and_refuses_unknown_peers() {
        let plan = Plan::build(&one_feature(Feature::MobileRemoteAccess));
        let e = plan
            .clone()
            .select(Some(Role::ExpresswayE), None)
            .expect("ok");
        assert!(e.certificates.iter().all(|c| c.role == Role::ExpresswayE));
        assert_eq!(e.certificates.len(), 2);
        let one = plan
            .clone()
            .select(None, Some("C2.example.local"))
            .expect("ok");
        assert_eq!(one.certificates.len(), 1);
        let err = plan.select(None, Some("nope.example.com")).unwrap_err();
        assert!(err.to_string().contains("c1.example.local"), "{err}");
        assert_eq!(err.exit_code(), 2);
    }
}
