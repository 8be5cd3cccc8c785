//! `sancsr generate` output: text and JSON (README, "JSON shapes").

use crate::cisco::{CaKind, Eku};
use crate::pki::generate::{Replaced, Written};
use std::fmt::Write as _;

/// What was written, per certificate.
pub(crate) fn text(written: &[Written]) -> String {
    let mut out = String::new();
    for w in written {
        let key_note = if w.key_reused { " (reused)" } else { "" };
        let _ = match w.eku {
            Eku::ServerAndClient if w.ca == CaKind::Private => {
                writeln!(out, "{} {} ({})", w.role, w.peer, w.key_spec)
            }
            eku => writeln!(
                out,
                "{} {} ({}; {} for {})",
                w.role,
                w.peer,
                w.key_spec,
                eku.title(),
                w.ca
            ),
        };
        let _ = writeln!(out, "  csr  {}", w.csr.display());
        let _ = writeln!(out, "  key  {}{key_note}", w.key.display());
        let _ = writeln!(out, "  SANs {}", w.alternative_names.join(", "));
    }
    out.push_str(
        "\nSend each .csr to your CA; keep each .key private (mode 0600). After uploading a \
         new server certificate, restart the Expressway: it takes effect only then.\n",
    );
    out
}

/// `{ "certificates": [ { "role", "peer", "eku", "ca", "csr", "key", "key_reused", "alternative_names" } ] }`.
pub(crate) fn json(written: &[Written]) -> String {
    #[derive(serde::Serialize)]
    struct Generated<'a> {
        certificates: &'a [Written],
    }
    super::json(&Generated {
        certificates: written,
    })
}

/// One line per private key `--force` replaced, naming where the old one
/// was kept.
pub(crate) fn replaced(replaced: &[Replaced]) -> String {
    let mut out = String::new();
    for r in replaced {
        let _ = match &r.backup {
            Some(backup) => writeln!(
                out,
                "warning: replaced the private key {}; the old key is kept as {} (0600)",
                r.key.display(),
                backup.display()
            ),
            None => writeln!(
                out,
                "warning: replaced the private key {} without a backup: the old key is gone",
                r.key.display()
            ),
        };
    }
    out
}
