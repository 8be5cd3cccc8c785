//! `sancsr bundle`.

use super::args::{BundleOptions, Select};
use super::{EXIT_OK, Output, load_plan};
use crate::audit::bundle::{self, Prepared};
use crate::audit::clock;
use crate::audit::folders as estate;
use crate::audit::pool::CaPool;
use crate::cisco::policy::COPY_TO_CLIENT_STORE;
use crate::cisco::services::Service;
use crate::io::{self, Existing, OutputFile, Secrecy};
use crate::model::Deployment;
use crate::pki;
use crate::render::{self, style::Paint};
use crate::report::{Allowance, Error, Finding, Usage, has_errors};
use std::fmt::Write as _;
use std::path::PathBuf;

/// Checks every response and writes, per certificate, its folder: the
/// certificate, its key, the trusted CA list entries, and a PKCS#12 with
/// `--pkcs12`. Any error-level finding: nothing is written (exit 2).
pub(super) fn run(
    path: &str,
    responses: &[String],
    options: &BundleOptions,
    notes: Paint,
    allow: &Allowance,
) -> Result<Output, Error> {
    let loaded = load_plan(path, &Select::default(), allow)?;
    let (deployment, plan) = (loaded.deployment, loaded.plan);
    let password = options.pkcs12.then(|| password(options)).transpose()?;
    // A password file others can read is as exposed as a key file.
    let exposed = options
        .password_file
        .as_deref()
        .filter(|_| options.pkcs12)
        .and_then(io::exposed_key_warning)
        .unwrap_or_default();
    let now = clock::now_or(options.now.as_deref())?;
    let pool = match options.ca.as_slice() {
        [] => None,
        inputs => Some(CaPool::load(inputs)?.0),
    };
    let contents = responses
        .iter()
        .map(|r| pki::read_file(r))
        .collect::<Result<Vec<_>, _>>()?;
    let prepared = bundle::prepare(&plan, contents, &options.key_dir, pool.as_ref(), now)?;
    let mut findings: Vec<Finding> = prepared.iter().flat_map(|p| p.findings.clone()).collect();
    if pool.is_some() {
        for p in &prepared {
            findings.extend(bundle::missing_partners(&deployment, &plan, p, &prepared));
        }
    }
    let mut allowed = plan.allowed;
    allowed += super::finish(&mut findings, &loaded.allow);
    if has_errors(&findings) {
        return Err(Error::ResponseFindings { findings });
    }
    let mut outputs = Vec::new();
    for p in &prepared {
        outputs.extend(files(
            &deployment,
            p,
            &prepared,
            pool.as_ref(),
            options,
            password.as_deref(),
            now,
        )?);
    }
    let exposed_folders = write(&outputs, options)?;
    let stdout = written(&deployment, &prepared, options);
    let no_trust = if pool.is_none() {
        "note: no trusted-ca.pem was written: without --ca, sancsr cannot tell the CA \
         certificates in a response from a fake of the same name; give --ca with the roots \
         you trust to have the trusted CA list written\n"
    } else {
        ""
    };
    Ok(Output {
        stdout,
        stderr: render::findings_text(&findings, notes)
            + &render::allowed_line(allowed)
            + no_trust
            + &exposed
            + &exposed_folders,
        code: EXIT_OK,
        ..Output::default()
    })
}

/// One line per folder written: the certificate and where its key came
/// from.
fn written(d: &Deployment, prepared: &[Prepared], options: &BundleOptions) -> String {
    let mut stdout = String::new();
    for p in prepared {
        let dir = options.out_dir.join(p.planned.peer.as_str());
        let key = p
            .key
            .as_ref()
            .map_or_else(String::new, |k| k.path.display().to_string());
        let client_store = if bundle::for_client_store(d, &p.planned) {
            format!(
                "; client.pem for the client certificate store too (\"{COPY_TO_CLIENT_STORE}\")"
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            stdout,
            "{} {}: {} (key from {key}){client_store}",
            p.planned.role,
            p.planned.peer,
            dir.display()
        );
    }
    stdout
}

/// `--password-file` (first line) or `--password-env`.
fn password(options: &BundleOptions) -> Result<String, Error> {
    let (value, source) = match (&options.password_file, &options.password_env) {
        (Some(file), _) => {
            let (name, text) = io::read_text(&file.to_string_lossy())?;
            (text.lines().next().unwrap_or("").to_owned(), name)
        }
        (None, Some(var)) => match std::env::var(var) {
            Ok(value) => (value, format!("${var}")),
            Err(_) => return Err(Usage::PasswordVariableNotSet { var: var.clone() }.into()),
        },
        (None, None) => return Err(Usage::NoPassword.into()),
    };
    if value.is_empty() {
        return Err(Usage::EmptyPassword { source }.into());
    }
    Ok(value)
}

/// One peer's files in the estate folder (`docs/estate.md`), named as
/// `links` reads them: `server.pem` and `server.key` (0600), or `client.pem`
/// and `client.key` for an X15.5 client certificate; `client.pem` again
/// where the single dual-EKU certificate also belongs in the X15.5 client
/// certificate store; the peer's `trusted-ca.pem`; and `server.p12` or
/// `client.p12` (0600) with `--pkcs12`.
fn files(
    d: &Deployment,
    p: &Prepared,
    all: &[Prepared],
    pool: Option<&CaPool>,
    options: &BundleOptions,
    password: Option<&str>,
    now: i64,
) -> Result<Vec<OutputFile>, Error> {
    let dir = options.out_dir.join(p.planned.peer.as_str());
    let leaf = &p.contents.documents[0];
    let key = p
        .key
        .as_ref()
        .expect("prepare refuses a certificate without its key");
    let cas = peer_trusted_list(d, p, all, pool, now);
    let pem = crate::pki::certificate_pem;
    let file = |name: String, contents: Vec<u8>, secrecy| OutputFile {
        path: dir.join(name),
        contents,
        secrecy,
    };
    let service = estate::service_of(&p.planned);
    let mut out = vec![
        file(
            estate::file(service, "pem"),
            pem(&leaf.der).into_bytes(),
            Secrecy::Public,
        ),
        file(
            estate::file(service, "key"),
            key.pem.clone().into_bytes(),
            Secrecy::Secret,
        ),
    ];
    // On X15.5 the same certificate goes in the client certificate store
    // too (TAC 225693): the box presents that store's certificate where it
    // is the TLS client, and keeps the old one after a renewal otherwise.
    if bundle::for_client_store(d, &p.planned) {
        let client = estate::file(Service::ExpresswayClient, "pem");
        out.push(file(client, pem(&leaf.der).into_bytes(), Secrecy::Public));
    }
    // Without --ca no trust file: which CA certificates are genuine is
    // known only from a path verified to a root the user trusts. A peer's
    // list is written once, with its server and client certificates'.
    let first_of_peer = all.iter().position(|q| q.planned.peer == p.planned.peer)
        == all.iter().position(|q| std::ptr::eq(q, p));
    if pool.is_some() && first_of_peer {
        let trusted: String = cas.iter().map(|c| pem(&c.der)).collect();
        out.push(file(
            estate::trust_file(),
            trusted.into_bytes(),
            Secrecy::Public,
        ));
    }
    if let Some(password) = password {
        let chain: Vec<&[u8]> = std::iter::once(leaf.der.as_slice())
            .chain(cas.iter().map(|c| c.der.as_slice()))
            .collect();
        let p12 = pki::pkcs12::build(p.planned.peer.as_str(), &key.pkcs8, &chain, password)?;
        out.push(file(estate::file(service, "p12"), p12, Secrecy::Secret));
    }
    Ok(out)
}

/// The trusted CA list of `p`'s peer: the entries of each of its
/// certificates in this run (a server and a client certificate), once each.
fn peer_trusted_list<'a>(
    d: &Deployment,
    p: &'a Prepared,
    all: &'a [Prepared],
    pool: Option<&'a CaPool>,
    now: i64,
) -> Vec<&'a crate::pki::Document> {
    let mut out: Vec<&crate::pki::Document> = Vec::new();
    for q in all.iter().filter(|q| q.planned.peer == p.planned.peer) {
        for ca in bundle::trusted_ca_list(d, q, all, pool, now) {
            if !out.iter().any(|o| o.der == ca.der) {
                out.push(ca);
            }
        }
    }
    out
}

/// All or nothing, keys 0600, nothing replaced without `--force`.
/// Returns the warnings of folders others can write to.
fn write(outputs: &[OutputFile], options: &BundleOptions) -> Result<String, Error> {
    let existing = if options.force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    let mut warnings: String = io::output_directory(&options.out_dir)?.unwrap_or_default();
    let mut dirs: Vec<PathBuf> = outputs
        .iter()
        .filter_map(|o| o.path.parent().map(std::path::Path::to_path_buf))
        .collect();
    dirs.dedup();
    for dir in &dirs {
        warnings.extend(io::own_directory(dir)?);
    }
    let (_lock, _) = io::lock_directory(&options.out_dir, io::Contention::Refuse)?;
    let paths: Vec<PathBuf> = outputs.iter().map(|o| o.path.clone()).collect();
    io::check_targets(&paths, existing)?;
    io::write_all(outputs, existing, &|_| Ok(()))?;
    Ok(warnings)
}
