//! sancsr: plans, checks and generates the certificates of a Cisco
//! Unified Communications edge (Expressway-C and Expressway-E).
//!
//! The layers, dependencies running one way:
//! `cli` → `plan` / `audit` / `pki` / `render` → `model` → `cisco` →
//! `report`, with `io` for files. Every command loads the deployment file
//! ([`model`]), plans every certificate from Cisco's table ([`cisco`],
//! [`plan`]), acts, and renders. [`run`] does that for a command line and
//! returns the exit code, so tests can call it in-process.
//!
//! ```
//! use sancsr::{Deployment, Plan};
//!
//! let deployment = Deployment::parse(
//!     "deployment.toml",
//!     r#"
//!     features = ["mobile-remote-access"]
//!     [unified_cm]
//!     registration_domains = ["example.com"]
//!     [expressway_e]
//!     peers = ["expe.example.com"]
//!     registration_domain_format = "collab-edge-dns"
//!     "#,
//! )?;
//! let plan = Plan::build(&deployment);
//! assert_eq!(
//!     plan.certificates[0].alternative_names(),
//!     ["DNS:expe.example.com", "DNS:collab-edge.example.com"]
//! );
//! # Ok::<(), sancsr::Error>(())
//! ```

pub(crate) mod audit;
pub(crate) mod cisco;
pub(crate) mod cli;
pub mod fuzzing;
pub(crate) mod import;
pub(crate) mod io;
pub(crate) mod model;
pub(crate) mod pki;
pub(crate) mod plan;
pub(crate) mod probe;
pub(crate) mod render;
pub(crate) mod report;

#[cfg(test)]
mod properties;

pub use audit::pool::CaPool;
pub use cli::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, run};
pub use model::Deployment;
pub use plan::Plan;
pub use report::Error;

#[cfg(test)]
mod layout {
    /// The README's Layout section lists every module of `src/`, one line
    /// each, and nothing else.
    #[test]
    fn readme_layout_matches_the_tree() {
        let readme = include_str!("../README.md");
        let section = &readme[readme.find("## Layout").expect("Layout section")..];
        let block = section.split("```").nth(1).expect("code block");
        let mut listed: Vec<String> = block
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .map(str::to_owned)
            .collect();
        let mut files = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("src").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let relative = path
                        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                        .expect("inside the crate");
                    files.push(relative.display().to_string());
                }
            }
        }
        listed.sort();
        files.sort();
        assert_eq!(listed, files);
    }
}
