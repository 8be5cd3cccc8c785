//! Fuzz target: `sancsr::fuzzing::names` checks the name rule against an
//! independent statement of it; here, every name sancsr accepts must also
//! be a DNS name for rustls-webpki's parser (pki-types' `DnsName`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    sancsr::fuzzing::names(data);
    if let Ok(name) = std::str::from_utf8(data)
        && sancsr::fuzzing::reference_name_rule(name, 1)
    {
        assert!(
            rustls_pki_types::DnsName::try_from(name).is_ok(),
            "webpki refuses {name:?}"
        );
    }
});
