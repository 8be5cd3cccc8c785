//! A drafted deployment and its TOML: every key as `docs/deployment-file.md`
//! describes it, every guess a `# check:` comment.

use crate::cisco::{Feature, Format, Role};
use std::fmt::Write as _;

/// A guess the draft says aloud.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Whether the common name is the cluster's (`common_name = "cluster"`).
    pub common_name_is_cluster: bool,
    /// Whether every certificate lists every peer (`cluster-and-all-peers`).
    pub all_peers: bool,
    /// Names no table element explains.
    pub additional_names: Vec<String>,
    /// Whether the chat node aliases are XMPP addresses here.
    pub chat_alias_xmpp: bool,
    /// Subject fields (C, ST, L, O, OU).
    pub subject: Vec<(&'static str, String)>,
    /// Key algorithm and size.
    pub key: Option<(&'static str, u32)>,
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
    /// The role tables.
    pub clusters: Vec<DraftCluster>,
    /// Guesses, said as `# check:` comments.
    pub guesses: Vec<Guess>,
    /// Comments about the whole draft (what differs from what is installed).
    pub notes: Vec<String>,
}

impl Draft {
    pub(crate) fn add_registration_domain(&mut self, domain: String, format: Format) {
        if !self
            .registration_domains
            .iter()
            .any(|(d, _)| d.eq_ignore_ascii_case(&domain))
        {
            self.registration_domains.push((domain, format));
        }
    }

    pub(crate) fn add_federation_domain(&mut self, domain: String) {
        if !self
            .federation_domains
            .iter()
            .any(|d| d.eq_ignore_ascii_case(&domain))
        {
            self.federation_domains.push(domain);
        }
    }

    pub(crate) fn add_profile(&mut self, name: String, guesses: &mut Vec<Guess>) {
        if !self
            .phone_security_profiles
            .iter()
            .any(|d| d.eq_ignore_ascii_case(&name))
        {
            guesses.push(Guess::new(format!(
                "{name}: taken for a phone security profile name (it says \"profile\"); check it \
                 on Unified CM (System > Security > Phone Security Profile)"
            )));
            self.phone_security_profiles.push(name);
        }
    }

    /// The deployment file.
    pub(crate) fn toml(&self, source: &str) -> String {
        let mut out = format!("# Drafted by sancsr import from {source}.\n");
        for g in &self.guesses {
            let _ = writeln!(out, "# check: {}", g.0);
        }
        for n in &self.notes {
            let _ = writeln!(out, "# check: {n}");
        }
        let features: Vec<String> = self.features.iter().map(|f| quoted(f.key())).collect();
        let _ = writeln!(out, "features = [{}]", features.join(", "));
        out.push_str(
            "# check: Jabber Guest and business-to-business calls leave no trace in the \
             names; add them to features if they are used\n",
        );
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
        if !domains.is_empty() || !self.phone_security_profiles.is_empty() {
            out.push_str("\n[unified_cm]\n");
            list(out, "registration_domains", &domains);
            list(
                out,
                "phone_security_profiles",
                &self.phone_security_profiles,
            );
        }
        if !self.chat_node_aliases.is_empty() {
            out.push_str("\n[im_presence]\n");
            list(out, "chat_node_aliases", &self.chat_node_aliases);
            out.push_str(
                "# check: the IM and Presence node FQDNs are not in any Expressway certificate \
                 (Cisco Unified CM Administration > System > Server)\n# nodes = []\n",
            );
        }
        if !self.federation_domains.is_empty() {
            out.push_str("\n[xmpp_federation]\n");
            list(out, "domains", &self.federation_domains);
        }
    }

    fn cluster(&self, out: &mut String, c: &DraftCluster) {
        let role = c.role.unwrap_or(Role::ExpresswayC);
        let _ = writeln!(out, "\n[{}]", role.table());
        if let Some(name) = &c.cluster_name {
            let _ = writeln!(out, "cluster_name = {}", quoted(name));
        }
        list(out, "peers", &c.peers);
        if c.cluster_name.is_some() {
            let cn = if c.common_name_is_cluster {
                "cluster"
            } else {
                "peer"
            };
            let alt = if c.all_peers {
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
        self.formats(out, role, c);
        subject_and_key(out, role, c);
    }

    fn formats(&self, out: &mut String, role: Role, c: &DraftCluster) {
        if role == Role::ExpresswayE {
            if let Some((_, format)) = self.registration_domains.first() {
                let _ = writeln!(out, "registration_domain_format = {}", quoted(format.key()));
            }
            if !self.federation_domains.is_empty() {
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

fn list(out: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let items: Vec<String> = items.iter().map(|i| quoted(i)).collect();
    let _ = writeln!(out, "{key} = [{}]", items.join(", "));
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
