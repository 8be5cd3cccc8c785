//! "Did you mean": the choice closest to a mistyped value.

/// The choice closest to `typed`, when one is close enough.
pub(crate) fn closest<'a>(typed: &str, choices: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let typed = typed.to_ascii_lowercase().replace('_', "-");
    choices
        .map(|c| (strsim::levenshtein(&typed, &c.replace('_', "-")), c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestion_table() {
        let choices = ["mobile-remote-access", "jabber-guest", "xmpp-federation"];
        for (typed, expected) in [
            ("mobile_remote_access", Some("mobile-remote-access")),
            ("jaber-guest", Some("jabber-guest")),
            ("XMPP-Federation", Some("xmpp-federation")),
            ("something-else", None),
        ] {
            assert_eq!(closest(typed, choices.into_iter()), expected, "{typed}");
        }
    }
}
