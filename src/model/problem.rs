//! What can be wrong in a deployment file, as typed problems. Each variant
//! carries its data and explains itself once: message, label, rule, fix.

use super::names::NameError;
use crate::cisco::{Element, Role, row};
use crate::report::Explain;

/// Where users read what each key means.
const REFERENCE: &str = "docs/deployment-file.md";

/// One problem in a deployment file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// TOML syntax, or a key or type serde refused.
    Toml { message: String, kind: TomlKind },
    /// A `peer_ca` key that is not a peer of its table.
    PeerCaNotAPeer {
        role: Role,
        value: String,
        peers: Vec<String>,
    },
    /// `expressway_version` that is not a release.
    InvalidVersion { value: String },
    /// `traversal_port` out of 1..=65535.
    InvalidPort { value: i64 },
    /// A Unicode bidirectional or invisible format character.
    FormatCharacter { character: char },
    /// The two tables' `traversal_port` disagree.
    TraversalPortMismatch { c: u16, e: u16 },
    /// Neither Expressway table.
    NoCluster,
    /// An absurd number of peers.
    TooManyPeers { role: Role, count: usize },
    /// A table without peers.
    NoPeers { role: Role },
    /// Several peers but no cluster name.
    ClusterWithoutName { role: Role, peers: usize },
    /// `common_name = "cluster"` without a cluster.
    ClusterCommonNameWithoutCluster { role: Role },
    /// `alternative_names = "cluster-…"` without a cluster.
    ClusterAlternativeNamesWithoutCluster { role: Role, value: String },
    /// A key in the other role's table.
    Misplaced {
        key: &'static str,
        belongs: Role,
        why: &'static str,
    },
    /// A format key for an element the role never carries.
    FormatWithoutUse {
        key: &'static str,
        role: Role,
        element: Element,
    },
    /// A value that is not one of the choices.
    UnknownChoice {
        what: &'static str,
        value: String,
        allowed: Vec<&'static str>,
        suggestion: Option<&'static str>,
    },
    /// A name refused by the name rule.
    InvalidName { value: String, error: NameError },
    /// An absurdly long list.
    TooManyNames { count: usize, max: usize },
    /// Peers × names past the budget.
    PlanTooLarge { names: usize, max: usize },
    /// The same FQDN as a peer of both roles.
    PeerInBothRoles { value: String, first: String },
    /// The same peer twice.
    Duplicate {
        what: &'static str,
        value: String,
        first: String,
    },
}

/// Which of serde's refusals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TomlKind {
    /// `unknown field`, with the nearest known key.
    UnknownKey { suggestion: Option<String> },
    /// `invalid type`.
    WrongType,
    /// `missing field`.
    MissingKey,
    /// Anything else: syntax.
    Syntax,
}

/// A typed value as echoed in a message: whole when short, else its start
/// and its length (a 30 MB string must not come back whole).
pub(super) fn shown(value: &str) -> String {
    const MAX: usize = 80;
    if value.chars().count() <= MAX {
        return value.to_owned();
    }
    let start: String = value.chars().take(MAX).collect();
    format!("{start}… ({} characters)", value.chars().count())
}

fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|k| format!("\"{k}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Explain for Problem {
    fn message(&self) -> String {
        use Problem::*;
        match self {
            Toml { message, .. } => message.clone(),
            InvalidVersion { value } => format!("invalid expressway_version \"{}\"", shown(value)),
            InvalidPort { value } => format!("invalid traversal_port {value}"),
            FormatCharacter { character } => format!(
                "the file holds U+{:04X}, an invisible Unicode format or bidirectional character",
                u32::from(*character)
            ),
            TraversalPortMismatch { c, e } => {
                format!("traversal_port is {c} in [expressway_c] and {e} in [expressway_e]")
            }
            PeerCaNotAPeer { role, value, .. } => {
                format!(
                    "peer_ca names \"{}\", not a peer of [{}]",
                    shown(value),
                    role.table()
                )
            }
            NoCluster => "no [expressway_c] or [expressway_e] table".into(),
            TooManyPeers { role, count } => format!("[{}] lists {count} peers", role.table()),
            NoPeers { role } => format!("[{}] lists no peers", role.table()),
            ClusterWithoutName { role, peers } => {
                format!("[{}] has {peers} peers but no cluster_name", role.table())
            }
            ClusterCommonNameWithoutCluster { .. } => {
                "common_name = \"cluster\" without a cluster_name".into()
            }
            ClusterAlternativeNamesWithoutCluster { value, .. } => {
                format!("alternative_names = \"{value}\" without a cluster_name")
            }
            Misplaced { key, belongs, .. } => {
                format!("{key} is not a key of [{}]", belongs.other().table())
            }
            FormatWithoutUse { key, role, .. } => format!("{key} has no use in [{}]", role.table()),
            UnknownChoice { what, value, .. } => format!("unknown {what} \"{}\"", shown(value)),
            InvalidName { value, .. } => format!("invalid name \"{}\"", shown(value)),
            TooManyNames { count, .. } => format!("a list of {count} names"),
            PlanTooLarge { names, .. } => {
                format!("the plan would hold {names} names (peers × names)")
            }
            Duplicate { what, value, .. } => format!("{what} \"{value}\" is listed twice"),
            PeerInBothRoles { value, first } => format!(
                "\"{value}\" is a peer of both [expressway_c] (at {first}) and [expressway_e]"
            ),
        }
    }

    fn label(&self) -> String {
        use Problem::*;
        match self {
            Toml { kind, .. } => match kind {
                TomlKind::UnknownKey { .. } => "unknown key",
                TomlKind::WrongType => "wrong type",
                TomlKind::MissingKey => "missing key",
                TomlKind::Syntax => "here",
            }
            .into(),
            InvalidVersion { .. } => "not a version".into(),
            InvalidPort { .. } => "not a TCP port".into(),
            FormatCharacter { .. } => "invisible character here".into(),
            TraversalPortMismatch { .. } => "the other table says another port".into(),
            PeerCaNotAPeer { .. } => "not a peer".into(),
            NoCluster => "nothing to plan".into(),
            TooManyPeers { .. } => "more peers than an Expressway cluster holds".into(),
            NoPeers { .. } => "no peers".into(),
            ClusterWithoutName { .. } => "clustered without a cluster name".into(),
            ClusterCommonNameWithoutCluster { .. } => "no cluster to name".into(),
            ClusterAlternativeNamesWithoutCluster { .. } => "no cluster FQDN to add".into(),
            Misplaced { belongs, .. } => format!("belongs in [{}]", belongs.table()),
            FormatWithoutUse { role, element, .. } => format!(
                "no {} go on an {} certificate",
                row(*element).title,
                role.title()
            ),
            UnknownChoice { what, .. } => format!("not a {what}"),
            InvalidName { error, .. } => error.to_string(),
            TooManyNames { .. } => "far more names than any certificate carries".into(),
            PlanTooLarge { .. } => "the longest list".into(),
            Duplicate { .. } => "listed before".into(),
            PeerInBothRoles { first, .. } => format!("also listed at {first}"),
        }
    }

    fn rule(&self) -> String {
        use Problem::*;
        match self {
            Toml { .. } => {
                format!("the deployment file is TOML with the keys and tables of {REFERENCE}")
            }
            InvalidVersion { .. } => {
                "expressway_version is an Expressway release such as \"X15.5\" or \"X14.3.1\""
                    .into()
            }
            InvalidPort { .. } => "traversal_port is a TCP port, 1 to 65535".into(),
            FormatCharacter { .. } => {
                "a deployment file shows what it holds: no bidirectional overrides, isolates or \
                 marks (U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), which make text \
                 read in another order than it is"
                    .into()
            }
            TraversalPortMismatch { .. } => {
                "the Expressway-C's traversal client zone connects to the port the \
                 Expressway-E's traversal server zone listens on: one port"
                    .into()
            }
            PeerCaNotAPeer { .. } => {
                "peer_ca sets who signs one peer's certificates, so each key is a peer FQDN of \
                 the same table"
                    .into()
            }
            NoCluster
            | TooManyPeers { .. }
            | NoPeers { .. }
            | ClusterWithoutName { .. }
            | ClusterCommonNameWithoutCluster { .. }
            | ClusterAlternativeNamesWithoutCluster { .. } => self.cluster_rule(),
            Misplaced { belongs, why, .. } => {
                format!("{why}, so the key belongs to [{}]", belongs.table())
            }
            FormatWithoutUse { role, element, .. } => format!(
                "Cisco's table puts \"{}\" on {} certificates only",
                row(*element).title,
                role.other().title()
            ),
            UnknownChoice { what, allowed, .. } => {
                format!("{what} is one of {}", quoted_list(allowed))
            }
            InvalidName { error, .. } => error.rule().into(),
            TooManyNames { max, .. } => format!(
                "a list holds at most {max} names (public CAs cap a certificate at about 100)"
            ),
            PlanTooLarge { max, .. } => format!(
                "a deployment plans at most {max} names in all, every peer's certificate \
                 counted, so that memory stays bounded"
            ),
            Duplicate { what, .. } => format!(
                "each {what} has its own certificate, so each is listed once (names differing \
                 only in case are the same)"
            ),
            PeerInBothRoles { .. } => "a box is an Expressway-C (inside) or an Expressway-E (in \
                                       the DMZ), not both; each has its own certificate"
                .into(),
        }
    }

    fn fix(&self) -> String {
        use Problem::*;
        match self {
            Toml { kind, .. } => toml_fix(kind),
            PeerCaNotAPeer { peers, .. } => {
                let peers: Vec<&str> = peers.iter().map(String::as_str).collect();
                format!("use one of the peers: {}", quoted_list(&peers))
            }
            InvalidVersion { .. } => {
                "write the release shown on the Expressway's Overview page, e.g. \"X15.5\"".into()
            }
            FormatCharacter { .. } => "delete the character; retype the value around it".into(),
            InvalidPort { .. } => {
                "write the zone's SIP port (Configuration > Zones > Zones), 7001 by default".into()
            }
            TraversalPortMismatch { .. } => {
                "set both zones to one port, or give traversal_port in one table".into()
            }
            NoCluster
            | TooManyPeers { .. }
            | NoPeers { .. }
            | ClusterWithoutName { .. }
            | ClusterCommonNameWithoutCluster { .. }
            | ClusterAlternativeNamesWithoutCluster { .. } => self.cluster_fix(),
            Misplaced { key, belongs, .. } => format!("move {key} to [{}]", belongs.table()),
            FormatWithoutUse { key, role, .. } => format!("remove {key} from [{}]", role.table()),
            UnknownChoice {
                allowed,
                suggestion,
                ..
            } => match suggestion {
                Some(s) => format!(
                    "did you mean \"{s}\"? The choices are {}",
                    quoted_list(allowed)
                ),
                None => format!("use one of {}", quoted_list(allowed)),
            },
            // A fix may quote the name; only an absurd one is cut.
            InvalidName { value, error } => {
                let fix = error.fix(value);
                if fix.len() > 400 { shown(&fix) } else { fix }
            }
            TooManyNames { .. } => {
                "check how the list was produced; split the names across certificates".into()
            }
            PlanTooLarge { .. } => "check how the lists were produced; plan the clusters in \
                                    separate files, or fewer names per certificate"
                .into(),
            Duplicate { first, .. } => format!("remove this entry (the first is \"{first}\")"),
            PeerInBothRoles { .. } => {
                "remove it from the table of the role it does not have, or correct the FQDN".into()
            }
        }
    }
}

/// The fix of a TOML refusal.
fn toml_fix(kind: &TomlKind) -> String {
    match kind {
        TomlKind::UnknownKey {
            suggestion: Some(near),
        } => format!("did you mean `{near}`? Otherwise remove the key"),
        TomlKind::UnknownKey { suggestion: None } => {
            format!("remove it, or check its spelling against `sancsr init` ({REFERENCE})")
        }
        TomlKind::WrongType => format!("write the value with the type {REFERENCE} gives"),
        TomlKind::MissingKey => "add the key".into(),
        TomlKind::Syntax => "fix the TOML syntax at the marked position".into(),
    }
}

impl Problem {
    /// The rule of a problem with a cluster's tables and peers.
    fn cluster_rule(&self) -> String {
        use Problem::*;
        match self {
            TooManyPeers { .. } => format!(
                "an Expressway cluster has at most {} peers (Cluster Creation and Maintenance \
                 Deployment Guide X14.3, \"Clustering Basics\")",
                super::MAX_PEERS
            ),
            NoPeers { .. } => {
                format!("each Expressway table lists at least one peer FQDN ({REFERENCE})")
            }
            ClusterWithoutName { .. } => "a cluster of several peers has a cluster FQDN (System > \
                                          Clustering on the Expressway)"
                .into(),
            ClusterCommonNameWithoutCluster { .. } => {
                "the cluster FQDN can be the common name only of a clustered Expressway".into()
            }
            ClusterAlternativeNamesWithoutCluster { .. } => {
                "\"FQDN of cluster plus …\" needs the cluster FQDN".into()
            }
            _ => format!("a deployment describes at least one Expressway cluster ({REFERENCE})"),
        }
    }

    /// The fix of a problem with a cluster's tables and peers.
    fn cluster_fix(&self) -> String {
        use Problem::*;
        match self {
            TooManyPeers { .. } => {
                "list the peers of one cluster; a larger deployment is several clusters, each \
                 its own deployment file"
                    .into()
            }
            NoPeers { role } => format!("add peers = [\"<peer FQDN>\", …] to [{}]", role.table()),
            ClusterWithoutName { role, .. } => {
                format!(
                    "add cluster_name = \"<cluster FQDN>\" to [{}]",
                    role.table()
                )
            }
            ClusterCommonNameWithoutCluster { role } => format!(
                "add cluster_name to [{}], or use common_name = \"peer\"",
                role.table()
            ),
            ClusterAlternativeNamesWithoutCluster { role, .. } => format!(
                "add cluster_name to [{}], or use alternative_names = \"none\" (the peer FQDN is \
                 the common name, which is always a SAN)",
                role.table()
            ),
            _ => "add an [expressway_c] and/or [expressway_e] table with its peers; `sancsr init` \
                  writes one"
                .into(),
        }
    }
}
