//! The checks behind the fuzz targets (`fuzz/`), shared with the regression
//! test that replays saved inputs, so CI runs the same assertions without
//! libFuzzer.
#![doc(hidden)]

use crate::cisco::SanKind;
use crate::model::{Deployment, HostName, NameKind};
use crate::plan::Plan;
use crate::render;
use crate::report::Code;
use std::collections::HashSet;

/// Arbitrary bytes as a deployment file: loading, planning and every
/// renderer never panic, and a plan keeps its invariants.
pub fn deployment(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(deployment) = Deployment::parse("fuzz.toml", text) else {
        return;
    };
    let plan = Plan::build(&deployment);
    for c in &plan.certificates {
        // What the page values give is exactly what the plan shows.
        let preview = crate::plan::preview(&c.typed(), &c.box_facts()).expect("page values");
        let planned: Vec<&crate::model::AltName> = c.entries.iter().map(|e| &e.name).collect();
        assert_eq!(preview.iter().collect::<Vec<_>>(), planned, "{}", c.peer);
        let mut seen = HashSet::new();
        for e in &c.entries {
            // No name twice, ignoring case.
            assert!(seen.insert(&e.name), "duplicate {e}");
            // Derived names (collab-edge.…) may break the rule; the plan
            // then says so.
            if e.name.kind == SanKind::Dns
                && HostName::parse(&e.name.value, NameKind::Host).is_err()
            {
                assert!(
                    plan.findings
                        .iter()
                        .any(|f| f.code == Code::InvalidDerivedName)
                );
            }
        }
    }
    let _ = render::plan::text(&plan, render::style::Paint::PLAIN);
    let _ = render::plan::json(&plan);
    let _ = render::plan::grid(&plan);
    let _ = render::plan::markdown(&plan);
}

/// The name rule never panics; what it accepts has the allowed shape, and
/// every refusal explains itself.
pub fn names(data: &[u8]) {
    let Ok(name) = std::str::from_utf8(data) else {
        return;
    };
    for kind in [NameKind::Host, NameKind::PhoneSecurityProfile] {
        match HostName::parse(name, kind) {
            Ok(_) => {
                assert!(name.len() <= 253);
                assert!(name.split('.').all(|l| !l.is_empty() && l.len() <= 63));
                assert!(
                    name.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
                );
            }
            Err(e) => {
                assert!(!e.rule().is_empty());
                assert!(!e.fix(name).is_empty());
            }
        }
    }
}

/// Arbitrary bytes as a certificate or CSR file: read or refused, never a
/// panic; what is read renders.
pub fn x509(data: &[u8]) {
    if let Ok(contents) = crate::pki::parse_bytes("fuzz.der", data) {
        assert!(!contents.documents.is_empty());
        let _ = render::inspect::text(std::slice::from_ref(&contents));
        let _ = render::inspect::json(&[contents]);
    }
}

/// Arbitrary bytes wrapped as PEM certificate and CSR blocks (by the pem
/// crate), so the DER parsers behind the PEM decoder are reached.
pub fn x509_pem(data: &[u8]) {
    for label in ["CERTIFICATE", "CERTIFICATE REQUEST"] {
        let text = pem::encode(&pem::Pem::new(label, data.to_vec()));
        if let Ok(contents) = crate::pki::parse_bytes("fuzz.pem", text.as_bytes()) {
            let _ = render::inspect::json(&[contents]);
        }
    }
}
