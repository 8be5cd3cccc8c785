//! "Now": the system clock, or a fixed time for reproducible runs.

use crate::report::{Error, Usage};

/// Parses RFC 3339 (`2026-11-27T12:00:00Z`) or a date (`2026-11-27`,
/// midnight UTC) to Unix seconds.
pub(crate) fn parse_time(s: &str) -> Result<i64, Error> {
    use time::format_description::well_known::Rfc3339;
    let full = if s.len() == 10 {
        format!("{s}T00:00:00Z")
    } else {
        s.to_owned()
    };
    time::OffsetDateTime::parse(&full, &Rfc3339)
        .map(|t| t.unix_timestamp())
        .map_err(|e| {
            Usage::BadTime {
                value: s.to_owned(),
                why: e.to_string(),
            }
            .into()
        })
}

/// `Some(time)` parsed, or the system clock.
pub(crate) fn now_or(time: Option<&str>) -> Result<i64, Error> {
    match time {
        Some(s) => parse_time(s),
        None => Ok(time::OffsetDateTime::now_utc().unix_timestamp()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_rfc3339() {
        assert_eq!(parse_time("1970-01-02").ok(), Some(86_400));
        assert_eq!(parse_time("1970-01-01T00:01:00Z").ok(), Some(60));
        assert!(matches!(
            parse_time("yesterday"),
            Err(Error::Usage(Usage::BadTime { .. }))
        ));
    }
}
