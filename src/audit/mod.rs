//! Audits of what the CA sent back and what the Expressway will trust:
//! `check` ([`check`]), `trust` ([`trust`]), `reissue` ([`reissue`]).

pub(crate) mod chain;
pub(crate) mod check;
pub(crate) mod clock;
mod names;
pub(crate) mod reissue;
pub(crate) mod trust;
