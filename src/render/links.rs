//! `sancsr links` output: text and JSON (README, "JSON shapes").

use crate::audit::chain;
use crate::audit::links::{Checked, Renewal};
use crate::pki::Document;
use crate::render::style::Paint;
use crate::report::{Allowed, Finding, Severity};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One line per link, then its findings; then the count.
pub(crate) fn text(checked: &[Checked], allowed: Allowed, paint: Paint) -> String {
    let mut out = String::new();
    for c in checked {
        let l = &c.link;
        // One column wide enough for the widest status, padded before it is
        // coloured so that the escapes do not count.
        let status = if !c.checked {
            paint.severity(Severity::Warning, "not checked")
        } else if c.ok() {
            paint.good(&format!("{:<11}", "ok"))
        } else {
            paint.severity(Severity::Error, &format!("{:<11}", "fails"))
        };
        let _ = writeln!(
            out,
            "{status}  {} → {}:{}  {}",
            l.client, l.server, l.port, l.connection.purpose
        );
        for f in &c.findings {
            super::finding(&mut out, f, paint, "    ", super::Place::Omitted);
        }
    }
    let count = |p: &dyn Fn(&Checked) -> bool| checked.iter().filter(|c| p(c)).count();
    let _ = writeln!(
        out,
        "\n{} links: {} ok, {} failing, {} not checked",
        checked.len(),
        count(&|c| c.ok()),
        count(&|c| c.checked && !c.ok()),
        count(&|c| !c.checked)
    );
    out.push_str(&super::allowed_line(allowed));
    out
}

#[derive(Serialize)]
struct JsonLink<'a> {
    client: &'a str,
    server: &'a str,
    port: u16,
    purpose: &'a str,
    connection: &'a str,
    checked: bool,
    ok: bool,
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct Json<'a> {
    ok: bool,
    allowed: usize,
    links: Vec<JsonLink<'a>>,
    findings: Vec<&'a Finding>,
}

/// `{ "ok", "links": [ { "client", "server", "port", "purpose",
/// "connection", "checked", "ok", "findings" } ], "findings": [...] }`;
/// `ok` is true when every checked link succeeds.
pub(crate) fn json(checked: &[Checked], allowed: Allowed) -> String {
    super::json(&Json {
        allowed: allowed.0,
        ok: !checked.iter().any(|c| c.checked && !c.ok()),
        links: checked
            .iter()
            .map(|c| JsonLink {
                client: c.link.client.as_str(),
                server: c.link.server.as_str(),
                port: c.link.port,
                purpose: c.link.connection.purpose,
                connection: c.link.connection.key,
                checked: c.checked,
                ok: c.ok(),
                findings: &c.findings,
            })
            .collect(),
        findings: checked.iter().flat_map(|c| &c.findings).collect(),
    })
}

/// The folders and READMEs `--init` made.
pub(crate) fn init(dir: &Path, made: &[PathBuf]) -> String {
    let mut out = format!("{}: {} file(s) written\n", dir.display(), made.len());
    for p in made {
        let _ = writeln!(out, "  {}", p.display());
    }
    out.push_str(
        "Drop each host's certificates and trust lists in its folder, then run sancsr links.\n",
    );
    out
}

/// The trust lists the new CA must join, in order.
pub(crate) fn renewal_text(ca: &Document, lists: &[Renewal], paint: Paint) -> String {
    let mut out = format!(
        "Before installing certificates signed by \"{}\", add it to these trust lists, in this \
         order (TAC 218034):\n",
        super::escape(chain::name(ca))
    );
    for (i, r) in lists.iter().enumerate() {
        let state = match r.has_it {
            Some(true) => paint.good("already there"),
            Some(false) => paint.severity(Severity::Error, "add it"),
            None => paint.severity(Severity::Warning, "not in the folder: check by hand"),
        };
        let _ = writeln!(
            out,
            "{:>3}. {} ({}) {}: {state}\n       for {}",
            i + 1,
            r.host,
            r.party,
            r.list.file(),
            r.because.join(", ")
        );
    }
    out
}

#[derive(Serialize)]
struct JsonRenewal<'a> {
    host: &'a str,
    party: crate::cisco::Party,
    trust_list: &'static str,
    has_it: Option<bool>,
    because: &'a [String],
}

/// `{ "trust_lists": [ { "host", "party", "trust_list", "has_it", "because" } ] }`, in order.
pub(crate) fn renewal_json(lists: &[Renewal]) -> String {
    let rows: Vec<JsonRenewal<'_>> = lists
        .iter()
        .map(|r| JsonRenewal {
            host: r.host.as_str(),
            party: r.party,
            trust_list: r.list.file(),
            has_it: r.has_it,
            because: &r.because,
        })
        .collect();
    super::json(&serde_json::json!({ "trust_lists": rows }))
}
