//! One writer per output directory: an exclusive lock (flock) on the
//! directory itself for the whole write phase, so that two runs never
//! leave one run's key next to the other's CSR. Locking the directory, not
//! a lock file, leaves nothing behind and cannot be defeated by removing a
//! file.

use crate::report::{Error, Usage};
use std::fs::{File, TryLockError};
use std::path::Path;

/// Held while a run writes; released when dropped (or when the process
/// ends, however it ends).
#[derive(Debug)]
pub(crate) struct DirectoryLock(#[allow(dead_code)] File);

/// What to do when another run holds the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Contention {
    /// Wait for it (`--wait`), with a note.
    Wait,
    /// Refuse the run at once.
    Refuse,
}

/// Locks `dir`; the note says the run waited.
pub(crate) fn lock_directory(
    dir: &Path,
    contention: Contention,
) -> Result<(DirectoryLock, Option<String>), Error> {
    let write_error = |source| Error::Write {
        path: dir.to_path_buf(),
        source,
    };
    let file = File::open(dir).map_err(write_error)?;
    match file.try_lock() {
        Ok(()) => Ok((DirectoryLock(file), None)),
        Err(TryLockError::WouldBlock) if contention == Contention::Wait => {
            file.lock().map_err(write_error)?;
            let note = format!(
                "note: waited for another sancsr run writing to {}\n",
                dir.display()
            );
            Ok((DirectoryLock(file), Some(note)))
        }
        Err(TryLockError::WouldBlock) => Err(Usage::DirectoryBusy {
            dir: dir.to_path_buf(),
        }
        .into()),
        Err(TryLockError::Error(e)) => Err(write_error(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_or_waits() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let (held, note) = lock_directory(dir.path(), Contention::Refuse).expect("locked");
        assert!(note.is_none());
        let err = lock_directory(dir.path(), Contention::Refuse).unwrap_err();
        assert!(
            matches!(err, Error::Usage(Usage::DirectoryBusy { .. })),
            "{err}"
        );
        let path = dir.path().to_path_buf();
        let waiter = std::thread::spawn(move || lock_directory(&path, Contention::Wait));
        std::thread::sleep(std::time::Duration::from_millis(50));
        drop(held);
        let (_, note) = waiter
            .join()
            .expect("thread")
            .expect("locked after waiting");
        assert!(
            note.expect("note")
                .contains("waited for another sancsr run")
        );
    }
}
