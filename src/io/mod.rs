//! Files in and out: inputs read with a size limit (or standard input for
//! `-`), outputs written all or nothing.

mod files;
mod input;
mod interrupt;
mod lock;

pub(crate) use files::{Existing, OutputFile, Secrecy, check_targets, remove_stale, write_all};
pub(crate) use input::{display_name, read_bytes, read_path, read_private_text, read_text};
pub(crate) use interrupt::Interrupts;
pub(crate) use lock::{Contention, lock_directory};

use crate::report::{Error, Usage};
use std::path::Path;

/// Creates the output directory if it is missing, 0700 whatever the umask
/// (anyone who can write there could swap a CSR before it goes to the CA);
/// a file in its place is a usage error. An existing directory writable by
/// group or others gets a warning.
pub(crate) fn output_directory(dir: &Path) -> Result<Option<String>, Error> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.exists() && !dir.is_dir() {
        return Err(Usage::OutDirIsFile {
            path: dir.to_path_buf(),
        }
        .into());
    }
    if dir.is_dir() {
        return Ok(mode_warning(dir, 0o022, "writable").map(|w| {
            format!(
                "{w}: anyone who can write there can swap a CSR before it goes to the CA; \
                 chmod go-w it\n"
            )
        }));
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })?;
    Ok(None)
}

/// As [`output_directory`], for a folder sancsr names itself inside the
/// output directory (an estate's peer folder): a symbolic link there is
/// refused, or `--force` would replace files wherever it points.
pub(crate) fn own_directory(dir: &Path) -> Result<Option<String>, Error> {
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Error::Write {
            path: dir.to_path_buf(),
            source: std::io::Error::other(
                "is a symbolic link: sancsr writes only into real folders",
            ),
        });
    }
    output_directory(dir)
}

/// A warning when a private key file is readable by group or others.
pub(crate) fn exposed_key_warning(path: &Path) -> Option<String> {
    mode_warning(path, 0o044, "readable").map(|w| format!("{w}: chmod 600 it\n"))
}

/// "warning: PATH is ACCESS by anyone|its group (mode NNN)" when the mode
/// has a bit of `mask` (the group and other bits of one kind).
fn mode_warning(path: &Path, mask: u32, access: &str) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & mask != 0).then(|| {
        let who = if mode & mask & 0o007 != 0 {
            "anyone"
        } else {
            "its group"
        };
        format!(
            "warning: {} is {access} by {who} (mode {:o})",
            path.display(),
            mode & 0o777
        )
    })
}
