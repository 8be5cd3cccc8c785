//! The command line: arguments ([`args`]), one file per subcommand, and the
//! wording of errors ([`errors`]), the only place that names flags.
//! [`run`] parses, dispatches with one exhaustive `match`, writes the
//! output and returns the exit code.

mod args;
mod check;
mod errors;
mod export;
pub(crate) mod generate;
mod other;
mod plan;
mod trust;

use crate::render::style::Paint;
use crate::report::Error;
use args::{Cli, Command, Select};
use clap::Parser;
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
    let cli = match Cli::try_parse_from(args) {
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
    match execute(cli.command, stdout_paint, stderr_paint) {
        Ok(output) => {
            if !cli.quiet {
                write_stream(&mut std::io::stderr().lock(), &output.stderr);
                write_stream(&mut std::io::stdout().lock(), &output.stdout);
            }
            output.code
        }
        Err(e) => {
            let text = errors::render(&e, stderr_paint.enabled);
            write_stream(&mut std::io::stderr().lock(), &text);
            e.exit_code()
        }
    }
}

/// Runs a parsed command. `paint` colours standard output, `notes` the
/// warnings meant for standard error.
fn execute(command: Command, paint: Paint, notes: Paint) -> Result<Output, Error> {
    match command {
        Command::Plan {
            deployment,
            select,
            format,
        } => plan::run(&deployment, &select, format, paint),
        Command::Generate {
            deployment,
            out_dir,
            select,
            key,
            force,
            format,
        } => {
            let options = generate::Options::new(out_dir, force, key);
            generate::run(&deployment, &select, &options, format, notes)
        }
        Command::Check {
            deployment,
            files,
            select,
            key,
            now,
            format,
        } => {
            let options = check::Options { key, now, format };
            check::run(&deployment, &files, &select, &options, paint)
        }
        Command::Reissue { old, new, format } => other::reissue(&old, &new, format),
        Command::Trust {
            inputs,
            node,
            now,
            format,
        } => trust::run(&inputs, &node, now.as_deref(), format, paint),
        Command::Inspect { files, format } => other::inspect(&files, format),
        Command::Export {
            deployment,
            to,
            out_dir,
            select,
            force,
        } => export::run(&deployment, to.into(), &out_dir, &select, force, notes),
        Command::Rules { format } => Ok(other::rules(format)),
        Command::Init { role, features } => Ok(other::init(role, &features)),
        Command::Completions { shell } => Ok(other::completions(shell)),
        Command::Man => other::man(),
    }
}

/// Loads a deployment and plans it, narrowed to `--role` / `--peer`.
fn load_plan(
    path: &str,
    select: &Select,
) -> Result<(crate::model::Deployment, crate::plan::Plan), Error> {
    let deployment = crate::model::Deployment::load(path)?;
    let plan = crate::plan::Plan::build(&deployment)
        .select(select.role.map(Into::into), select.peer.as_deref())?;
    Ok((deployment, plan))
}

/// Writes and flushes; a closed pipe (`sancsr plan x | head -1`) ends the
/// output quietly.
fn write_stream(stream: &mut dyn Write, text: &str) {
    if !text.is_empty() {
        let _ = stream
            .write_all(text.as_bytes())
            .and_then(|()| stream.flush());
    }
}
