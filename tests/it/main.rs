//! Integration tests: each runs the `sancsr` binary as a user does. One test
//! binary, so the suite links once.

#![allow(dead_code)]

mod browser;
mod bundle;
mod certreq;
mod chains;
mod check;
mod codes;
mod common;
mod differential;
mod ecosystem;
mod errors;
mod estate;
mod faults;
mod fidelity;
mod findings;
mod fuzz_regressions;
mod generate;
mod import;
mod import_xconf;
mod injection;
mod links;
mod manners;
mod pki;
mod plan;
mod platform;
mod probe;
mod pull;
mod reissue;
mod report;
mod safety;
mod sarif;
mod servers;
mod snapshots;
mod sunset;
mod trust;
mod verdicts;
