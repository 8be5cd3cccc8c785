//! Headless Chromium (Debian's package, which `.ci/run` installs) as the
//! reader of `report`'s HTML: the page loaded from a file with the network
//! off (every name resolves nowhere, every proxy is closed), its console
//! and its network log read back.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What Chromium did with a page.
pub(crate) struct Loaded {
    /// The DOM after load.
    pub dom: String,
    /// Console messages (a CSP violation is one).
    pub console: Vec<String>,
    /// Requests the page made (the browser's own background requests, whose
    /// initiator is "not an origin", left out).
    pub requests: Vec<String>,
}

fn chromium() -> &'static str {
    for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if Path::new(candidate).exists() {
            return candidate;
        }
    }
    panic!("Chromium is not installed: run .ci/run, or apt-get install chromium");
}

fn run(page: &Path, profile: &Path, extra: &[String]) -> std::process::Output {
    Command::new("timeout")
        .arg("120")
        .arg(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--proxy-server=127.0.0.1:9",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs")
}

/// Loads `page`: its DOM, console and requests.
pub(crate) fn load(page: &Path) -> Loaded {
    let dir = tempfile::tempdir().expect("tempdir");
    let net = dir.path().join("net.json");
    let out = run(
        page,
        &dir.path().join("profile"),
        &[
            format!("--log-net-log={}", net.display()),
            "--dump-dom".into(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let console = stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_owned)
        .collect();
    let log: Value = serde_json::from_slice(&std::fs::read(&net).expect("net log")).expect("json");
    let requests = log["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| {
            let p = &e["params"];
            let initiator = p["initiator"].as_str()?;
            (initiator != "not an origin").then(|| format!("{initiator} {}", p["url"]))
        })
        .collect();
    Loaded {
        dom: String::from_utf8_lossy(&out.stdout).into_owned(),
        console,
        requests,
    }
}

/// A screenshot of `page` at `width` × `height`, as PNG bytes.
pub(crate) fn screenshot(page: &Path, (width, height): (u32, u32), to: &Path) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(
        page,
        &dir.path().join("profile"),
        &[
            format!("--window-size={width},{height}"),
            format!("--screenshot={}", to.display()),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(to).expect("screenshot")
}

/// `page` printed to PDF by Chromium (its print CSS); the PDF's bytes.
pub(crate) fn pdf(page: &Path, to: &Path) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(
        page,
        &dir.path().join("profile"),
        &[
            "--no-pdf-header-footer".into(),
            format!("--print-to-pdf={}", to.display()),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(to).expect("pdf")
}

/// The pages of a PDF Chromium wrote (its page objects).
pub(crate) fn pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

/// Where tests keep what a reviewer may want to look at.
pub(crate) fn artefact(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("artefacts");
    std::fs::create_dir_all(&dir).expect("mkdir");
    dir.join(name)
}

/// The harness can fail: a page that loads an image from elsewhere is
/// caught, as a request and as a console message under a CSP.
#[test]
fn the_harness_sees_a_request_and_a_console_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let open = dir.path().join("open.html");
    std::fs::write(
        &open,
        "<!DOCTYPE html><img src=\"http://example.com/x.png\"><p>x</p>",
    )
    .expect("write");
    let loaded = load(&open);
    assert!(
        loaded.requests.iter().any(|r| r.contains("example.com")),
        "{:?}",
        loaded.requests
    );
    let strict = dir.path().join("strict.html");
    std::fs::write(
        &strict,
        "<!DOCTYPE html><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">\
         <img src=\"http://example.com/x.png\"><p>x</p>",
    )
    .expect("write");
    let loaded = load(&strict);
    assert!(!loaded.console.is_empty(), "no console message");
    assert!(loaded.requests.is_empty(), "{:?}", loaded.requests);
}
