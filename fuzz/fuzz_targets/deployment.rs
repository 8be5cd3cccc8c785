//! Arbitrary bytes as a deployment file: loading, planning and every
//! renderer must never panic, and a plan must keep its invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sancsr::deployment::Deployment;
use sancsr::names::{NameKind, check_name};
use sancsr::plan::{EntryKind, Plan};
use sancsr::render;
use std::collections::HashSet;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(deployment) = Deployment::parse("fuzz.toml", text) else {
        return;
    };
    let plan = Plan::build(&deployment);
    for c in &plan.certificates {
        let mut seen = HashSet::new();
        for e in &c.entries {
            // SPEC §2: no name twice, ignoring case.
            assert!(seen.insert(e.shown().to_ascii_lowercase()), "duplicate {}", e.shown());
            if e.format == EntryKind::Dns {
                // Derived names (collab-edge.) may be refused, but are then
                // reported as a finding.
                if check_name(&e.value, NameKind::Host).is_err() {
                    assert!(plan.findings.iter().any(|f| f.code == "invalid-derived-name"));
                }
            }
        }
    }
    let _ = render::plan::text(&plan, render::style::Paint::PLAIN);
    let _ = render::plan::json(&plan);
    let _ = render::plan::grid(&plan);
    let _ = render::plan::markdown(&plan);
});
