//! The findings table, and the rule-book entries its codes cite: each code
//! links to its rule within the page.

use super::Estate;
use crate::render::escape;
use crate::report::{Code, Finding, Severity, sources};
use maud::{Markup, html};

/// Every finding the page shows: the plan's, then each checked link's,
/// then each probed endpoint's; the same finding once.
pub(crate) fn collect(estate: &Estate<'_>) -> Vec<Finding> {
    let mut out: Vec<Finding> = estate.plan.findings.clone();
    for c in estate.links.unwrap_or_default() {
        out.extend(c.findings.iter().cloned());
    }
    for e in estate.probe.unwrap_or_default() {
        out.extend(e.findings.iter().map(|f| f.finding(&e.host)));
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| seen.insert((f.code, f.message.clone(), f.peer.clone(), f.link.clone())));
    out.sort_by_key(|f| f.severity);
    out
}

/// What a finding is about: its link, peer, file or place in the file.
pub(crate) fn about(f: &Finding) -> String {
    let place = f.location.as_ref().map(|l| l.to_string());
    let parts: Vec<String> = [
        f.link.clone(),
        f.peer.clone(),
        f.certificate.clone(),
        f.file.clone(),
        place,
    ]
    .into_iter()
    .flatten()
    .collect();
    escape(&parts.join(", ")).into_owned()
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// One finding as a table row.
pub(crate) fn row(f: &Finding) -> Markup {
    html! {
        tr {
            td { a href=(format!("#rule-{}", f.code)) { code { (f.code) } } }
            td class=(severity_class(f.severity)) { (f.severity) }
            td.mono { (about(f)) }
            td { (escape(&f.message)) }
            td { (escape(f.fix.as_deref().unwrap_or(""))) }
        }
    }
}

/// The findings section.
pub(crate) fn section(all: &[Finding]) -> Markup {
    let count = |s: Severity| all.iter().filter(|f| f.severity == s).count();
    html! {
        section id="findings" {
            h2 { "Findings" }
            p {
                span.error { (count(Severity::Error)) " error(s)" } ", "
                span.warning { (count(Severity::Warning)) " warning(s)" } ", "
                span.info { (count(Severity::Info)) " info" }
            }
            @if !all.is_empty() {
                div.scroll {
                    table.findings {
                        thead { tr { th { "code" } th { "severity" } th { "about" } th { "message" } th { "fix" } } }
                        tbody { @for f in all { (row(f)) } }
                    }
                }
            }
        }
    }
}

/// The rule-book entries of the codes the page cites, with their sources.
pub(crate) fn rules(all: &[Finding]) -> Markup {
    let mut codes: Vec<Code> = all.iter().map(|f| f.code).collect();
    codes.sort_by_key(|c| c.as_str());
    codes.dedup();
    let book = sources::all();
    html! {
        section id="rules" {
            h2 { "Rules cited (docs/cisco-rules.md)" }
            @if codes.is_empty() { p { "No finding cites a rule." } }
            dl {
                @for code in &codes {
                    dt id=(format!("rule-{code}")) { code { (code) } " (" (code.rule().severity()) ")" }
                    dd {
                        p { (code.rule().summary) }
                        @for key in code.rule().sources {
                            @if let Some(source) = book.iter().find(|s| s.key == *key || s.key.split(", ").any(|k| k == *key)) {
                                p.why { b { (source.key) } ": " (source.text) }
                            } @else {
                                p.why { b { (key) } }
                            }
                        }
                    }
                }
            }
        }
    }
}
