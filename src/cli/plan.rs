//! `sancsr plan`.

use super::args::{PlanFormat, Select};
use super::{EXIT_OK, EXIT_USAGE, Output, load_plan};
use crate::render::{self, style::Paint};
use crate::report::{Allowance, Error};

/// Plans and renders; a plan with error findings is bad input (exit 2),
/// shown with its findings.
pub(super) fn run(
    path: &str,
    select: &Select,
    format: PlanFormat,
    paint: Paint,
    allow: &Allowance,
) -> Result<Output, Error> {
    let plan = load_plan(path, select, allow)?.plan;
    let stdout = match format {
        PlanFormat::Text => render::plan::text(&plan, paint),
        PlanFormat::Json => render::plan::json(&plan),
        PlanFormat::Grid => render::plan::grid(&plan),
        PlanFormat::Markdown => render::plan::markdown(&plan),
        PlanFormat::Sarif => render::sarif::log(&plan.findings),
    };
    let code = if plan.has_errors() {
        EXIT_USAGE
    } else {
        EXIT_OK
    };
    Ok(Output {
        stdout,
        code,
        ..Output::default()
    })
}
