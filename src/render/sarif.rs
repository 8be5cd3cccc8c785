//! SARIF 2.1.0 (OASIS): findings for code-scanning tools, as clippy and
//! cargo-deny write them. The rules come from the finding codes'
//! declarations; each result points into the deployment file or the
//! certificate file when it can. Written with serde, read back in the tests
//! against the SARIF 2.1.0 JSON schema.

use crate::report::{Code, Finding, Severity};
use serde_json::{Value, json};

/// The SARIF log of one run of sancsr over these findings.
pub(crate) fn log<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> String {
    let results: Vec<Value> = findings.into_iter().map(result).collect();
    super::json(&json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "sancsr",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": Code::ALL.iter().map(|c| rule(*c)).collect::<Vec<_>>(),
            }},
            "results": results,
        }],
    }))
}

/// SARIF's level for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A code's reportingDescriptor.
fn rule(code: Code) -> Value {
    let r = code.rule();
    json!({
        "id": code.as_str(),
        "shortDescription": { "text": r.summary },
        "defaultConfiguration": { "level": level(r.severity()) },
        "properties": {
            "sources": r.sources,
            "releases": r.releases.to_string(),
        },
    })
}

/// One finding as a result: the message with its fix, where it points, and
/// what it is about.
fn result(f: &Finding) -> Value {
    let text = match &f.fix {
        Some(fix) => format!("{} Fix: {fix}", f.message),
        None => f.message.clone(),
    };
    let index = Code::ALL.iter().position(|c| *c == f.code).unwrap_or(0);
    let mut result = json!({
        "ruleId": f.code.as_str(),
        "ruleIndex": index,
        "level": level(f.severity),
        "message": { "text": text },
        "properties": {
            "peer": f.peer,
            "certificate": f.certificate,
            "link": f.link,
            "fix": f.fix,
        },
    });
    if let Some(location) = physical_location(f) {
        result["locations"] = json!([{ "physicalLocation": location }]);
    }
    result
}

/// The deployment-file position, or the certificate file; standard input
/// has no artifact to point to.
fn physical_location(f: &Finding) -> Option<Value> {
    let real = |name: &str| name != "<stdin>";
    if let Some(l) = f.location.as_ref().filter(|l| real(&l.file)) {
        return Some(json!({
            "artifactLocation": { "uri": l.file },
            "region": { "startLine": l.line, "startColumn": l.column },
        }));
    }
    let file = f.file.as_deref().or(f.files.first().map(String::as_str))?;
    real(file).then(|| json!({ "artifactLocation": { "uri": file } }))
}
