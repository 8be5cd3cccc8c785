//! Errors, and drawing them with a source snippet.
//!
//! Every input problem is a [`Diagnostic`]: where it is (a byte span into the
//! deployment file), what is wrong, the rule it breaks and the fix. One file
//! can hold many; [`Error::Input`] carries them all so an admin fixing a long
//! list sees every refused name in one run. The exit code comes from the
//! error, in one place: [`Error::exit_code`].

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// A byte range into a [`Source`].
pub type Span = Range<usize>;

/// An input file's name (as the user gave it) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
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

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where, when known.
    pub span: Option<Span>,
    /// What is wrong, one line (e.g. `invalid name "DX80Tlsprofile"`).
    pub message: String,
    /// A short label under the offending value.
    pub label: String,
    /// The rule broken.
    pub rule: Option<String>,
    /// How to fix it.
    pub fix: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at `span` with a message and label.
    pub fn new(span: Option<Span>, message: impl Into<String>, label: impl Into<String>) -> Self {
        Diagnostic {
            span,
            message: message.into(),
            label: label.into(),
            rule: None,
            fix: None,
        }
    }

    /// Adds the rule broken.
    pub fn rule(mut self, rule: impl Into<String>) -> Self {
        self.rule = Some(rule.into());
        self
    }

    /// Adds the fix.
    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }
}

/// Problems found in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputErrors {
    /// The file.
    pub source: Arc<Source>,
    /// The problems, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Further problems, counted but not kept.
    pub hidden: usize,
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
    /// Arguments that do not fit the deployment (e.g. `--peer` not in it): exit 2.
    #[error("{message}")]
    Usage {
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The deployment is valid but would fail (cross-certificate errors):
    /// exit 2, nothing written.
    #[error(
        "the deployment has {} error finding(s); fix them before generating certificates",
        crate::findings::count_errors(.findings)
    )]
    Findings {
        /// Every finding of the plan (errors and the rest).
        findings: Vec<crate::findings::Finding>,
    },
    /// Writing output failed: exit 1.
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Anything else (a crypto library failure): exit 1.
    #[error("{0}")]
    Other(String),
}

fn summary(errors: &InputErrors) -> String {
    let n = errors.diagnostics.len() + errors.hidden;
    let first = errors
        .diagnostics
        .first()
        .map(|d| d.message.as_str())
        .unwrap_or("invalid input");
    if n == 1 {
        format!("{}: {first}", errors.source.name)
    } else {
        format!("{}: {n} errors, the first: {first}", errors.source.name)
    }
}

impl Error {
    /// The process exit code for this error (SPEC §3: 2 for bad usage or
    /// input, 1 otherwise).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_)
            | Error::Read { .. }
            | Error::Unreadable { .. }
            | Error::Usage { .. }
            | Error::Findings { .. } => 2,
            Error::Write { .. } | Error::Other(_) => 1,
        }
    }

    /// A usage error.
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
        }
    }

    /// Draws the error for a terminal: a snippet with a label at each
    /// offending value, then the rule and the fix.
    pub fn render(&self, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        match self {
            Error::Input(errors) => {
                let mut out = String::new();
                for d in &errors.diagnostics {
                    out.push_str(&render_diagnostic(&renderer, &errors.source, d));
                    out.push('\n');
                }
                let total = errors.diagnostics.len() + errors.hidden;
                if errors.hidden > 0 {
                    out.push_str(&format!(
                        "error: {total} problems in {}, the first {} shown; nothing was written\n",
                        errors.source.name,
                        errors.diagnostics.len()
                    ));
                } else if total > 1 {
                    out.push_str(&format!(
                        "error: {total} problems in {}; nothing was written\n",
                        errors.source.name
                    ));
                }
                out
            }
            Error::Findings { findings } => {
                let title = self.to_string();
                let report = &[Group::with_title(
                    Level::ERROR.primary_title(title.as_str()),
                )];
                format!(
                    "{}{}\nnothing was written\n",
                    crate::render::findings_text(
                        findings,
                        crate::render::style::Paint { enabled: color }
                    ),
                    renderer.render(report)
                )
            }
            other => {
                let title = other.to_string();
                let report = &[Group::with_title(
                    Level::ERROR.primary_title(title.as_str()),
                )];
                format!("{}\n", renderer.render(report))
            }
        }
    }
}

fn render_diagnostic(renderer: &Renderer, source: &Source, d: &Diagnostic) -> String {
    let title = Level::ERROR.primary_title(d.message.as_str());
    let mut groups = Vec::new();
    let head = match &d.span {
        Some(span) => {
            let span = clamp(span.clone(), &source.text);
            title.element(
                Snippet::source(source.text.as_str())
                    .path(source.name.as_str())
                    .fold(true)
                    .annotation(AnnotationKind::Primary.span(span).label(d.label.as_str())),
            )
        }
        None => title.element(annotate_snippets::Origin::path(source.name.as_str())),
    };
    groups.push(head);
    if let Some(rule) = &d.rule {
        groups.push(Group::with_title(
            Level::NOTE.secondary_title(format!("rule: {rule}")),
        ));
    }
    if let Some(fix) = &d.fix {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(format!("fix: {fix}")),
        ));
    }
    renderer.render(&groups)
}

fn clamp(span: Span, text: &str) -> Span {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    start..end
}

/// Collects diagnostics while validating one file.
#[derive(Debug, Default)]
pub struct Collector {
    diagnostics: Vec<Diagnostic>,
    hidden: usize,
}

/// Problems shown from one file; past this they are counted, not drawn (a
/// file with a million bad names must not print a million snippets).
pub const MAX_SHOWN: usize = 100;

impl Collector {
    /// Records a problem.
    pub fn push(&mut self, d: Diagnostic) {
        if self.diagnostics.len() < MAX_SHOWN {
            self.diagnostics.push(d);
        } else {
            self.hidden += 1;
        }
    }

    /// How many problems were recorded.
    pub fn len(&self) -> usize {
        self.diagnostics.len() + self.hidden
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
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

    #[test]
    fn rendered_input_error_shows_position_value_rule_and_fix() {
        let source = Source::new("d.toml", "profiles = [\"DX80\"]\n");
        let err = Error::Input(InputErrors {
            source,
            diagnostics: vec![
                Diagnostic::new(Some(12..18), "invalid name \"DX80\"", "not an FQDN")
                    .rule("must be an FQDN")
                    .fix("rename it"),
            ],
            hidden: 0,
        });
        let text = err.render(false);
        assert!(text.contains("d.toml:1:13"), "{text}");
        assert!(text.contains("invalid name \"DX80\""), "{text}");
        assert!(text.contains("rule: must be an FQDN"), "{text}");
        assert!(text.contains("fix: rename it"), "{text}");
        assert_eq!(err.exit_code(), 2);
    }
}
