//! `sancsr links`.

use super::args::{FindingsFormat, LinksOptions};
use super::{EXIT_FINDINGS, EXIT_OK, Output};
use crate::audit::{clock, folders, links};
use crate::model::Deployment;
use crate::render::{self, style::Paint};
use crate::report::{Allowance, Allowed, Error, Usage};
use std::path::Path;

/// Checks every link, or creates the folders (`--init`), or lists the
/// trust lists a new CA must join first (`--renewal`).
pub(super) fn run(
    path: &str,
    dir: &Path,
    options: &LinksOptions,
    paint: Paint,
    allow: &Allowance,
) -> Result<Output, Error> {
    let deployment = Deployment::load(path)?;
    let allow = super::accepted(allow, Some(&deployment));
    if options.init {
        let made = folders::init(dir, &deployment)?;
        return Ok(Output {
            stdout: render::links::init(dir, &made),
            code: EXIT_OK,
            ..Output::default()
        });
    }
    if let Some(new_ca) = &options.renewal {
        let ca = links::new_ca(new_ca)?;
        let now = clock::now_or(options.now.as_deref())?;
        let mut dated: Vec<_> = links::new_ca_dates(&ca, now)
            .into_iter()
            .map(|f| f.in_file(new_ca))
            .collect();
        super::finish(&mut dated, &allow);
        let lists = links::renewal(&deployment, dir, &ca);
        let pending = lists.iter().any(|r| r.has_it != Some(true));
        let expired = crate::report::has_errors(&dated);
        return Ok(Output {
            stderr: render::findings_text(&dated, paint),
            stdout: match options.format {
                FindingsFormat::Text => render::links::renewal_text(&ca, &lists, paint),
                FindingsFormat::Json => render::links::renewal_json(&lists),
                FindingsFormat::Sarif => return Err(Usage::SarifRenewal.into()),
            },
            code: if pending || expired {
                EXIT_FINDINGS
            } else {
                EXIT_OK
            },
            ..Output::default()
        });
    }
    if !dir.is_dir() {
        let dir = dir.display().to_string();
        return Err(Usage::NoLinksFolder { dir }.into());
    }
    let now = clock::now_or(options.now.as_deref())?;
    let mut checked = links::check_all(&deployment, dir, now);
    let mut allowed = Allowed::default();
    for c in &mut checked {
        allowed += super::finish(&mut c.findings, &allow);
    }
    let failed = checked.iter().any(|c| c.checked && !c.ok());
    Ok(Output {
        stdout: match options.format {
            FindingsFormat::Text => render::links::text(&checked, allowed, paint),
            FindingsFormat::Json => render::links::json(&checked, allowed),
            FindingsFormat::Sarif => render::sarif::log(checked.iter().flat_map(|c| &c.findings)),
        },
        code: if failed { EXIT_FINDINGS } else { EXIT_OK },
        ..Output::default()
    })
}
