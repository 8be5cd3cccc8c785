//! `sancsr generate`: a PEM CSR and private key for every planned
//! certificate.
//!
//! Flow: plan → refuse a plan with errors or existing files → keys and CSRs
//! in memory ([`crate::pki::generate`]) → every file written or none
//! ([`crate::io`]).

use super::args::{GenerateOptions, OutputFormat, Select};
use super::{EXIT_OK, Output, load_plan};
use crate::io::{self, Existing, OutputFile, Secrecy};
use crate::pki::generate::{Made, Replaced, Written, make_all};
use crate::pki::keys::ExistingKey;
use crate::plan::{CertificatePlan, Plan};
use crate::render::{self, style::Paint};
use crate::report::{Allowance, Error, Usage};
use std::path::{Path, PathBuf};

/// Options of one `generate` run.
#[derive(Debug, Clone)]
pub(super) struct Options {
    out_dir: PathBuf,
    existing: Existing,
    backup: bool,
    contention: io::Contention,
    key: Option<String>,
}

impl Options {
    pub(super) fn new(
        out_dir: PathBuf,
        force: bool,
        backup: bool,
        wait: bool,
        key: Option<String>,
    ) -> Options {
        let existing = if force {
            Existing::Replace
        } else {
            Existing::Refuse
        };
        let contention = if wait {
            io::Contention::Wait
        } else {
            io::Contention::Refuse
        };
        Options {
            out_dir,
            existing,
            backup,
            contention,
            key,
        }
    }
}

pub(super) fn run(
    path: &str,
    select: &Select,
    args: &GenerateOptions,
    notes: Paint,
    allow: &Allowance,
) -> Result<Output, Error> {
    let options = Options::new(
        args.out_dir.clone(),
        args.force,
        !args.no_backup,
        args.wait,
        args.key.clone(),
    );
    let format = args.format;
    let plan = load_plan(path, select, allow)?.plan;
    let generated = generate(&plan, &options)?;
    // Replacing a key a CA may have certified is never silent, even with -q;
    // nor is an exposed key or directory.
    let alarms = render::generate::replaced(&generated.replaced) + &generated.notes.concat();
    Ok(Output {
        stdout: match format {
            OutputFormat::Text => render::generate::text(&generated.written),
            OutputFormat::Json => render::generate::json(&generated.written),
        },
        // Warnings go to standard error so that the list of written files
        // stays clean for scripts.
        stderr: render::findings_text(&plan.findings, notes)
            + &render::allowed_line(plan.allowed)
            + &alarms,
        errors: alarms,
        code: EXIT_OK,
    })
}

/// `<dir>/<stem>.csr` and `<dir>/<stem>.key`, the stem telling a peer's
/// server and client certificates apart. Peer names passed the name rule
/// (letters, digits, hyphens, dots), so they are safe file names.
fn output_paths(dir: &Path, c: &CertificatePlan) -> (PathBuf, PathBuf) {
    let stem = c.file_stem();
    (
        dir.join(format!("{stem}.csr")),
        dir.join(format!("{stem}.key")),
    )
}

/// Generates and writes the CSRs and keys of every certificate in `plan`
/// (already narrowed by `--role`/`--peer`).
fn generate(plan: &Plan, options: &Options) -> Result<Generated, Error> {
    if plan.has_errors() {
        let findings = plan.findings.clone();
        return Err(Error::Findings { findings });
    }
    let (existing, key_note) = existing_key(plan, options.key.as_deref())?;
    let mut notes: Vec<String> = key_note.into_iter().collect();
    notes.extend(io::output_directory(&options.out_dir)?);
    let paths: Vec<(PathBuf, PathBuf)> = plan
        .certificates
        .iter()
        .map(|c| output_paths(&options.out_dir, c))
        .collect();
    let mut targets: Vec<PathBuf> = paths.iter().map(|(csr, _)| csr.clone()).collect();
    if existing.is_none() {
        targets.extend(paths.iter().map(|(_, key)| key.clone()));
    }
    // Checked before the (slow) key generation to fail fast, and again
    // under the lock, where it counts.
    io::check_targets(&targets, options.existing)?;
    let made = make_all(&plan.certificates, existing.as_ref())?;
    let (_lock, waited) = io::lock_directory(&options.out_dir, options.contention)?;
    let interrupts = io::Interrupts::catch()?;
    notes.extend(waited);
    notes.extend(io::remove_stale(&options.out_dir));
    io::check_targets(&targets, options.existing)?;
    #[cfg(feature = "test-seams")]
    test_pause("SANCSR_TEST_PAUSE_BEFORE_WRITE", &interrupts);
    let key_paths: Vec<&Path> = match existing {
        Some(_) => Vec::new(),
        None => paths.iter().map(|(_, key)| key.as_path()).collect(),
    };
    let replaced = back_up_keys(&key_paths, options)?;
    let step = |placed: usize| {
        #[cfg(feature = "test-seams")]
        if placed == 1 {
            test_pause("SANCSR_TEST_PAUSE_MID_WRITE", &interrupts);
        }
        #[cfg(not(feature = "test-seams"))]
        let _ = placed;
        interrupts.check()
    };
    io::write_all(&output_files(&paths, &made), options.existing, &step)?;
    Ok(Generated {
        written: written(plan, paths, &made, existing.as_ref()),
        replaced,
        notes,
    })
}

/// What a run wrote, what it replaced, and notes for standard error.
struct Generated {
    written: Vec<Written>,
    replaced: Vec<Replaced>,
    notes: Vec<String>,
}

/// `<key>.<unix time>.bak`, or with `-2`, `-3`… when a run in the same
/// second already made one.
fn backup_path(key: &Path, stamp: i64) -> PathBuf {
    (1..)
        .map(|n| {
            let mut name = key.as_os_str().to_owned();
            match n {
                1 => name.push(format!(".{stamp}.bak")),
                _ => name.push(format!(".{stamp}-{n}.bak")),
            }
            PathBuf::from(name)
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| key.with_extension("bak"))
}

/// The keys `--force` is about to replace; each is first copied to
/// `<name>.key.<timestamp>.bak` (0600, never overwriting) unless
/// `--no-backup`.
fn back_up_keys(keys: &[&Path], options: &Options) -> Result<Vec<Replaced>, Error> {
    if options.existing == Existing::Refuse {
        return Ok(Vec::new());
    }
    let stamp = time::OffsetDateTime::now_utc().unix_timestamp();
    let mut replaced = Vec::new();
    let mut backups = Vec::new();
    for key in keys.iter().filter(|k| k.is_file()) {
        let backup = options.backup.then(|| backup_path(key, stamp));
        if let Some(path) = &backup {
            let (_, contents) = io::read_path(key)?;
            backups.push(OutputFile {
                path: path.clone(),
                contents,
                secrecy: Secrecy::Secret,
            });
        }
        replaced.push(Replaced {
            key: key.to_path_buf(),
            backup,
        });
    }
    io::write_all(&backups, Existing::Refuse, &|_| Ok(()))?;
    Ok(replaced)
}

/// The `--key` file, for exactly one selected certificate, and a warning
/// when it is readable by group or others.
fn existing_key(
    plan: &Plan,
    key: Option<&str>,
) -> Result<(Option<ExistingKey>, Option<String>), Error> {
    let Some(path) = key else {
        return Ok((None, None));
    };
    let [certificate] = plan.certificates.as_slice() else {
        let count = plan.certificates.len();
        return Err(Usage::KeyForSeveral { count }.into());
    };
    let key = ExistingKey::read(path, certificate.key.digest)?;
    Ok((Some(key), io::exposed_key_warning(Path::new(path))))
}

/// The files, key before CSR: if the process dies between the two moves,
/// what is left is a key with no CSR, never a CSR with no key.
fn output_files(paths: &[(PathBuf, PathBuf)], made: &[Made]) -> Vec<OutputFile> {
    let mut outputs = Vec::new();
    for ((csr_path, key_path), m) in paths.iter().zip(made) {
        if let Some(key_pem) = &m.key_pem {
            outputs.push(OutputFile {
                path: key_path.clone(),
                contents: key_pem.clone().into_bytes(),
                secrecy: Secrecy::Secret,
            });
        }
        outputs.push(OutputFile {
            path: csr_path.clone(),
            contents: m.csr_pem.clone().into_bytes(),
            secrecy: Secrecy::Public,
        });
    }
    outputs
}

fn written(
    plan: &Plan,
    paths: Vec<(PathBuf, PathBuf)>,
    made: &[Made],
    existing: Option<&ExistingKey>,
) -> Vec<Written> {
    plan.certificates
        .iter()
        .zip(paths)
        .zip(made)
        .map(|((c, (csr, key)), m)| Written {
            role: c.role,
            peer: c.peer.clone(),
            eku: c.purpose.eku,
            ca: c.purpose.ca,
            csr,
            key: existing.map_or(key, |k| PathBuf::from(&k.path)),
            key_reused: existing.is_some(),
            key_spec: m.spec,
            alternative_names: c.alternative_names(),
        })
        .collect()
}

/// Test hooks: with `SANCSR_TEST_PAUSE_BEFORE_WRITE=<file>` (once every key
/// and CSR is made and the directory is locked, before anything is written)
/// or `SANCSR_TEST_PAUSE_MID_WRITE=<file>` (after the first file is in
/// place) set, the run creates `<file>` and waits there, up to a minute or
/// until a signal arrives, so that the fault tests can kill or interrupt it
/// at that exact point, deterministically. Only in builds with the
/// `test-seams` feature (the test suite's): a release build ignores the
/// variables.
#[cfg(feature = "test-seams")]
fn test_pause(variable: &str, interrupts: &io::Interrupts) {
    let Some(marker) = std::env::var_os(variable) else {
        return;
    };
    if std::fs::write(&marker, b"paused\n").is_err() {
        return;
    }
    let start = std::time::Instant::now();
    while interrupts.caught().is_none() && start.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}
