//! Ctrl-C, SIGTERM and SIGHUP during the write phase: the run stops at the
//! next step, removes its temporary files and puts back what `--force`
//! replaced, instead of dying half-way. Registered only while a run writes;
//! at any other time the signals keep their default effect.

use crate::report::Error;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::{SigId, flag, low_level};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The signals caught, while it lives.
#[derive(Debug)]
pub(crate) struct Interrupts {
    signal: Arc<AtomicUsize>,
    ids: Vec<SigId>,
}

impl Interrupts {
    /// Starts catching SIGINT, SIGTERM and SIGHUP.
    pub(crate) fn catch() -> Result<Interrupts, Error> {
        let signal = Arc::new(AtomicUsize::new(0));
        let mut ids = Vec::new();
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            let value = usize::try_from(sig).unwrap_or(0);
            let id = flag::register_usize(sig, Arc::clone(&signal), value)
                .map_err(|e| Error::Crypto(format!("cannot catch signal {sig}: {e}")))?;
            ids.push(id);
        }
        Ok(Interrupts { signal, ids })
    }

    /// The signal that arrived, if one did.
    pub(crate) fn caught(&self) -> Option<i32> {
        match self.signal.load(Ordering::SeqCst) {
            0 => None,
            sig => i32::try_from(sig).ok(),
        }
    }

    /// `Err` once a signal has arrived: the caller stops and undoes.
    pub(crate) fn check(&self) -> Result<(), Error> {
        match self.caught() {
            Some(signal) => Err(Error::Interrupted { signal }),
            None => Ok(()),
        }
    }
}

impl Drop for Interrupts {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            low_level::unregister(id);
        }
    }
}
