//! `pull --credentials FILE`: the accounts, in TOML. Its errors give the
//! line and the key, never the text around them (that may be a password).

use super::{Credentials, Logins};
use crate::report::{Error, Usage};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    expressway: Option<Account>,
    unified_cm: Option<Account>,
    im_presence: Option<Account>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Account {
    user: String,
    password: String,
}

impl From<Account> for Credentials {
    fn from(a: Account) -> Credentials {
        Credentials {
            user: a.user,
            password: a.password,
        }
    }
}

/// Reads `[expressway]`, `[unified_cm]` and `[im_presence]`, each with
/// `user` and `password`.
pub(crate) fn parse(name: &str, text: &str) -> Result<Logins, Error> {
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(0, |s| {
            text[..s.start.min(text.len())].lines().count().max(1)
        });
        Usage::BadCredentials {
            file: name.to_owned(),
            why: format!("line {line}: {}", e.message().trim()),
        }
    })?;
    Ok(Logins {
        expressway: file.expressway.map(Into::into),
        unified_cm: file.unified_cm.map(Into::into),
        im_presence: file.im_presence.map(Into::into),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_never_show_the_text() {
        let cases = [
            "[expressway]\nuser = \"admin\"\npassword = s3cret-unquoted\n",
            "[expressway]\nuser = \"admin\"\npasword = \"s3cret\"\n",
            "[expressway]\nuser = \"admin\"\n",
        ];
        for text in cases {
            let error = parse("c.toml", text).expect_err(text).to_string();
            assert!(!error.contains("s3cret"), "{error}");
            assert!(error.contains("c.toml"), "{error}");
        }
        let ok = parse("c.toml", "[unified_cm]\nuser = \"u\"\npassword = \"p\"\n").expect("reads");
        assert_eq!(ok.unified_cm.map(|c| c.user), Some("u".to_owned()));
        assert!(ok.expressway.is_none());
    }
}
