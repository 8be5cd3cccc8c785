//! The commands that need no deployment plan, or only read: `reissue`,
//! `inspect`, `rules`, `init`, `completions`, `man`.

use super::Output;
use super::args::{Cli, FeatureArg, InitRole, OutputFormat};
use crate::audit::reissue;
use crate::cisco::Feature;
use crate::model::Deployment;
use crate::pki;
use crate::render;
use crate::report::{Error, Usage};

pub(super) fn reissue(old: &str, new: &str, format: OutputFormat) -> Result<Output, Error> {
    let comparison = reissue::compare(&Deployment::load(old)?, &Deployment::load(new)?);
    Ok(Output::ok(match format {
        OutputFormat::Text => render::reissue::text(&comparison),
        OutputFormat::Json => render::reissue::json(&comparison),
    }))
}

pub(super) fn inspect(files: &[String], format: OutputFormat) -> Result<Output, Error> {
    let contents = files
        .iter()
        .map(|f| pki::read_file(f))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Output::ok(match format {
        OutputFormat::Text => render::inspect::text(&contents),
        OutputFormat::Json => render::inspect::json(&contents),
    }))
}

pub(super) fn rules(format: OutputFormat) -> Output {
    Output::ok(match format {
        OutputFormat::Text => render::rules::text(),
        OutputFormat::Json => render::rules::json(),
    })
}

pub(super) fn init(role: InitRole, features: &[FeatureArg]) -> Output {
    let features: Vec<Feature> = features.iter().map(|f| (*f).into()).collect();
    Output::ok(render::init::template(&role.roles(), &features))
}

pub(super) fn completions(shell: clap_complete::Shell) -> Output {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut command, "sancsr", &mut buffer);
    let script = String::from_utf8_lossy(&buffer).into_owned();
    // clap_complete's bash script completes every value as a file name; an
    // FQDN (--peer, --node) completes as a host name instead, as zsh and
    // fish already do from the same value hint.
    let script = match shell {
        clap_complete::Shell::Bash => {
            let mut out = String::with_capacity(script.len());
            let mut fqdn = false;
            for line in script.lines() {
                let trimmed = line.trim();
                if fqdn && trimmed.starts_with("COMPREPLY=($(compgen -f") {
                    out.push_str(&line.replace("compgen -f", "compgen -A hostname"));
                } else {
                    out.push_str(line);
                }
                out.push('\n');
                fqdn = trimmed == "--peer)" || trimmed == "--node)";
            }
            out
        }
        _ => script,
    };
    Output::ok(script)
}

/// sancsr(1), or one subcommand's page, from the same clap definitions as
/// `--help`.
pub(super) fn man(path: &[String]) -> Result<Output, Error> {
    let mut cli = <Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    cli.build();
    let mut page: Option<clap::Command> = None;
    for name in path {
        let parent = page.as_ref().unwrap_or(&cli);
        let found = parent
            .find_subcommand(name)
            .cloned()
            .ok_or_else(|| Usage::UnknownCommand {
                name: name.to_owned(),
                commands: parent
                    .get_subcommands()
                    .map(|c| c.get_name().to_owned())
                    .collect(),
            })?;
        page = Some(found);
    }
    let mut buffer = Vec::new();
    let rendered = match page {
        // Built, a subcommand is named `sancsr-<command>`
        // (`sancsr-import-xconfiguration`).
        Some(sub) => clap_mangen::Man::new(sub).render(&mut buffer),
        None => {
            let see_also = see_also(&cli);
            clap_mangen::Man::new(cli)
                .render(&mut buffer)
                .and_then(|()| {
                    let sections = format!("{MAN_SECTIONS}.SH \"SEE ALSO\"\n{see_also}\n");
                    std::io::Write::write_all(&mut buffer, sections.as_bytes())
                })
        }
    };
    rendered.map_err(|e| Error::Write {
        path: "<man page>".into(),
        source: e,
    })?;
    Ok(Output::ok(String::from_utf8_lossy(&buffer).into_owned()))
}

/// Every command's page, nested ones included: `sancsr\-plan(1), …`.
fn see_also(cli: &clap::Command) -> String {
    fn pages(command: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        for sub in command.get_subcommands() {
            let name = format!("{prefix}\\-{}", sub.get_name());
            out.push(format!("{name}(1)"));
            pages(sub, &name, out);
        }
    }
    let mut out = Vec::new();
    pages(cli, "sancsr", &mut out);
    out.join(", ")
}

/// The sections of sancsr(1) that clap does not know: exit status, the
/// deployment file, examples (roff).
const MAN_SECTIONS: &str = r#".SH "EXIT STATUS"
.TP
0
Success (for check, trust, links and probe: no error finding).
.TP
1
check or trust found an error finding; links found a failing link; probe found an error finding (unreachable, expired, an untrusted chain, a stale certificate); or a write failed.
.TP
2
Bad usage or bad input: an unreadable file, bad TOML, an invalid name, a plan with errors, CA responses with errors (bundle), an existing file without \-\-force, an output directory another run is writing to. Nothing is written.
.TP
128+N
generate was stopped by signal N (SIGINT 130, SIGTERM 143, SIGHUP 129) while writing, and undid what it had done.
.SH "DEPLOYMENT FILE"
One TOML file describes the deployment: features (mobile\-remote\-access, jabber\-guest, xmpp\-federation, business\-to\-business), expressway_version, the [unified_cm], [im_presence] and [xmpp_federation] lists, one [expressway_c] and/or [expressway_e] table with cluster_name, peers (at most 6), common_name, alternative_names, additional_names, formats and the traversal zone names, and [subject] and [key]. sancsr init writes an annotated file; docs/deployment\-file.md describes every key.
.SH EXAMPLES
.TP
sancsr init \-\-role both \-\-features mra > deployment.toml
Start a deployment file.
.TP
sancsr plan deployment.toml
What to type on each peer's Generate CSR page, and why each name is there.
.TP
sancsr generate deployment.toml \-\-out\-dir certs/
A CSR and a private key per peer.
.TP
sancsr check deployment.toml expe1.pem \-\-key certs/expe1.example.com.key
Audit what the CA sent back before uploading it.
.TP
sancsr bundle deployment.toml responses/* \-\-key\-dir certs/ \-\-ca root.pem \-\-out\-dir estate/
Write the estate folder: each peer's certificate, key and trusted CA list.
.TP
sancsr links deployment.toml estate/
Check every TLS connection between the hosts, offline.
"#;

/// `import certificates`: the draft, planned again and compared.
/// `sancsr import`: a draft from the certificates or the configuration.
pub(super) fn import(from: super::args::ImportFrom) -> Result<Output, Error> {
    match from {
        super::args::ImportFrom::Certificates { inputs } => import_certificates(&inputs),
        super::args::ImportFrom::Xconfiguration {
            inputs,
            certificates,
        } => import_xconfiguration(&inputs, &certificates),
    }
}

fn import_xconfiguration(inputs: &[String], certificates: &[String]) -> Result<Output, Error> {
    let mut boxes = Vec::new();
    for input in inputs {
        let (name, text) = crate::io::read_text(input)?;
        boxes.push(crate::import::xconfiguration::BoxConfig::read(&name, text)?);
    }
    let docs = installed_certificates(certificates)?;
    let draft = crate::import::xconf_draft::draft(&boxes, &docs)?;
    Ok(Output::ok(crate::import::toml(&draft, &inputs.join(", "))))
}

/// The certificates in service, read from files or directories; none
/// given is none read, and inputs that hold none are an error.
fn installed_certificates(inputs: &[String]) -> Result<Vec<crate::pki::Document>, Error> {
    if inputs.is_empty() {
        return Ok(Vec::new());
    }
    let (items, _) = crate::audit::trust::read_inputs_deep(inputs)?;
    let docs: Vec<crate::pki::Document> = items.into_iter().map(|i| i.document).collect();
    if docs.is_empty() {
        let inputs = inputs.to_vec();
        return Err(crate::report::Usage::NoCertificate { inputs }.into());
    }
    Ok(docs)
}

fn import_certificates(inputs: &[String]) -> Result<Output, Error> {
    let docs = installed_certificates(inputs)?;
    let mut draft = crate::import::certificates::draft(&docs);
    match crate::import::compare(&mut draft, &docs) {
        // A name the deployment file refuses: the draft says so, never an
        // error in a draft.toml the user does not have.
        Err(Error::Input(_)) | Ok(()) => {}
        Err(e) => return Err(e),
    }
    Ok(Output::ok(crate::import::toml(&draft, &inputs.join(", "))))
}
