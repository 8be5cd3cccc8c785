//! Findings about the deployment as a whole: one function per finding
//! code, each citing its source in `docs/cisco-rules.md`.

use super::Plan;
use crate::cisco::policy::{MAX_COMMON_NAME_LEN, PUBLIC_CA_SAN_LIMIT, SPECIAL_USE_DOMAINS};
use crate::cisco::{
    Algorithm, ECDSA_SINCE, ELEMENT_ORDER, Feature, Format, Required, Role, SanKind,
    requiring_features, row,
};
use crate::model::{AltName, Cluster, Deployment};
use crate::report::{Code, Finding};

/// Every finding of this module, in a stable order.
pub(super) fn deployment_findings(d: &Deployment, plan: &Plan) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(no_features(d));
    for cluster in &d.clusters {
        out.extend(format_findings(d, cluster));
        out.extend(ecdsa_before_x14_3(d, cluster));
    }
    out.extend(mra_without_registration_domain(d));
    out.extend(unused_names(d));
    for c in &plan.certificates {
        out.extend(file_name_too_long(d, c));
        out.extend(cluster_member_names(d, c));
        out.extend(cn_too_long(c));
        out.extend(too_many_sans(c));
        out.extend(public_ca_names(c));
    }
    out
}

/// `public-ca-name`: a certificate planned for a public CA that carries
/// names a public CA does not issue: special-use domains (`.local` and
/// the like), single labels (both internal names to the CA/Browser Forum,
/// source CABF), and SRV or XMPP otherNames, which public CAs' TLS
/// certificates do not carry.
fn public_ca_names(c: &super::CertificatePlan) -> Option<Finding> {
    if c.purpose.ca != crate::cisco::CaKind::Public {
        return None;
    }
    let refused: Vec<String> = c
        .entries
        .iter()
        .filter(|e| public_ca_refuses(&e.name))
        .map(ToString::to_string)
        .collect();
    if refused.is_empty() {
        return None;
    }
    let message = format!(
        "{} is planned for a public CA, which will not issue {}: special-use or single-label \
         names, and SRV or XMPP names",
        c.peer,
        refused.join(", ")
    );
    Some(
        Finding::warning(Code::PublicCaName, message)
            .fix("move these names to a certificate from a private CA, or use public DNS names")
            .for_peer(c.peer.as_str()),
    )
}

fn public_ca_refuses(name: &AltName) -> bool {
    if name.kind != SanKind::Dns {
        return true;
    }
    let value = name.value.to_ascii_lowercase();
    !value.contains('.')
        || SPECIAL_USE_DOMAINS
            .iter()
            .any(|d| value == *d || value.ends_with(&format!(".{d}")))
}

/// The longest file `generate` writes for a peer: `<peer>.key.<10-digit
/// time>-N.bak`. File systems refuse names over 255 bytes (NAME_MAX), so a
/// valid 253-character FQDN cannot name its own key file.
const LONGEST_SUFFIX: usize = ".key.0000000000-9.bak".len();
const NAME_MAX: usize = 255;

fn file_name_too_long(d: &Deployment, c: &super::CertificatePlan) -> Option<Finding> {
    let len = c.peer.as_str().len();
    let suffix = LONGEST_SUFFIX + c.purpose.file_suffix().len();
    (len + suffix > NAME_MAX).then(|| {
        let message = format!(
            "the peer FQDN {} is {len} characters: the files generate writes for it \
             (<peer>.key, <peer>.csr and the backups of replaced keys) would exceed the file system's \
             {NAME_MAX}-byte name limit",
            c.peer,
        );
        let fix = format!(
            "use a peer FQDN of at most {} characters",
            NAME_MAX - suffix
        );
        let location = d
            .cluster(c.role)
            .and_then(|cl| cl.peers.iter().find(|p| p.value == c.peer))
            .map(|p| d.location(&p.span));
        Finding::error(Code::FileNameTooLong, message)
            .fix(fix)
            .at(location)
            .for_peer(c.peer.as_str())
    })
}

/// "Server certificates and clustered systems" (source A): each peer's
/// certificate carries both its own FQDN and the cluster FQDN.
fn cluster_member_names(d: &Deployment, c: &super::CertificatePlan) -> Vec<Finding> {
    let (Some(cluster_name), Some(cluster)) = (&c.cluster_name, d.cluster(c.role)) else {
        return Vec::new();
    };
    let table = c.role.table();
    let fix = format!(
        "set alternative_names = \"cluster-and-this-peer\" (or \"cluster-and-all-peers\") in \
         [{table}]: the page then adds the cluster FQDN and each peer's own FQDN"
    );
    let location = Some(d.location(&cluster.span));
    let mut out = Vec::new();
    if !c.has_dns(&c.peer) {
        let message = format!(
            "the {} certificate for {} does not carry the peer's own FQDN: a clustered peer's \
             certificate needs both its FQDN and the cluster FQDN \"{cluster_name}\", and the \
             common name is the cluster FQDN while \"Subject alternative names\" is \"None\"",
            c.role, c.peer
        );
        out.push(
            Finding::error(Code::PeerFqdnMissing, message)
                .fix(fix.clone())
                .at(location.clone())
                .for_peer(c.peer.as_str()),
        );
    }
    // Cisco's table requires the cluster name only on the Expressway-C, for
    // MRA, Jabber Guest and XMPP federation (source C), and the plan always
    // adds it there; elsewhere it is the general guidance for clustered
    // peers (source A): a recommendation, so a warning.
    if !c.has_dns(cluster_name) {
        let message = format!(
            "the {} certificate for {} does not carry the cluster FQDN \"{cluster_name}\": \
             Cisco's guidance is that a clustered peer's certificate carries both its own FQDN \
             and the cluster FQDN (the table requires it only on the Expressway-C, for Mobile \
             and Remote Access, Jabber Guest and XMPP federation)",
            c.role, c.peer
        );
        out.push(
            Finding::warning(Code::ClusterFqdnMissing, message)
                .fix(fix)
                .at(location)
                .for_peer(c.peer.as_str()),
        );
    }
    out
}

fn no_features(d: &Deployment) -> Option<Finding> {
    d.features.is_empty().then(|| {
        Finding::info(
            Code::NoFeatures,
            "no features are listed: each certificate carries only its common name and the \
             alternative names chosen",
        )
        .fix("add features = [\"mobile-remote-access\", …] if the deployment uses any")
        .at(d.features_span.as_ref().map(|s| d.location(s)))
    })
}

/// `xmpp-address-format`: "Do not use the XMPPAddress format as it may not
/// be supported by your CA, and may be discontinued in future versions"
/// (source C). `srv-format`: DNS and CollabEdgeDNS are the documented
/// choices; SRV is accepted by endpoints (TAC 211304).
fn format_findings(d: &Deployment, cluster: &Cluster) -> Vec<Finding> {
    let table = cluster.role.table();
    let mut out = Vec::new();
    for element in ELEMENT_ORDER {
        let choice = cluster.formats.of(element);
        let Some(span) = &choice.span else { continue };
        let finding = match choice.format {
            Format::XmppAddress => Finding::warning(
                Code::XmppAddressFormat,
                format!(
                    "[{table}] writes {} in XMPPAddress format: your CA may not support it and \
                     Cisco may discontinue it",
                    row(element).title
                ),
            )
            .fix("use DNS format, which Cisco recommends"),
            Format::Srv => Finding::info(
                Code::SrvFormat,
                format!(
                    "[{table}] writes Unified CM registration domains as SRVName \
                     (SRV:_collab-edge._tls.<domain>): endpoints accept it, but DNS or \
                     CollabEdgeDNS is the documented choice and some CAs refuse otherName \
                     entries"
                ),
            )
            .fix("use the DNS or CollabEdgeDNS format unless you need SRVName"),
            Format::Dns | Format::CollabEdgeDns => continue,
        };
        out.push(finding.at(Some(d.location(span))));
    }
    out
}

/// ECDSA keys arrived in X14.3 (source A, B): an error on an older release,
/// a warning when the release is not given.
fn ecdsa_before_x14_3(d: &Deployment, cluster: &Cluster) -> Option<Finding> {
    if cluster.key.algorithm != Algorithm::Ecdsa {
        return None;
    }
    let table = cluster.role.table();
    let finding = match d.expressway_version {
        Some(v) if v >= ECDSA_SINCE => return None,
        Some(v) => Finding::error(
            Code::EcdsaBeforeX14_3,
            format!(
                "[{table}] asks for an {} key but expressway_version is {v}: ECDSA keys are \
                 supported from {ECDSA_SINCE}",
                cluster.key
            ),
        )
        .fix(format!("use an RSA key, or upgrade to {ECDSA_SINCE} first")),
        None => Finding::warning(
            Code::EcdsaBeforeX14_3,
            format!(
                "[{table}] asks for an {} key: ECDSA keys are supported from {ECDSA_SINCE}, and \
                 expressway_version is not given",
                cluster.key
            ),
        )
        .fix("set expressway_version, or use an RSA key on older releases"),
    };
    Some(finding.at(cluster.key_span.as_ref().map(|s| d.location(s))))
}

/// "Jabber and endpoints need example.com or collab-edge.example.com in the
/// Expressway-E SANs" (source L, M).
fn mra_without_registration_domain(d: &Deployment) -> Option<Finding> {
    let e = d.cluster(Role::ExpresswayE)?;
    if !d.features.contains(&Feature::MobileRemoteAccess) || !d.registration_domains.is_empty() {
        return None;
    }
    Some(
        Finding::warning(
            Code::MraWithoutRegistrationDomain,
            "Mobile and Remote Access is enabled but [unified_cm] lists no \
             registration_domains: the Expressway-E certificate needs the edge domain, or \
             Jabber prompts users to accept the certificate and phones fail to register",
        )
        .fix(
            "add the edge domain to [unified_cm] registration_domains (example.com, written \
             collab-edge.example.com in CollabEdgeDNS format)",
        )
        .at(Some(d.location(&e.span))),
    )
}

/// `unused-names`: a list no planned certificate carries.
fn unused_names(d: &Deployment) -> Vec<Finding> {
    let Some(first) = d.clusters.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for element in ELEMENT_ORDER {
        let listed = d.element_names(element, first);
        let used = d
            .clusters
            .iter()
            .any(|c| !requiring_features(element, c.role, &d.features).is_empty());
        if listed.is_empty() || used {
            continue;
        }
        let row = row(element);
        let needs: Vec<String> = Feature::ALL
            .into_iter()
            .filter(|f| row.cell(*f) != Required::No)
            .map(|f| format!("{} ({})", f.title(), row.cell(f).text()))
            .collect();
        let message = format!(
            "{} are listed but no planned certificate carries them: Cisco's table requires them \
             for {}",
            row.title,
            needs.join(", ")
        );
        out.push(
            Finding::warning(Code::UnusedNames, message)
                .fix("add the feature or the Expressway table that needs them, or remove the list")
                .at(Some(d.location(&listed[0].span))),
        );
    }
    out
}

/// RFC 5280 Appendix A: ub-common-name is 64; CAs refuse longer CNs, though
/// the FQDN itself may be 253 characters.
fn cn_too_long(c: &super::CertificatePlan) -> Option<Finding> {
    let len = c.common_name.as_str().len();
    (len > MAX_COMMON_NAME_LEN).then(|| {
        let message = format!(
            "the common name \"{}\" of the {} certificate for {} is {len} characters: X.509 \
             allows {MAX_COMMON_NAME_LEN} in a common name and CAs refuse longer ones",
            c.common_name, c.role, c.peer
        );
        Finding::warning(Code::CnTooLong, message)
            .fix("choose a shorter name for the common name (the long name can stay a SAN)")
            .for_peer(c.peer.as_str())
    })
}

/// Many public CAs cap a certificate at 100 names.
fn too_many_sans(c: &super::CertificatePlan) -> Option<Finding> {
    (c.entries.len() > PUBLIC_CA_SAN_LIMIT).then(|| {
        let message = format!(
            "the {} certificate for {} has {} SANs: many public CAs accept at most \
             {PUBLIC_CA_SAN_LIMIT} (Let's Encrypt: 100)",
            c.role,
            c.peer,
            c.entries.len()
        );
        Finding::warning(Code::TooManySans, message)
            .fix("use a private CA, or split the names")
            .for_peer(c.peer.as_str())
    })
}
