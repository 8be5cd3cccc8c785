//! What each planned certificate is for, in the plan's text and Markdown:
//! its EKU, CA kind and store, and each TLS connection that presents it.

use super::plan::markdown_cell;
use crate::cisco::{CaKind, Connection, Eku, Party, Role};
use crate::plan::{CertificatePlan, Plan};
use std::fmt::Write as _;

/// `server certificate`, `client certificate`, or `server and client
/// certificate`.
pub(super) fn certificate_noun(c: &CertificatePlan) -> &'static str {
    match c.purpose.eku {
        Eku::ServerAndClient => "server and client certificate",
        Eku::Server => "server certificate",
        Eku::Client => "client certificate",
    }
}

/// What the certificate is for: EKU, CA, store, and each connection that
/// presents it.
pub(super) fn purpose(out: &mut String, c: &CertificatePlan) {
    let p = &c.purpose;
    let asks = if p.eku.requested() == p.eku {
        String::new()
    } else {
        format!(
            " (the CSR asks for {}: TAC 225693's working case)",
            p.eku.requested().title()
        )
    };
    let _ = writeln!(
        out,
        "  Request {} from {}, for {}{asks}",
        p.eku.title(),
        p.ca,
        p.store.title()
    );
    for connection in &p.connections {
        let _ = writeln!(out, "    {}", connection_line(c.role, connection));
    }
    if p.ca == CaKind::Public {
        out.push_str(
            "  Public CAs issue serverAuth only from 2026 (field notice FN74362): sancsr \
             generate and export request serverAuth only, what the CA will sign; the \
             Expressway's own Generate CSR page, X15.4's included, requests clientAuth too \
             (TAC 225482)\n",
        );
    }
}

/// `as client: <purpose> (<server> port N)`, or as server, from whom.
pub(crate) fn connection_line(role: Role, c: &Connection) -> String {
    let mutual = if c.mutual { ", mutual TLS" } else { "" };
    if c.client == Party::Expressway(role) {
        format!(
            "as client: {} — {} port {}{mutual}",
            c.purpose, c.server, c.port
        )
    } else {
        format!(
            "as server: {} — from {}, port {}{mutual}",
            c.purpose, c.client, c.port
        )
    }
}

/// What each certificate is for, when the plan says it.
pub(super) fn markdown_purposes(out: &mut String, plan: &Plan) {
    out.push_str("\n## What each certificate is for\n\n");
    out.push_str("| certificate | EKU | CA | store | connections |\n|---|---|---|---|---|\n");
    for c in &plan.certificates {
        let p = &c.purpose;
        let uses: Vec<String> = p
            .connections
            .iter()
            .map(|x| markdown_cell(&connection_line(c.role, x)))
            .collect();
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            c.label(),
            p.eku.title(),
            p.ca,
            p.store.title(),
            uses.join("<br>")
        );
    }
}
