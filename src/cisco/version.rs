//! Expressway releases (`X15.5`, `X14.3.1`), ordered, so that policy can say
//! "from X14.3".

use std::fmt;

/// An Expressway version such as X15.5 or X14.3.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// X**15**.5
    pub major: u32,
    /// X15.**5**
    pub minor: u32,
    /// X14.3.**1**
    pub patch: u32,
}

impl Version {
    /// Builds a version.
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// Parses `X15.5`, `x14.3.1` or `15.5`.
    pub fn parse(s: &str) -> Option<Version> {
        let digits = s.strip_prefix(['X', 'x']).unwrap_or(s);
        let mut parts = digits.split('.');
        let mut next = |required: bool| -> Option<u32> {
            match parts.next() {
                Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => p.parse().ok(),
                Some(_) => None,
                None if required => None,
                None => Some(0),
            }
        };
        let v = Version::new(next(true)?, next(true)?, next(false)?);
        parts.next().is_none().then_some(v)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.patch == 0 {
            write!(f, "X{}.{}", self.major, self.minor)
        } else {
            write!(f, "X{}.{}.{}", self.major, self.minor, self.patch)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        let cases = [
            ("X15.5", Some(Version::new(15, 5, 0))),
            ("x14.3.1", Some(Version::new(14, 3, 1))),
            ("15.5", Some(Version::new(15, 5, 0))),
            ("X15", None),
            ("X15.5.1.2", None),
            ("X15.a", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(Version::parse(text), expected, "{text}");
        }
        assert!(Version::new(14, 3, 0) > Version::new(14, 2, 9));
        assert_eq!(Version::new(14, 3, 1).to_string(), "X14.3.1");
    }
}
