//! The commands that need no deployment plan, or only read: `reissue`,
//! `inspect`, `rules`, `init`, `completions`, `man`.

use super::Output;
use super::args::{Cli, FeatureArg, InitRole, OutputFormat};
use crate::audit::reissue;
use crate::cisco::Feature;
use crate::model::Deployment;
use crate::pki;
use crate::render;
use crate::report::Error;

pub(super) fn reissue(old: &str, new: &str, format: OutputFormat) -> Result<Output, Error> {
    let comparison = reissue::compare(&Deployment::load(old)?, &Deployment::load(new)?);
    Ok(Output::ok(match format {
        OutputFormat::Text => render::reissue::text(&comparison),
        OutputFormat::Json => render::reissue::json(&comparison),
    }))
}

pub(super) fn inspect(files: &[String], format: OutputFormat) -> Result<Output, Error> {
    let contents = files
        .iter()
        .map(|f| pki::read_file(f))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Output::ok(match format {
        OutputFormat::Text => render::inspect::text(&contents),
        OutputFormat::Json => render::inspect::json(&contents),
    }))
}

pub(super) fn rules(format: OutputFormat) -> Output {
    Output::ok(match format {
        OutputFormat::Text => render::rules::text(),
        OutputFormat::Json => render::rules::json(),
    })
}

pub(super) fn init(role: InitRole, features: &[FeatureArg]) -> Output {
    let features: Vec<Feature> = features.iter().map(|f| (*f).into()).collect();
    Output::ok(render::init::template(&role.roles(), &features))
}

pub(super) fn completions(shell: clap_complete::Shell) -> Output {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut command, "sancsr", &mut buffer);
    Output::ok(String::from_utf8_lossy(&buffer).into_owned())
}

pub(super) fn man() -> Result<Output, Error> {
    let command = <Cli as clap::CommandFactory>::command();
    let mut buffer = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut buffer)
        .map_err(|e| Error::Write {
            path: "<man page>".into(),
            source: e,
        })?;
    Ok(Output::ok(String::from_utf8_lossy(&buffer).into_owned()))
}
