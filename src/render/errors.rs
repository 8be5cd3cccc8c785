//! Drawing errors for a terminal: a snippet with a label under each
//! offending value, then the rule and the fix (annotate-snippets).

use super::style::Paint;
use crate::report::{Diagnostic, Finding, InputErrors, Source, Span};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

fn renderer(color: bool) -> Renderer {
    if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// Every problem of one input file, then a count when there are several.
pub(crate) fn input(errors: &InputErrors, color: bool) -> String {
    let renderer = renderer(color);
    let mut out = String::new();
    for d in &errors.diagnostics {
        out.push_str(&diagnostic(&renderer, &errors.source, d));
        out.push('\n');
    }
    let total = errors.diagnostics.len() + errors.hidden;
    let name = &errors.source.name;
    if errors.hidden > 0 {
        out.push_str(&format!(
            "error: {total} problems in {name}, the first {} shown; nothing was written\n",
            errors.diagnostics.len()
        ));
    } else if total > 1 {
        out.push_str(&format!(
            "error: {total} problems in {name}; nothing was written\n"
        ));
    }
    out
}

/// One line: `error: <title>`.
pub(crate) fn title(title: &str, color: bool) -> String {
    let title = super::escape(title);
    let report = &[Group::with_title(
        Level::ERROR.primary_title(title.as_ref()),
    )];
    format!("{}\n", renderer(color).render(report))
}

/// A plan's findings, then the error that stopped the command.
pub(crate) fn findings(findings: &[Finding], heading: &str, color: bool) -> String {
    let report = &[Group::with_title(Level::ERROR.primary_title(heading))];
    format!(
        "{}{}\nnothing was written\n",
        super::findings_text(findings, Paint { enabled: color }),
        renderer(color).render(report)
    )
}

fn diagnostic(renderer: &Renderer, source: &Source, d: &Diagnostic) -> String {
    let message = super::escape(&d.problem.message()).into_owned();
    let label = super::escape(&d.problem.label()).into_owned();
    let title = Level::ERROR.primary_title(message.as_str());
    let location = d
        .span
        .as_ref()
        .map(|s| source.location(s.start).to_string())
        .unwrap_or_default();
    let head = match &d.span {
        // A line too long to draw (a 30 MB value) is named, not drawn.
        Some(span) if line_len(&source.text, span.start) > MAX_DRAWN_LINE => {
            title.element(annotate_snippets::Origin::path(location.as_str()))
        }
        Some(span) => title.element(
            Snippet::source(source.text.as_str())
                .path(source.name.as_str())
                .fold(true)
                .annotation(
                    AnnotationKind::Primary
                        .span(clamp(span.clone(), &source.text))
                        .label(label.as_str()),
                ),
        ),
        None => title.element(annotate_snippets::Origin::path(source.name.as_str())),
    };
    let groups = [
        head,
        Group::with_title(
            Level::NOTE.secondary_title(format!("rule: {}", super::escape(&d.problem.rule()))),
        ),
        Group::with_title(
            Level::HELP.secondary_title(format!("fix: {}", super::escape(&d.problem.fix()))),
        ),
    ];
    renderer.render(&groups)
}

/// Longest source line drawn under an error.
const MAX_DRAWN_LINE: usize = 1000;

/// The length of the line holding byte `offset`.
fn line_len(text: &str, offset: usize) -> usize {
    let offset = crate::report::floor_char_boundary(text, offset.min(text.len()));
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    end - start
}

fn clamp(span: Span, text: &str) -> Span {
    use crate::report::floor_char_boundary;
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Error, Explain};

    #[derive(Debug)]
    struct NotFqdn;

    impl Explain for NotFqdn {
        fn message(&self) -> String {
            "invalid name \"DX80\"".into()
        }
        fn label(&self) -> String {
            "not an FQDN".into()
        }
        fn rule(&self) -> String {
            "must be an FQDN".into()
        }
        fn fix(&self) -> String {
            "rename it".into()
        }
    }

    #[test]
    fn rendered_input_error_shows_position_value_rule_and_fix() {
        let errors = InputErrors {
            source: Source::new("d.toml", "profiles = [\"DX80\"]\n"),
            diagnostics: vec![Diagnostic::new(Some(12..18), NotFqdn)],
            hidden: 0,
        };
        let text = input(&errors, false);
        assert!(text.contains("d.toml:1:13"), "{text}");
        assert!(text.contains("invalid name \"DX80\""), "{text}");
        assert!(text.contains("rule: must be an FQDN"), "{text}");
        assert!(text.contains("fix: rename it"), "{text}");
        assert_eq!(Error::Input(errors).exit_code(), 2);
    }
}
