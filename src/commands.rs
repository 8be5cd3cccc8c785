//! One function per subcommand, each reading top to bottom: load → plan →
//! act → render. [`execute`] dispatches with one exhaustive `match`.

use crate::cli::{Cli, Command, Select};
use crate::deployment::Deployment;
use crate::diagnostics::Error;
use crate::export::Target;
use crate::files::{self, OutputFile};
use crate::plan::Plan;
use crate::render::style::Paint;
use crate::render::{self, OutputFormat, PlanFormat};
use crate::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Output};
use crate::{check, findings, generate, init, names, reissue, rules, trust, x509};
use std::path::{Path, PathBuf};

/// Runs a parsed command. `paint` colours standard output, `notes` the
/// warnings meant for standard error.
pub fn execute(command: Command, paint: Paint, notes: Paint) -> Result<Output, Error> {
    match command {
        Command::Plan {
            deployment,
            select,
            format,
        } => plan(&deployment, &select, format, paint),
        Command::Generate {
            deployment,
            out_dir,
            select,
            key,
            force,
            format,
        } => {
            let options = generate::Options {
                out_dir,
                force,
                key,
            };
            generate(&deployment, &select, &options, format, notes)
        }
        Command::Check {
            deployment,
            files,
            select,
            key,
            now,
            format,
        } => check(
            &deployment,
            &files,
            &select,
            key.as_deref(),
            now.as_deref(),
            format,
            paint,
        ),
        Command::Reissue { old, new, format } => {
            let comparison = reissue::compare(&Deployment::load(&old)?, &Deployment::load(&new)?);
            Ok(Output::ok(match format {
                OutputFormat::Text => render::reissue::text(&comparison),
                OutputFormat::Json => render::reissue::json(&comparison),
            }))
        }
        Command::Trust {
            inputs,
            node,
            now,
            format,
        } => trust(&inputs, &node, now.as_deref(), format, paint),
        Command::Inspect { files, format } => {
            let contents = files
                .iter()
                .map(|f| x509::read_file(f))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Output::ok(match format {
                OutputFormat::Text => render::inspect::text(&contents),
                OutputFormat::Json => render::inspect::json(&contents),
            }))
        }
        Command::Export {
            deployment,
            to,
            out_dir,
            select,
            force,
        } => export(&deployment, to, &out_dir, &select, force, notes),
        Command::Rules { format } => Ok(Output::ok(match format {
            OutputFormat::Text => render::rules::text(),
            OutputFormat::Json => render::rules::json(),
        })),
        Command::Init { role, features } => {
            let features: Vec<rules::Feature> = features.into_iter().map(Into::into).collect();
            Ok(Output::ok(init::template(&role.roles(), &features)))
        }
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut buffer = Vec::new();
            clap_complete::generate(shell, &mut command, "sancsr", &mut buffer);
            Ok(Output::ok(String::from_utf8_lossy(&buffer).into_owned()))
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut buffer = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut buffer)
                .map_err(|e| Error::Other(format!("cannot render the man page: {e}")))?;
            Ok(Output::ok(String::from_utf8_lossy(&buffer).into_owned()))
        }
    }
}

/// Loads a deployment and plans it, narrowed to `--role` / `--peer`.
fn load_plan(path: &str, select: &Select) -> Result<(Deployment, Plan), Error> {
    let deployment = Deployment::load(path)?;
    let plan =
        Plan::build(&deployment).select(select.role.map(Into::into), select.peer.as_deref())?;
    Ok((deployment, plan))
}

fn plan(path: &str, select: &Select, format: PlanFormat, paint: Paint) -> Result<Output, Error> {
    let (_, plan) = load_plan(path, select)?;
    let stdout = match format {
        PlanFormat::Text => render::plan::text(&plan, paint),
        PlanFormat::Json => render::plan::json(&plan),
        PlanFormat::Grid => render::plan::grid(&plan),
        PlanFormat::Markdown => render::plan::markdown(&plan),
    };
    // A deployment whose certificates would not work is bad input: the plan
    // is shown, with its error findings, and the exit is 2.
    let code = if plan.has_errors() {
        EXIT_USAGE
    } else {
        EXIT_OK
    };
    Ok(Output {
        stdout,
        code,
        ..Output::default()
    })
}

fn generate(
    path: &str,
    select: &Select,
    options: &generate::Options,
    format: OutputFormat,
    notes: Paint,
) -> Result<Output, Error> {
    let (_, plan) = load_plan(path, select)?;
    let written = generate::generate(&plan, options)?;
    Ok(Output {
        stdout: match format {
            OutputFormat::Text => render::generate::text(&written),
            OutputFormat::Json => render::generate::json(&written),
        },
        // Warnings go to standard error so that the list of written files
        // stays clean for scripts.
        stderr: render::findings_text(&plan.findings, notes),
        code: EXIT_OK,
    })
}

fn check(
    path: &str,
    files: &[String],
    select: &Select,
    key: Option<&str>,
    now: Option<&str>,
    format: OutputFormat,
    paint: Paint,
) -> Result<Output, Error> {
    let (deployment, plan) = load_plan(path, select)?;
    let context = check::Context {
        version: deployment.expressway_version,
        now: clock(now)?,
        key: key.map(check::public_key_of).transpose()?,
    };
    let mut reports = Vec::new();
    for file in files {
        let contents = x509::read_file(file)?;
        let leaf = &contents.documents[0];
        let certificate = check::match_certificate(&plan, leaf, &contents.name)?;
        let findings = check::audit(leaf, certificate, &context)
            .into_iter()
            .map(|mut f| {
                f.file = Some(contents.name.clone());
                f.peer = Some(certificate.peer.clone());
                f
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
    let failed = reports.iter().any(|r| findings::has_errors(&r.findings));
    Ok(Output {
        stdout: match format {
            OutputFormat::Text => render::check::text(&reports, paint),
            OutputFormat::Json => render::check::json(&reports),
        },
        code: if failed { EXIT_FINDINGS } else { EXIT_OK },
        ..Output::default()
    })
}

fn trust(
    inputs: &[String],
    nodes: &[String],
    now: Option<&str>,
    format: OutputFormat,
    paint: Paint,
) -> Result<Output, Error> {
    for n in nodes {
        names::check_name(n, names::NameKind::Host)
            .map_err(|e| Error::usage(format!("--node {n}: {e}: {}", e.fix(n))))?;
    }
    let now = clock(now)?;
    let (items, mut findings) = trust::read_inputs(inputs)?;
    if items.is_empty() {
        return Err(Error::usage(format!(
            "no certificate found in {}",
            inputs.join(", ")
        )));
    }
    findings.extend(trust::lint(&items, nodes, now));
    findings.sort_by_key(|f| f.severity);
    Ok(Output {
        stdout: match format {
            OutputFormat::Text => render::trust::text(items.len(), &findings, paint),
            OutputFormat::Json => render::trust::json(&findings),
        },
        code: if findings::has_errors(&findings) {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        },
        ..Output::default()
    })
}

fn export(
    path: &str,
    target: Target,
    out_dir: &Path,
    select: &Select,
    force: bool,
    notes: Paint,
) -> Result<Output, Error> {
    let (_, plan) = load_plan(path, select)?;
    if plan.has_errors() {
        return Err(Error::Findings {
            findings: plan.findings,
        });
    }
    let mut outputs = Vec::new();
    let mut warnings = plan.findings.clone();
    for c in &plan.certificates {
        let (contents, cannot) = crate::export::render(target, c);
        warnings.extend(cannot);
        outputs.push(OutputFile {
            path: out_dir.join(format!("{}.{}", c.peer, target.extension())),
            contents,
            secret: false,
        });
    }
    std::fs::create_dir_all(out_dir).map_err(|source| Error::Write {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let paths: Vec<PathBuf> = outputs.iter().map(|o| o.path.clone()).collect();
    files::check_targets(&paths, force)?;
    files::write_all(&outputs, force)?;
    let mut stdout = String::new();
    for (c, p) in plan.certificates.iter().zip(&paths) {
        stdout.push_str(&format!("{} {}: {}\n", c.role, c.peer, p.display()));
    }
    Ok(Output {
        stdout,
        stderr: render::findings_text(&warnings, notes),
        code: EXIT_OK,
    })
}

/// `--now`, or the system clock.
fn clock(now: Option<&str>) -> Result<i64, Error> {
    match now {
        Some(s) => check::parse_now(s),
        None => Ok(check::system_now()),
    }
}
