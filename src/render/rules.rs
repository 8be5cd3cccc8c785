//! `sancsr rules`: Cisco's table as sancsr applies it, drawn from
//! [`crate::cisco`].

use crate::cisco::{
    CONNECTIONS, ELEMENT_ORDER, Feature, Format, Role, SAN_TABLE, SUNSET_TABLE, row,
};
use crate::report::{Code, Releases, Severity};
use serde::Serialize;
use std::fmt::Write as _;

/// The table as text, one row per element, one column per feature, then the
/// order and format rules the planner applies.
pub(crate) fn text() -> String {
    let mut out = String::from(
        "Cisco, \"Server Certificate Requirements for Unified Communications\":\n\
         which SAN elements each feature requires (C = Expressway-C, E = Expressway-E)\n\n",
    );
    let first = SAN_TABLE.iter().map(|r| r.title.len()).max().unwrap_or(0);
    let mut header = format!("{:<first$}", "element");
    for f in Feature::ALL {
        let _ = write!(header, "  {:<26}", f.title());
    }
    out.push_str(header.trim_end());
    out.push('\n');
    for row in &SAN_TABLE {
        let _ = write!(out, "{:<first$}", row.title);
        let mut line = String::new();
        for f in Feature::ALL {
            let _ = write!(line, "  {:<26}", row.cell(f).short());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let order: Vec<&str> = ELEMENT_ORDER.iter().map(|e| row(*e).noun).collect();
    let _ = writeln!(
        out,
        "\nAlways, on every certificate: the common name, the names chosen by \"Subject \
         alternative names\" (cluster FQDN plus this peer / all peers, or none), and the \
         additional names.\n\
         Order: common name, cluster FQDN, peer FQDN(s), additional names, {}; a name already \
         listed (ignoring case) is not added again.\n\
         Formats: {}.",
        order.join(", "),
        formats().join(", ")
    );
    sunset(&mut out);
    connections(&mut out);
    codes(&mut out);
    sources(&mut out);
    out
}

/// The key to the source letters, from the rule book's Sources section.
fn sources(out: &mut String) {
    out.push_str("\nSources (the letters above; docs/cisco-rules.md)\n");
    for source in crate::report::sources::all() {
        let _ = writeln!(out, "  {}: {}", source.key, source.text);
    }
}

/// Every finding code, from its declaration: severity, summary, sources.
fn codes(out: &mut String) {
    out.push_str("\nFinding codes (severity, what it means [sources], releases)\n");
    for code in Code::ALL {
        let rule = code.rule();
        let levels: Vec<String> = rule.levels.iter().map(ToString::to_string).collect();
        let _ = write!(out, "  {code}: {}: {}", levels.join(" or "), rule.summary);
        if !rule.sources.is_empty() {
            let _ = write!(out, " [{}]", rule.sources.join(", "));
        }
        if rule.releases != Releases::All {
            let _ = write!(out, " ({})", rule.releases);
        }
        out.push('\n');
    }
}

/// One code's record in JSON.
#[derive(Serialize)]
struct JsonCode {
    code: Code,
    severity: Severity,
    levels: &'static [Severity],
    summary: &'static str,
    sources: &'static [&'static str],
    releases: Releases,
}

fn json_codes() -> Vec<JsonCode> {
    Code::ALL
        .iter()
        .map(|code| {
            let rule = code.rule();
            JsonCode {
                code: *code,
                severity: rule.severity(),
                levels: rule.levels,
                summary: rule.summary,
                sources: rule.sources,
                releases: rule.releases,
            }
        })
        .collect()
}

/// The 2026 clientAuth sunset table: role × release × CA kind.
fn sunset(out: &mut String) {
    out.push_str(
        "\nThe 2026 clientAuth sunset (FN74362; TAC 225482, 225693): what to request, by role, \
         release and CA\n",
    );
    for r in SUNSET_TABLE {
        let _ = writeln!(
            out,
            "  {} {}, {} CA: {} [{}]",
            r.role,
            r.releases(),
            r.ca.key(),
            r.provision.summary(),
            r.source
        );
    }
}

/// The TLS connections and the side each Expressway is on.
fn connections(out: &mut String) {
    out.push_str("\nTLS connections (client → server:port; the client presents its client certificate where the server asks)\n");
    for c in CONNECTIONS {
        let mutual = if c.mutual { ", mutual TLS" } else { "" };
        let _ = writeln!(
            out,
            "  {}: {} → {}:{}{mutual} [{}]",
            c.purpose, c.client, c.server, c.port, c.source
        );
    }
}

/// Each format with the name it writes, and where it is offered when not
/// on every drop-down.
fn formats() -> Vec<String> {
    let dropdowns: Vec<_> = SAN_TABLE
        .iter()
        .filter(|r| r.has_format_dropdown())
        .collect();
    Format::ALL
        .into_iter()
        .map(|format| {
            let placeholder = match format {
                Format::CollabEdgeDns | Format::Srv => "<domain>",
                Format::Dns | Format::XmppAddress => "name",
            };
            let (kind, value) = format.write(placeholder);
            let offered: Vec<&str> = dropdowns
                .iter()
                .filter(|r| r.formats.contains(&format))
                .map(|r| r.noun)
                .collect();
            if offered.len() == dropdowns.len() {
                format!("{} ({kind}:{value})", format.key())
            } else {
                format!(
                    "{} ({kind}:{value}, {} only)",
                    format.key(),
                    offered.join(" and ")
                )
            }
        })
        .collect()
}

#[derive(Serialize)]
struct JsonRow {
    element: &'static str,
    title: &'static str,
    features: Vec<JsonCell>,
}

#[derive(Serialize)]
struct JsonCell {
    feature: Feature,
    roles: Vec<Role>,
    cisco: &'static str,
}

/// The table as JSON: `{ "rows": [ { "element", "title", "features": [ { "feature", "roles", "cisco" } ] } ] }`.
pub(crate) fn json() -> String {
    let rows: Vec<JsonRow> = SAN_TABLE
        .iter()
        .map(|row| JsonRow {
            element: row.element.key(),
            title: row.title,
            features: Feature::ALL
                .into_iter()
                .map(|f| JsonCell {
                    feature: f,
                    roles: Role::ALL
                        .into_iter()
                        .filter(|r| row.cell(f).applies_to(*r))
                        .collect(),
                    cisco: row.cell(f).text(),
                })
                .collect(),
        })
        .collect();
    let sunset: Vec<serde_json::Value> = SUNSET_TABLE
        .iter()
        .map(|r| {
            serde_json::json!({
                "role": r.role,
                "ca": r.ca,
                "releases": r.releases(),
                "request": r.provision.summary(),
                "source": r.source,
            })
        })
        .collect();
    super::json(&serde_json::json!({
        "rows": rows,
        "sunset": sunset,
        "connections": CONNECTIONS,
        "codes": json_codes(),
        "sources": crate::report::sources::all(),
    }))
}
