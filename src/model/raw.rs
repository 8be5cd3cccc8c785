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
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawImPresence {
    #[serde(default)]
    pub chat_node_aliases: Vec<Text>,
    #[serde(default)]
    pub nodes: Vec<Text>,
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

/// Reads the TOML; serde's refusal becomes a positioned diagnostic.
pub(crate) fn read(source: &Arc<Source>) -> Result<RawDeployment, Error> {
    toml::from_str(&source.text).map_err(|e| {
        let message = e.message().trim().to_owned();
        let kind = toml_kind(&message);
        Error::Input(InputErrors {
            source: Arc::clone(source),
            diagnostics: vec![Diagnostic::new(e.span(), Problem::Toml { message, kind })],
            hidden: 0,
        })
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
