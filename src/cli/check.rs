//! `sancsr check`.

use super::args::{OutputFormat, Select};
use super::{EXIT_FINDINGS, EXIT_OK, Output, load_plan};
use crate::audit::check::{self, Context};
use crate::audit::clock;
use crate::pki::{self, keys};
use crate::render::{self, style::Paint};
use crate::report::{Error, has_errors};

/// `--key`, `--now`, `--format`.
pub(super) struct Options {
    pub key: Option<String>,
    pub now: Option<String>,
    pub format: OutputFormat,
}

/// Audits each file's leaf against the planned certificate of its peer.
pub(super) fn run(
    path: &str,
    files: &[String],
    select: &Select,
    options: &Options,
    paint: Paint,
) -> Result<Output, Error> {
    let (deployment, plan) = load_plan(path, select)?;
    let context = Context {
        version: deployment.expressway_version,
        now: clock::now_or(options.now.as_deref())?,
        key: options
            .key
            .as_deref()
            .map(keys::public_key_of)
            .transpose()?,
    };
    let mut reports = Vec::new();
    for file in files {
        let contents = pki::read_file(file)?;
        let leaf = &contents.documents[0];
        let certificate = check::match_certificate(&plan, leaf, &contents.name)?;
        let findings = check::audit(leaf, certificate, &context)
            .into_iter()
            .map(|f| {
                f.in_file(contents.name.as_str())
                    .for_peer(certificate.peer.as_str())
            })
            .collect();
        reports.push(render::check::Report {
            file: contents.name,
            kind: leaf.kind,
            role: certificate.role,
            peer: certificate.peer.clone(),
            findings,
        });
    }
    let failed = reports.iter().any(|r| has_errors(&r.findings));
    Ok(Output {
        stdout: match options.format {
            OutputFormat::Text => render::check::text(&reports, paint),
            OutputFormat::Json => render::check::json(&reports),
        },
        code: if failed { EXIT_FINDINGS } else { EXIT_OK },
        ..Output::default()
    })
}
