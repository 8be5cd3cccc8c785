//! sancsr: plans, checks and generates the certificates of a Cisco
//! Unified Communications edge (Expressway-C and Expressway-E).
//!
//! The layers, dependencies running one way (the README states the order,
//! and a test holds the code to it): `cli` → `fuzzing` → `render` →
//! `import` → `pull` → `probe` → `audit` → `pki` → `plan` → `model` → `io` →
//! `report` → `cisco`. Every command loads the deployment file
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
#[cfg(any(test, feature = "test-seams"))]
pub mod fuzzing;
pub(crate) mod import;
pub(crate) mod io;
pub(crate) mod model;
pub(crate) mod pki;
pub(crate) mod plan;
pub(crate) mod probe;
pub(crate) mod pull;
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
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    /// Every `.rs` file under `src/`.
    fn sources() -> Vec<PathBuf> {
        let mut files = Vec::new();
        let mut dirs = vec![PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("src").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        files
    }

    /// The top-level module a file belongs to (`src/plan/sans.rs` → plan).
    fn top_module(path: &Path) -> String {
        let src = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
        let relative = path.strip_prefix(src).expect("under src");
        let first = relative.iter().next().expect("a component");
        first.to_string_lossy().trim_end_matches(".rs").to_owned()
    }

    /// The modules `crate::…` paths name in a file's code, tests left out
    /// (test files, and everything after a `#[cfg(test)]`).
    fn uses(text: &str) -> BTreeSet<String> {
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let mut out = BTreeSet::new();
        for (i, _) in code.match_indices("crate::") {
            let name: String = code[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
        out
    }

    /// The README's "Dependencies run one way" order.
    fn stated_order() -> Vec<String> {
        let readme = include_str!("../README.md");
        let line = readme
            .split("\n\n")
            .find(|p| p.starts_with("Dependencies run one way:"))
            .expect("the README states the order");
        let sentence = line.split('.').next().unwrap_or("");
        sentence
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    }

    /// Every dependency between top-level modules runs down the README's
    /// order: no cycle, no edge against it, and no module left out.
    #[test]
    fn modules_depend_one_way_in_the_readmes_order() {
        let order = stated_order();
        let rank: BTreeMap<&str, usize> = order
            .iter()
            .enumerate()
            .map(|(i, m)| (m.as_str(), i))
            .collect();
        let mut bad = Vec::new();
        for path in sources() {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let from = top_module(&path);
            if name.ends_with("tests.rs") || from == "properties" || from == "lib" || from == "main"
            {
                continue;
            }
            let Some(&r) = rank.get(from.as_str()) else {
                panic!("the README's order does not list {from}");
            };
            let text = std::fs::read_to_string(&path).expect("read");
            for to in uses(&text).into_iter().filter(|to| *to != from) {
                match rank.get(to.as_str()) {
                    Some(&t) if t > r => {}
                    _ => bad.push(format!("{} uses crate::{to}", path.display())),
                }
            }
        }
        assert!(bad.is_empty(), "against the order {order:?}: {bad:#?}");
    }

    /// Each source file outside `module` (and the crate root, and test
    /// files) with its code before any `#[cfg(test)]`.
    fn code_outside(module: &str) -> Vec<(PathBuf, String)> {
        let mut out = Vec::new();
        for path in sources() {
            let top = top_module(&path);
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if top == module || top == "lib" || name.ends_with("tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read");
            let code = text.split("#[cfg(test)]").next().unwrap_or("").to_owned();
            out.push((path, code));
        }
        out
    }

    /// Only `cli/` words flags: no string literal elsewhere names one
    /// (`--force`), so that a flag renamed in `cli/args.rs` cannot leave a
    /// message that lies.
    #[test]
    fn only_the_command_line_words_flags() {
        let mut bad = Vec::new();
        for (path, code) in code_outside("cli") {
            for (n, line) in code.lines().enumerate() {
                let literal = line.trim_start();
                if literal.starts_with("//") {
                    continue;
                }
                if flag_in(line) {
                    bad.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
        assert!(bad.is_empty(), "flags worded outside cli/: {bad:#?}");
    }

    /// Files are read through `io/`, with its size limit: no other module
    /// opens or reads a file itself (listing a folder is not reading).
    #[test]
    fn files_are_read_through_io() {
        let mut bad = Vec::new();
        for (path, code) in code_outside("io") {
            for needle in ["fs::read(", "fs::read_to_string(", "File::open("] {
                if code.contains(needle) {
                    bad.push(format!("{}: {needle}", path.display()));
                }
            }
        }
        assert!(bad.is_empty(), "files read outside io/: {bad:#?}");
    }

    /// Whether a line holds `--` followed by a lower-case letter, as a flag
    /// does (not `xn--`, punycode's prefix).
    fn flag_in(line: &str) -> bool {
        line.match_indices("--").any(|(i, _)| {
            let after = line[i + 2..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase());
            let before = line[..i].chars().last();
            after && !before.is_some_and(|c| c.is_ascii_alphanumeric())
        })
    }

    #[test]
    fn the_flag_finder_sees_flags_not_punycode() {
        assert!(flag_in("\"give --ca with\""));
        assert!(!flag_in("\"xn--bcher-kva.example\""));
        assert!(!flag_in("\"a -- b\""));
    }

    #[test]
    fn the_edge_finder_sees_paths_and_skips_tests() {
        let text = "use crate::plan::Plan;\nfn f() { crate::render::json(&1); }\n\
                    #[cfg(test)]\nmod tests { use crate::cli::run; }";
        let found: Vec<String> = uses(text).into_iter().collect();
        assert_eq!(found, ["plan", "render"]);
    }

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
        let mut files: Vec<String> = sources()
            .iter()
            .map(|path| {
                let relative = path
                    .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                    .expect("inside the crate");
                relative.display().to_string()
            })
            .collect();
        listed.sort();
        files.sort();
        assert_eq!(listed, files);
    }
}
