//! What a certificate or a file says is shown, never executed: every value
//! that came from outside (a certificate's subject, issuer and SANs, a file
//! name, a typed name) passes through [`escape`] before it reaches a
//! terminal. JSON output needs none of this: serde_json escapes control
//! characters itself.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether a character could move the cursor, change the terminal, forge a
/// line or hide text: C0 and C1 controls, DEL, and the Unicode bidirectional
/// overrides and isolates.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every unsafe character written as an escape: `\n`, `\r`, `\t`,
/// `\0`, `\x1b`, `\u{202e}`.
pub(crate) fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if is_unsafe(c) && (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_table() {
        let cases = [
            ("expe.example.com", "expe.example.com"),
            ("a\u{1b}]0;owned\u{7}b", "a\\x1b]0;owned\\x07b"),
            ("line\nerror[forged]", "line\\nerror[forged]"),
            ("nul\0hidden", "nul\\0hidden"),
            ("tab\there", "tab\\there"),
            ("\u{9b}csi", "\\x9bcsi"),
            ("abc\u{202e}fed", "abc\\u{202e}fed"),
            ("Zürich — ok", "Zürich — ok"),
        ];
        for (raw, shown) in cases {
            assert_eq!(escape(raw), shown, "{raw:?}");
        }
    }
}
