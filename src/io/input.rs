//! Reading input files, or standard input for `-`, with a size limit.

use crate::report::{Error, Usage};
use std::io::Read;
use std::path::PathBuf;

/// Largest input file read. A real deployment file is a few kilobytes and a
/// certificate chain a few tens; anything past this is refused with a clear
/// message rather than read into memory.
pub(crate) const MAX_INPUT_BYTES: u64 = 32 * 1024 * 1024;

/// The name errors use for standard input.
pub(crate) const STDIN_NAME: &str = "<stdin>";

/// Reads `path` (or standard input for `-`) as bytes, refusing anything over
/// [`MAX_INPUT_BYTES`]. Returns the display name and the bytes.
pub(crate) fn read_bytes(path: &str) -> Result<(String, Vec<u8>), Error> {
    if path == "-" {
        return read_from(STDIN_NAME.to_owned(), Box::new(std::io::stdin().lock()));
    }
    read_path(std::path::Path::new(path))
}

/// Reads a file whose name need not be UTF-8; the name used in messages
/// shows any other byte as `\xNN`.
pub(crate) fn read_path(path: &std::path::Path) -> Result<(String, Vec<u8>), Error> {
    let file = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    read_from(display_name(path), Box::new(file))
}

/// A path as text: as it is when UTF-8, else every byte outside printable
/// ASCII as `\xNN`.
pub(crate) fn display_name(path: &std::path::Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    if let Some(s) = path.to_str() {
        return s.to_owned();
    }
    path.as_os_str()
        .as_bytes()
        .iter()
        .map(|&b| match b {
            0x20..=0x7e => char::from(b).to_string(),
            _ => format!("\\x{b:02x}"),
        })
        .collect()
}

fn read_from(name: String, reader: Box<dyn Read + '_>) -> Result<(String, Vec<u8>), Error> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read {
            path: PathBuf::from(&name),
            source,
        })?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Usage::TooLarge {
            file: name,
            limit_mib: MAX_INPUT_BYTES / (1024 * 1024),
        }
        .into());
    }
    Ok((name, bytes))
}

/// Reads `path` (or standard input for `-`) as UTF-8 text.
pub(crate) fn read_text(path: &str) -> Result<(String, String), Error> {
    let (name, bytes) = read_bytes(path)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((name, text)),
        Err(e) => Err(Usage::NotUtf8 {
            file: name,
            offset: e.utf8_error().valid_up_to(),
        }
        .into()),
    }
}

/// A file that holds secrets (`pull --credentials`): refused when its
/// group or others can read it, before it is read.
pub(crate) fn read_private_text(path: &str) -> Result<(String, String), Error> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map(|m| m.permissions().mode() & 0o777)
        .map_err(|source| Error::Read {
            path: std::path::PathBuf::from(path),
            source,
        })?;
    if mode & 0o044 != 0 {
        return Err(crate::report::Usage::ExposedCredentials {
            file: path.to_owned(),
            mode,
        }
        .into());
    }
    read_text(path)
}
