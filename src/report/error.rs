//! Errors: everything that can stop a command, as data.
//!
//! An input file's problems are [`Diagnostic`]s: where (a byte span), and
//! a typed problem that explains itself ([`Explain`]: message, label, rule,
//! fix). One file can hold many; [`Error::Input`] carries them all, so an
//! admin fixing a long list sees every refused name in one run. The exit
//! code comes from the error, in one place: [`Error::exit_code`].

use super::Finding;
use super::usage::Usage;
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

    /// The file, line and column of a byte offset.
    pub fn location(&self, offset: usize) -> super::Location {
        let (line, column) = self.line_col(offset);
        super::Location {
            file: self.name.clone(),
            line,
            column,
        }
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
    /// The CA's responses given to `bundle` have error findings: exit 2,
    /// nothing written.
    #[error(
        "the response(s) have {} error finding(s); fix them before bundling",
        super::count(.findings, super::Severity::Error)
    )]
    ResponseFindings {
        /// Every finding of the responses.
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
            | Error::Findings { .. }
            | Error::ResponseFindings { .. } => 2,
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
        assert_eq!(s.location(12).to_string(), "d.toml:2:6");
        // Past the end and inside a character are clamped, never a panic.
        assert_eq!(s.line_col(1000), (3, 1));
        assert_eq!(s.line_col(8), (2, 2));
    }
}
