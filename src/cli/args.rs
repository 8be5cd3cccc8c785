//! Command-line arguments (clap derive): the only place that knows the
//! flags. Each subcommand is dispatched to its own file in `cli/`.

pub(crate) use super::options::{
    BundleOptions, CertificateArg, CheckOptions, ExportOptions, GenerateOptions, ImportFrom,
    LinksOptions, ProbeFormat, ProbeOptions, PullOptions,
};
use crate::cisco::{Feature, Role};
use clap::{Parser, Subcommand, ValueEnum};

/// Plans, checks and generates the certificates of a Cisco Expressway-C /
/// Expressway-E deployment from one TOML file.
#[derive(Debug, Parser)]
#[command(name = "sancsr", version, about, long_about = None)]
pub(crate) struct Cli {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
    /// When to colour output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print nothing but errors; the exit code tells the result.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Accept the warnings and infos of this finding code: they leave the
    /// output and the exit status, and are counted (repeatable; `sancsr
    /// rules` lists the codes; an error cannot be accepted).
    #[arg(long = "allow", global = true, value_name = "CODE", value_parser = super::errors::allow_code)]
    pub allow: Vec<crate::report::Code>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Show, per certificate, the Generate CSR page values, the SANs and why each is there.
    Plan {
        /// Deployment file (TOML), or - for standard input.
        deployment: String,
        /// Which certificates.
        #[command(flatten)]
        select: Select,
        /// Output format.
        #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
        format: PlanFormat,
    },
    /// Write a PEM CSR and private key for every planned certificate.
    Generate {
        /// Deployment file (TOML), or - for standard input.
        deployment: String,
        /// Which certificates.
        #[command(flatten)]
        select: Select,
        #[command(flatten)]
        options: GenerateOptions,
    },
    /// Audit certificates from the CA (or CSRs) against the plan, before upload.
    Check {
        /// Deployment file (TOML), or - for standard input.
        deployment: String,
        /// Certificate or CSR files (PEM or DER; a chain's first certificate is the leaf).
        #[arg(required = true)]
        files: Vec<String>,
        /// Which planned certificates to compare with (the peer may be left
        /// out when the file's names tell).
        #[command(flatten)]
        select: Select,
        #[command(flatten)]
        options: CheckOptions,
    },
    /// Tell, per certificate, whether a change to the deployment needs a new one.
    Reissue {
        /// The deployment file as it is now.
        old: String,
        /// The deployment file with the change.
        new: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Check every TLS connection between the deployment's hosts, offline,
    /// from a folder per host of certificates and trust lists.
    Links {
        /// Deployment file (TOML), or - for standard input.
        deployment: String,
        /// The folder of host folders (see `links --init`).
        #[arg(value_name = "DIR")]
        dir: std::path::PathBuf,
        #[command(flatten)]
        options: LinksOptions,
    },
    /// Write one self-contained HTML page of the estate for review: a diagram
    /// of the boxes and their TLS connections, the findings, every
    /// certificate, and an expiry timeline.
    Report {
        /// Deployment file (TOML), or - for standard input.
        deployment: String,
        /// The estate folder (see `links`): check every link, and read the
        /// certificates' dates.
        #[arg(long, value_name = "ESTATE")]
        links: Option<std::path::PathBuf>,
        /// A saved `probe --format json` run: each endpoint's status and dates.
        #[arg(long, value_name = "PROBE_JSON")]
        probe: Option<String>,
        /// Judge validity at this time instead of now (2026-11-27 or RFC 3339).
        #[arg(long, value_name = "TIME")]
        now: Option<String>,
    },
    /// Read every box's certificates and trust lists from its own HTTPS
    /// API, read-only, into the estate folder.
    Pull {
        /// Deployment file (TOML), or - for standard input.
        deployment: String,
        #[command(flatten)]
        options: PullOptions,
    },
    /// Connect to every peer on the ports where it presents its certificate,
    /// and check what it really serves.
    Probe {
        /// Deployment file (TOML), or - for standard input; optional with --connect.
        #[arg(required_unless_present = "connect")]
        deployment: Option<String>,
        /// Which peers to probe.
        #[command(flatten)]
        select: Select,
        #[command(flatten)]
        options: ProbeOptions,
    },
    /// Lint the Unified CM / IM and Presence certificates the Expressway-C will trust.
    Trust {
        /// Certificate files (PEM, one or many certificates, or DER) or directories of them.
        #[arg(required = true, value_name = "FILE_OR_DIR")]
        inputs: Vec<String>,
        /// A Unified CM or IM and Presence node FQDN that must be a SAN of its certificate.
        #[arg(long, value_name = "FQDN", value_hint = clap::ValueHint::Hostname)]
        node: Vec<String>,
        /// Judge expiry at this time instead of now (2026-11-27 or RFC 3339).
        #[arg(long, value_name = "TIME")]
        now: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = FindingsFormat::Text)]
        format: FindingsFormat,
    },
    /// Show what a CSR or certificate really contains.
    Inspect {
        /// Certificate or CSR files (PEM or DER), or - for standard input.
        #[arg(required = true)]
        files: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Write the plan as OpenSSL req configurations or cfssl CSR JSON, for keys made elsewhere.
    Export {
        /// Deployment file (TOML), or - for standard input.
        deployment: String,
        /// Which certificates.
        #[command(flatten)]
        select: Select,
        #[command(flatten)]
        options: ExportOptions,
    },
    /// Match what the CA sent back to its peer and key, check it, and write
    /// what each Expressway's upload page wants.
    Bundle {
        /// Deployment file (TOML), or - for standard input.
        deployment: String,
        /// What the CA sent back: PEM, DER or PKCS#7, one certificate (and
        /// its chain) per file.
        #[arg(required = true, value_name = "RESPONSE")]
        responses: Vec<String>,
        #[command(flatten)]
        options: BundleOptions,
    },
    /// Draft a deployment file from what is in service today.
    Import {
        #[command(subcommand)]
        from: ImportFrom,
    },
    /// Print Cisco's SAN table as sancsr applies it.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Write an annotated starting deployment file to standard output.
    Init {
        /// Which Expressways the deployment has.
        #[arg(long, value_enum, default_value_t = InitRole::Both)]
        role: InitRole,
        /// Features in use, comma separated.
        #[arg(
            long,
            value_enum,
            value_delimiter = ',',
            default_value = "mobile-remote-access"
        )]
        features: Vec<FeatureArg>,
    },
    /// Print a shell completion script (see the README for where to put it).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff): sancsr man > sancsr.1, sancsr man plan > sancsr-plan.1
    Man {
        /// The command whose page to print (sancsr-plan(1),
        /// sancsr-import-xconfiguration(1), …); none: sancsr(1), with exit
        /// codes, the deployment file and examples.
        #[arg(value_name = "COMMAND", num_args = 0..)]
        command: Vec<String>,
    },
}

impl Command {
    /// Whether the command was asked for JSON, so that errors are given as
    /// JSON on standard output too.
    pub(crate) fn wants_json(&self) -> bool {
        match self {
            Command::Plan { format, .. } => *format == PlanFormat::Json,
            Command::Generate {
                options: GenerateOptions { format, .. },
                ..
            }
            | Command::Reissue { format, .. }
            | Command::Inspect { format, .. }
            | Command::Rules { format } => *format == OutputFormat::Json,
            Command::Check {
                options: CheckOptions { format, .. },
                ..
            }
            | Command::Trust { format, .. }
            | Command::Links {
                options: LinksOptions { format, .. },
                ..
            } => *format == FindingsFormat::Json,
            Command::Probe { options, .. } => options.format == ProbeFormat::Json,
            _ => false,
        }
    }

    /// Whether standard output only reports files written elsewhere (then
    /// `--quiet` silences it, as it does notes); for every other command it
    /// is the result, always printed.
    pub(crate) fn reports_files(&self) -> bool {
        matches!(
            self,
            Command::Generate { .. } | Command::Export { .. } | Command::Bundle { .. }
        )
    }
}

/// `--role` and `--peer`: which planned certificates a command works on.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct Select {
    /// Only certificates of this role.
    #[arg(long, value_enum)]
    pub role: Option<RoleArg>,
    /// Only the certificate of this peer (FQDN).
    #[arg(long, value_name = "FQDN", value_hint = clap::ValueHint::Hostname)]
    pub peer: Option<String>,
    /// Only the peer's server or client certificate (X15.5 keeps them
    /// apart); a single serverAuth + clientAuth certificate is both.
    #[arg(long, value_enum, value_name = "KIND")]
    pub certificate: Option<CertificateArg>,
}

/// `--role c|e`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RoleArg {
    /// Expressway-C.
    #[value(alias = "expressway-c")]
    C,
    /// Expressway-E.
    #[value(alias = "expressway-e")]
    E,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::C => Role::ExpresswayC,
            RoleArg::E => Role::ExpresswayE,
        }
    }
}

/// `init --role c|e|both`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum InitRole {
    /// Expressway-C only.
    #[value(alias = "expressway-c")]
    C,
    /// Expressway-E only.
    #[value(alias = "expressway-e")]
    E,
    /// Both.
    Both,
}

impl InitRole {
    /// The roles it stands for.
    pub(crate) fn roles(self) -> Vec<Role> {
        match self {
            InitRole::C => vec![Role::ExpresswayC],
            InitRole::E => vec![Role::ExpresswayE],
            InitRole::Both => Role::ALL.to_vec(),
        }
    }
}

/// A feature name on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FeatureArg {
    /// Mobile and Remote Access.
    #[value(alias = "mra")]
    MobileRemoteAccess,
    /// Jabber Guest.
    JabberGuest,
    /// XMPP federation.
    XmppFederation,
    /// Business-to-business calls.
    #[value(alias = "b2b")]
    BusinessToBusiness,
}

impl From<FeatureArg> for Feature {
    fn from(f: FeatureArg) -> Feature {
        match f {
            FeatureArg::MobileRemoteAccess => Feature::MobileRemoteAccess,
            FeatureArg::JabberGuest => Feature::JabberGuest,
            FeatureArg::XmppFederation => Feature::XmppFederation,
            FeatureArg::BusinessToBusiness => Feature::BusinessToBusiness,
        }
    }
}

/// `plan --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PlanFormat {
    /// For people: per certificate, the Generate CSR page and the reasons.
    Text,
    /// For programs (README, "JSON shapes").
    Json,
    /// Names × certificates, for reviewers.
    Grid,
    /// A Markdown report for a change ticket.
    Markdown,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

/// `--format` of the commands that report findings: `check`, `trust`,
/// `links`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum FindingsFormat {
    /// For people.
    #[default]
    Text,
    /// For programs (README, "JSON shapes").
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

/// Text or JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// For people.
    Text,
    /// For programs (README, "JSON shapes").
    Json,
}

/// `--color auto|always|never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colour when the stream is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream that is (or is not) a terminal, given
    /// `NO_COLOR` (https://no-color.org: set and not empty disables colour).
    pub(crate) fn enabled(self, is_terminal: bool, no_color: Option<&str>) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && no_color.is_none_or(str::is_empty),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_choice_table() {
        use ColorChoice::*;
        let cases = [
            (Auto, true, None, true),
            (Auto, false, None, false),
            (Auto, true, Some("1"), false),
            (Auto, true, Some(""), true),
            (Always, false, Some("1"), true),
            (Never, true, None, false),
        ];
        for (choice, tty, no_color, expected) in cases {
            assert_eq!(
                choice.enabled(tty, no_color),
                expected,
                "{choice:?} {tty} {no_color:?}"
            );
        }
    }

    #[test]
    fn the_command_line_is_well_formed() {
        <Cli as clap::CommandFactory>::command().debug_assert();
    }
}
