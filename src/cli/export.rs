//! `sancsr export`.

use super::args::{ExportOptions, Select};
use super::{EXIT_OK, Output, load_plan};
use crate::cisco::{CaKind, Eku};
use crate::io::{self, Existing, OutputFile, Secrecy};
use crate::plan::CertificatePlan;
use crate::render::export::{self, Target};
use crate::render::{self, style::Paint};
use crate::report::{Allowance, Error, Usage};
use std::fmt::Write as _;
use std::path::PathBuf;

/// A template name goes into `CertificateTemplate = NAME`: a line break,
/// a quote, a section bracket, a comment `;` or `=`, or any control
/// character would write more than the name (#26: a name with `\r\n
/// [Extensions]` added a section).
fn refuse_in_inf(name: &str) -> Result<(), Error> {
    let refused = name
        .chars()
        .find(|c| c.is_control() || matches!(c, '"' | '[' | ']' | ';' | '=' | '%'));
    match refused {
        Some(refused) => Err(Usage::BadTemplate {
            value: name.to_owned(),
            refused,
        }
        .into()),
        None => Ok(()),
    }
}

/// The AD CS template a certificate's INF names: none for a public CA's
/// request; `--client-template` (else `--template`) for an X15.5 client
/// certificate; `--template` otherwise.
fn template_for<'a>(c: &CertificatePlan, options: &'a ExportOptions) -> Option<&'a str> {
    match (c.purpose.ca, c.purpose.eku) {
        (CaKind::Public, _) => None,
        (_, Eku::Client) => options
            .client_template
            .as_deref()
            .or(options.template.as_deref()),
        _ => options.template.as_deref(),
    }
}

/// Writes one file per planned certificate for `--to`, all or nothing.
pub(super) fn run(
    path: &str,
    select: &Select,
    options: &ExportOptions,
    notes: Paint,
    allow: &Allowance,
) -> Result<Output, Error> {
    let target: Target = options.to.into();
    let out_dir = options.out_dir.as_path();
    for name in options.template.iter().chain(&options.client_template) {
        refuse_in_inf(name)?;
    }
    let templates = options.template.is_some() || options.client_template.is_some();
    if templates && target != Target::Certreq {
        return Err(Usage::TemplateWithoutCertreq.into());
    }
    let loaded = load_plan(path, select, allow)?;
    let plan = loaded.plan;
    if plan.has_errors() {
        let findings = plan.findings;
        return Err(Error::Findings { findings });
    }
    let existing = if options.force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    let mut outputs = Vec::new();
    let mut warnings = plan.findings.clone();
    for c in &plan.certificates {
        let (contents, cannot) = export::render(target, c, template_for(c, options));
        warnings.extend(cannot);
        outputs.push(OutputFile {
            path: out_dir.join(format!("{}.{}", c.file_stem(), target.extension())),
            contents: contents.into_bytes(),
            secrecy: Secrecy::Public,
        });
    }
    let warning = io::output_directory(out_dir)?;
    let (_lock, waited) = io::lock_directory(out_dir, io::Contention::Refuse)?;
    let paths: Vec<PathBuf> = outputs.iter().map(|o| o.path.clone()).collect();
    io::check_targets(&paths, existing)?;
    io::write_all(&outputs, existing, &|_| Ok(()))?;
    let mut stdout = String::new();
    for (c, p) in plan.certificates.iter().zip(&paths) {
        let _ = writeln!(stdout, "{} {}: {}", c.role, c.peer, p.display());
    }
    let alarms: String = warning.into_iter().chain(waited).collect();
    let allowed = super::finish(&mut warnings, &loaded.allow);
    let mut allowed_total = plan.allowed;
    allowed_total += allowed;
    Ok(Output {
        stdout,
        stderr: render::findings_text(&warnings, notes)
            + &render::allowed_line(allowed_total)
            + &alarms,
        code: EXIT_OK,
        ..Output::default()
    })
}
