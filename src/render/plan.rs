//! `sancsr plan` output: text, JSON (README, "JSON shapes"), grid and Markdown — all
//! renderers over the same [`Plan`].

use super::purpose::{certificate_noun, markdown_purposes, purpose};
use crate::cisco::{CaKind, Eku, KeySpec, Party, Role, Store, Version};
use crate::model::{AltName, HostName, Subject};
use crate::plan::{CertificatePlan, Entry, PageField, Plan};
use crate::render::style::Paint;
use crate::report::Finding;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;

/// The plan as text: per certificate, a compact block mirroring the
/// Generate CSR page, then "Alternative name as it will appear", then the
/// reasons; then the findings.
pub(crate) fn text(plan: &Plan, paint: Paint) -> String {
    let mut out = String::new();
    let total = plan.certificates.len();
    for (i, c) in plan.certificates.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let title = match plan.shows_purpose {
            true => format!("{} {} — {}", c.role, c.peer, certificate_noun(c)),
            false => format!("{} {}", c.role, c.peer),
        };
        let _ = writeln!(
            out,
            "{} {}",
            paint.heading(&title),
            paint.dim(&format!("(certificate {} of {total})", i + 1))
        );
        if plan.shows_purpose {
            purpose(&mut out, c);
        }
        page(&mut out, c);
        let count = match c.entries.len() {
            1 => "1 name".to_owned(),
            n => format!("{n} names"),
        };
        let _ = writeln!(
            out,
            "  {} ({count})",
            paint.heading("Alternative name as it will appear"),
        );
        for e in &c.entries {
            let _ = writeln!(out, "    {e}");
        }
        out.push_str("  Why each name is there\n");
        for e in &c.entries {
            let _ = writeln!(out, "    {e}");
            for r in &e.reasons {
                let _ = writeln!(out, "      - {}", paint.dim(&r.why));
            }
        }
    }
    out.push_str(&super::platform::text(plan, paint));
    if !plan.findings.is_empty() {
        let _ = writeln!(out, "\n{}", paint.heading("Findings"));
        out.push_str(&super::findings_text(&plan.findings, paint));
    }
    out.push_str(&super::allowed_line(plan.allowed));
    out
}

/// The Generate CSR page block: one aligned line per field.
fn page(out: &mut String, c: &CertificatePlan) {
    out.push_str("  Generate CSR page\n");
    let width = c
        .page
        .iter()
        .map(|f| f.field.chars().count())
        .max()
        .unwrap_or(0);
    for PageField {
        field,
        value,
        format,
    } in &c.page
    {
        let value = if value.is_empty() {
            "(leave empty)"
        } else {
            value
        };
        let _ = write!(out, "    {field:<width$}  {value}");
        if let Some(format) = format {
            let _ = write!(out, "   [Format: {format}]");
        }
        out.push('\n');
    }
}

/// The names × certificates grid: one row per name, one column per
/// certificate grouped by role, `x` where the name goes; then the findings.
pub(crate) fn grid(plan: &Plan) -> String {
    let mut out = grid_table(plan);
    if !plan.findings.is_empty() {
        out.push_str("\nFindings\n");
        out.push_str(&super::findings_text(&plan.findings, Paint::PLAIN));
    }
    out.push_str(&super::allowed_line(plan.allowed));
    out
}

fn grid_table(plan: &Plan) -> String {
    let g = Grid::of(plan);
    let mut out = String::new();
    let first = g
        .rows
        .iter()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0)
        .max("name".len());
    let widths: Vec<usize> = g
        .columns
        .iter()
        .map(|(_, peer)| peer.as_str().len().max(1))
        .collect();
    // Role header over each group of columns.
    let mut line = format!("{:first$}", "");
    let mut i = 0;
    while i < g.columns.len() {
        let role = g.columns[i].0;
        let span: Vec<usize> = (i..g.columns.len())
            .take_while(|j| g.columns[*j].0 == role)
            .collect();
        let width: usize = span.iter().map(|j| widths[*j] + 2).sum();
        let _ = write!(line, "  {:<w$}", role.title(), w = width.saturating_sub(2));
        i += span.len();
    }
    let _ = writeln!(out, "{}", line.trim_end());
    let mut line = format!("{:first$}", "name");
    for ((_, peer), w) in g.columns.iter().zip(&widths) {
        let _ = write!(line, "  {:^w$}", peer.as_str());
    }
    let _ = writeln!(out, "{}", line.trim_end());
    for (name, marks) in &g.rows {
        let mut line = format!("{name:first$}");
        for (mark, w) in marks.iter().zip(&widths) {
            let _ = write!(line, "  {:^w$}", if *mark { "x" } else { "." });
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

/// The plan as a Markdown report for a change ticket: the certificates, the
/// grid, each certificate's names with reasons, and the findings.
pub(crate) fn markdown(plan: &Plan) -> String {
    let mut out = String::from("# Certificate plan\n\n## Certificates\n\n");
    out.push_str("| role | peer | common name | key | names |\n|---|---|---|---|---|\n");
    for c in &plan.certificates {
        let _ = writeln!(
            out,
            "| {} | `{}` | `{}` | {} {} | {} |",
            c.role,
            c.label(),
            c.common_name,
            c.key,
            c.key.digest.title(),
            c.entries.len()
        );
    }
    if plan.shows_purpose {
        markdown_purposes(&mut out, plan);
    }
    let g = Grid::of(plan);
    out.push_str("\n## Names by certificate\n\n| name |");
    for (role, peer) in &g.columns {
        let _ = write!(out, " {} `{peer}` |", role.title());
    }
    out.push_str("\n|---|");
    for _ in &g.columns {
        out.push_str(":---:|");
    }
    out.push('\n');
    for (name, marks) in &g.rows {
        let _ = write!(out, "| `{name}` |");
        for mark in marks {
            out.push_str(if *mark { " ✓ |" } else { "  |" });
        }
        out.push('\n');
    }
    for c in &plan.certificates {
        let _ = writeln!(out, "\n## {} `{}`\n", c.role, c.label());
        out.push_str("| alternative name | why |\n|---|---|\n");
        for e in &c.entries {
            let why: Vec<String> = e.reasons.iter().map(|r| markdown_cell(&r.why)).collect();
            let _ = writeln!(out, "| `{e}` | {} |", why.join("<br>"));
        }
    }
    out.push_str(&super::platform::markdown(plan));
    markdown_findings(&mut out, plan);
    out
}

/// The findings as a Markdown table: severity, code, where, message, fix.
fn markdown_findings(out: &mut String, plan: &Plan) {
    if plan.findings.is_empty() {
        return;
    }
    out.push_str(
        "\n## Findings\n\n| severity | code | where | message | fix |\n|---|---|---|---|---|\n",
    );
    for f in &plan.findings {
        let place = f.location.as_ref().map(ToString::to_string);
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} |",
            f.severity,
            f.code,
            markdown_cell(place.as_deref().unwrap_or("")),
            markdown_cell(&f.message),
            markdown_cell(f.fix.as_deref().unwrap_or(""))
        );
    }
}

/// Keeps a table cell on one line and its pipes literal.
pub(super) fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Rows of names against columns of certificates.
struct Grid {
    columns: Vec<(Role, String)>,
    rows: Vec<(String, Vec<bool>)>,
}

impl Grid {
    fn of(plan: &Plan) -> Grid {
        let columns: Vec<(Role, String)> = plan
            .certificates
            .iter()
            .map(|c| (c.role, c.label()))
            .collect();
        let mut index: HashMap<&AltName, usize> = HashMap::new();
        let mut rows: Vec<(String, Vec<bool>)> = Vec::new();
        // The boxes' own names first (common names, cluster and peer
        // FQDNs), certificate by certificate; then the shared names.
        for own in [true, false] {
            for (col, c) in plan.certificates.iter().enumerate() {
                for e in c.entries.iter().filter(|e| is_own_name(e) == own) {
                    let row = *index.entry(&e.name).or_insert_with(|| {
                        rows.push((e.to_string(), vec![false; columns.len()]));
                        rows.len() - 1
                    });
                    rows[row].1[col] = true;
                }
            }
        }
        Grid { columns, rows }
    }
}

/// A name of the box itself: its common name, the cluster FQDN, a peer FQDN.
fn is_own_name(e: &Entry) -> bool {
    use crate::cisco::Element;
    use crate::plan::Origin;
    e.reasons.iter().any(|r| {
        matches!(
            r.element,
            Origin::CommonName | Origin::PeerFqdn | Origin::Element(Element::ClusterName)
        )
    })
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    certificates: Vec<AnyCertificate<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    trust: Vec<super::platform::JsonPlacement<'a>>,
    findings: &'a [Finding],
    allowed: usize,
}

/// An Expressway certificate, or (after them) a Unified CM or IM and
/// Presence one: both carry `role`, `peer`, `common_name`, `key`,
/// `csr_page`, `eku` and `ca`; the platform ones also `service`.
#[derive(Serialize)]
#[serde(untagged)]
enum AnyCertificate<'a> {
    Expressway(JsonCertificate<'a>),
    Platform(super::platform::JsonPlatform<'a>),
}

#[derive(Serialize)]
struct JsonCertificate<'a> {
    role: Role,
    peer: &'a HostName,
    common_name: &'a HostName,
    #[serde(serialize_with = "shown")]
    alternative_names: &'a [Entry],
    entries: &'a [Entry],
    subject: JsonSubject<'a>,
    key: &'a KeySpec,
    csr_page: &'a [PageField],
    release: Option<String>,
    eku: Eku,
    ca: CaKind,
    store: Store,
    connections: Vec<JsonConnection<'a>>,
}

/// A connection from the certificate's side: `side` is `client` or `server`.
#[derive(Serialize)]
struct JsonConnection<'a> {
    key: &'a str,
    purpose: &'a str,
    side: &'a str,
    client: Party,
    server: Party,
    port: u16,
    mutual: bool,
}

#[derive(Serialize)]
struct JsonSubject<'a> {
    common_name: &'a HostName,
    #[serde(flatten)]
    fields: &'a Subject,
}

/// Entries as the Expressway shows them, written straight into the output.
fn shown<S: serde::Serializer>(entries: &&[Entry], s: S) -> Result<S::Ok, S::Error> {
    struct Shown<'a>(&'a Entry);
    impl Serialize for Shown<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(self.0)
        }
    }
    s.collect_seq(entries.iter().map(Shown))
}

/// The plan as JSON (README, "JSON shapes").
pub(crate) fn json(plan: &Plan) -> String {
    // About 400 bytes of pretty JSON per SAN entry with its reason.
    let entries: usize = plan.certificates.iter().map(|c| c.entries.len()).sum();
    super::json_sized(
        &JsonPlan {
            certificates: plan
                .certificates
                .iter()
                .map(|c| AnyCertificate::Expressway(json_certificate(c)))
                .chain(
                    plan.platform
                        .iter()
                        .map(|c| AnyCertificate::Platform(super::platform::json_certificate(c))),
                )
                .collect(),
            trust: plan
                .trust
                .iter()
                .map(super::platform::json_placement)
                .collect(),
            findings: &plan.findings,
            allowed: plan.allowed.0,
        },
        entries * 400 + 4096,
    )
}

fn json_certificate(c: &CertificatePlan) -> JsonCertificate<'_> {
    JsonCertificate {
        role: c.role,
        peer: &c.peer,
        common_name: &c.common_name,
        alternative_names: &c.entries,
        entries: &c.entries,
        subject: JsonSubject {
            common_name: &c.common_name,
            fields: &c.subject,
        },
        key: &c.key,
        csr_page: &c.page,
        release: c.release.as_ref().map(Version::to_string),
        eku: c.purpose.eku,
        ca: c.purpose.ca,
        store: c.purpose.store,
        connections: c
            .purpose
            .connections
            .iter()
            .map(|x| JsonConnection {
                key: x.key,
                purpose: x.purpose,
                side: if x.client == Party::Expressway(c.role) {
                    "client"
                } else {
                    "server"
                },
                client: x.client,
                server: x.server,
                port: x.port,
                mutual: x.mutual,
            })
            .collect(),
    }
}
