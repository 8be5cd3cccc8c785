//! The name rule: which strings the Expressway accepts as a SAN or common name.
//!
//! Cisco, "Server Certificate Requirements for Unified Communications"
//! (source C in `docs/cisco-rules.md`), note under "Unified CM phone
//! security profile names":
//!
//! > The FQDN can comprise multiple levels. Each level's name can only contain
//! > letters, digits and hyphens, with each level separated by a period (dot).
//! > A level name cannot start or end with a hyphen, and the final level name
//! > must start with a letter.
//!
//! and "From X12.6, it is mandated that the Unified CM phone security profile
//! name must be a Fully Qualified Domain Name (FQDN)". The DNS limits (63
//! characters a level, 253 in all) are RFC 1035's. Wildcards are refused
//! because "Wildcard certificates are not supported by Expressway"
//! (sources B and L).
//!
//! Everything is in one function, [`check_name`], tested by one case table.
//! A name that passed it is a [`HostName`]; names compare ignoring ASCII
//! case ("two names that differ only in case are the same name"), through
//! [`HostName`] and [`AltName`] only.

pub use super::host::{AltName, HostName};
use std::fmt;

/// Longest level (label) the DNS allows (RFC 1035 §2.3.4).
pub(crate) const MAX_LABEL_LEN: usize = 63;
/// Longest name, in presentation form without a trailing dot (RFC 1035 §2.3.4).
pub(crate) const MAX_NAME_LEN: usize = 253;

/// What the name is for: decides whether a single level is enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A domain or additional name: one or more levels.
    Host,
    /// An Expressway peer, cluster, traversal peer address or TLS verify
    /// subject name: a fully qualified name of at least two levels.
    Fqdn,
    /// A Unified CM phone security profile name: an FQDN of at least two
    /// levels since X12.6 (source C, Expressway-C server certificate
    /// requirements).
    PhoneSecurityProfile,
}

/// Why a name was refused. Each variant knows the rule it breaks and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    /// The empty string.
    Empty,
    /// Contains a character outside ASCII; `punycode` is its IDNA form when
    /// one exists.
    NonAscii {
        /// The `xn--` form of the whole name, when it can be computed.
        punycode: Option<String>,
    },
    /// Contains `*`.
    Wildcard,
    /// Longer than [`MAX_NAME_LEN`].
    TooLong {
        /// Length in characters.
        len: usize,
    },
    /// Two dots in a row, or a leading or trailing dot.
    EmptyLevel,
    /// One level longer than [`MAX_LABEL_LEN`].
    LevelTooLong {
        /// The offending level.
        level: String,
    },
    /// A character other than a letter, digit or hyphen.
    BadCharacter {
        /// The character.
        ch: char,
        /// The level it is in.
        level: String,
    },
    /// A level starts or ends with a hyphen.
    HyphenAtEdge {
        /// The offending level.
        level: String,
    },
    /// The final level does not start with a letter (this also refuses IP
    /// addresses).
    FinalLevelNotLetter {
        /// The final level.
        level: String,
        /// Whether the whole name looks like an IPv4 address.
        looks_like_ip: bool,
    },
    /// A phone security profile name with a single level.
    NotFqdn,
    /// A peer, cluster or traversal name with a single level.
    SingleLevel,
}

impl NameError {
    /// The rule the name breaks, in words an admin recognises.
    pub fn rule(&self) -> &'static str {
        match self {
            NameError::Empty => "a name cannot be empty",
            NameError::NonAscii { .. } => {
                "each level may contain only ASCII letters, digits and hyphens (Expressway X12.6 name rule)"
            }
            NameError::Wildcard => "wildcard certificates are not supported by Expressway",
            NameError::TooLong { .. } => "a name is 253 characters at most (RFC 1035)",
            NameError::EmptyLevel => "levels are separated by single dots and none may be empty",
            NameError::LevelTooLong { .. } => "each level is 63 characters at most (RFC 1035)",
            NameError::BadCharacter { .. } => {
                "each level may contain only letters, digits and hyphens (Expressway X12.6 name rule)"
            }
            NameError::HyphenAtEdge { .. } => {
                "a level cannot start or end with a hyphen (Expressway X12.6 name rule)"
            }
            NameError::FinalLevelNotLetter { .. } => {
                "the final level must start with a letter (Expressway X12.6 name rule)"
            }
            NameError::NotFqdn => {
                "since X12.6 a Unified CM phone security profile name must be an FQDN"
            }
            NameError::SingleLevel => {
                "an Expressway peer, cluster name, traversal peer address or TLS verify subject \
                 name is a fully qualified domain name of two levels at least"
            }
        }
    }

    /// How to fix it, given the refused name.
    pub fn fix(&self, name: &str) -> String {
        match self {
            NameError::Empty => "remove the empty entry, or write the name".into(),
            NameError::NonAscii {
                punycode: Some(ascii),
            } => format!("write its punycode (IDNA) form instead: \"{ascii}\""),
            NameError::NonAscii { punycode: None } => {
                "write the name in ASCII, or its punycode (xn--) form".into()
            }
            NameError::Wildcard => "list each host name explicitly instead of a wildcard".into(),
            NameError::TooLong { len } => {
                format!(
                    "shorten the name by at least {} characters",
                    len - MAX_NAME_LEN
                )
            }
            NameError::EmptyLevel => {
                let cleaned: Vec<&str> = name.split('.').filter(|l| !l.is_empty()).collect();
                format!("write \"{}\"", cleaned.join("."))
            }
            NameError::LevelTooLong { level } => format!(
                "shorten \"{level}\" ({} characters) to 63 at most",
                level.chars().count()
            ),
            NameError::BadCharacter { ch: '_', .. } => {
                "replace the underscore with a hyphen (underscores are not allowed in host names)"
                    .into()
            }
            NameError::BadCharacter { ch, .. } => {
                format!("remove or replace the character {ch:?}")
            }
            NameError::HyphenAtEdge { level } => {
                format!("rename \"{level}\" so that it starts and ends with a letter or digit")
            }
            NameError::FinalLevelNotLetter {
                looks_like_ip: true,
                ..
            } => "use the host's FQDN: an IP address is not accepted as a name here".into(),
            NameError::FinalLevelNotLetter { level, .. } => {
                format!("the last level \"{level}\" must start with a letter: use the full domain")
            }
            NameError::NotFqdn => format!(
                "rename the profile on Unified CM ({}) to an FQDN such as \
                 \"{name}.example.com\", and use that name here",
                crate::cisco::page::PHONE_SECURITY_PROFILE_MENU
            ),
            NameError::SingleLevel => format!(
                "write the box's full name, as in DNS and on the Expressway (System > DNS), \
                 such as \"{name}.example.com\""
            ),
        }
    }
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameError::Empty => write!(f, "empty name"),
            NameError::NonAscii { .. } => write!(f, "name contains non-ASCII characters"),
            NameError::Wildcard => write!(f, "wildcard name"),
            NameError::TooLong { len } => write!(f, "name is {len} characters long"),
            NameError::EmptyLevel => write!(f, "name has an empty level"),
            NameError::LevelTooLong { level } => {
                write!(f, "level \"{level}\" is {} characters long", level.len())
            }
            NameError::BadCharacter { ch, level } => {
                write!(f, "level \"{level}\" contains {ch:?}")
            }
            NameError::HyphenAtEdge { level } => {
                write!(f, "level \"{level}\" starts or ends with a hyphen")
            }
            NameError::FinalLevelNotLetter { level, .. } => {
                write!(f, "final level \"{level}\" does not start with a letter")
            }
            NameError::NotFqdn => write!(f, "phone security profile name is not an FQDN"),
            NameError::SingleLevel => write!(f, "not a fully qualified name"),
        }
    }
}

impl std::error::Error for NameError {}

/// Checks `name` against the Expressway name rule for `kind`.
///
/// Accepts exactly what the Expressway (X12.6 and later) accepts in a SAN or
/// common name field; see the module documentation for the sources.
pub(crate) fn check_name(name: &str, kind: NameKind) -> Result<(), NameError> {
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if !name.is_ascii() {
        return Err(NameError::NonAscii {
            punycode: to_punycode(name),
        });
    }
    if name.contains('*') {
        return Err(NameError::Wildcard);
    }
    if name.len() > MAX_NAME_LEN {
        return Err(NameError::TooLong { len: name.len() });
    }
    let levels: Vec<&str> = name.split('.').collect();
    for level in &levels {
        check_level(level)?;
    }
    let last = levels[levels.len() - 1];
    if !last.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(NameError::FinalLevelNotLetter {
            level: last.to_owned(),
            looks_like_ip: name.parse::<std::net::Ipv4Addr>().is_ok(),
        });
    }
    match kind {
        NameKind::PhoneSecurityProfile if levels.len() < 2 => return Err(NameError::NotFqdn),
        NameKind::Fqdn if levels.len() < 2 => return Err(NameError::SingleLevel),
        _ => {}
    }
    Ok(())
}

fn check_level(level: &str) -> Result<(), NameError> {
    if level.is_empty() {
        return Err(NameError::EmptyLevel);
    }
    if level.len() > MAX_LABEL_LEN {
        return Err(NameError::LevelTooLong {
            level: level.to_owned(),
        });
    }
    if let Some(ch) = level
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return Err(NameError::BadCharacter {
            ch,
            level: level.to_owned(),
        });
    }
    if level.starts_with('-') || level.ends_with('-') {
        return Err(NameError::HyphenAtEdge {
            level: level.to_owned(),
        });
    }
    Ok(())
}

/// The IDNA (UTS #46) ASCII form of a name, when it has one that itself
/// passes the name rule.
fn to_punycode(name: &str) -> Option<String> {
    let ascii = idna::domain_to_ascii(name).ok()?;
    (ascii.is_ascii() && check_name(&ascii, NameKind::Host).is_ok()).then_some(ascii)
}

#[cfg(test)]
mod tests {
    use super::*;
    use NameKind::{Fqdn, Host, PhoneSecurityProfile as Profile};

    /// (name, kind, expected). Names come from Cisco's figures, the
    /// TAC 211304 example, and the edges of each rule.
    const CASES: &[(&str, NameKind, Result<(), &str>)] = &[
        // Accepted: from Cisco's figures and TAC documents.
        ("expe.example.com", Host, Ok(())),
        ("collab-edge.example.com", Host, Ok(())),
        ("chatnode1.example.com", Host, Ok(())),
        ("DX80Tlsprofile.example.com", Profile, Ok(())),
        ("jabbersecureprofile.domain.com", Profile, Ok(())),
        ("RTP-TBTP-EXPRWY-E.tbtp.local", Host, Ok(())),
        ("Secure-EX90.tbtp.local", Profile, Ok(())),
        ("localhost", Host, Ok(())),
        ("a", Host, Ok(())),
        ("1host.example.com", Host, Ok(())),
        ("xn--bcher-kva.example", Host, Ok(())),
        ("a-b.c-d.e", Host, Ok(())),
        // Refused.
        ("", Host, Err("Empty")),
        ("DX80Tlsprofile", Profile, Err("NotFqdn")),
        ("*.example.com", Host, Err("Wildcard")),
        ("exp*.example.com", Host, Err("Wildcard")),
        ("bücher.example", Host, Err("NonAscii")),
        ("example..com", Host, Err("EmptyLevel")),
        (".example.com", Host, Err("EmptyLevel")),
        ("example.com.", Host, Err("EmptyLevel")),
        ("-bad.example.com", Host, Err("HyphenAtEdge")),
        ("bad-.example.com", Host, Err("HyphenAtEdge")),
        ("under_score.example.com", Host, Err("BadCharacter")),
        ("space name.example.com", Host, Err("BadCharacter")),
        ("host.example.123", Host, Err("FinalLevelNotLetter")),
        ("10.0.0.1", Host, Err("FinalLevelNotLetter")),
        ("host.-com", Host, Err("HyphenAtEdge")),
        ("host.1com", Host, Err("FinalLevelNotLetter")),
        // Peers, cluster and traversal names are FQDNs (issue: `expc`,
        // `localhost` refused).
        ("localhost", Fqdn, Err("SingleLevel")),
        ("expc", Fqdn, Err("SingleLevel")),
        ("expc.example.local", Fqdn, Ok(())),
    ];

    fn variant(e: &NameError) -> &'static str {
        match e {
            NameError::Empty => "Empty",
            NameError::NonAscii { .. } => "NonAscii",
            NameError::Wildcard => "Wildcard",
            NameError::TooLong { .. } => "TooLong",
            NameError::EmptyLevel => "EmptyLevel",
            NameError::LevelTooLong { .. } => "LevelTooLong",
            NameError::BadCharacter { .. } => "BadCharacter",
            NameError::HyphenAtEdge { .. } => "HyphenAtEdge",
            NameError::FinalLevelNotLetter { .. } => "FinalLevelNotLetter",
            NameError::NotFqdn => "NotFqdn",
            NameError::SingleLevel => "SingleLevel",
        }
    }

    #[test]
    fn case_table() {
        for (name, kind, expected) in CASES {
            let got = check_name(name, *kind).map_err(|e| variant(&e));
            assert_eq!(got, *expected, "name {name:?} as {kind:?}");
        }
    }

    #[test]
    fn host_names_compare_ignoring_case() {
        use crate::cisco::SanKind;
        use std::collections::HashSet;
        let a = HostName::parse("Expe.Example.com", Host).expect("valid");
        let b = HostName::parse("expe.example.COM", Host).expect("valid");
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "Expe.Example.com");
        let set: HashSet<HostName> = [a.clone(), b].into_iter().collect();
        assert_eq!(set.len(), 1);
        assert_eq!(a.dns(), AltName::dns("EXPE.example.com"));
        assert_ne!(a.dns(), AltName::new(SanKind::Xmpp, "expe.example.com"));
        assert_eq!(a.dns().to_string(), "DNS:Expe.Example.com");
        assert!(a.is("EXPE.EXAMPLE.COM"));
    }

    #[test]
    fn length_limits_are_inclusive() {
        let level63 = "a".repeat(63);
        assert_eq!(check_name(&level63, Host), Ok(()));
        let level64 = "a".repeat(64);
        assert!(matches!(
            check_name(&level64, Host),
            Err(NameError::LevelTooLong { .. })
        ));
        // 4 × 63 + 3 dots = 255; trim to exactly 253 and 254.
        let long = [level63.as_str(); 4].join(".");
        assert_eq!(check_name(&long[..253], Host), Ok(()));
        assert_eq!(
            check_name(&format!("{}a", &long[..253]), Host),
            Err(NameError::TooLong { len: 254 })
        );
    }

    #[test]
    fn non_ascii_suggests_punycode() {
        let err = check_name("bücher.example.com", Host).unwrap_err();
        assert_eq!(
            err,
            NameError::NonAscii {
                punycode: Some("xn--bcher-kva.example.com".into())
            }
        );
        assert!(
            err.fix("bücher.example.com")
                .contains("xn--bcher-kva.example.com")
        );
    }

    #[test]
    fn profile_fix_names_an_fqdn_example() {
        let err = check_name("DX80SecureProfile", Profile).unwrap_err();
        let fix = err.fix("DX80SecureProfile");
        assert!(fix.contains("DX80SecureProfile.example.com"), "{fix}");
        assert!(err.rule().contains("X12.6"));
    }

    #[test]
    fn ip_address_gets_its_own_fix() {
        let err = check_name("192.168.1.10", Host).unwrap_err();
        assert!(err.fix("192.168.1.10").contains("IP address"));
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        fn level() -> impl Strategy<Value = String> {
            "[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
        }
        fn final_level() -> impl Strategy<Value = String> {
            "[a-zA-Z]([a-zA-Z0-9-]{0,20}[a-zA-Z0-9])?"
        }

        proptest! {
            #[test]
            fn generated_valid_names_are_accepted(
                levels in proptest::collection::vec(level(), 1..4),
                last in final_level(),
            ) {
                let name = format!("{}.{}", levels.join("."), last);
                prop_assume!(name.len() <= MAX_NAME_LEN);
                prop_assert_eq!(check_name(&name, NameKind::Host), Ok(()));
                prop_assert_eq!(check_name(&name, NameKind::PhoneSecurityProfile), Ok(()));
            }

            #[test]
            fn any_string_is_judged_without_panic(s in "\\PC{0,80}") {
                let _ = check_name(&s, NameKind::Host);
            }

            #[test]
            fn accepted_names_contain_only_the_allowed_characters(s in "[a-z0-9.*_-]{0,40}") {
                if check_name(&s, NameKind::Host).is_ok() {
                    prop_assert!(s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'));
                    prop_assert!(!s.starts_with('.') && !s.ends_with('.'));
                }
            }
        }
    }
}
