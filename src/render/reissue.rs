//! `sancsr reissue` output: text and JSON (README, "JSON shapes").

use crate::audit::reissue::Comparison;
use crate::cisco::Eku;
use crate::cisco::reissue::RESTART_NOTE;
use std::fmt::Write as _;

/// Per certificate: the verdict, the names added and removed, and why; then
/// the restart reminder.
pub(crate) fn text(c: &Comparison) -> String {
    let mut out = String::new();
    for v in &c.certificates {
        let verdict = if v.reissue {
            "new certificate needed"
        } else if v.reasons.is_empty() {
            "no change"
        } else {
            "no longer needed"
        };
        let which = match v.eku {
            Eku::ServerAndClient => String::new(),
            eku => format!(" ({} certificate)", eku.title()),
        };
        let _ = writeln!(out, "{} {}{which}: {verdict}", v.role, v.peer);
        if v.reissue || !v.reasons.is_empty() {
            for name in &v.added {
                let _ = writeln!(out, "  + {name}");
            }
            for name in &v.removed {
                let _ = writeln!(out, "  - {name}");
            }
            for r in &v.reasons {
                let _ = writeln!(out, "  because {}", r.message);
            }
        }
    }
    for v in &c.platform {
        let verdict = if v.reissue {
            "new certificate needed"
        } else {
            "no change"
        };
        let _ = writeln!(out, "{}: {verdict}", v.label);
        for name in &v.added {
            let _ = writeln!(out, "  + {name}");
        }
        for name in &v.removed {
            let _ = writeln!(out, "  - {name}");
        }
    }
    if !c.findings.is_empty() {
        out.push('\n');
        out.push_str(&super::findings_text(
            &c.findings,
            crate::render::style::Paint::PLAIN,
        ));
    }
    if c.restart_required {
        let _ = writeln!(out, "\n{RESTART_NOTE}");
    } else {
        out.push_str("\nNo certificate needs to be replaced.\n");
    }
    out
}

/// `{ "certificates": [ { "role", "peer", "reissue", "added", "removed", "reasons" } ], "restart_required" }`.
pub(crate) fn json(c: &Comparison) -> String {
    super::json(c)
}
