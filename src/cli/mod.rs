//! The command line: arguments ([`args`]), one file per subcommand, and the
//! wording of errors ([`errors`]), the only place that names flags.
//! [`run`] parses, dispatches with one exhaustive `match`, writes the
//! output and returns the exit code.

mod args;
mod bundle;
mod check;
mod errors;
mod export;
mod generate;
mod links;
mod options;
mod other;
mod plan;
mod probe;
mod pull;
mod report;
mod trust;

use crate::render::style::Paint;
use crate::report::{Allowance, Error};
use args::{Cli, Command, Select};
use std::io::{IsTerminal, Write};

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: `check`/`trust` found an error-severity finding.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: bad usage or bad input.
pub const EXIT_USAGE: u8 = 2;

/// What a command printed and how it ended.
#[derive(Debug, Default)]
pub(crate) struct Output {
    /// Results, for standard output.
    pub stdout: String,
    /// Warnings and notes, for standard error (silenced by `--quiet`).
    pub stderr: String,
    /// The errors among them, printed even with `--quiet`.
    pub errors: String,
    /// Exit code.
    pub code: u8,
}

impl Output {
    /// Success with this standard output.
    pub fn ok(stdout: String) -> Self {
        Output {
            stdout,
            ..Output::default()
        }
    }
}

/// Runs one command line; returns the process exit code.
///
/// Results go to standard output, diagnostics to standard error, never
/// mixed. `--quiet` leaves only errors (the exit code tells the rest).
pub fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    let cli = match parse(&args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return u8::try_from(e.exit_code()).unwrap_or(EXIT_USAGE);
        }
    };
    let no_color = std::env::var("NO_COLOR").ok();
    let paint_for = |is_terminal: bool| Paint {
        enabled: cli.color.enabled(is_terminal, no_color.as_deref()),
    };
    let stdout_paint = paint_for(std::io::stdout().is_terminal());
    let stderr_paint = paint_for(std::io::stderr().is_terminal());
    let (json, reports_files) = (cli.command.wants_json(), cli.command.reports_files());
    let mut allow = Allowance::default();
    allow.extend(cli.allow.iter().copied());
    let streams = Streams {
        paint: stdout_paint,
        notes: stderr_paint,
        quiet: cli.quiet,
    };
    let (stdout, stderr, code) = match execute(cli.command, streams, &allow) {
        Ok(output) => {
            // --quiet silences notes, and stdout that only reports files
            // written; results and errors are always printed.
            let quiet_stdout = cli.quiet && reports_files;
            let stdout = if quiet_stdout {
                String::new()
            } else {
                output.stdout
            };
            let stderr = if cli.quiet {
                output.errors
            } else {
                output.stderr
            };
            (stdout, stderr, output.code)
        }
        Err(e) => {
            let stdout = if json {
                errors::json(&e)
            } else {
                String::new()
            };
            (
                stdout,
                errors::render(&e, stderr_paint.enabled),
                e.exit_code(),
            )
        }
    };
    emit(&stdout, &stderr, stderr_paint).unwrap_or(code)
}

/// Writes both streams, standard error first. A closed pipe (`sancsr plan
/// x | head -1`) ends the output quietly; any other write error is reported
/// and is the exit code.
fn emit(stdout: &str, stderr: &str, paint: Paint) -> Option<u8> {
    let written = write_stream(&mut std::io::stderr().lock(), stderr)
        .and_then(|()| write_stream(&mut std::io::stdout().lock(), stdout));
    match written {
        Ok(()) => None,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => None,
        Err(e) => {
            let error = Error::Write {
                path: "standard output".into(),
                source: e,
            };
            let _ = write_stream(
                &mut std::io::stderr().lock(),
                &errors::render(&error, paint.enabled),
            );
            Some(EXIT_FINDINGS)
        }
    }
}

/// Parses the command line, with clap's own usage errors and help coloured
/// as `--color` (and `NO_COLOR`) say.
fn parse(args: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let command = Cli::command().color(clap_color(args));
    let matches = command.try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// `--color` as clap needs it before it parses: the last `--color X` or
/// `--color=X` of the line, else `NO_COLOR`, else auto.
fn clap_color(args: &[std::ffi::OsString]) -> clap::ColorChoice {
    let mut choice = None;
    let mut words = args.iter().filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--color") {
            Some("") => words.next(),
            Some(v) => v.strip_prefix('='),
            None => None,
        };
        choice = value.or(choice);
    }
    match choice {
        Some("never") => clap::ColorChoice::Never,
        Some("always") => clap::ColorChoice::Always,
        _ if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => {
            clap::ColorChoice::Never
        }
        _ => clap::ColorChoice::Auto,
    }
}

/// How a command writes: `paint` colours standard output, `notes` the
/// warnings meant for standard error; `quiet` silences progress too.
#[derive(Clone, Copy)]
struct Streams {
    paint: Paint,
    notes: Paint,
    quiet: bool,
}

/// Runs a parsed command.
fn execute(command: Command, streams: Streams, allow: &Allowance) -> Result<Output, Error> {
    let Streams {
        paint,
        notes,
        quiet,
    } = streams;
    match command {
        Command::Plan {
            deployment,
            select,
            format,
        } => plan::run(&deployment, &select, format, paint, allow),
        Command::Generate {
            deployment,
            select,
            options,
        } => generate::run(&deployment, &select, &options, notes, allow),
        Command::Check {
            deployment,
            files,
            select,
            options,
        } => check::run(&deployment, &files, &select, &options, paint, allow),
        Command::Reissue { old, new, format } => other::reissue(&old, &new, format),
        Command::Trust {
            inputs,
            node,
            now,
            format,
        } => trust::run(&inputs, &node, now.as_deref(), format, paint, allow),
        Command::Links {
            deployment,
            dir,
            options,
        } => links::run(&deployment, &dir, &options, paint, allow),
        Command::Report {
            deployment,
            links,
            probe,
            now,
        } => report::run(
            &deployment,
            links.as_deref(),
            probe.as_deref(),
            now.as_deref(),
            allow,
        ),
        Command::Pull {
            deployment,
            options,
        } => pull::run(&deployment, &options, quiet),
        Command::Probe {
            deployment,
            select,
            options,
        } => probe::run(
            deployment.as_deref(),
            &select,
            &options,
            (paint, quiet),
            allow,
        ),
        Command::Bundle {
            deployment,
            responses,
            options,
        } => bundle::run(&deployment, &responses, &options, notes, allow),
        Command::Import { from } => other::import(from),
        Command::Inspect { files, format } => other::inspect(&files, format),
        Command::Export {
            deployment,
            select,
            options,
        } => export::run(&deployment, &select, &options, notes, allow),
        Command::Rules { format } => Ok(other::rules(format)),
        Command::Init { role, features } => Ok(other::init(role, &features)),
        Command::Completions { shell } => Ok(other::completions(shell)),
        Command::Man { command } => other::man(&command),
    }
}

/// A deployment, its plan narrowed to `--role` / `--peer`, and the
/// findings accepted by `--allow` and by its `[findings] allow`, already
/// taken out of the plan's findings.
struct Loaded {
    deployment: crate::model::Deployment,
    plan: crate::plan::Plan,
    allow: Allowance,
}

/// Loads a deployment and plans it (see [`Loaded`]).
fn load_plan(path: &str, select: &Select, allow: &Allowance) -> Result<Loaded, Error> {
    let deployment = crate::model::Deployment::load(path)?;
    let allow = accepted(allow, Some(&deployment));
    let mut plan = crate::plan::Plan::build(&deployment)
        .select(select.role.map(Into::into), select.peer.as_deref())?
        .serving(select.certificate.map(Into::into));
    plan.allowed = finish(&mut plan.findings, &allow);
    Ok(Loaded {
        deployment,
        plan,
        allow,
    })
}

/// A command's findings as it reports them: the fixes that need a flag
/// worded here, where the flags are, then the accepted ones taken out.
fn finish(findings: &mut Vec<crate::report::Finding>, allow: &Allowance) -> crate::report::Allowed {
    for f in findings.iter_mut() {
        if let Some(fix) = errors::flag_fix(f.code) {
            f.fix = Some(fix.to_owned());
        }
    }
    allow.apply(findings)
}

/// The codes this run accepts: `--allow`, and the deployment's own.
fn accepted(allow: &Allowance, deployment: Option<&crate::model::Deployment>) -> Allowance {
    let mut all = allow.clone();
    if let Some(d) = deployment {
        all.merge(&d.allow);
    }
    all
}

/// Writes and flushes.
fn write_stream(stream: &mut dyn Write, text: &str) -> std::io::Result<()> {
    if text.is_empty() {
        return Ok(());
    }
    stream.write_all(text.as_bytes())?;
    stream.flush()
}
