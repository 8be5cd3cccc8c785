//! `sancsr report`: one self-contained HTML page of the estate for review
//! (a change ticket, a security officer, the next on-call engineer): a
//! header, a diagram of the boxes and their TLS connections ([`diagram`]),
//! the findings, one section per certificate, an expiry timeline
//! ([`timeline`]) and the rule-book entries the findings cite.
//!
//! Built with maud, which escapes every interpolated value; text from
//! outside (names, certificates, server output, file names) also passes
//! through [`crate::render::escape`] first, so controls and bidi marks
//! arrive as visible escapes. No script, no external resource: a
//! Content-Security-Policy of `default-src 'none'` says so to the browser.

mod certificates;
mod diagram;
mod findings;
mod status;
mod timeline;

use crate::audit::expiry::Expiry;
use crate::audit::links::Checked;
use crate::model::Deployment;
use crate::plan::Plan;
use crate::probe::results::Endpoint;
use crate::render::escape;
use maud::{DOCTYPE, Markup, PreEscaped, html};

const CSS: &str = include_str!("report.css");
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// What the header says.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    /// The deployment file as given.
    pub file: String,
    /// Its SHA-256, hex.
    pub sha256: String,
    /// When the report was made (RFC 3339).
    pub generated: String,
    /// `--now`, when given (RFC 3339).
    pub judged_at: Option<String>,
    /// The estate folder and probe file given.
    pub inputs: Vec<String>,
}

/// Everything the page shows.
pub(crate) struct Estate<'a> {
    /// The deployment.
    pub deployment: &'a Deployment,
    /// Its plan.
    pub plan: &'a Plan,
    /// The header's facts.
    pub header: Header,
    /// `links` over the estate folder, when given.
    pub links: Option<&'a [Checked]>,
    /// A saved probe run, when given.
    pub probe: Option<&'a [Endpoint]>,
    /// Certificates with known dates (estate folder, probe run).
    pub expiries: Vec<Expiry>,
    /// "Now", Unix seconds.
    pub now: i64,
}

/// The whole page.
pub(crate) fn page(estate: &Estate<'_>) -> String {
    let all = findings::collect(estate);
    let markup: Markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(POLICY);
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "sancsr report: " (escape(&estate.header.file)) }
                style { (PreEscaped(CSS)) }
            }
            body {
                (header(&estate.header))
                section id="diagram" {
                    h2 { "Boxes and connections" }
                    p.legend {
                        span.ok { "✓ ok: checked, nothing failed" }
                        span.fails { "✗ fails: a link or endpoint failed" }
                        span."not-checked" { "? not checked" }
                    }
                    div.figure { (diagram::svg(estate)) }
                }
                (findings::section(&all))
                (certificates::section(estate, &all))
                section id="expiry" {
                    h2 { "Expiry timeline" }
                    @match timeline::svg(&estate.expiries, estate.now) {
                        Some(svg) => div.figure { (svg) },
                        None => p { "No certificate dates known: give the estate folder, or a saved probe run." },
                    }
                }
                (findings::rules(&all))
            }
        }
    };
    markup.into_string()
}

fn header(h: &Header) -> Markup {
    html! {
        header {
            h1 { "Certificate estate report" }
            dl.header {
                dt { "Deployment file" } dd.mono { (escape(&h.file)) }
                dt { "SHA-256" } dd.mono { (h.sha256) }
                dt { "sancsr" } dd { (env!("CARGO_PKG_VERSION")) }
                dt { "Report made" } dd { (h.generated) }
                @if let Some(now) = &h.judged_at {
                    dt { "Judged at" } dd { (now) " (as asked, not the clock)" }
                }
                @for input in &h.inputs {
                    dt { "Input" } dd.mono { (escape(input)) }
                }
            }
        }
    }
}
