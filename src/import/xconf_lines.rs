//! The `*c xConfiguration <path>: <value>` lines of one file, as the
//! Expressway CLI prints them (source T), and what can be wrong with them.
//! Other lines (the command echo, `OK`, status lines) are passed over, and
//! so are settings the import does not read.

use crate::cisco::Role;
use crate::cisco::xconfiguration::{Reads, XconfField, flag};
use crate::report::{Collector, Explain, Source, Span};

/// A problem and where.
type Located = (Option<Span>, XconfProblem);

/// One setting the import reads.
#[derive(Debug, Clone)]
pub(crate) struct Setting {
    /// Which.
    pub field: &'static XconfField,
    /// The indexes in its path (`Zone 6`, `Peer 1`).
    pub indexes: Vec<u32>,
    /// The value, without its quotes.
    pub value: String,
    /// Where the value is (the path when the value is empty).
    pub span: Span,
}

const PREFIX: &str = "*c ";
const COMMAND: &str = "xConfiguration";

/// Reads every setting of the file; every malformed line is a problem.
pub(crate) fn read(source: &Source, problems: &mut Collector) -> Vec<Setting> {
    let mut settings = Vec::new();
    let mut seen = 0usize;
    let mut offset = 0usize;
    for raw in source.text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let Some(rest) = setting_text(line) else {
            continue;
        };
        seen += 1;
        let rest_at = start + (line.len() - rest.len());
        debug_assert_eq!(&source.text[rest_at..rest_at + rest.len()], rest);
        match setting(rest, rest_at) {
            Ok(Some(s)) => settings.push(s),
            Ok(None) => {}
            Err(d) => problems.push(d.0, d.1),
        }
    }
    if seen == 0 {
        problems.push(None, XconfProblem::NoSettings);
    }
    settings
}

/// The text after `*c xConfiguration `, on a setting line.
fn setting_text(line: &str) -> Option<&str> {
    // A byte order mark, as a Windows editor saves it, opens the first line.
    let line = line.trim_start_matches('\u{feff}');
    let rest = line.trim_start().strip_prefix(PREFIX)?.trim_start();
    let head = rest.get(..COMMAND.len())?;
    if !head.eq_ignore_ascii_case(COMMAND) {
        return None;
    }
    let after = &rest[COMMAND.len()..];
    after
        .starts_with(char::is_whitespace)
        .then(|| after.trim_start())
}

/// One setting, `None` when the import does not read it.
fn setting(rest: &str, at: usize) -> Result<Option<Setting>, Box<Located>> {
    let colon = rest
        .find(": ")
        .or_else(|| rest.ends_with(':').then(|| rest.len() - 1))
        .ok_or_else(|| {
            Box::new((
                Some(at..at + rest.len()),
                XconfProblem::NoSeparator {
                    line: rest.to_owned(),
                },
            ))
        })?;
    let words: Vec<&str> = rest[..colon].split_whitespace().collect();
    let Some((field, indexes)) = XconfField::find(&words) else {
        return Ok(None);
    };
    let value_text = &rest[colon + 1..];
    let value_at = at + colon + 1 + (value_text.len() - value_text.trim_start().len());
    let (value, span) = value(value_text.trim(), value_at)?;
    let span = if value.is_empty() {
        at..at + colon
    } else {
        span
    };
    let setting = Setting {
        field,
        indexes,
        value,
        span,
    };
    check_flag(&setting)?;
    Ok(Some(setting))
}

/// A value: `"text"`, or bare text (an empty value is bare). The last
/// quote closes, so a zone name may hold one.
fn value(text: &str, at: usize) -> Result<(String, Span), Box<Located>> {
    // Lines joined, as a web page prints them: a second setting follows.
    if let Some(joined) = text.find(" *c ") {
        let rest = text[joined..].trim_start();
        let rest_at = at + text.len() - rest.len();
        return Err(Box::new((
            Some(rest_at..rest_at + rest.len()),
            XconfProblem::TextAfterValue {
                text: rest.to_owned(),
            },
        )));
    }
    let Some(inner) = text.strip_prefix('"') else {
        return Ok((text.to_owned(), at..at + text.len()));
    };
    let Some(close) = inner.rfind('"') else {
        return Err(Box::new((
            Some(at..at + text.len()),
            XconfProblem::UnclosedQuote {
                value: text.to_owned(),
            },
        )));
    };
    let after = inner[close + 1..].trim();
    if !after.is_empty() {
        let after_at =
            at + 1 + close + 1 + (inner[close + 1..].len() - inner[close + 1..].trim_start().len());
        return Err(Box::new((
            Some(after_at..after_at + after.len()),
            XconfProblem::TextAfterValue {
                text: after.to_owned(),
            },
        )));
    }
    let value = &inner[..close];
    Ok((value.to_owned(), at + 1..at + 1 + value.len()))
}

/// The settings that are On/Off flags must be one.
fn check_flag(setting: &Setting) -> Result<(), Box<Located>> {
    let is_flag = matches!(
        setting.field.reads,
        Reads::DomainUse(_) | Reads::UnifiedCommunications | Reads::TlsVerifyMode
    );
    if !is_flag || setting.value.is_empty() || flag(&setting.value).is_some() {
        return Ok(());
    }
    Err(Box::new((
        Some(setting.span.clone()),
        XconfProblem::NotAFlag {
            path: setting.field.path,
            value: setting.value.clone(),
        },
    )))
}

/// What can be wrong with an `xConfiguration` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum XconfProblem {
    /// No `*c xConfiguration` line at all.
    NoSettings,
    /// A setting line without `: `.
    NoSeparator {
        /// The line after `*c xConfiguration`.
        line: String,
    },
    /// `"` with no closing `"`.
    UnclosedQuote {
        /// The value.
        value: String,
    },
    /// Text after the closing quote (lines joined, as web pages print them).
    TextAfterValue {
        /// The text.
        text: String,
    },
    /// A flag that is neither On nor Off.
    NotAFlag {
        /// The setting, `#` for indexes.
        path: &'static str,
        /// The value.
        value: String,
    },
    /// No traversal zone tells the box's role.
    NoRole,
    /// Unified Communications traversal zones of both kinds.
    BothRoles,
    /// No FQDN names the box.
    NoName,
    /// A second cluster of a role.
    SecondCluster {
        /// The role.
        role: Role,
        /// The first cluster name, and the file it came from.
        first: String,
        /// That file.
        first_file: String,
        /// This file's cluster name.
        second: String,
    },
}

const LINE_RULE: &str = "each setting is one line, `*c xConfiguration <setting>: <value>`, the \
                         value in double quotes, as the Expressway CLI prints them (Cisco TAC \
                         212475)";
const WHOLE_OUTPUT: &str = "on the Expressway CLI (SSH, as admin) run `xConfiguration` and save \
                            the whole output, one file per box";

impl Explain for XconfProblem {
    fn message(&self) -> String {
        use XconfProblem::*;
        match self {
            NoSettings => "no `*c xConfiguration` line".into(),
            NoSeparator { line } => format!("no `: ` between setting and value in \"{line}\""),
            UnclosedQuote { value } => format!("value {value} has no closing quote"),
            TextAfterValue { text } => format!("\"{text}\" after the value's closing quote"),
            NotAFlag { path, value } => format!("{path} is \"{value}\", not On or Off"),
            NoRole => "cannot tell whether this is an Expressway-C or an Expressway-E".into(),
            BothRoles => {
                "Unified Communications traversal zones of both kinds, client and server".into()
            }
            NoName => "no FQDN names this Expressway".into(),
            SecondCluster { role, second, .. } => {
                format!("a second {} cluster, {second}", role.title())
            }
        }
    }

    fn label(&self) -> String {
        use XconfProblem::*;
        match self {
            NoSeparator { .. } => "no `: ` here".into(),
            UnclosedQuote { .. } => "opened, never closed".into(),
            TextAfterValue { .. } => "after the value".into(),
            NotAFlag { .. } => "On or Off".into(),
            SecondCluster {
                first, first_file, ..
            } => format!("{first_file} is in {first}"),
            NoSettings | NoRole | BothRoles | NoName => String::new(),
        }
    }

    fn rule(&self) -> String {
        use XconfProblem::*;
        match self {
            NoSettings | NoSeparator { .. } | UnclosedQuote { .. } | TextAfterValue { .. } => {
                LINE_RULE.into()
            }
            NotAFlag { .. } => "a domain's services and a zone's switches are On or Off".into(),
            NoRole | BothRoles => "an Expressway-C has the traversal client zone, an \
                                   Expressway-E the traversal server zone (Configuration > \
                                   Zones > Zones)"
                .into(),
            NoName => "the box is named by System > DNS (host name and domain) or System > \
                       Clustering (peer addresses)"
                .into(),
            SecondCluster { .. } => "a deployment file describes one Expressway-C cluster and \
                                     one Expressway-E cluster"
                .into(),
        }
    }

    fn fix(&self) -> String {
        use XconfProblem::*;
        match self {
            NoSettings | NoSeparator { .. } | UnclosedQuote { .. } => WHOLE_OUTPUT.into(),
            TextAfterValue { .. } => {
                format!("put each `*c xConfiguration` setting on its own line; {WHOLE_OUTPUT}")
            }
            NotAFlag { .. } => "save the output again, unedited".into(),
            NoRole | BothRoles => "import the output of a box whose Unified Communications \
                                   traversal zone is configured"
                .into(),
            NoName => format!("set the system host name and domain name, or {WHOLE_OUTPUT}"),
            SecondCluster { .. } => "import each cluster's files in its own run".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(text: &str) -> Vec<(String, Vec<u32>, String)> {
        let source = Source::new("x.txt", text);
        let mut problems = Collector::default();
        let settings = read(&source, &mut problems);
        assert_eq!(problems.len(), 0, "{text}");
        settings
            .into_iter()
            .map(|s| (s.field.path.to_owned(), s.indexes, s.value))
            .collect()
    }

    #[test]
    fn quotes_inside_a_value_are_kept() {
        let got = settings("*c xConfiguration Zones Zone 2 Name: \"The \"B2B\" zone\"\n");
        assert_eq!(got[0].2, "The \"B2B\" zone");
    }

    #[test]
    fn lines_give_settings_and_pass_over_the_rest() {
        let text = "\u{feff}*c xConfiguration Zones Zone 6 Name: \"Edge\"\r\n\
                    *c xConfiguration Zones Zone 6 TraversalClient Peer 2 Address: \n\
                    *c xConfiguration SIP Mode: \"On\"\n  *c xconfiguration Alternates Peer 1 Address: \"10.0.0.1\"\nOK\n";
        let got = settings(text);
        assert_eq!(
            got,
            vec![
                ("Zones Zone # Name".into(), vec![6], "Edge".into()),
                (
                    "Zones Zone # TraversalClient Peer # Address".into(),
                    vec![6, 2],
                    String::new()
                ),
                (
                    "Alternates Peer # Address".into(),
                    vec![1],
                    "10.0.0.1".into()
                ),
            ]
        );
    }

    #[test]
    fn malformed_lines_are_each_a_problem_at_their_place() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "*c xConfiguration Zones Zone 6 Name \"Edge\"\n",
                "NoSeparator",
                "Zones",
            ),
            (
                "*c xConfiguration Zones Zone 6 Name: \"Edge\n",
                "UnclosedQuote",
                "\"Edge",
            ),
            (
                "*c xConfiguration Zones Zone 6 Name: \"Edge\" *c xConfiguration Zones Zone 6 Type: \"X\"\n",
                "TextAfterValue",
                "*c",
            ),
            (
                "*c xConfiguration SIP Domain 1 Edgesip: \"Yes\"\n",
                "NotAFlag",
                "Yes",
            ),
            ("OK\n", "NoSettings", ""),
        ];
        for (text, kind, at) in cases {
            let source = Source::new("x.txt", *text);
            let mut collector = Collector::default();
            read(&source, &mut collector);
            let Err(crate::report::Error::Input(errors)) = collector.finish(&source, ()) else {
                panic!("{text}: no problem");
            };
            assert_eq!(errors.diagnostics.len(), 1, "{text}");
            let d = &errors.diagnostics[0];
            assert!(
                format!("{:?}", d.problem).starts_with(kind),
                "{text}: {:?}",
                d.problem
            );
            if let Some(span) = &d.span {
                assert!(text[span.clone()].starts_with(at), "{text}: {span:?}");
            }
        }
    }
}
