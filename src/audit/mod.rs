//! Audits of what the CA sent back and what the Expressway will trust:
//! `check` ([`check`]), `trust` ([`trust`]), `reissue` ([`reissue`]).

pub(crate) mod bundle;
pub(crate) mod chain;
pub(crate) mod check;
pub(crate) mod clock;
pub(crate) mod expiry;
mod explain;
pub(crate) mod folders;
pub(crate) mod links;
mod matching;
mod names;
mod node;
pub(crate) mod platform;
pub(crate) mod pool;
pub(crate) mod reissue;
mod renewal;
pub(crate) mod trust;
mod walk;
