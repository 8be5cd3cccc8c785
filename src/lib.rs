//! sancsr: plans, checks and generates the certificates of a Cisco
//! Unified Communications edge (Expressway-C and Expressway-E).
//!
//! The flow of every command is the same: load the deployment file
//! ([`deployment`]), plan every certificate from Cisco's table ([`rules`],
//! [`plan`]), act, and render ([`render`]); [`commands`] holds one function
//! per subcommand. [`run`] does that for a command line and returns the exit
//! code, so tests can call it in-process.
//!
//! ```
//! use sancsr::{deployment::Deployment, plan::Plan};
//!
//! let deployment = Deployment::parse(
//!     "deployment.toml",
//!     r#"
//!     features = ["mobile-remote-access"]
//!     [unified_cm]
//!     registration_domains = ["example.com"]
//!     [expressway_e]
//!     peers = ["expe.example.com"]
//!     registration_domain_format = "collab-edge-dns"
//!     "#,
//! )?;
//! let plan = Plan::build(&deployment);
//! assert_eq!(
//!     plan.certificates[0].alternative_names(),
//!     ["DNS:expe.example.com", "DNS:collab-edge.example.com"]
//! );
//! # Ok::<(), sancsr::diagnostics::Error>(())
//! ```

pub mod check;
pub mod cli;
pub mod commands;
pub mod csr;
pub mod deployment;
pub mod diagnostics;
pub mod export;
pub mod files;
pub mod findings;
pub mod fuzzing;
pub mod generate;
pub mod init;
pub mod input;
pub mod names;
pub mod plan;
pub mod reissue;
pub mod render;
pub mod rules;
pub mod trust;
pub mod x509;

use clap::Parser;
use cli::Cli;
use render::style::Paint;
use std::io::{IsTerminal, Write};

/// Exit code: success (SPEC §3).
pub const EXIT_OK: u8 = 0;
/// Exit code: `check`/`trust` found an error-severity finding.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: bad usage or bad input.
pub const EXIT_USAGE: u8 = 2;

/// What a command printed and how it ended.
#[derive(Debug, Default)]
pub struct Output {
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
    match commands::execute(cli.command, stdout_paint, stderr_paint) {
        Ok(output) => {
            if !cli.quiet {
                write_stream(&mut std::io::stderr().lock(), &output.stderr);
                write_stream(&mut std::io::stdout().lock(), &output.stdout);
            }
            output.code
        }
        Err(e) => {
            write_stream(
                &mut std::io::stderr().lock(),
                &e.render(stderr_paint.enabled),
            );
            e.exit_code()
        }
    }
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
