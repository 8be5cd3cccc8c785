//! One section per planned certificate: the Generate CSR page's values,
//! the SANs and why each is there, EKU, CA and store; with results, its
//! expiry and the findings about its host.

use super::Estate;
use super::findings::row;
use super::timeline::days_left;
use crate::cisco::services::Service;
use crate::model::HostName;
use crate::plan::CertificatePlan;
use crate::plan::platform::PlatformCertificate;
use crate::render::escape;
use crate::report::Finding;
use maud::{Markup, html};

/// The certificates section: Expressways, then Unified CM and IM and
/// Presence.
pub(crate) fn section(estate: &Estate<'_>, all: &[Finding]) -> Markup {
    html! {
        section id="certificates" {
            h2 { "Certificates" }
            @for c in &estate.plan.certificates { (expressway(estate, c, all)) }
            @for c in &estate.plan.platform { (platform(estate, c, all)) }
            @if !estate.plan.trust.is_empty() {
                h3 { "Trust stores: which CA goes where" }
                table {
                    thead { tr { th { "place" } th { "for the connections" } } }
                    tbody {
                        @for p in &estate.plan.trust {
                            tr { td { (crate::render::platform::placement_line(p)) } td.mono { (p.connections.join(", ")) } }
                        }
                    }
                }
            }
        }
    }
}

fn anchor(label: &str) -> String {
    let slug: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("cert-{slug}")
}

fn expressway(estate: &Estate<'_>, c: &CertificatePlan, all: &[Finding]) -> Markup {
    let title = format!("{} {}", c.role, c.label());
    let service = crate::audit::folders::service_of(c);
    html! {
        div.cert id=(anchor(&title)) {
            h3 { (title) }
            p { "EKU " (c.purpose.eku.title()) ", from " (c.purpose.ca) ", for " (c.purpose.store.title()) "; " (c.key) }
            table {
                thead { tr { th { "Generate CSR page" } th { "value" } } }
                tbody {
                    @for f in &c.page {
                        tr { td { (f.field) } td.mono {
                            @if f.value.is_empty() { "(leave empty)" } @else { (escape(&f.value)) }
                            @if let Some(format) = f.format { " [Format: " (format) "]" }
                        } }
                    }
                }
            }
            table {
                thead { tr { th { "alternative name" } th { "why" } } }
                tbody {
                    @for e in &c.entries {
                        tr { td.mono { (escape(&e.to_string())) } td.why {
                            @for r in &e.reasons { div { (r.why.as_ref()) } }
                        } }
                    }
                }
            }
            (results(estate, std::slice::from_ref(&c.peer), service, all))
        }
    }
}

fn platform(estate: &Estate<'_>, c: &PlatformCertificate, all: &[Finding]) -> Markup {
    let title = c.label();
    let nodes: Vec<HostName> = c
        .names
        .iter()
        .filter(|n| n.node)
        .map(|n| n.name.clone())
        .collect();
    html! {
        div.cert id=(anchor(&title)) {
            h3 { (title) }
            p { (c.service.secures) }
            p { "EKU " (c.eku.title()) ", from " (c.ca) "; its issuers go into " (c.service.trust.file())
                "; generated on " (c.node) " (OS Administration)" }
            table {
                thead { tr { th { "Generate CSR page" } th { "value" } } }
                tbody { @for (field, value) in c.page() { tr { td { (field) } td.mono { (value) } } } }
            }
            table {
                thead { tr { th { "alternative name" } th { "why" } } }
                tbody { @for n in &c.names { tr { td.mono { (n.name) } td.why { (n.why) } } } }
            }
            (results(estate, &nodes, c.service.service, all))
        }
    }
}

/// Expiry of the certificate in service on each host, and the findings
/// about those hosts.
fn results(estate: &Estate<'_>, hosts: &[HostName], service: Service, all: &[Finding]) -> Markup {
    let expiries: Vec<_> = estate
        .expiries
        .iter()
        .filter(|e| e.service == service && hosts.contains(&e.host))
        .collect();
    let mine: Vec<&Finding> = all
        .iter()
        .filter(|f| {
            f.peer
                .as_deref()
                .is_some_and(|p| hosts.iter().any(|h| h.is(p)))
        })
        .collect();
    html! {
        @for e in &expiries {
            @let (days, words) = days_left(e.not_after, estate.now);
            p { "In service on " (e.host) ": " (escape(&e.subject)) ", "
                span class=(if days < 30 { "error" } else if days < 90 { "warning" } else { "ok" }) { (words) } }
        }
        @if !mine.is_empty() {
            div.scroll { table.findings {
                thead { tr { th { "code" } th { "severity" } th { "about" } th { "message" } th { "fix" } } }
                tbody { @for f in &mine { (row(f)) } }
            } }
        }
    }
}
