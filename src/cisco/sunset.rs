//! The 2026 clientAuth sunset, as data: which certificates each Expressway
//! needs, by role, release and the kind of CA that signs it.
//!
//! Public CAs stop issuing the clientAuth EKU (Chrome Root Program; field
//! notice FN74362, source I). Private PKI is not affected (source K).
//! - Up to X15.3, one certificate per box carries serverAuth and clientAuth
//!   (source A, J).
//! - X15.4 lets the Expressway-E upload a serverAuth-only certificate behind
//!   a CLI switch (source J); X15.5 deprecates the switch (source K).
//! - X15.5 has two stores, a server certificate and a client certificate,
//!   each used where the box is the TLS server or client (source D, K).
//!
//! [`SUNSET_TABLE`] is that, row by row; the planner, `rules` and
//! `docs/cisco-rules.md` read it.

use super::{Role, Version};
use serde::Serialize;
use std::fmt;

/// Who signs a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum CaKind {
    /// An enterprise or private CA (Microsoft AD CS, your own): issues
    /// clientAuth as before.
    #[default]
    Private,
    /// A public CA (in browsers' root stores): serverAuth only from 2026.
    Public,
}

impl CaKind {
    /// The deployment file's spellings.
    pub const CHOICES: &'static [(&'static str, CaKind)] =
        &[("private", CaKind::Private), ("public", CaKind::Public)];

    /// `private` / `public`.
    pub fn key(self) -> &'static str {
        match self {
            CaKind::Private => "private",
            CaKind::Public => "public",
        }
    }
}

impl fmt::Display for CaKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CaKind::Private => "a private CA",
            CaKind::Public => "a public CA",
        })
    }
}

/// The Extended Key Usages a certificate needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Eku {
    /// serverAuth and clientAuth: one certificate for both sides.
    ServerAndClient,
    /// serverAuth only.
    Server,
    /// clientAuth only.
    Client,
}

impl Eku {
    /// Whether it includes serverAuth.
    pub fn server_auth(self) -> bool {
        self != Eku::Client
    }

    /// Whether it includes clientAuth.
    pub fn client_auth(self) -> bool {
        self != Eku::Server
    }

    /// What a CSR for a certificate of this EKU requests. A client
    /// certificate requests serverAuth and clientAuth: no Cisco document
    /// says a client certificate must lack serverAuth, and the one working
    /// case of TAC 225693 (test case 3, the Expressway-C presenting its
    /// client certificate on Unified CM's 6972) gives it both (source K;
    /// a choice, `docs/cisco-rules.md`). A private CA signs it either way.
    pub fn requested(self) -> Eku {
        match self {
            Eku::Client => Eku::ServerAndClient,
            other => other,
        }
    }

    /// As OpenSSL and Cisco write it.
    pub fn title(self) -> &'static str {
        match self {
            Eku::ServerAndClient => "serverAuth + clientAuth",
            Eku::Server => "serverAuth",
            Eku::Client => "clientAuth",
        }
    }
}

/// A side of a TLS connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// The side that listens.
    Server,
    /// The side that connects.
    Client,
}

impl Eku {
    /// Whether a certificate with this EKU serves `side`.
    pub fn serves(self, side: Side) -> bool {
        match side {
            Side::Server => self.server_auth(),
            Side::Client => self.client_auth(),
        }
    }
}

/// Where a certificate goes on the Expressway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Store {
    /// Maintenance > Security > Server certificate (before X15.5, the only
    /// one, used on both sides).
    Server,
    /// The X15.5 client certificate store (source D, K).
    Client,
}

impl Store {
    /// In words.
    pub fn title(self) -> &'static str {
        match self {
            Store::Server => "the server certificate store",
            Store::Client => "the client certificate store (X15.5)",
        }
    }
}

/// What one role gets from one kind of CA on a band of releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provision {
    /// One certificate with serverAuth and clientAuth, used on both sides.
    Dual,
    /// One serverAuth-only certificate, accepted only after
    /// [`SERVER_EKU_UPLOAD_SWITCH`](super::policy::SERVER_EKU_UPLOAD_SWITCH).
    ServerOnlyWithSwitch,
    /// A serverAuth server certificate from the CA, and, where the box is
    /// ever the TLS client, a clientAuth client certificate from a private
    /// CA.
    Split,
    /// Cannot work: the box needs clientAuth, which the CA does not issue.
    Unworkable {
        /// Why the box needs clientAuth in its one certificate (the
        /// release comes from the row).
        why: &'static str,
    },
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SunsetRow {
    /// The Expressway.
    pub role: Role,
    /// Who signs.
    pub ca: CaKind,
    /// First release of the band (`None`: any earlier).
    pub from: Option<Version>,
    /// First release past the band (`None`: any later).
    pub until: Option<Version>,
    /// What to request.
    pub provision: Provision,
    /// Letters of `docs/cisco-rules.md`.
    pub source: &'static str,
}

const X15_4: Version = super::policy::SERVER_ONLY_E_SINCE;
const X15_5: Version = super::policy::SEPARATE_CLIENT_STORE_SINCE;

/// Release × role × CA kind: what to request.
pub const SUNSET_TABLE: &[SunsetRow] = &[
    SunsetRow {
        role: Role::ExpresswayC,
        ca: CaKind::Private,
        from: None,
        until: None,
        provision: Provision::Dual,
        source: "A, J, K",
    },
    SunsetRow {
        role: Role::ExpresswayC,
        ca: CaKind::Public,
        from: None,
        until: Some(X15_5),
        provision: Provision::Unworkable {
            why: "the Expressway-C is the TLS client of the traversal zone and needs clientAuth \
                  in its one certificate",
        },
        source: "I, J",
    },
    SunsetRow {
        role: Role::ExpresswayC,
        ca: CaKind::Public,
        from: Some(X15_5),
        until: None,
        provision: Provision::Split,
        source: "D, K",
    },
    SunsetRow {
        role: Role::ExpresswayE,
        ca: CaKind::Private,
        from: None,
        until: None,
        provision: Provision::Dual,
        source: "A, J, K",
    },
    SunsetRow {
        role: Role::ExpresswayE,
        ca: CaKind::Public,
        from: None,
        until: Some(X15_4),
        provision: Provision::Unworkable {
            why: "the Expressway-E accepts only a certificate with serverAuth and clientAuth",
        },
        source: "I, J",
    },
    SunsetRow {
        role: Role::ExpresswayE,
        ca: CaKind::Public,
        from: Some(X15_4),
        until: Some(X15_5),
        provision: Provision::ServerOnlyWithSwitch,
        source: "J",
    },
    SunsetRow {
        role: Role::ExpresswayE,
        ca: CaKind::Public,
        from: Some(X15_5),
        until: None,
        provision: Provision::Split,
        source: "D, K",
    },
];

impl Provision {
    /// What to request, in one line (the cell of the table in `rules` and
    /// `docs/cisco-rules.md`).
    pub fn summary(self) -> &'static str {
        match self {
            Provision::Dual => {
                "one certificate, serverAuth + clientAuth, in the server certificate store"
            }
            Provision::ServerOnlyWithSwitch => {
                "one serverAuth certificate, uploaded after the EnableServerEkuUpload switch"
            }
            Provision::Split => {
                "a serverAuth server certificate from this CA; where the box is a TLS client, a \
                 clientAuth client certificate from a private CA in the client certificate store"
            }
            Provision::Unworkable { .. } => {
                "cannot work: the box needs clientAuth, which a public CA no longer issues"
            }
        }
    }
}

impl Provision {
    /// What a workable row offers instead of clientAuth from a public CA,
    /// in a few words (for the fix of an unworkable one).
    fn remedy(self) -> Option<&'static str> {
        match self {
            Provision::ServerOnlyWithSwitch => Some("serverAuth-only behind a CLI switch"),
            Provision::Split => Some("a separate client certificate from a private CA"),
            Provision::Dual | Provision::Unworkable { .. } => None,
        }
    }
}

impl SunsetRow {
    /// For a row that cannot work: what goes wrong, and the fix, worded
    /// from the table (the releases that would work are its later rows).
    pub fn unworkable(&self) -> Option<(String, String)> {
        let Provision::Unworkable { why } = self.provision else {
            return None;
        };
        let until = self.until?;
        let message = format!("{why} before {until}, which a public CA no longer issues");
        let later: Vec<String> = SUNSET_TABLE
            .iter()
            .filter(|r| r.role == self.role && r.ca == self.ca)
            .filter_map(|r| Some((r.from.filter(|f| *f >= until)?, r.provision.remedy()?)))
            .map(|(from, remedy)| format!("{from} ({remedy})"))
            .collect();
        let fix = format!(
            "upgrade the {} to {}; until then, {}",
            self.role,
            later.join(" or "),
            super::policy::interim_remedy(self.role)
        );
        Some((message, fix))
    }

    /// Whether `version` falls in the row's band.
    fn covers(&self, version: Version) -> bool {
        self.from.is_none_or(|f| version >= f) && self.until.is_none_or(|u| version < u)
    }

    /// Whether the row holds whatever the release.
    fn any_release(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }

    /// The band in words: `any release`, `before X15.5`, `X15.4`, `X15.5 and later`.
    pub fn releases(&self) -> String {
        match (self.from, self.until) {
            (None, None) => "any release".into(),
            (None, Some(u)) => format!("before {u}"),
            (Some(f), None) => format!("{f} and later"),
            (Some(f), Some(_)) => format!("{f}"),
        }
    }
}

/// The row for a role, CA kind and release; `None` when the answer
/// depends on a release that is not known.
pub fn provision(role: Role, ca: CaKind, version: Option<Version>) -> Option<&'static SunsetRow> {
    SUNSET_TABLE.iter().find(|r| {
        r.role == role
            && r.ca == ca
            && match version {
                Some(v) => r.covers(v),
                None => r.any_release(),
            }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every role, CA kind and release finds exactly one row.
    #[test]
    fn the_table_covers_every_release_once() {
        let releases = [
            Version::new(8, 11, 0),
            Version::new(14, 3, 7),
            Version::new(15, 3, 2),
            Version::new(15, 4, 0),
            Version::new(15, 4, 1),
            Version::new(15, 5, 0),
            Version::new(16, 0, 0),
        ];
        for role in Role::ALL {
            for (_, ca) in CaKind::CHOICES {
                for v in releases {
                    let rows = SUNSET_TABLE
                        .iter()
                        .filter(|r| r.role == role && r.ca == *ca && r.covers(v))
                        .count();
                    assert_eq!(rows, 1, "{role} {ca} {v}");
                }
            }
        }
    }

    /// `docs/cisco-rules.md` shows every cell of the table, in the table's
    /// own words.
    #[test]
    fn every_row_is_in_the_rule_book() {
        let book = include_str!("../../docs/cisco-rules.md");
        for r in SUNSET_TABLE {
            let cell = format!("{} ({})", r.provision.summary(), r.source);
            assert!(
                book.contains(&cell),
                "{} {} {}: {cell}",
                r.role,
                r.releases(),
                r.ca.key()
            );
        }
    }

    #[test]
    fn provision_by_role_ca_and_release() {
        let v = |s| Some(Version::parse(s).expect("version"));
        let (c, e) = (Role::ExpresswayC, Role::ExpresswayE);
        let cases = [
            (c, CaKind::Private, None, Some(Provision::Dual)),
            (e, CaKind::Private, v("X15.5"), Some(Provision::Dual)),
            (e, CaKind::Public, None, None),
            (
                e,
                CaKind::Public,
                v("X15.4.1"),
                Some(Provision::ServerOnlyWithSwitch),
            ),
            (e, CaKind::Public, v("X15.5"), Some(Provision::Split)),
            (c, CaKind::Public, v("X15.5.1"), Some(Provision::Split)),
        ];
        for (role, ca, version, expected) in cases {
            let got = provision(role, ca, version).map(|r| r.provision);
            assert_eq!(got, expected, "{role} {ca} {version:?}");
        }
        for (role, version) in [(c, v("X15.4")), (e, v("X15.3"))] {
            let got = provision(role, CaKind::Public, version).map(|r| r.provision);
            assert!(matches!(got, Some(Provision::Unworkable { .. })), "{role}");
        }
    }
}
