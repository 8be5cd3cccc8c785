//! Files in and out: inputs read with a size limit (or standard input for
//! `-`), outputs written all or nothing.

mod files;
mod input;

pub(crate) use files::{Existing, OutputFile, Secrecy, check_targets, write_all};
pub(crate) use input::{read_bytes, read_text};
