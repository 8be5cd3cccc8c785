//! The key to the source letters: the "Sources" section of the rule book,
//! `docs/cisco-rules.md`, compiled in so that `sancsr rules` prints the
//! document's own words and the two cannot drift apart.

/// The rule book.
const RULE_BOOK: &str = include_str!("../../docs/cisco-rules.md");

/// One source: its key (`A`, `TAC 225476`, `F, G, H`) and what it is, on
/// one line, without Markdown emphasis.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Source {
    /// The letters or name the rules cite.
    pub key: String,
    /// Title, release and what is taken from it.
    pub text: String,
}

/// Every source of the rule book, in its order.
pub(crate) fn all() -> Vec<Source> {
    let Some(start) = RULE_BOOK.find("\n## Sources") else {
        return Vec::new();
    };
    let section = &RULE_BOOK[start + 1..];
    let section = section[3..]
        .find("\n## ")
        .map_or(section, |end| &section[..end + 3]);
    let mut out: Vec<Source> = Vec::new();
    for line in section.lines() {
        if let Some(entry) = line.strip_prefix("- **")
            && let Some((key, rest)) = entry.split_once("**:")
        {
            out.push(Source {
                key: key.to_owned(),
                text: rest.trim().replace('*', ""),
            });
        } else if let Some(last) = out.last_mut()
            && line.starts_with("  ")
        {
            last.text.push(' ');
            last.text.push_str(&line.trim().replace('*', ""));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sources_are_read_one_line_each() {
        let sources = all();
        let find = |key: &str| sources.iter().find(|s| s.key == key).expect(key);
        assert!(
            find("A")
                .text
                .starts_with("Cisco, Expressway Certificate Creation")
        );
        assert!(find("TAC 225476").text.contains("CSCvz45074"));
        assert!(sources.len() > 30, "{}", sources.len());
        assert!(
            sources
                .iter()
                .all(|s| !s.text.contains('\n') && !s.text.is_empty())
        );
    }
}
