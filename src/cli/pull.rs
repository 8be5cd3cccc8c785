//! `sancsr pull`: the accounts and the network from the command line and
//! the environment, the estate folder checked before any request, each
//! host written all or nothing, and a manifest of what was received.

use super::args::{OutputFormat, PullOptions};
use super::{EXIT_FINDINGS, EXIT_OK, Output};
use crate::cisco::Party;
use crate::io::{self as files, Existing, OutputFile, Secrecy};
use crate::model::Deployment;
use crate::pull::{self, Credentials, Logins, Pulled, Target, http::Client};
use crate::render;
use crate::report::{Error, Usage};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The manifest's name in the estate folder.
const MANIFEST: &str = "pull-manifest.json";

/// Reads every host; exit 1 when any failed.
pub(super) fn run(path: &str, options: &PullOptions, quiet: bool) -> Result<Output, Error> {
    let deployment = Deployment::load(path)?;
    let targets = pull::targets(&deployment);
    let logins = logins(options.credentials.as_deref())?;
    require_logins(&targets, &logins)?;
    let existing = if options.force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    let mut planned: Vec<PathBuf> = targets
        .iter()
        .flat_map(|t| possible_files(&options.out_dir, t))
        .collect();
    planned.push(options.out_dir.join(MANIFEST));
    files::check_targets(&planned, existing)?;
    let roots = match options.ca.as_slice() {
        [] => Vec::new(),
        inputs => crate::audit::pool::CaPool::load(inputs)?
            .0
            .items
            .iter()
            .map(|i| i.document.der.clone())
            .collect(),
    };
    let network = crate::probe::Network {
        resolve: options.network.resolve.clone(),
        ports: options.network.ports.clone(),
        server_name: None,
    };
    let client = Client::new(roots, network, Duration::from_secs_f64(options.timeout));
    let mut notes = crate::io::output_directory(&options.out_dir)?.unwrap_or_default();
    let started = crate::pki::reader::rfc3339(crate::audit::clock::now_or(None)?);
    let mut pulled = pull::pull_all(&targets, &logins, &client, !quiet);
    let written = write_hosts(&options.out_dir, &mut pulled, existing, &mut notes);
    let manifest = render::pull::manifest(&pulled, &written, &started);
    files::write_all(
        &[OutputFile {
            path: options.out_dir.join(MANIFEST),
            contents: manifest.into_bytes(),
            secrecy: Secrecy::Public,
        }],
        existing,
        &|_| Ok(()),
    )?;
    let failed = pulled.iter().any(|p| p.result.is_err());
    Ok(Output {
        stdout: match options.format {
            OutputFormat::Text => render::pull::text(&pulled, &written),
            OutputFormat::Json => render::pull::json(&pulled, &written),
        },
        stderr: notes,
        code: if failed { EXIT_FINDINGS } else { EXIT_OK },
        ..Output::default()
    })
}

/// The files a host may fill: what `--force` must be given for. The
/// Expressway API gives the server certificate and the trusted CA list;
/// a node's snapshot, every certificate and list the table gives it.
fn possible_files(out: &Path, t: &Target) -> Vec<PathBuf> {
    use crate::cisco::platform::{presented_by, trust_lists_of};
    use crate::cisco::services::{Service, TrustList};
    let stems: Vec<&str> = match t.party {
        Party::Expressway(_) => vec![
            Service::ExpresswayServer.file(),
            TrustList::ExpresswayTrustedCa.file(),
        ],
        party => presented_by(party)
            .into_iter()
            .map(Service::file)
            .chain(trust_lists_of(party).into_iter().map(TrustList::file))
            .collect(),
    };
    stems
        .iter()
        .map(|s| out.join(t.host.as_str()).join(format!("{s}.pem")))
        .collect()
}

/// Writes each host's files, all or none; a host that cannot be written
/// becomes a failure. Returns the paths written, per host.
fn write_hosts(
    out: &Path,
    pulled: &mut [Pulled],
    existing: Existing,
    notes: &mut String,
) -> Vec<Vec<String>> {
    let mut written = Vec::new();
    for p in pulled.iter_mut() {
        let Ok(fetched) = &p.result else {
            written.push(Vec::new());
            continue;
        };
        let dir = out.join(p.target.host.as_str());
        let files: Vec<OutputFile> = fetched
            .iter()
            .map(|f| OutputFile {
                path: dir.join(format!("{}.pem", f.stem)),
                contents: f
                    .certificates
                    .iter()
                    .map(|der| crate::pki::certificate_pem(der))
                    .collect::<String>()
                    .into_bytes(),
                secrecy: Secrecy::Public,
            })
            .collect();
        let result = crate::io::own_directory(&dir).and_then(|warning| {
            notes.push_str(&warning.unwrap_or_default());
            files::write_all(&files, existing, &|_| Ok(()))
        });
        match result {
            Ok(()) => written.push(
                files
                    .iter()
                    .map(|f| crate::io::display_name(&f.path))
                    .collect(),
            ),
            Err(e) => {
                p.result = Err(format!("{} was read but not written: {e}", p.target.host));
                written.push(Vec::new());
            }
        }
    }
    written
}

/// The accounts: `--credentials FILE`, else the environment.
fn logins(file: Option<&str>) -> Result<Logins, Error> {
    if let Some(file) = file {
        let (name, text) = crate::io::read_private_text(file)?;
        return pull::credentials::parse(&name, &text);
    }
    Ok(Logins {
        expressway: from_env("SANCSR_EXPRESSWAY_USER", "SANCSR_EXPRESSWAY_PASSWORD"),
        unified_cm: from_env("SANCSR_UCM_USER", "SANCSR_UCM_PASSWORD"),
        im_presence: from_env("SANCSR_IMP_USER", "SANCSR_IMP_PASSWORD"),
    })
}

fn from_env(user: &str, password: &str) -> Option<Credentials> {
    Some(Credentials {
        user: std::env::var(user).ok()?,
        password: std::env::var(password).ok()?,
    })
}

/// Every kind of box the deployment has needs an account, before any
/// request.
fn require_logins(targets: &[Target], logins: &Logins) -> Result<(), Error> {
    let has = |f: fn(&Party) -> bool| targets.iter().any(|t| f(&t.party));
    if has(|p| matches!(p, Party::Expressway(_))) && logins.expressway.is_none() {
        return Err(Usage::NoCredentials {
            what: "Expressway peers",
            variables: "SANCSR_EXPRESSWAY_USER and SANCSR_EXPRESSWAY_PASSWORD, or give --credentials FILE",
        }
        .into());
    }
    let platform = has(|p| matches!(p, Party::UnifiedCm))
        || (has(|p| matches!(p, Party::ImPresence)) && logins.im_presence.is_none());
    if platform && logins.unified_cm.is_none() {
        return Err(Usage::NoCredentials {
            what: "Unified CM and IM and Presence nodes",
            variables: "SANCSR_UCM_USER and SANCSR_UCM_PASSWORD (IM and Presence: SANCSR_IMP_USER and SANCSR_IMP_PASSWORD), or give --credentials FILE",
        }
        .into());
    }
    Ok(())
}
