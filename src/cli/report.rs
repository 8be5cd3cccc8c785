//! `sancsr report`: gathers the plan, `links` over the estate folder and a
//! saved probe run, and writes the HTML page to standard output.

use super::{EXIT_OK, Output};
use crate::audit::expiry::{self, Expiry};
use crate::audit::{clock, links};
use crate::model::{Deployment, HostName, NameKind};
use crate::probe::results::{self, Endpoint};
use crate::render::html::{self, Estate, Header};
use crate::report::{Allowance, Error, Usage};
use std::path::Path;

/// The page, on standard output. Exit 0: the report is the product; its
/// verdicts are in the page.
pub(super) fn run(
    path: &str,
    estate_dir: Option<&Path>,
    probe_file: Option<&str>,
    now: Option<&str>,
    allow: &Allowance,
) -> Result<Output, Error> {
    let deployment = Deployment::load(path)?;
    let allow = super::accepted(allow, Some(&deployment));
    let mut plan = crate::plan::Plan::build(&deployment);
    super::finish(&mut plan.findings, &allow);
    let at = clock::now_or(now)?;
    let checked = match estate_dir {
        Some(dir) if !dir.is_dir() => {
            let dir = dir.display().to_string();
            return Err(Usage::NoLinksFolder { dir }.into());
        }
        Some(dir) => Some(links::check_all(&deployment, dir, at)),
        None => None,
    };
    let probed = probe_file.map(read_probe).transpose()?;
    let mut expiries = estate_dir.map_or_else(Vec::new, |dir| expiry::in_folder(&deployment, dir));
    expiries.extend(
        probed
            .as_deref()
            .map_or_else(Vec::new, |p| probe_expiries(&deployment, p)),
    );
    let mut inputs: Vec<String> = Vec::new();
    inputs.extend(estate_dir.map(|d| format!("estate folder {}", d.display())));
    inputs.extend(probe_file.map(|p| format!("probe run {p}")));
    let estate = Estate {
        deployment: &deployment,
        plan: &plan,
        header: Header {
            file: deployment.name().to_owned(),
            sha256: deployment.sha256(),
            generated: crate::pki::reader::rfc3339(clock::now_or(None)?),
            judged_at: now.map(|_| crate::pki::reader::rfc3339(at)),
            inputs,
        },
        links: checked.as_deref(),
        probe: probed.as_deref(),
        expiries,
        now: at,
    };
    Ok(Output {
        stdout: html::page(&estate),
        code: EXIT_OK,
        ..Output::default()
    })
}

fn read_probe(path: &str) -> Result<Vec<Endpoint>, Error> {
    let (name, text) = crate::io::read_text(path)?;
    results::read(&name, &text)
}

/// The leaf of each probed endpoint of a deployment host, with its date
/// (the service is the one the connection's server presents there).
fn probe_expiries(d: &Deployment, endpoints: &[Endpoint]) -> Vec<Expiry> {
    let mut out: Vec<Expiry> = Vec::new();
    for e in endpoints {
        let Ok(host) = HostName::parse(&e.host, NameKind::Host) else {
            continue;
        };
        let Some(leaf) = e.chain.first() else {
            continue;
        };
        let Some(not_after) = leaf
            .not_after
            .as_deref()
            .and_then(|t| clock::parse_time(t).ok())
        else {
            continue;
        };
        let Some(connection) = crate::cisco::CONNECTIONS
            .iter()
            .find(|c| d.port_of(c) == e.port && d.hosts(c.server).contains(&host))
        else {
            continue;
        };
        let service = connection.server_end.presents;
        if !out.iter().any(|x| x.host == host && x.service == service) {
            out.push(Expiry {
                host,
                service,
                subject: leaf.subject.clone(),
                not_after,
            });
        }
    }
    out
}
