//! The deployment file's TOML shapes, as serde reads them: every value keeps
//! its span, and unknown keys are refused with their position.

use super::problem::{Problem, TomlKind};
use crate::report::{Diagnostic, Error, InputErrors, Source};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use toml::Spanned;

pub(crate) type Text = Spanned<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDeployment {
    pub features: Option<Spanned<Vec<Text>>>,
    #[serde(default)]
    pub connections: Vec<Text>,
    pub expressway_version: Option<Text>,
    pub ca: Option<Text>,
    #[serde(default)]
    pub unified_cm: RawUnifiedCm,
    #[serde(default)]
    pub im_presence: RawImPresence,
    #[serde(default)]
    pub xmpp_federation: RawXmppFederation,
    pub expressway_c: Option<Spanned<RawCluster>>,
    pub expressway_e: Option<Spanned<RawCluster>>,
    pub subject: Option<RawSubject>,
    pub key: Option<RawKey>,
    #[serde(default)]
    pub findings: RawFindings,
}

/// `[findings]`: what the deployment accepts of sancsr's findings.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFindings {
    #[serde(default)]
    pub allow: Vec<Text>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUnifiedCm {
    #[serde(default)]
    pub registration_domains: Vec<Text>,
    #[serde(default)]
    pub phone_security_profiles: Vec<Text>,
    #[serde(default)]
    pub nodes: Vec<Text>,
    pub version: Option<Text>,
    pub certificates: Option<Text>,
    pub ca: Option<Text>,
    pub key: Option<RawKey>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawImPresence {
    #[serde(default)]
    pub chat_node_aliases: Vec<Text>,
    #[serde(default)]
    pub nodes: Vec<Text>,
    pub version: Option<Text>,
    pub certificates: Option<Text>,
    pub ca: Option<Text>,
    pub key: Option<RawKey>,
}

macro_rules! take_platform {
    ($table:ty) => {
        impl $table {
            /// Moves the certificate settings out.
            pub fn take_platform(&mut self) -> RawPlatform {
                RawPlatform {
                    version: self.version.take(),
                    certificates: self.certificates.take(),
                    ca: self.ca.take(),
                    key: self.key.take(),
                }
            }
        }
    };
}
take_platform!(RawUnifiedCm);
take_platform!(RawImPresence);

/// The certificate settings `[unified_cm]` and `[im_presence]` share.
pub(crate) struct RawPlatform {
    pub version: Option<Text>,
    pub certificates: Option<Text>,
    pub ca: Option<Text>,
    pub key: Option<RawKey>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawXmppFederation {
    #[serde(default)]
    pub domains: Vec<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCluster {
    pub expressway_version: Option<Text>,
    pub ca: Option<Text>,
    pub peer_ca: Option<BTreeMap<Text, Text>>,
    pub cluster_name: Option<Text>,
    #[serde(default)]
    pub peers: Vec<Text>,
    pub common_name: Option<Text>,
    pub alternative_names: Option<Text>,
    #[serde(default)]
    pub additional_names: Vec<Text>,
    pub chat_node_alias_format: Option<Text>,
    pub registration_domain_format: Option<Text>,
    pub xmpp_federation_domain_format: Option<Text>,
    pub traversal_peer_addresses: Option<Spanned<Vec<Text>>>,
    pub tls_verify_subject_name: Option<Text>,
    pub traversal_port: Option<Spanned<i64>>,
    pub subject: Option<RawSubject>,
    pub key: Option<RawKey>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSubject {
    pub organization: Option<Text>,
    pub organizational_unit: Option<Text>,
    pub locality: Option<Text>,
    pub state: Option<Text>,
    pub country: Option<Text>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawKey {
    pub algorithm: Option<Text>,
    pub size: Option<Spanned<i64>>,
    pub digest: Option<Text>,
}

/// The most refusals one run reports.
const MAX_REFUSALS: usize = 50;

/// Reads the TOML; serde's refusals become positioned diagnostics, every
/// unknown key and wrong type of the file in one run: each refused entry
/// is blanked (its bytes turned to spaces, so that positions hold) and the
/// file read again, until it reads or a refusal cannot be set aside (a
/// syntax error, a missing key).
pub(crate) fn read(source: &Arc<Source>) -> Result<RawDeployment, Error> {
    refuse_format_characters(source)?;
    let mut text = source.text.clone();
    let mut diagnostics = Vec::new();
    while diagnostics.len() < MAX_REFUSALS {
        let error = match toml::from_str::<RawDeployment>(&text) {
            Ok(raw) if diagnostics.is_empty() => return Ok(raw),
            Ok(_) => break,
            Err(e) => e,
        };
        let message = in_file_words(error.message().trim());
        let kind = toml_kind(&message);
        let again = matches!(kind, TomlKind::UnknownKey { .. } | TomlKind::WrongType);
        let span = error.span();
        diagnostics.push(Diagnostic::new(
            span.clone(),
            Problem::Toml { message, kind },
        ));
        if !(again && span.is_some_and(|s| blank_entry(&mut text, s))) {
            break;
        }
    }
    // In the file's order, as a reader goes through it.
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    Err(Error::Input(InputErrors {
        source: Arc::clone(source),
        diagnostics,
        hidden: 0,
    }))
}

/// Bidirectional marks, embeddings, overrides and isolates: text that
/// reads in another order than it is ("Trojan Source"), refused wherever
/// they are, with their position.
fn refuse_format_characters(source: &Arc<Source>) -> Result<(), Error> {
    let found: Vec<Diagnostic> = source
        .text
        .char_indices()
        .filter(|(_, c)| matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .take(MAX_REFUSALS)
        .map(|(at, character)| {
            Diagnostic::new(
                Some(at..at + character.len_utf8()),
                Problem::FormatCharacter { character },
            )
        })
        .collect();
    if found.is_empty() {
        return Ok(());
    }
    Err(Error::Input(InputErrors {
        source: Arc::clone(source),
        diagnostics: found,
        hidden: 0,
    }))
}

/// Turns the entry at `span` to spaces: its lines for a `key = value`, the
/// whole table for a `[table]` header. False when there is nothing to set
/// aside.
fn blank_entry(text: &mut String, span: std::ops::Range<usize>) -> bool {
    let bounded = span.start <= span.end && span.end <= text.len();
    if !bounded || !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return false;
    }
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = |from: usize| text[from..].find('\n').map_or(text.len(), |i| from + i);
    let end = if text[start..].trim_start().starts_with('[') {
        // A table: up to the next header.
        let mut at = line_end(start);
        while at < text.len() && !text[at + 1..].trim_start().starts_with('[') {
            at = line_end(at + 1);
        }
        at
    } else {
        line_end(span.end)
    };
    if end <= start {
        return false;
    }
    let blanked: String = text[start..end]
        .chars()
        .map(|c| {
            if c == '\n' {
                "\n".to_owned()
            } else {
                " ".repeat(c.len_utf8())
            }
        })
        .collect();
    text.replace_range(start..end, &blanked);
    true
}

/// serde's words for the expected value, in the deployment file's: "a
/// list", never "a sequence"; "a whole number", never "i64".
fn in_file_words(message: &str) -> String {
    [
        ("a sequence", "a list (in brackets: [\"…\", \"…\"])"),
        ("i64", "a whole number"),
        ("u64", "a whole number"),
        ("a map", "a table"),
        ("struct RawCluster", "a table of the Expressway's settings"),
        ("struct RawSubject", "a table of subject fields"),
        ("struct RawKey", "a table of key settings"),
        ("struct RawFindings", "a table"),
        ("struct RawUnifiedCm", "a table"),
        ("struct RawImPresence", "a table"),
        ("struct RawXmppFederation", "a table"),
        ("struct RawDeployment", "a deployment file"),
    ]
    .iter()
    .fold(message.to_owned(), |m, (serde, file)| {
        m.replace(serde, file)
    })
}

fn toml_kind(message: &str) -> TomlKind {
    if message.starts_with("unknown field") {
        // serde: "unknown field `x`, expected one of `a`, `b`".
        let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
        let suggestion = quoted.split_first().and_then(|(typed, expected)| {
            crate::report::closest(typed, expected.iter().copied()).map(str::to_owned)
        });
        TomlKind::UnknownKey { suggestion }
    } else if message.starts_with("invalid type") {
        TomlKind::WrongType
    } else if message.starts_with("missing field") {
        TomlKind::MissingKey
    } else {
        TomlKind::Syntax
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the loader accepts, asked of the loader itself (serde lists
    /// the expected keys when it refuses an unknown one), is documented in
    /// `docs/deployment-file.md`.
    #[test]
    fn every_accepted_key_is_documented() {
        let reference = include_str!("../../docs/deployment-file.md");
        let probes = [
            "unknown_probe = 1\n",
            "[unified_cm]\nunknown_probe = 1\n",
            "[im_presence]\nunknown_probe = 1\n",
            "[xmpp_federation]\nunknown_probe = 1\n",
            "[expressway_c]\nunknown_probe = 1\n",
            "[subject]\nunknown_probe = 1\n",
            "[key]\nunknown_probe = 1\n",
            "[findings]\nunknown_probe = 1\n",
        ];
        let mut keys = 0;
        for probe in probes {
            let message = match toml::from_str::<RawDeployment>(probe) {
                Err(e) => e.message().to_owned(),
                Ok(_) => panic!("{probe} was accepted"),
            };
            let expected: Vec<&str> = message.split('`').skip(1).step_by(2).skip(1).collect();
            assert!(!expected.is_empty(), "{message}");
            for key in expected {
                keys += 1;
                assert!(
                    reference.contains(&format!("`{key}`")),
                    "{key} is not documented in docs/deployment-file.md"
                );
            }
        }
        assert!(keys >= 25, "only {keys} keys found");
    }
}
