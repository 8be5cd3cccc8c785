//! Errors in the words of the command line: the library's errors carry
//! data; this names the flag each one is about, and draws it.

use crate::render;
use crate::report::{Error, Usage, join_paths};

/// `--allow CODE`: a code whose warnings and infos may be accepted, or why
/// not, in the command line's words (clap exits 2 with it).
pub(super) fn allow_code(value: &str) -> Result<crate::report::Code, String> {
    use crate::report::{Allowance, Refusal};
    Allowance::code(value).map_err(|refusal| match refusal {
        Refusal::Unknown {
            suggestion: Some(code),
        } => format!("unknown finding code; did you mean \"{code}\"? (sancsr rules lists them)"),
        Refusal::Unknown { suggestion: None } => {
            "unknown finding code (sancsr rules lists them)".to_owned()
        }
        Refusal::AlwaysError(code) => format!(
            "\"{code}\" is always an error and cannot be allowed: {} Fix what it says instead",
            code.rule().summary
        ),
    })
}

/// The fix of a finding whose remedy is a flag, in the command line's
/// words (the library's finding says what to do without naming it).
pub(super) fn flag_fix(code: crate::report::Code) -> Option<&'static str> {
    use crate::report::Code;
    Some(match code {
        Code::TrustNotChecked => "give --ca with the CA certificates the other side trusts",
        Code::KeyNotFound => {
            "give --key-dir the folder that holds the key of the CSR this certificate was issued \
             for"
        }
        Code::NotChecked => {
            "drop it in the host's folder (`sancsr links DEPLOYMENT DIR --init` writes what goes \
             where)"
        }
        Code::CertreqNoOthername | Code::CfsslNoOthername => {
            "use --to openssl, or sancsr generate, and submit that CSR; or choose the DNS format"
        }
        Code::ExpiresSoon => "renew it now (--warn-days sets how early this warns)",
        Code::CertreqNoTemplate => {
            "give --template (and --client-template for X15.5 client certificates) the AD CS \
             template that issues serverAuth and clientAuth (see the README)"
        }
        _ => return None,
    })
}

/// The error, drawn for standard error.
pub(super) fn render(e: &Error, color: bool) -> String {
    match e {
        Error::Input(errors) => render::errors::input(errors, color),
        Error::Findings { findings } | Error::ResponseFindings { findings } => {
            render::errors::findings(findings, &e.to_string(), color)
        }
        Error::Usage(usage) => render::errors::title(&usage_message(usage), color),
        other => render::errors::title(&other.to_string(), color),
    }
}

/// One error for JSON output.
#[derive(serde::Serialize)]
struct JsonError {
    /// The finding code, for an error finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<crate::report::Code>,
    message: String,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    rule: Option<String>,
    fix: Option<String>,
}

/// `{ "ok": false, "errors": [ { "message", "file", "line", "column",
/// "rule", "fix" } ] }`, so that scripts never parse prose.
pub(super) fn json(e: &Error) -> String {
    let errors: Vec<JsonError> = match e {
        Error::Input(input) => input
            .diagnostics
            .iter()
            .map(|d| {
                let (line, column) = d
                    .span
                    .as_ref()
                    .map(|s| input.source.line_col(s.start))
                    .unzip();
                JsonError {
                    code: None,
                    message: d.problem.message(),
                    file: Some(input.source.name.clone()),
                    line,
                    column,
                    rule: Some(d.problem.rule()),
                    fix: Some(d.problem.fix()),
                }
            })
            .collect(),
        Error::Findings { findings } | Error::ResponseFindings { findings } => findings
            .iter()
            .filter(|f| f.severity == crate::report::Severity::Error)
            .map(finding_error)
            .collect(),
        other => vec![JsonError {
            code: None,
            message: match other {
                Error::Usage(usage) => usage_message(usage),
                _ => other.to_string(),
            },
            file: match other {
                Error::Read { path, .. } | Error::Write { path, .. } => {
                    Some(path.display().to_string())
                }
                Error::Unreadable { file, .. } => Some(file.clone()),
                _ => None,
            },
            line: None,
            column: None,
            rule: None,
            fix: None,
        }],
    };
    match e {
        // Every finding, not only the errors that stopped the command.
        Error::Findings { findings } | Error::ResponseFindings { findings } => render::json(
            &serde_json::json!({ "ok": false, "errors": errors, "findings": findings }),
        ),
        _ => render::json(&serde_json::json!({ "ok": false, "errors": errors })),
    }
}

/// An error finding in the error envelope: its code, message and fix, the
/// place it points to, and its rule's summary.
fn finding_error(f: &crate::report::Finding) -> JsonError {
    let location = f.location.as_ref();
    JsonError {
        code: Some(f.code),
        message: f.message.clone(),
        file: location.map(|l| l.file.clone()).or_else(|| f.file.clone()),
        line: location.map(|l| l.line),
        column: location.map(|l| l.column),
        rule: Some(f.code.rule().summary.to_owned()),
        fix: f.fix.clone(),
    }
}

/// A usage error: the library's words, with the flag it is about and what
/// to pass instead.
pub(super) fn usage_message(usage: &Usage) -> String {
    match usage {
        Usage::UnknownPeer { .. }
        | Usage::RoleAbsent { .. }
        | Usage::PeerOfOtherRole { .. }
        | Usage::PeerIsCluster { .. } => selection_message(usage),
        Usage::DirectoryBusy { .. } => {
            format!("{usage}. Run again when it ends, or pass --wait to wait for it")
        }
        Usage::OutDirIsFile { .. } => {
            format!("--out-dir {usage}: name a directory, or a new one to create")
        }
        Usage::TargetsExist { paths } => {
            let one = paths.len() == 1;
            format!(
                "{} already exist{}; nothing was written. Pass --force to replace {}, or choose \
                 another --out-dir",
                join_paths(paths),
                if one { "s" } else { "" },
                if one { "it" } else { "them" },
            )
        }
        Usage::UnusableKey { .. } => format!(
            "--key {usage}; give a PEM private key (\"PRIVATE KEY\", \"RSA PRIVATE KEY\" or \
             \"EC PRIVATE KEY\")"
        ),
        Usage::KeyForSeveral { .. } => format!(
            "--key reuses {usage}; add --peer FQDN (and --certificate server|client for a peer \
             with two)"
        ),
        Usage::BadTime { .. } => {
            format!("--now {usage}; write a date such as 2026-11-27 or 2026-11-27T12:00:00Z")
        }
        Usage::BadNode { .. } => format!("--node {usage}"),
        Usage::BadCredentials { .. } => format!(
            "--credentials {usage}; the file has [expressway], [unified_cm] and [im_presence] \
             tables, each with user = \"…\" and password = \"…\""
        ),
        Usage::ExposedCredentials { file, .. } => {
            format!("--credentials {usage}; chmod 600 {file}")
        }
        Usage::BadProbeFile { .. } => {
            format!("--probe {usage}; give what `sancsr probe DEPLOYMENT --format json` wrote")
        }
        Usage::TemplateWithoutCertreq => format!("--template: {usage}; add --to certreq"),
        Usage::BadTemplate { .. } => format!(
            "--template/--client-template: {usage}; give the template's name as AD CS shows \
             it (letters, digits, spaces, - and _)"
        ),
        Usage::EmptyPassword { .. } => format!(
            "--pkcs12: {usage}; write the password on the first line of the --password-file, \
             or set the --password-env variable"
        ),
        Usage::SarifRenewal => format!("--renewal --format sarif: {usage}; use text or json"),
        Usage::NoLinksFolder { dir } => format!(
            "{usage}: create it with `sancsr links DEPLOYMENT {dir} --init`, then drop each \
             host's certificates and trust lists in its folder"
        ),
        Usage::PasswordVariableNotSet { .. } => format!(
            "--password-env: {usage}; export it before the run, or give --password-file FILE"
        ),
        Usage::NoPassword => format!(
            "--pkcs12: {usage}; give --password-file FILE (its first line) or --password-env VAR"
        ),
        Usage::NoCertificate { .. } => format!(
            "{usage}: give the certificates in service as PEM, DER or PKCS#7 files, or folders \
             of them"
        ),
        other => other.to_string(),
    }
}

/// A usage error about `--role` and `--peer`.
fn selection_message(usage: &Usage) -> String {
    match usage {
        Usage::UnknownPeer { .. } => format!("--peer {usage}"),
        Usage::RoleAbsent { role, .. } => format!("--role {role}: {usage}"),
        Usage::PeerOfOtherRole { role, .. } => {
            format!(
                "--peer and --role {role} disagree: {usage}; drop --role, or name a peer of that role"
            )
        }
        Usage::PeerIsCluster { role, .. } => format!(
            "--peer {usage}: for every certificate of that cluster use --role {role}; for one, \
             give that peer's FQDN"
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every usage error names its flag, where it has one.
    #[test]
    fn usage_errors_name_their_flags() {
        let cases: Vec<(Usage, &str)> = vec![
            (
                Usage::UnknownPeer {
                    peer: "x.example.com".into(),
                    peers: vec!["a.example.com".into()],
                },
                "--peer x.example.com: no such peer in the deployment; its peers are a.example.com",
            ),
            (
                Usage::RoleAbsent {
                    role: "c",
                    table: "expressway_c",
                },
                "--role c: the deployment has no [expressway_c] table",
            ),
            (
                Usage::TargetsExist {
                    paths: vec!["a.csr".into(), "a.key".into()],
                },
                "a.csr, a.key already exist; nothing was written. Pass --force to replace them, \
                 or choose another --out-dir",
            ),
            (
                Usage::KeyForSeveral { count: 2 },
                "--key reuses one key for one certificate, but 2 are selected; add --peer FQDN \
                 (and --certificate server|client for a peer with two)",
            ),
        ];
        for (usage, expected) in cases {
            assert_eq!(usage_message(&usage), expected);
        }
    }
}
