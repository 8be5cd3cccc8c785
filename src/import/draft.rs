//! A drafted deployment and its TOML: every key as `docs/deployment-file.md`
//! describes it, every guess a `# check:` comment.

use crate::cisco::{Feature, Format, Role};
use std::fmt::Write as _;

/// A guess the draft says aloud.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Guess(pub String);

impl Guess {
    /// A guess, in words.
    pub(crate) fn new(text: String) -> Guess {
        Guess(text)
    }
}

/// One `[expressway_c]` / `[expressway_e]` table.
#[derive(Debug, Clone, Default)]
pub(crate) struct DraftCluster {
    /// Which Expressway.
    pub role: Option<Role>,
    /// The cluster FQDN, when the certificates share one.
    pub cluster_name: Option<String>,
    /// One peer FQDN per certificate.
    pub peers: Vec<String>,
    /// The Generate CSR page choices the certificates show; `None` leaves
    /// the defaults.
    pub page: Option<PageChoices>,
    /// Names no table element explains.
    pub additional_names: Vec<String>,
    /// Whether the chat node aliases are XMPP addresses here.
    pub chat_alias_xmpp: bool,
    /// Subject fields (C, ST, L, O, OU).
    pub subject: Vec<(&'static str, String)>,
    /// Key algorithm and size.
    pub key: Option<(&'static str, u32)>,
    /// The C's traversal zone peer addresses.
    pub traversal_peer_addresses: Vec<String>,
    /// The E's traversal zone TLS verify subject name.
    pub tls_verify_subject_name: Option<String>,
    /// The traversal zone's SIP port, when not 7001.
    pub traversal_port: Option<u16>,
    /// Comments written under the table's header (guesses start `check:`).
    pub comments: Vec<String>,
}

/// The common name and alternative names choices of a clustered role.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PageChoices {
    /// Whether the common name is the cluster's (`common_name = "cluster"`).
    pub common_name_is_cluster: bool,
    /// Whether every certificate lists every peer (`cluster-and-all-peers`).
    pub all_peers: bool,
}

/// The tables of shared names, for comments placed in them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SharedTable {
    /// `[unified_cm]`.
    UnifiedCm,
    /// `[im_presence]`.
    ImPresence,
}

impl DraftCluster {
    pub(crate) fn new(role: Role) -> DraftCluster {
        DraftCluster {
            role: Some(role),
            ..DraftCluster::default()
        }
    }
}

/// A drafted deployment.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    /// Features the names show.
    pub features: Vec<Feature>,
    /// Edge domains and the format they were written in.
    pub registration_domains: Vec<(String, Format)>,
    /// Phone security profile names (guessed).
    pub phone_security_profiles: Vec<String>,
    /// Names on both roles' certificates.
    pub chat_node_aliases: Vec<String>,
    /// XMPP names on the Expressway-E only.
    pub federation_domains: Vec<String>,
    /// Whether the federation domains are written as XMPP addresses.
    pub federation_xmpp_address: bool,
    /// The role tables.
    pub clusters: Vec<DraftCluster>,
    /// Guesses, said as `# check:` comments.
    pub guesses: Vec<Guess>,
    /// Comments about the whole draft (what differs from what is installed).
    pub notes: Vec<String>,
    /// Comments under the `features` line (what the source cannot show).
    pub feature_comments: Vec<String>,
    /// Comments placed in a shared table (what the source does not hold).
    pub table_comments: Vec<(SharedTable, String)>,
    /// The lists' names already taken, lower case, by list: a dump of
    /// 100,000 domains is read in linear time, not by scanning each list.
    seen: std::collections::HashSet<(ListKind, String)>,
}

/// Which of the draft's lists a name was taken into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ListKind {
    Registration,
    Federation,
    Profile,
}

impl Draft {
    /// Whether `name` is new to the list `kind` (ignoring case); taken.
    fn first_time(&mut self, kind: ListKind, name: &str) -> bool {
        self.seen.insert((kind, name.to_ascii_lowercase()))
    }

    pub(crate) fn add_registration_domain(&mut self, domain: String, format: Format) {
        if self.first_time(ListKind::Registration, &domain) {
            self.registration_domains.push((domain, format));
        }
    }

    pub(crate) fn add_federation_domain(&mut self, domain: &str) {
        if self.first_time(ListKind::Federation, domain) {
            self.federation_domains.push(domain.to_owned());
        }
    }

    pub(crate) fn add_profile(&mut self, name: &str, guesses: &mut Vec<Guess>) {
        if self.first_time(ListKind::Profile, name) {
            self.phone_security_profiles.push(name.to_owned());
            guesses.push(Guess::new(format!(
                "{name}: taken for a phone security profile name (it says \"profile\"); check it \
                 on Unified CM ({})",
                crate::cisco::page::PHONE_SECURITY_PROFILE_MENU
            )));
        }
    }

    /// The deployment file.
    pub(crate) fn toml(&self, source: &str) -> String {
        let mut out = String::new();
        comment(
            &mut out,
            &format!("Drafted by sancsr import from {source}."),
        );
        for g in &self.guesses {
            comment(&mut out, &format!("check: {}", g.0));
        }
        for n in &self.notes {
            comment(&mut out, &format!("check: {n}"));
        }
        let features: Vec<String> = self.features.iter().map(|f| quoted(f.key())).collect();
        let _ = writeln!(out, "features = [{}]", features.join(", "));
        for c in &self.feature_comments {
            comment(&mut out, c);
        }
        self.lists(&mut out);
        for c in &self.clusters {
            self.cluster(&mut out, c);
        }
        out
    }

    fn lists(&self, out: &mut String) {
        let domains: Vec<String> = self
            .registration_domains
            .iter()
            .map(|(d, _)| d.clone())
            .collect();
        let comments = |table: SharedTable| -> Vec<&String> {
            self.table_comments
                .iter()
                .filter(|(t, _)| *t == table)
                .map(|(_, c)| c)
                .collect()
        };
        let unified_cm = comments(SharedTable::UnifiedCm);
        if !domains.is_empty() || !self.phone_security_profiles.is_empty() || !unified_cm.is_empty()
        {
            out.push_str("\n[unified_cm]\n");
            list(out, "registration_domains", &domains);
            list(
                out,
                "phone_security_profiles",
                &self.phone_security_profiles,
            );
            unified_cm.iter().for_each(|c| comment(out, c));
        }
        let im_presence = comments(SharedTable::ImPresence);
        if !self.chat_node_aliases.is_empty() || !im_presence.is_empty() {
            out.push_str("\n[im_presence]\n");
            list(out, "chat_node_aliases", &self.chat_node_aliases);
            im_presence.iter().for_each(|c| comment(out, c));
        }
        if !self.federation_domains.is_empty() {
            out.push_str("\n[xmpp_federation]\n");
            list(out, "domains", &self.federation_domains);
        }
    }

    fn cluster(&self, out: &mut String, c: &DraftCluster) {
        let role = c.role.unwrap_or(Role::ExpresswayC);
        let _ = writeln!(out, "\n[{}]", role.table());
        c.comments.iter().for_each(|line| comment(out, line));
        if let Some(name) = &c.cluster_name {
            let _ = writeln!(out, "cluster_name = {}", quoted(name));
        }
        list(out, "peers", &c.peers);
        if let Some(page) = c.page.filter(|_| c.cluster_name.is_some()) {
            let cn = if page.common_name_is_cluster {
                "cluster"
            } else {
                "peer"
            };
            let alt = if page.all_peers {
                "cluster-and-all-peers"
            } else {
                "cluster-and-this-peer"
            };
            let _ = writeln!(
                out,
                "common_name = {}\nalternative_names = {}",
                quoted(cn),
                quoted(alt)
            );
        }
        list(out, "additional_names", &c.additional_names);
        list(out, "traversal_peer_addresses", &c.traversal_peer_addresses);
        if let Some(name) = &c.tls_verify_subject_name {
            let _ = writeln!(out, "tls_verify_subject_name = {}", quoted(name));
        }
        if let Some(port) = c.traversal_port {
            let _ = writeln!(out, "traversal_port = {port}");
        }
        self.formats(out, role, c);
        subject_and_key(out, role, c);
    }

    fn formats(&self, out: &mut String, role: Role, c: &DraftCluster) {
        if role == Role::ExpresswayE {
            if let Some((_, format)) = self.registration_domains.first() {
                let _ = writeln!(out, "registration_domain_format = {}", quoted(format.key()));
            }
            if self.federation_xmpp_address && !self.federation_domains.is_empty() {
                let _ = writeln!(out, "xmpp_federation_domain_format = \"xmpp-address\"");
            }
        }
        if c.chat_alias_xmpp {
            let _ = writeln!(out, "chat_node_alias_format = \"xmpp-address\"");
        }
    }
}

fn subject_and_key(out: &mut String, role: Role, c: &DraftCluster) {
    if !c.subject.is_empty() {
        let _ = writeln!(out, "\n[{}.subject]", role.table());
        for (attribute, value) in &c.subject {
            let key = match *attribute {
                "C" => "country",
                "ST" => "state",
                "L" => "locality",
                "O" => "organization",
                _ => "organizational_unit",
            };
            let _ = writeln!(out, "{key} = {}", quoted(value));
        }
    }
    if let Some((algorithm, size)) = c.key {
        let _ = writeln!(
            out,
            "\n[{}.key]\nalgorithm = {}\nsize = {size}\n# check: the digest is not in a certificate; sha256 is assumed",
            role.table(),
            quoted(algorithm)
        );
    }
}

/// Adds a name unless the list has it already (names compare ignoring
/// case); whether it was added.
pub(crate) fn push_name(list: &mut Vec<String>, name: &str) -> bool {
    let new = !list.iter().any(|n| n.eq_ignore_ascii_case(name));
    if new {
        list.push(name.to_owned());
    }
    new
}

/// Keeps the first of each item (several peers give the same guess).
pub(crate) fn unique<T: Clone + Eq + std::hash::Hash>(list: &mut Vec<T>) {
    let mut seen = std::collections::HashSet::new();
    list.retain(|c| seen.insert(c.clone()));
}

/// One comment, one `# ` line per line of text: a line break inside a
/// value from outside (a certificate's name, a file name, a dump) starts a
/// new comment line, never a line of TOML, and every other control
/// character is written as an escape (TOML comments allow none).
pub(crate) fn comment(out: &mut String, text: &str) {
    for line in text.split('\n') {
        let line = crate::report::escape::escape(line.strip_suffix('\r').unwrap_or(line));
        let _ = writeln!(out, "# {line}");
    }
}

fn list(out: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let items: Vec<String> = items.iter().map(|i| quoted(i)).collect();
    let _ = writeln!(out, "{key} = [{}]", items.join(", "));
}

/// A TOML string, written by the toml crate (escapes and all).
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}
