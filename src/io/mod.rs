//! Files in and out: inputs read with a size limit (or standard input for
//! `-`), outputs written all or nothing.

mod files;
mod input;

pub(crate) use files::{Existing, OutputFile, Secrecy, check_targets, write_all};
pub(crate) use input::{display_name, read_bytes, read_path, read_text};

use crate::report::{Error, Usage};
use std::path::Path;

/// Creates the output directory if it is missing; a file in its place is a
/// usage error.
pub(crate) fn output_directory(dir: &Path) -> Result<(), Error> {
    if dir.exists() && !dir.is_dir() {
        return Err(Usage::OutDirIsFile {
            path: dir.to_path_buf(),
        }
        .into());
    }
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })
}
