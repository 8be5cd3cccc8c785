//! `sancsr trust`.

use super::args::FindingsFormat;
use super::{EXIT_FINDINGS, EXIT_OK, Output};
use crate::audit::trust::Node;
use crate::audit::{clock, trust};
use crate::render::{self, style::Paint};
use crate::report::{Allowance, Error, Usage, has_errors};

/// Lints the certificates in `inputs`, with the `--node` FQDNs.
pub(super) fn run(
    inputs: &[String],
    nodes: &[String],
    now: Option<&str>,
    format: FindingsFormat,
    paint: Paint,
    allow: &Allowance,
) -> Result<Output, Error> {
    let nodes = nodes
        .iter()
        .map(|n| {
            Node::parse(n).map_err(|e| Usage::BadNode {
                node: n.clone(),
                why: e.to_string(),
                fix: e.fix(n),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let now = clock::now_or(now)?;
    let (items, mut findings) = trust::read_inputs(inputs)?;
    if items.is_empty() {
        let inputs = inputs.to_vec();
        return Err(Usage::NoCertificate { inputs }.into());
    }
    findings.extend(trust::lint(&items, &nodes, now));
    findings.sort_by_key(|f| f.severity);
    let allowed = super::finish(&mut findings, allow);
    Ok(Output {
        stdout: match format {
            FindingsFormat::Text => render::trust::text(items.len(), &findings, allowed, paint),
            FindingsFormat::Json => render::trust::json(&findings, allowed),
            FindingsFormat::Sarif => render::sarif::log(&findings),
        },
        code: if has_errors(&findings) {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        },
        ..Output::default()
    })
}
