//! The Unified CM and IM and Presence part of `sancsr plan`: each
//! certificate's Generate CSR page (Cisco Unified OS Administration >
//! Security > Certificate Management > Generate CSR), its names and why,
//! EKU and CA; then which CA goes into which trust store. Text, Markdown
//! and the JSON records.

use crate::cisco::platform::PLATFORM_KEY_USAGE;
use crate::cisco::services::TrustList;
use crate::cisco::{CaKind, Eku, KeySpec, Party};
use crate::plan::Plan;
use crate::plan::platform::PlatformCertificate;
use crate::plan::trust::Placement;
use crate::render::style::Paint;
use serde::Serialize;
use std::fmt::Write as _;

/// The platform certificates and the trust placements, as text (empty when
/// the file plans none).
pub(crate) fn text(plan: &Plan, paint: Paint) -> String {
    let mut out = String::new();
    let total = plan.platform.len();
    for (i, c) in plan.platform.iter().enumerate() {
        let title = c.label();
        let _ = writeln!(
            out,
            "\n{} {}",
            paint.heading(&title),
            paint.dim(&format!("(platform certificate {} of {total})", i + 1))
        );
        let _ = writeln!(out, "  Secures: {}", c.service.secures);
        let _ = writeln!(
            out,
            "  EKU {}, from {}; key usage {PLATFORM_KEY_USAGE}",
            c.eku.title(),
            c.ca
        );
        let _ = writeln!(out, "  Generate CSR page on {} (OS Administration)", c.node);
        let page = c.page();
        let width = page.iter().map(|(f, _)| f.len()).max().unwrap_or(0);
        for (field, value) in page {
            let _ = writeln!(out, "    {field:<width$}  {value}");
        }
        out.push_str("  Why each name is there\n");
        for n in &c.names {
            let _ = writeln!(out, "    DNS:{}", n.name);
            let _ = writeln!(out, "      - {}", paint.dim(n.why));
        }
    }
    if !plan.trust.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            paint.heading("Trust stores: which CA goes where")
        );
        for p in &plan.trust {
            let _ = writeln!(out, "  {}", placement_line(p));
            let _ = writeln!(out, "      {}", paint.dim(&p.connections.join(", ")));
        }
    }
    out
}

/// "The issuing chain of the Expressway-C → Unified CM tomcat-trust".
pub(crate) fn placement_line(p: &Placement) -> String {
    let certificate = match p.owner {
        Party::Expressway(_) => "certificates".to_owned(),
        _ => p.certificate.file().to_owned(),
    };
    format!(
        "the CA chain of the {}'s {certificate} → {} {}",
        p.owner,
        p.holder,
        store_title(p.store)
    )
}

fn store_title(store: TrustList) -> &'static str {
    match store {
        TrustList::ExpresswayTrustedCa => "trusted CA list",
        other => other.file(),
    }
}

/// The Markdown section: one table of certificates, one of placements.
pub(crate) fn markdown(plan: &Plan) -> String {
    let mut out = String::new();
    if !plan.platform.is_empty() {
        out.push_str("\n## Unified CM and IM and Presence certificates\n\n");
        out.push_str("| certificate | generate on | common name | SANs | EKU | CA | key |\n");
        out.push_str("|---|---|---|---|---|---|---|\n");
        for c in &plan.platform {
            let sans: Vec<String> = c.names.iter().map(|n| n.name.to_string()).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                c.label(),
                c.node,
                c.common_name,
                sans.join(", "),
                c.eku.title(),
                c.ca,
                c.key
            );
        }
    }
    if !plan.trust.is_empty() {
        out.push_str("\n## Trust stores\n\n| place | for |\n|---|---|\n");
        for p in &plan.trust {
            let _ = writeln!(
                out,
                "| {} | {} |",
                placement_line(p),
                p.connections.join(", ")
            );
        }
    }
    out
}

/// One platform certificate in `plan --format json`.
#[derive(Serialize)]
pub(crate) struct JsonPlatform<'a> {
    role: &'static str,
    service: &'static str,
    distribution: &'static str,
    peer: String,
    common_name: &'a str,
    alternative_names: Vec<JsonName<'a>>,
    key: &'a KeySpec,
    csr_page: Vec<JsonField>,
    #[serde(skip_serializing_if = "Option::is_none")]
    release: Option<String>,
    key_usage: &'static str,
    eku: Eku,
    ca: CaKind,
    trust_store: &'static str,
}

#[derive(Serialize)]
struct JsonName<'a> {
    value: String,
    why: &'a str,
}

#[derive(Serialize)]
struct JsonField {
    field: &'static str,
    value: String,
}

/// One trust placement in `plan --format json`.
#[derive(Serialize)]
pub(crate) struct JsonPlacement<'a> {
    owner: &'static str,
    certificate: &'static str,
    holder: &'static str,
    store: &'static str,
    connections: &'a [&'static str],
}

pub(crate) fn json_certificate(c: &PlatformCertificate) -> JsonPlatform<'_> {
    JsonPlatform {
        role: c.product().key(),
        service: c.purpose,
        distribution: c.distribution.key(),
        peer: c.node.to_string(),
        common_name: &c.common_name,
        alternative_names: c
            .names
            .iter()
            .map(|n| JsonName {
                value: n.name.to_string(),
                why: n.why,
            })
            .collect(),
        key: &c.key,
        csr_page: c
            .page()
            .into_iter()
            .map(|(field, value)| JsonField { field, value })
            .collect(),
        release: c.release.map(|v| v.to_string()),
        key_usage: PLATFORM_KEY_USAGE,
        eku: c.eku,
        ca: c.ca,
        trust_store: c.service.trust.file(),
    }
}

pub(crate) fn json_placement(p: &Placement) -> JsonPlacement<'_> {
    JsonPlacement {
        owner: p.owner.key(),
        certificate: p.certificate.file(),
        holder: p.holder.key(),
        store: p.store.file(),
        connections: &p.connections,
    }
}
