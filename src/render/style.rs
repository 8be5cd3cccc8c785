//! Colour for terminal output, only where it helps: headings, severities.
//!
//! Whether to colour is decided once per stream (`--color`, `NO_COLOR`,
//! whether the stream is a terminal); renderers receive the decision.

use crate::findings::Severity;
use anstyle::{AnsiColor, Style};

/// `--color auto|always|never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
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
    pub fn enabled(self, is_terminal: bool, no_color: Option<&str>) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && no_color.is_none_or(str::is_empty),
        }
    }
}

/// Paints text when enabled, passes it through otherwise.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Paint {
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
    fn plain_paint_adds_nothing() {
        assert_eq!(Paint::PLAIN.heading("x"), "x");
        let on = Paint { enabled: true };
        assert!(on.severity(Severity::Error, "error").contains("\u{1b}["));
    }
}
