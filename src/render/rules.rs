//! `sancsr rules`: Cisco's table as sancsr applies it.

use crate::rules::{Feature, Role, SAN_TABLE};
use serde::Serialize;
use std::fmt::Write as _;

/// The table as text, one row per element, one column per feature, then the
/// order and format rules the planner applies.
pub fn text() -> String {
    let mut out = String::from(
        "Cisco, \"Server Certificate Requirements for Unified Communications\":\n\
         which SAN elements each feature requires (C = Expressway-C, E = Expressway-E)\n\n",
    );
    let first = SAN_TABLE.iter().map(|r| r.title.len()).max().unwrap_or(0);
    let _ = write!(out, "{:<first$}", "element");
    for f in Feature::ALL {
        let _ = write!(out, "  {:<26}", f.title());
    }
    out.push('\n');
    for row in &SAN_TABLE {
        let _ = write!(out, "{:<first$}", row.title);
        for f in Feature::ALL {
            let _ = write!(out, "  {:<26}", short(row.cell(f)));
        }
        out.push('\n');
    }
    out.push_str(
        "\nAlways, on every certificate: the common name, the names chosen by \"Subject \
         alternative names\" (cluster FQDN plus this peer / all peers, or none), and the \
         additional names.\n\
         Order: common name, cluster FQDN, peer FQDN(s), additional names, registration \
         domains, XMPP federation domains, chat node aliases, phone security profile names; a \
         name already listed (ignoring case) is not added again.\n\
         Formats: dns (DNS:name), collab-edge-dns (DNS:collab-edge.<domain>), srv \
         (SRV:_collab-edge._tls.<domain>, registration domains only), xmpp-address (XMPP:name).\n",
    );
    out
}

fn short(cell: crate::rules::Required) -> &'static str {
    let (c, e) = (
        cell.applies_to(Role::ExpresswayC),
        cell.applies_to(Role::ExpresswayE),
    );
    match (c, e) {
        (true, true) => "C and E",
        (true, false) => "C only",
        (false, true) => "E only",
        (false, false) => "—",
    }
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
pub fn json() -> String {
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
    super::json(&serde_json::json!({ "rows": rows }))
}
