//! `sancsr report`: gathers the plan, `links` over the estate folder and a
//! saved probe run, and writes the HTML page to standard output.

use super::{EXIT_OK, Output};
use crate::audit::expiry;
use crate::audit::{clock, links};
use crate::model::Deployment;
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
            .map_or_else(Vec::new, |p| results::expiries(&deployment, p)),
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
