//! The estate as an inline SVG, laid out from the connection table: one
//! column per party that the deployment's connections join (the outside
//! parties, the Expressway-E and -C clusters, Unified CM, IM and Presence),
//! each headed by a box listing its hosts; then one lane per connection,
//! an arrow from the TLS client's column to the server's, labelled with
//! its port, key and status (colour, dash pattern and words).

use super::Estate;
use super::status::{self, Status};
use crate::cisco::{CONNECTIONS, Connection, Party, Role};
use crate::render::escape;
use maud::{Markup, html};

const COLUMN: i64 = 200;
const MARGIN: i64 = 20;
const LINE: i64 = 16;
const LANE: i64 = 40;

/// The parties in drawing order: outside on the left, inside on the right.
const ORDER: [Party; 8] = [
    Party::RemoteClients,
    Party::Partners,
    Party::CiscoCloud,
    Party::Neighbours,
    Party::Expressway(Role::ExpresswayE),
    Party::Expressway(Role::ExpresswayC),
    Party::UnifiedCm,
    Party::ImPresence,
];

/// The connections the deployment opens between parties it has.
pub(crate) fn connections<'a>(estate: &Estate<'a>) -> Vec<&'static Connection> {
    let d = estate.deployment;
    let present = |p: Party| p.is_outside() || !d.hosts(p).is_empty();
    CONNECTIONS
        .iter()
        .filter(|c| c.applies(&d.features, &d.connections))
        .filter(|c| present(c.client) && present(c.server))
        // A cluster link needs two peers.
        .filter(|c| !c.is_cluster() || d.hosts(c.client).len() > 1)
        .collect()
}

/// A column's heading: the party as the rest of sancsr names it,
/// capitalised.
fn title(p: Party) -> String {
    let words = p.to_string();
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The diagram.
pub(crate) fn svg(estate: &Estate<'_>) -> Markup {
    let lines = connections(estate);
    let parties: Vec<Party> = ORDER
        .into_iter()
        .filter(|p| lines.iter().any(|c| c.client == *p || c.server == *p))
        .collect();
    let hosts: Vec<Vec<String>> = parties
        .iter()
        .map(|p| {
            let mut names: Vec<String> = estate
                .deployment
                .hosts(*p)
                .iter()
                .map(|h| escape(h.as_str()).into_owned())
                .collect();
            if p.is_outside() {
                names.push("(outside the deployment)".into());
            }
            names
        })
        .collect();
    let box_height = 30 + LINE * hosts.iter().map(Vec::len).max().unwrap_or(0) as i64;
    let width = MARGIN * 2 + COLUMN * parties.len() as i64;
    let top = MARGIN + box_height + 30;
    let height = top + LANE * lines.len() as i64 + MARGIN;
    let x_of = |p: Party| {
        let i = parties.iter().position(|q| *q == p).unwrap_or(0) as i64;
        MARGIN + COLUMN * i + COLUMN / 2
    };
    html! {
        svg viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height)
            role="img" aria-labelledby="diagram-title" font-family="system-ui, sans-serif" font-size="12" {
            title id="diagram-title" { "The deployment's hosts and every TLS connection between them" }
            @for (i, party) in parties.iter().enumerate() {
                (column(*party, &hosts[i], x_of(*party), box_height, height))
            }
            @for (i, c) in lines.iter().enumerate() {
                (lane(c, status::of(estate, c), (x_of(c.client), x_of(c.server)), top + LANE * i as i64, estate))
            }
        }
    }
}

/// A party's box, its hosts, and its lifeline.
fn column(party: Party, hosts: &[String], x: i64, box_height: i64, height: i64) -> Markup {
    let left = x - COLUMN / 2 + 8;
    html! {
        g class="party" {
            rect x=(left) y=(MARGIN) width=(COLUMN - 16) height=(box_height) rx="6"
                fill="#f6f8fa" stroke="#57606a" {}
            text x=(x) y=(MARGIN + 18) text-anchor="middle" font-weight="600" { (title(party)) }
            @for (i, host) in hosts.iter().enumerate() {
                text x=(x) y=(MARGIN + 36 + LINE * i as i64) text-anchor="middle" font-size="11" { (host) }
            }
            line x1=(x) y1=(MARGIN + box_height) x2=(x) y2=(height - MARGIN) stroke="#d0d7de" stroke-width="1" {}
        }
    }
}

/// One connection's arrow and label; a connection within one party (a
/// cluster) is a loop on its lifeline.
fn lane(c: &Connection, s: Status, (from, to): (i64, i64), y: i64, estate: &Estate<'_>) -> Markup {
    let (colour, dash, width) = s.stroke();
    let port = estate.deployment.port_of(c);
    let label = format!("{port} {} — {}", c.key, s.words());
    let path = if from == to {
        format!("M {from} {} h 40 v 14 h -34", y - 7)
    } else {
        format!(
            "M {from} {y} L {} {y}",
            if to > from { to - 6 } else { to + 6 }
        )
    };
    let head = if from != to && to > from {
        "▶"
    } else {
        "◀"
    };
    let head_x = if from == to { from + 8 } else { to };
    let text_x = (from + to) / 2 + if from == to { 50 } else { 0 };
    let anchor = if from == to { "start" } else { "middle" };
    html! {
        g class=(format!("connection {}", s.class())) data-connection=(c.key) data-status=(s.class()) {
            path d=(path) fill="none" stroke=(colour) stroke-width=(width) stroke-dasharray=(dash) {}
            text x=(head_x) y=(y + if from == to { 12 } else { 4 }) text-anchor="middle" fill=(colour) font-size="11" { (head) }
            text x=(text_x) y=(y - 6) text-anchor=(anchor) fill=(colour) { (label) }
        }
    }
}
