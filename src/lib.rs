//! sancsr: plans, checks and generates the certificates of a Cisco
//! Unified Communications edge (Expressway-C and Expressway-E).
//!
//! The flow of every command is the same: load the deployment file
//! ([`deployment`]), plan every certificate from Cisco's table ([`rules`],
//! [`plan`]), act, and render ([`render`]). [`run`] does that for a command
//! line and returns the exit code, so tests can call it in-process.
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
pub mod csr;
pub mod deployment;
pub mod diagnostics;
pub mod files;
pub mod findings;
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
use cli::{Cli, Command};
use deployment::Deployment;
use diagnostics::Error;
use plan::Plan;
use render::OutputFormat;
use std::io::{IsTerminal, Write};

/// Exit code: success (SPEC §3).
pub const EXIT_OK: u8 = 0;
/// Exit code: `check`/`trust` found an error-severity finding.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: bad usage or bad input.
pub const EXIT_USAGE: u8 = 2;

/// Runs one command line; returns the process exit code.
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
    match execute(cli.command) {
        Ok(output) => {
            emit(&output.stdout);
            output.code
        }
        Err(e) => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let _ = std::io::stderr().write_all(e.render(color).as_bytes());
            e.exit_code()
        }
    }
}

/// What a command printed and how it ended.
#[derive(Debug)]
pub struct Output {
    /// Text for standard output.
    pub stdout: String,
    /// Exit code.
    pub code: u8,
}

impl Output {
    fn ok(stdout: String) -> Self {
        Output {
            stdout,
            code: EXIT_OK,
        }
    }
}

/// Runs a parsed command: one function per subcommand, each reading top to
/// bottom as load → plan → act → render.
pub fn execute(command: Command) -> Result<Output, Error> {
    match command {
        Command::Plan {
            deployment,
            role,
            peer,
            format,
        } => plan_command(&deployment, role, peer.as_deref(), format),
        Command::Generate {
            deployment,
            out_dir,
            role,
            peer,
            key,
            force,
            format,
        } => {
            let options = generate::Options {
                out_dir,
                force,
                key,
            };
            generate_command(&deployment, role, peer.as_deref(), &options, format)
        }
        Command::Check {
            deployment,
            files,
            role,
            peer,
            key,
            now,
            format,
        } => check_command(
            &deployment,
            &files,
            role,
            peer.as_deref(),
            key.as_deref(),
            now.as_deref(),
            format,
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
        } => trust_command(&inputs, &node, now.as_deref(), format),
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
        Command::Rules { format } => Ok(Output::ok(match format {
            OutputFormat::Text => render::rules::text(),
            OutputFormat::Json => render::rules::json(),
        })),
        Command::Init { role, features } => {
            let features: Vec<rules::Feature> = features.into_iter().map(Into::into).collect();
            Ok(Output::ok(init::template(&role.roles(), &features)))
        }
    }
}

/// Loads a deployment and plans it, narrowed to `--role` / `--peer`.
fn load_plan(
    path: &str,
    role: Option<cli::RoleArg>,
    peer: Option<&str>,
) -> Result<(Deployment, Plan), Error> {
    let deployment = Deployment::load(path)?;
    let plan = Plan::build(&deployment).select(role.map(Into::into), peer)?;
    Ok((deployment, plan))
}

fn plan_command(
    path: &str,
    role: Option<cli::RoleArg>,
    peer: Option<&str>,
    format: OutputFormat,
) -> Result<Output, Error> {
    let (_, plan) = load_plan(path, role, peer)?;
    let stdout = match format {
        OutputFormat::Text => render::plan::text(&plan),
        OutputFormat::Json => render::plan::json(&plan),
    };
    // A deployment whose certificates would not work is bad input: the plan
    // is shown, with its error findings, and the exit is 2.
    let code = if plan.has_errors() {
        EXIT_USAGE
    } else {
        EXIT_OK
    };
    Ok(Output { stdout, code })
}

fn generate_command(
    path: &str,
    role: Option<cli::RoleArg>,
    peer: Option<&str>,
    options: &generate::Options,
    format: OutputFormat,
) -> Result<Output, Error> {
    let (_, plan) = load_plan(path, role, peer)?;
    let written = generate::generate(&plan, options)?;
    // Warnings go to standard error so that the list of written files on
    // standard output stays clean for scripts.
    let notes = render::findings_text(&plan.findings);
    if !notes.is_empty() {
        let _ = std::io::stderr().write_all(notes.as_bytes());
    }
    Ok(Output::ok(match format {
        OutputFormat::Text => render::generate::text(&written),
        OutputFormat::Json => render::generate::json(&written),
    }))
}

fn check_command(
    path: &str,
    files: &[String],
    role: Option<cli::RoleArg>,
    peer: Option<&str>,
    key: Option<&str>,
    now: Option<&str>,
    format: OutputFormat,
) -> Result<Output, Error> {
    let (deployment, plan) = load_plan(path, role, peer)?;
    let context = check::Context {
        version: deployment.expressway_version,
        now: match now {
            Some(s) => check::parse_now(s)?,
            None => check::system_now(),
        },
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
            OutputFormat::Text => render::check::text(&reports),
            OutputFormat::Json => render::check::json(&reports),
        },
        code: if failed { EXIT_FINDINGS } else { EXIT_OK },
    })
}

fn trust_command(
    inputs: &[String],
    nodes: &[String],
    now: Option<&str>,
    format: OutputFormat,
) -> Result<Output, Error> {
    for n in nodes {
        names::check_name(n, names::NameKind::Host)
            .map_err(|e| Error::usage(format!("--node {n}: {e}: {}", e.fix(n))))?;
    }
    let now = match now {
        Some(s) => check::parse_now(s)?,
        None => check::system_now(),
    };
    let (items, mut findings) = trust::read_inputs(inputs)?;
    if items.is_empty() {
        return Err(Error::usage(format!(
            "no certificate found in {}",
            inputs.join(", ")
        )));
    }
    findings.extend(trust::lint(&items, nodes, now));
    findings.sort_by_key(|f| f.severity);
    let code = if findings::has_errors(&findings) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    };
    Ok(Output {
        stdout: match format {
            OutputFormat::Text => render::trust::text(items.len(), &findings),
            OutputFormat::Json => render::trust::json(&findings),
        },
        code,
    })
}

/// Writes to standard output; a closed pipe (`sancsr plan x | head -1`) ends
/// the output quietly.
fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}
