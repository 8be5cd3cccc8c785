//! The name rule: never panics, and what it accepts is plain ASCII of the
//! allowed shape.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sancsr::names::{NameKind, check_name};

fuzz_target!(|data: &[u8]| {
    let Ok(name) = std::str::from_utf8(data) else {
        return;
    };
    for kind in [NameKind::Host, NameKind::PhoneSecurityProfile] {
        match check_name(name, kind) {
            Ok(()) => {
                assert!(name.len() <= 253);
                assert!(name.split('.').all(|l| !l.is_empty() && l.len() <= 63));
                assert!(
                    name.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
                );
            }
            Err(e) => {
                // Every refusal explains itself.
                assert!(!e.rule().is_empty());
                assert!(!e.fix(name).is_empty());
            }
        }
    }
});
