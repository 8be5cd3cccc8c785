//! Errors: everything that can stop a command, as data.
//!
//! An input file's problems are [`Diagnostic`]s: where (a byte span), and
//! a typed problem that explains itself ([`Explain`]: message, label, rule,
//! fix). One file can hold many; [`Error::Input`] carries them all, so an
//! admin fixing a long list sees every refused name in one run. The exit
//! code comes from the error, in one place: [`Error::exit_code`].

use super::Finding;
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// A byte range into a [`Source`].
pub(crate) type Span = Range<usize>;

/// An input file's name (as the user gave it) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Source {
    /// The path as given on the command line, or `<stdin>`.
    pub name: String,
    /// The whole text.
    pub text: String,
}

impl Source {
    /// Wraps a name and text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Arc<Source> {
        Arc::new(Source {
            name: name.into(),
            text: text.into(),
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }

    /// `name:line:column` of a byte offset.
    pub fn location(&self, offset: usize) -> String {
        let (line, col) = self.line_col(offset);
        format!("{}:{line}:{col}", self.name)
    }
}

/// The largest char boundary at or before `i`.
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A problem that explains itself: what is wrong, a short label under the
/// offending value, the rule it breaks and the fix.
pub(crate) trait Explain: fmt::Debug + Send + Sync {
    /// One line (`invalid name "DX80Tlsprofile"`).
    fn message(&self) -> String;
    /// A few words under the value.
    fn label(&self) -> String;
    /// The rule broken.
    fn rule(&self) -> String;
    /// How to fix it.
    fn fix(&self) -> String;
}

/// One problem in an input file, and where it is.
#[derive(Debug, Clone)]
pub(crate) struct Diagnostic {
    /// Where, when known.
    pub span: Option<Span>,
    /// What is wrong.
    pub problem: Arc<dyn Explain>,
}

impl Diagnostic {
    /// A diagnostic at `span`.
    pub fn new(span: Option<Span>, problem: impl Explain + 'static) -> Self {
        Diagnostic {
            span,
            problem: Arc::new(problem),
        }
    }
}

/// Problems found in one input file.
#[derive(Debug, Clone)]
pub struct InputErrors {
    /// The file.
    pub(crate) source: Arc<Source>,
    /// The problems, in file order.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Further problems, counted but not kept.
    pub(crate) hidden: usize,
}

impl InputErrors {
    /// The first problem's message.
    fn first_message(&self) -> String {
        self.diagnostics
            .first()
            .map_or_else(|| "invalid input".to_owned(), |d| d.problem.message())
    }
}

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

impl fmt::Display for Usage {
    /// The library's own wording; the command line adds its flags.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Usage::UnknownPeer { peer, peers } => write!(
                f,
                "{peer}: no such peer in the deployment; its peers are {}",
                peers.join(", ")
            ),
            Usage::PeerOfOtherRole { peer, belongs, .. } => {
                write!(f, "{peer} is a peer of the {belongs}")
            }
            Usage::PeerIsCluster { name, .. } => {
                write!(f, "{name} is a cluster name, not a peer")
            }
            Usage::RoleAbsent { table, .. } => write!(f, "the deployment has no [{table}] table"),
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
            Usage::UnusableKey { file, why } => write!(f, "{file}: {why}"),
            Usage::KeyForSeveral { count } => {
                write!(f, "one key for one certificate, but {count} are selected")
            }
            Usage::BadTime { value, why } => write!(f, "{value}: {why}"),
            Usage::UnknownCommand { name, commands } => write!(
                f,
                "no command {name}; the commands are {}",
                commands.join(", ")
            ),
            Usage::StdinTwice => write!(
                f,
                "standard input can be read once: give - for one file only, and name the others"
            ),
            Usage::BadNode { node, why, fix } => write!(f, "{node}: {why}: {fix}"),
            Usage::NoCertificate { inputs } => {
                write!(f, "no certificate found in {}", inputs.join(", "))
            }
            Usage::TooLarge { file, limit_mib } => write!(
                f,
                "{file} is larger than {limit_mib} MiB, far larger than any real input: \
                 refusing to read it"
            ),
            Usage::NotUtf8 { file, offset } => write!(
                f,
                "{file} is not UTF-8 text (invalid byte at offset {offset}): a deployment file \
                 is TOML, which is UTF-8"
            ),
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

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input file content: exit 2, nothing written.
    #[error("{}", summary(.0))]
    Input(InputErrors),
    /// A file could not be read: exit 2.
    #[error("cannot read {}: {source}", .path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A certificate or CSR file that cannot be read as one: exit 2.
    #[error("{file}: {why}")]
    Unreadable {
        /// The file.
        file: String,
        /// What is wrong with it.
        why: String,
    },
    /// Arguments that do not fit the input: exit 2.
    #[error("{0}")]
    Usage(Usage),
    /// The deployment is valid but would fail (cross-certificate errors):
    /// exit 2, nothing written.
    #[error(
        "the deployment has {} error finding(s); fix them before generating certificates",
        super::count(.findings, super::Severity::Error)
    )]
    Findings {
        /// Every finding of the plan (errors and the rest).
        findings: Vec<Finding>,
    },
    /// Writing output failed: exit 1.
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A signal stopped the write phase; the run undid what it had done.
    #[error(
        "interrupted by signal {signal}: the run removed its temporary files and put back the \
         files it had replaced; nothing is half-written"
    )]
    Interrupted {
        /// The signal number.
        signal: i32,
    },
    /// A crypto library failure: exit 1.
    #[error("{0}")]
    Crypto(String),
}

fn summary(errors: &InputErrors) -> String {
    let n = errors.diagnostics.len() + errors.hidden;
    let first = errors.first_message();
    if n == 1 {
        format!("{}: {first}", errors.source.name)
    } else {
        format!("{}: {n} errors, the first: {first}", errors.source.name)
    }
}

impl Error {
    /// The process exit code: 2 for bad usage or input, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_)
            | Error::Read { .. }
            | Error::Unreadable { .. }
            | Error::Usage(_)
            | Error::Findings { .. } => 2,
            Error::Write { .. } | Error::Crypto(_) => 1,
            // As a shell reports a process a signal ended.
            Error::Interrupted { signal } => u8::try_from(128 + signal).unwrap_or(1),
        }
    }
}

impl From<Usage> for Error {
    fn from(usage: Usage) -> Self {
        Error::Usage(usage)
    }
}

/// Problems shown from one file; past this they are counted, not drawn (a
/// file with a million bad names must not print a million snippets).
pub(crate) const MAX_SHOWN: usize = 100;

/// Collects diagnostics while validating one file.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    diagnostics: Vec<Diagnostic>,
    hidden: usize,
}

impl Collector {
    /// Records a problem at `span`. The same problem at the same place is
    /// recorded once (a top-level `[key]` merged into both Expressway tables
    /// is one mistake).
    pub fn push(&mut self, span: Option<Span>, problem: impl Explain + 'static) {
        let message = problem.message();
        if self
            .diagnostics
            .iter()
            .any(|d| d.span == span && d.problem.message() == message)
        {
            return;
        }
        if self.diagnostics.len() < MAX_SHOWN {
            self.diagnostics.push(Diagnostic::new(span, problem));
        } else {
            self.hidden += 1;
        }
    }

    /// How many problems were recorded.
    pub fn len(&self) -> usize {
        self.diagnostics.len() + self.hidden
    }

    /// `Ok(value)` when nothing was recorded, else every problem in file order.
    pub fn finish<T>(mut self, source: &Arc<Source>, value: T) -> Result<T, Error> {
        if self.diagnostics.is_empty() {
            return Ok(value);
        }
        self.diagnostics
            .sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
        Err(Error::Input(InputErrors {
            source: Arc::clone(source),
            diagnostics: self.diagnostics,
            hidden: self.hidden,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let s = Source::new("d.toml", "a = 1\nbé = \"x\"\n");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(6), (2, 1));
        // "bé = " is 6 bytes, 5 characters: the quote is column 6.
        assert_eq!(s.line_col(12), (2, 6));
        assert_eq!(s.location(12), "d.toml:2:6");
        // Past the end and inside a character are clamped, never a panic.
        assert_eq!(s.line_col(1000), (3, 1));
        assert_eq!(s.line_col(8), (2, 2));
    }
}
