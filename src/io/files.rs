//! Writing output files safely: all or nothing, private keys never readable
//! by others, nothing overwritten without `--force`.
//!
//! Every file is first written in full to a temporary file in the target
//! directory (created with its final mode: 0600 for keys, so a key is never
//! readable by group or other at any moment) and flushed to disk. Only when
//! every file is staged are they moved into place: without `--force` by a
//! no-clobber link (an existing file is never replaced, even one that
//! appeared a moment ago), with `--force` by an atomic rename, the replaced
//! file kept until the run ends. A failure before that step leaves the
//! directory as it was; a failure while moving removes the files this run
//! had put in place (checked by inode, so never another run's) and puts back
//! what `--force` replaced.

use crate::report::{Error, Usage};
use std::fs::Permissions;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Mode of private key files.
pub(crate) const KEY_MODE: u32 = 0o600;
/// Mode of CSRs and other public files (before the umask).
pub(crate) const PUBLIC_MODE: u32 = 0o644;

/// Whether a file holds a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Secrecy {
    /// A private key: mode 0600 from the first byte.
    Secret,
    /// Anything else: 0644 before the umask.
    Public,
}

/// What to do with a target that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Existing {
    /// Refuse the run (the default).
    Refuse,
    /// Replace it atomically (`--force`).
    Replace,
}

/// A file to write.
#[derive(Debug, Clone)]
pub(crate) struct OutputFile {
    /// Final path.
    pub path: PathBuf,
    /// Content.
    pub contents: Vec<u8>,
    /// Whether it holds a private key.
    pub secrecy: Secrecy,
}

/// Refuses, before any work, targets that exist (unless replaced) or that
/// are directories (always).
pub(crate) fn check_targets(paths: &[PathBuf], existing: Existing) -> Result<(), Error> {
    let mut found = Vec::new();
    for path in paths {
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_dir() => {
                return Err(Usage::TargetIsDirectory { path: path.clone() }.into());
            }
            Ok(_) if existing == Existing::Refuse => found.push(path.clone()),
            _ => {}
        }
    }
    if found.is_empty() {
        Ok(())
    } else {
        Err(Usage::TargetsExist { paths: found }.into())
    }
}

/// A file this run put in place: its identity (so that a rollback removes
/// only what this run created, never a file another run put there since),
/// and the file it replaced, kept under a hidden name until the run ends.
struct Placed<'a> {
    path: &'a Path,
    identity: Option<Identity>,
    kept: Option<PathBuf>,
}

/// What tells one file from another at the same path: device and inode
/// (an inode is reused once its file is removed, so the change time and
/// the size too).
type Identity = (u64, u64, i64, i64, u64);

/// The identity of a path, without following a link.
fn identity(path: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(path)
        .ok()
        .map(|m| (m.dev(), m.ino(), m.ctime(), m.ctime_nsec(), m.size()))
}

/// Writes every file, or none (see the module documentation). With
/// [`Existing::Replace`], each replaced file is kept (hard-linked under a
/// hidden name) until every file is in place: a failure puts them back.
///
/// `step` is asked before each file is staged and each is placed (with the
/// number of files placed so far); an `Err` from it stops the run, which
/// then undoes everything (a signal, see [`super::Interrupts`]).
pub(crate) fn write_all(
    files: &[OutputFile],
    existing: Existing,
    step: &dyn Fn(usize) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut staged = Vec::with_capacity(files.len());
    for file in files {
        step(0)?;
        staged.push(stage(file)?);
    }
    let mut placed: Vec<Placed<'_>> = Vec::new();
    for (n, (temp, file)) in staged.into_iter().zip(files).enumerate() {
        match step(n).and_then(|()| place(temp, file, existing)) {
            Ok(p) => placed.push(p),
            Err(e) => {
                roll_back(&placed);
                return Err(e);
            }
        }
    }
    for p in &placed {
        if let Some(kept) = &p.kept {
            let _ = std::fs::remove_file(kept);
        }
    }
    for dir in directories(files) {
        // Make the renames durable; a failure here loses nothing written.
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// Moves one staged file into place, keeping what it replaces.
fn place<'a>(
    temp: tempfile::NamedTempFile,
    file: &'a OutputFile,
    existing: Existing,
) -> Result<Placed<'a>, Error> {
    let write_error = |source| Error::Write {
        path: file.path.clone(),
        source,
    };
    let kept = match existing {
        Existing::Replace if file.path.exists() => {
            let kept = kept_path(&file.path);
            std::fs::hard_link(&file.path, &kept).map_err(write_error)?;
            Some(kept)
        }
        _ => None,
    };
    let result = match existing {
        Existing::Replace => temp.persist(&file.path).map(drop),
        Existing::Refuse => temp.persist_noclobber(&file.path).map(drop),
    };
    if let Err(e) = result {
        if let Some(kept) = &kept {
            let _ = std::fs::remove_file(kept);
        }
        return Err(write_error(e.error));
    }
    Ok(Placed {
        path: &file.path,
        identity: identity(&file.path),
        kept,
    })
}

/// Where a replaced file is kept until the run ends: `.sancsr-kept-<name>`
/// beside it, so that after a SIGKILL it can be found and put back by hand.
/// One left by a killed run is never overwritten: `-2`, `-3`… follow.
fn kept_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (1..)
        .map(|n| match n {
            1 => parent(path).join(format!(".sancsr-kept-{name}")),
            _ => parent(path).join(format!(".sancsr-kept-{name}-{n}")),
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| parent(path).join(".sancsr-kept"))
}

/// Under the directory lock no other run is writing, so temporary files
/// (`.sancsr-*.tmp`) are proven abandoned and removed; files a killed
/// `--force` run had replaced (`.sancsr-kept-*`) are private keys and CSRs:
/// they are reported, never removed. Returns a note, when there is one.
pub(crate) fn remove_stale(dir: &Path) -> Option<String> {
    let mut removed = 0;
    let mut kept = Vec::new();
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(".sancsr-kept-") {
            kept.push(name);
        } else if name.starts_with(".sancsr-")
            && name.ends_with(".tmp")
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    let mut note = String::new();
    if removed > 0 {
        note.push_str(&format!(
            "note: removed {removed} temporary file(s) an interrupted run left in {}\n",
            dir.display()
        ));
    }
    if !kept.is_empty() {
        kept.sort();
        note.push_str(&format!(
            "warning: a killed run that replaced files left the old versions in {}: {}; each is \
             the old version of the file named after .sancsr-kept-: compare, and rename back \
             the ones to keep\n",
            dir.display(),
            kept.join(", ")
        ));
    }
    (!note.is_empty()).then_some(note)
}

/// Undoes a run's moves, newest first: removes each file this run placed,
/// if it is still the one it placed, and puts back what it replaced.
fn roll_back(placed: &[Placed<'_>]) {
    for p in placed.iter().rev() {
        if p.identity.is_some() && identity(p.path) == p.identity {
            let _ = std::fs::remove_file(p.path);
        }
        if let Some(kept) = &p.kept {
            let _ = std::fs::rename(kept, p.path);
        }
    }
}

fn stage(file: &OutputFile) -> Result<tempfile::NamedTempFile, Error> {
    let dir = parent(&file.path);
    let write_error = |source| Error::Write {
        path: file.path.clone(),
        source,
    };
    let mode = match file.secrecy {
        Secrecy::Secret => KEY_MODE,
        Secrecy::Public => PUBLIC_MODE,
    };
    // tempfile names its own file in the error ("… at path .sancsr-….tmp");
    // the user knows the target, so the OS's reason alone is kept.
    let mut temp = tempfile::Builder::new()
        .prefix(".sancsr-")
        .suffix(".tmp")
        .permissions(Permissions::from_mode(mode))
        .tempfile_in(&dir)
        .map_err(|e| write_error(without_temporary_path(e)))?;
    temp.write_all(&file.contents)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(write_error)?;
    Ok(temp)
}

/// The OS's error inside tempfile's "… at path <temporary file>".
fn without_temporary_path(e: std::io::Error) -> std::io::Error {
    let code = e
        .get_ref()
        .and_then(|inner| inner.source())
        .and_then(|source| source.downcast_ref::<std::io::Error>())
        .and_then(std::io::Error::raw_os_error)
        .or_else(|| e.raw_os_error());
    match code {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => std::io::Error::from(e.kind()),
    }
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn directories(files: &[OutputFile]) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = files.iter().map(|f| parent(&f.path)).collect();
    dirs.sort();
    dirs.dedup();
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A write error names the file the user asked for, never the
    /// temporary file beside it (#25).
    #[test]
    fn write_errors_name_the_target_not_the_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir
            .path()
            .join("missing-folder")
            .join("expe1.example.com.key");
        let Err(err) = stage(&file(target.clone(), true)) else {
            panic!("a folder that does not exist cannot hold the file");
        };
        let text = err.to_string();
        assert!(text.contains("expe1.example.com.key"), "{text}");
        assert!(!text.contains(".sancsr-"), "{text}");
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn file(path: PathBuf, secret: bool) -> OutputFile {
        OutputFile {
            path,
            contents: b"content\n".to_vec(),
            secrecy: if secret {
                Secrecy::Secret
            } else {
                Secrecy::Public
            },
        }
    }

    #[test]
    fn a_failure_on_the_third_of_four_files_leaves_nothing() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let files = [
            file(dir.path().join("a.key"), true),
            file(dir.path().join("a.csr"), false),
            // Its directory does not exist: staging fails here.
            file(dir.path().join("missing/b.key"), true),
            file(dir.path().join("b.csr"), false),
        ];
        let err = write_all(&files, Existing::Refuse, &|_| Ok(())).unwrap_err();
        assert!(matches!(err, Error::Write { .. }), "{err}");
        assert!(listing(dir.path()).is_empty(), "{:?}", listing(dir.path()));
    }

    #[test]
    fn a_file_appearing_after_the_check_is_not_clobbered_and_the_run_is_undone() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        std::fs::write(dir.path().join("b.csr"), "theirs").expect("write");
        let files = [
            file(dir.path().join("a.key"), true),
            file(dir.path().join("b.csr"), false),
        ];
        assert!(write_all(&files, Existing::Refuse, &|_| Ok(())).is_err());
        assert_eq!(listing(dir.path()), ["b.csr"]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("b.csr")).expect("read"),
            "theirs"
        );
    }

    #[test]
    fn a_forced_run_that_fails_puts_back_what_it_replaced() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        std::fs::write(dir.path().join("a.key"), "old a").expect("write");
        std::fs::write(dir.path().join("b.csr"), "old b").expect("write");
        // A non-empty directory where the third file goes: the rename fails.
        std::fs::create_dir(dir.path().join("c.key")).expect("mkdir");
        std::fs::write(dir.path().join("c.key/x"), "x").expect("write");
        let files = [
            file(dir.path().join("a.key"), true),
            file(dir.path().join("b.csr"), false),
            file(dir.path().join("c.key"), true),
        ];
        assert!(write_all(&files, Existing::Replace, &|_| Ok(())).is_err());
        let read = |n: &str| std::fs::read_to_string(dir.path().join(n)).expect("read");
        assert_eq!(
            (read("a.key"), read("b.csr")),
            ("old a".into(), "old b".into())
        );
        assert_eq!(listing(dir.path()), ["a.key", "b.csr", "c.key"]);
    }

    #[test]
    fn a_rollback_leaves_another_runs_file_alone() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let ours = file(dir.path().join("a.key"), true);
        let placed = place(stage(&ours).expect("staged"), &ours, Existing::Refuse).expect("placed");
        // Another run replaces the file before this one rolls back.
        std::fs::remove_file(dir.path().join("a.key")).expect("rm");
        std::fs::write(dir.path().join("a.key"), "theirs").expect("write");
        roll_back(&[placed]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.key")).expect("read"),
            "theirs"
        );
    }

    #[test]
    fn keys_are_0600_and_force_replaces() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let key = dir.path().join("a.key");
        std::fs::write(&key, "old").expect("write");
        write_all(&[file(key.clone(), true)], Existing::Replace, &|_| Ok(())).expect("written");
        assert_eq!(std::fs::read_to_string(&key).expect("read"), "content\n");
        let mode = std::fs::metadata(&key).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, KEY_MODE);
        assert_eq!(listing(dir.path()), ["a.key"]);
    }

    #[test]
    fn check_targets_refuses_existing_files_and_directories() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let existing = dir.path().join("x.csr");
        std::fs::write(&existing, "x").expect("write");
        let err = check_targets(std::slice::from_ref(&existing), Existing::Refuse).unwrap_err();
        assert!(
            matches!(&err, Error::Usage(Usage::TargetsExist { paths }) if paths == std::slice::from_ref(&existing)),
            "{err}"
        );
        assert!(check_targets(std::slice::from_ref(&existing), Existing::Replace).is_ok());
        let sub = dir.path().join("d.key");
        std::fs::create_dir(&sub).expect("mkdir");
        assert!(check_targets(&[sub], Existing::Replace).is_err());
    }
}
