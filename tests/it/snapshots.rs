//! Snapshots of every human-readable output (insta): a change of wording is
//! a reviewed diff in `tests/it/snapshots/`, never a silent `contains` pass.
//! Review with `cargo insta review`, or rerun with `INSTA_UPDATE=always`.

use crate::common::{example, fixture, sancsr};
use tempfile::TempDir;

/// Standard output and error of a run, with its exit code.
fn run(args: &[&str]) -> String {
    let out = sancsr().args(args).output().expect("runs");
    format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn path(p: std::path::PathBuf) -> String {
    p.to_str().expect("utf-8 path").to_owned()
}

#[test]
fn plan_text_of_every_example() {
    for name in [
        "figure1-expressway-c",
        "figure2-expressway-e",
        "mra-single-box",
        "full-cluster",
        "x15-5-public-edge",
        "uc-estate",
    ] {
        let file = path(example(&format!("{name}.toml")));
        let output = run(&["plan", &file]).replace(&file, "EXAMPLE");
        insta::assert_snapshot!(format!("plan-text-{name}"), output);
    }
}

#[test]
fn plan_grid_and_markdown() {
    for name in ["full-cluster", "x15-5-public-edge", "uc-estate"] {
        let file = path(example(&format!("{name}.toml")));
        for format in ["grid", "markdown"] {
            let output = run(&["plan", &file, "--format", format]).replace(&file, "EXAMPLE");
            insta::assert_snapshot!(format!("plan-{format}-{name}"), output);
        }
    }
}

/// `reissue` across the 2026 sunset: X15.5 with a private CA, then a
/// public one on the Expressway-E.
#[test]
fn reissue_across_the_sunset() {
    let dir = TempDir::new().expect("tempdir");
    let new = path(example("x15-5-public-edge.toml"));
    let old_text = std::fs::read_to_string(&new)
        .expect("example")
        .replace("ca = \"public\"", "ca = \"private\"");
    let old = dir.path().join("old.toml");
    std::fs::write(&old, old_text).expect("write");
    let output = run(&["reissue", &path(old.clone()), &new])
        .replace(&new, "NEW")
        .replace(&path(old), "OLD");
    insta::assert_snapshot!("reissue-sunset", output);
}

#[test]
fn rules_and_init() {
    insta::assert_snapshot!("rules-text", run(&["rules"]));
    insta::assert_snapshot!(
        "init-both-all-features",
        run(&[
            "init",
            "--features",
            "mobile-remote-access,jabber-guest,xmpp-federation,business-to-business"
        ])
    );
}

#[test]
fn reissue_text() {
    let (old, new) = (
        path(fixture("reissue-old.toml")),
        path(fixture("reissue-new.toml")),
    );
    insta::assert_snapshot!("reissue-text", run(&["reissue", &old, &new]));
}

#[test]
fn input_errors_drawn_with_snippets() {
    let file = path(fixture("bad-deployment.toml"));
    let output = run(&["plan", &file]).replace(&file, "FIXTURE");
    insta::assert_snapshot!("errors-bad-deployment", output);
}

#[test]
fn inspect_and_check_of_a_generated_csr() {
    let dir = TempDir::new().expect("tempdir");
    let out = path(dir.path().to_path_buf());
    let file = path(example("figure2-expressway-e.toml"));
    let made = sancsr()
        .args(["generate", &file, "--out-dir", &out])
        .output()
        .expect("runs");
    assert!(made.status.success(), "{made:?}");
    let csr = path(dir.path().join("expe1.example.com.csr"));
    let inspect = run(&["inspect", &csr]).replace(&out, "OUT");
    insta::assert_snapshot!("inspect-text-csr", inspect);
    let check = run(&["check", &file, &csr]).replace(&out, "OUT");
    insta::assert_snapshot!("check-text-csr", check);
}
