//! Colour for terminal output, only where it helps: headings, severities.
//!
//! Whether to colour is decided once per stream (`--color`, `NO_COLOR`,
//! whether the stream is a terminal); renderers receive the decision.

use crate::report::Severity;
use anstyle::{AnsiColor, Style};

/// Paints text when enabled, passes it through otherwise.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Paint {
    /// Whether to emit ANSI colour codes.
    pub enabled: bool,
}

impl Paint {
    /// No colour.
    pub const PLAIN: Paint = Paint { enabled: false };

    fn apply(self, style: Style, text: &str) -> String {
        if self.enabled {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }

    /// Bold, for headings.
    pub fn heading(self, text: &str) -> String {
        self.apply(Style::new().bold(), text)
    }

    /// Dimmed, for secondary detail.
    pub fn dim(self, text: &str) -> String {
        self.apply(Style::new().dimmed(), text)
    }

    /// Red, yellow or blue by severity.
    pub fn severity(self, severity: Severity, text: &str) -> String {
        let color = match severity {
            Severity::Error => AnsiColor::Red,
            Severity::Warning => AnsiColor::Yellow,
            Severity::Info => AnsiColor::Blue,
        };
        self.apply(Style::new().fg_color(Some(color.into())).bold(), text)
    }

    /// Green, for a good verdict.
    pub fn good(self, text: &str) -> String {
        self.apply(
            Style::new().fg_color(Some(AnsiColor::Green.into())).bold(),
            text,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paint_adds_nothing() {
        assert_eq!(Paint::PLAIN.heading("x"), "x");
        let on = Paint { enabled: true };
        assert!(on.severity(Severity::Error, "error").contains("\u{1b}["));
    }
}
