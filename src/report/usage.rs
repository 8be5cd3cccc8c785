//! Arguments that do not fit the input, as data: the command line words
//! the flags (`cli/errors.rs`).

use std::fmt;
use std::path::PathBuf;

/// Arguments that do not fit the input. The data is kept; the command line
/// layer words the flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Usage {
    /// A peer that is not in the deployment.
    UnknownPeer {
        /// As given.
        peer: String,
        /// The deployment's peers.
        peers: Vec<String>,
    },
    /// A peer asked for with the other role.
    PeerOfOtherRole {
        /// The peer.
        peer: String,
        /// The role asked for (`c`, `e`).
        role: &'static str,
        /// The role it has (`Expressway-E`).
        belongs: &'static str,
    },
    /// A cluster FQDN given where a peer FQDN is wanted.
    PeerIsCluster {
        /// The name given.
        name: String,
        /// The cluster's role (`c`, `e`).
        role: &'static str,
    },
    /// A role whose table the deployment does not have.
    RoleAbsent {
        /// The role's short key (`c`, `e`).
        role: &'static str,
        /// Its table (`expressway_c`).
        table: &'static str,
    },
    /// Another run is writing to the output directory.
    DirectoryBusy {
        /// The directory.
        dir: PathBuf,
    },
    /// An output directory that is a file.
    OutDirIsFile {
        /// The path.
        path: PathBuf,
    },
    /// Output targets that already exist.
    TargetsExist {
        /// The paths.
        paths: Vec<PathBuf>,
    },
    /// An output target that is a directory.
    TargetIsDirectory {
        /// The path.
        path: PathBuf,
    },
    /// A private key that cannot be used.
    UnusableKey {
        /// The key file.
        file: String,
        /// Why.
        why: String,
    },
    /// One key given for several certificates.
    KeyForSeveral {
        /// How many certificates are selected.
        count: usize,
    },
    /// A subcommand name that does not exist.
    UnknownCommand {
        /// As given.
        name: String,
        /// The subcommands.
        commands: Vec<String>,
    },
    /// Standard input named for more than one file.
    StdinTwice,
    /// A credentials file that cannot be read as one (the text around the
    /// error is never shown: it may be a password).
    BadCredentials {
        /// The file.
        file: String,
        /// Where and why.
        why: String,
    },
    /// A credentials file others can read.
    ExposedCredentials {
        /// The file.
        file: String,
        /// Its mode.
        mode: u32,
    },
    /// No account for a kind of box the run must read.
    NoCredentials {
        /// The kind of box.
        what: &'static str,
        /// The environment variables that give it.
        variables: &'static str,
    },
    /// A `report --probe` file that is not a saved `probe --format json`.
    BadProbeFile {
        /// The file.
        file: String,
        /// Why.
        why: String,
    },
    /// A time that cannot be read.
    BadTime {
        /// As given.
        value: String,
        /// Why.
        why: String,
    },
    /// A node name refused by the name rule.
    BadNode {
        /// As given.
        node: String,
        /// Why.
        why: String,
        /// The fix.
        fix: String,
    },
    /// Inputs that hold no certificate.
    NoCertificate {
        /// The inputs.
        inputs: Vec<String>,
    },
    /// `--pkcs12` without a password source.
    NoPassword,
    /// A password source that gives no password.
    EmptyPassword {
        /// Where it was read.
        source: String,
    },
    /// The password's environment variable is not set.
    PasswordVariableNotSet {
        /// Its name.
        var: String,
    },
    /// `--template` with another target than certreq.
    TemplateWithoutCertreq,
    /// A template name an INF cannot carry as it is.
    BadTemplate {
        /// The name, as given.
        value: String,
        /// The character refused.
        refused: char,
    },
    /// SARIF asked of the renewal list, which holds no findings.
    SarifRenewal,
    /// `links` on a folder that does not exist.
    NoLinksFolder {
        /// The folder.
        dir: String,
    },
    /// A file over the input size limit.
    TooLarge {
        /// The file.
        file: String,
        /// The limit.
        limit_mib: u64,
    },
    /// A text file that is not UTF-8.
    NotUtf8 {
        /// The file.
        file: String,
        /// The first bad byte.
        offset: usize,
    },
}

/// The messages that carry no data.
const STDIN_TWICE: &str =
    "standard input can be read once: give - for one file only, and name the others";
const NO_PASSWORD: &str =
    "a PKCS#12 needs a password, and sancsr never takes one on the command line";
const TEMPLATE_WITHOUT_CERTREQ: &str =
    "a certificate template is an AD CS request attribute: only a certreq INF carries it";

impl fmt::Display for Usage {
    /// The library's own wording; the command line adds its flags.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Usage::UnknownPeer { peer, peers } => write!(
                f,
                "{peer}: no such peer in the deployment; its peers are {}",
                super::list(peers)
            ),
            Usage::PeerOfOtherRole { peer, belongs, .. } => {
                write!(f, "{peer} is a peer of the {belongs}")
            }
            Usage::PeerIsCluster { name, .. } => {
                write!(f, "{name} is a cluster name, not a peer")
            }
            Usage::RoleAbsent { table, .. } => write!(f, "the deployment has no [{table}] table"),
            Usage::TargetsExist { .. }
            | Usage::DirectoryBusy { .. }
            | Usage::OutDirIsFile { .. }
            | Usage::TargetIsDirectory { .. }
            | Usage::TooLarge { .. }
            | Usage::NotUtf8 { .. } => self.fmt_files(f),
            Usage::UnusableKey { file: what, why } | Usage::BadTime { value: what, why } => {
                write!(f, "{what}: {why}")
            }
            Usage::BadCredentials { file, why } => write!(f, "{file}: {why}"),
            Usage::ExposedCredentials { file, mode } => write!(
                f,
                "{file} is readable by its group or others (mode {mode:03o}): a credentials file must be 0600"
            ),
            Usage::NoCredentials { what, variables } => {
                write!(f, "no credentials for the {what}: set {variables}")
            }
            Usage::BadProbeFile { file, why } => {
                write!(f, "{file}: not a saved probe run: {why}")
            }
            Usage::KeyForSeveral { count } => {
                write!(f, "one key for one certificate, but {count} are selected")
            }
            Usage::UnknownCommand { name, commands } => write!(
                f,
                "no command {name}; the commands are {}",
                commands.join(", ")
            ),
            Usage::StdinTwice => f.write_str(STDIN_TWICE),
            Usage::BadNode { node, why, fix } => write!(f, "{node}: {why}: {fix}"),
            Usage::NoPassword => f.write_str(NO_PASSWORD),
            Usage::EmptyPassword { source } => write!(f, "{source} gives an empty password"),
            Usage::PasswordVariableNotSet { var } => {
                write!(f, "the environment variable {var} is not set")
            }
            Usage::TemplateWithoutCertreq => f.write_str(TEMPLATE_WITHOUT_CERTREQ),
            Usage::BadTemplate { value, refused } => write!(
                f,
                "the template name \"{}\" holds {}, which would change the INF around it",
                super::escape::escape(value),
                super::escape::escape(&refused.to_string())
            ),
            Usage::NoLinksFolder { dir } => write!(f, "{dir} is not a folder"),
            Usage::SarifRenewal => {
                f.write_str("the renewal list has no findings to write as SARIF")
            }
            Usage::NoCertificate { inputs } => {
                write!(f, "no certificate found in {}", inputs.join(", "))
            }
        }
    }
}

impl Usage {
    /// The errors about files read or written.
    fn fmt_files(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Usage::TargetsExist { paths } => write!(f, "{} already exist(s)", join_paths(paths)),
            Usage::DirectoryBusy { dir } => write!(
                f,
                "another sancsr run is writing to {}; nothing was written",
                dir.display()
            ),
            Usage::OutDirIsFile { path } => {
                write!(f, "{} is a file, not a directory", path.display())
            }
            Usage::TargetIsDirectory { path } => write!(
                f,
                "{} is a directory; it cannot be replaced by a file: move it away",
                path.display()
            ),
            Usage::TooLarge { file, limit_mib } => write!(
                f,
                "{file} is larger than {limit_mib} MiB, far larger than any real input: \
                 refusing to read it"
            ),
            Usage::NotUtf8 { file, offset } => write!(
                f,
                "{file} is not UTF-8 text (invalid byte at offset {offset}): deployment files \
                 (TOML) and saved xConfiguration output are read as UTF-8; save it as UTF-8"
            ),
            // Only the file errors are sent here.
            _ => Ok(()),
        }
    }
}

/// Paths joined for a message.
pub(crate) fn join_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
