//! `sancsr pull` output: per host, the files written or why none; and the
//! manifest of what was received (README, "JSON shapes").

use crate::pull::Pulled;
use crate::render::escape;
use serde::Serialize;
use std::fmt::Write as _;

/// One line per host: the files written, or the failure.
pub(crate) fn text(pulled: &[Pulled], written: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (p, files) in pulled.iter().zip(written) {
        match &p.result {
            Ok(fetched) => {
                let parts: Vec<String> = fetched
                    .iter()
                    .map(|f| format!("{}.pem ({} certificate(s))", f.stem, f.certificates.len()))
                    .collect();
                let _ = writeln!(out, "{}: wrote {}", p.target.host, parts.join(", "));
                debug_assert_eq!(files.len(), fetched.len());
            }
            Err(why) => {
                let _ = writeln!(out, "{}: FAILED: {}", p.target.host, escape(why));
            }
        }
    }
    let failed = pulled.iter().filter(|p| p.result.is_err()).count();
    let _ = writeln!(
        out,
        "{} host(s) read, {failed} failed",
        pulled.len() - failed
    );
    out
}

#[derive(Serialize)]
struct JsonHost<'a> {
    host: &'a str,
    party: &'static str,
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    files: &'a [String],
}

/// `{ "ok", "hosts": [ { "host", "party", "ok", "error"?, "files" } ] }`.
pub(crate) fn json(pulled: &[Pulled], written: &[Vec<String>]) -> String {
    let hosts: Vec<JsonHost<'_>> = pulled
        .iter()
        .zip(written)
        .map(|(p, files)| JsonHost {
            host: p.target.host.as_str(),
            party: p.target.party.key(),
            ok: p.result.is_ok(),
            error: p.result.as_ref().err().map(|e| escape(e).into_owned()),
            files,
        })
        .collect();
    super::json(
        &serde_json::json!({ "ok": pulled.iter().all(|p| p.result.is_ok()), "hosts": hosts }),
    )
}

#[derive(Serialize)]
struct ManifestFile<'a> {
    file: &'a str,
    host: &'a str,
    endpoint: &'a str,
    time: &'a str,
    sha256: &'a str,
}

/// The manifest: per file written, the host, the API path, the time of the
/// run and the SHA-256 of the body received; then each host's outcome.
pub(crate) fn manifest(pulled: &[Pulled], written: &[Vec<String>], time: &str) -> String {
    let mut files = Vec::new();
    for (p, paths) in pulled.iter().zip(written) {
        if let Ok(fetched) = &p.result {
            for (f, path) in fetched.iter().zip(paths) {
                files.push(ManifestFile {
                    file: path,
                    host: p.target.host.as_str(),
                    endpoint: f.endpoint,
                    time,
                    sha256: &f.received_sha256,
                });
            }
        }
    }
    let failed: Vec<serde_json::Value> = pulled
        .iter()
        .filter_map(|p| {
            p.result
                .as_ref()
                .err()
                .map(|e| serde_json::json!({ "host": p.target.host.as_str(), "error": escape(e) }))
        })
        .collect();
    super::json(&serde_json::json!({ "pulled_at": time, "files": files, "failed": failed }))
}
