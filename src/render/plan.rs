//! `sancsr plan` output: text and JSON (SPEC §4).

use crate::deployment::{KeySpec, Subject};
use crate::findings::Finding;
use crate::plan::{CertificatePlan, Entry, PageField, Plan};
use serde::Serialize;
use std::fmt::Write as _;

/// The plan as text: per certificate, the Generate CSR page, "Alternative
/// name as it will appear", and the reasons; then the findings.
pub fn text(plan: &Plan) -> String {
    let mut out = String::new();
    let total = plan.certificates.len();
    for (i, c) in plan.certificates.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{} {} (certificate {} of {total})",
            c.role,
            c.peer,
            i + 1
        );
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
        let _ = writeln!(
            out,
            "  Alternative name as it will appear ({} names)",
            c.entries.len()
        );
        for e in &c.entries {
            let _ = writeln!(out, "    {e}");
        }
        out.push_str("  Why each name is there\n");
        for e in &c.entries {
            let _ = writeln!(out, "    {e}");
            for r in &e.reasons {
                let _ = writeln!(out, "      - {}", r.why);
            }
        }
    }
    if !plan.findings.is_empty() {
        let _ = writeln!(out, "\nFindings");
        out.push_str(&super::findings_text(&plan.findings));
    }
    out
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    certificates: Vec<JsonCertificate<'a>>,
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct JsonCertificate<'a> {
    role: crate::rules::Role,
    peer: &'a str,
    common_name: &'a str,
    alternative_names: Vec<String>,
    entries: &'a [Entry],
    subject: JsonSubject<'a>,
    key: &'a KeySpec,
    csr_page: &'a [PageField],
}

#[derive(Serialize)]
struct JsonSubject<'a> {
    common_name: &'a str,
    #[serde(flatten)]
    fields: &'a Subject,
}

/// The plan as SPEC §4 JSON.
pub fn json(plan: &Plan) -> String {
    super::json(&JsonPlan {
        certificates: plan.certificates.iter().map(json_certificate).collect(),
        findings: &plan.findings,
    })
}

fn json_certificate(c: &CertificatePlan) -> JsonCertificate<'_> {
    JsonCertificate {
        role: c.role,
        peer: &c.peer,
        common_name: &c.common_name,
        alternative_names: c.alternative_names(),
        entries: &c.entries,
        subject: JsonSubject {
            common_name: &c.common_name,
            fields: &c.subject,
        },
        key: &c.key,
        csr_page: &c.page,
    }
}
