//! `sancsr check`.

use super::args::{CheckOptions, FindingsFormat, Select};
use super::{EXIT_FINDINGS, EXIT_OK, Output, load_plan};
use crate::audit::chain;
use crate::audit::check::{self, Context};
use crate::audit::clock;
use crate::audit::pool::CaPool;
use crate::cisco::Eku;
use crate::pki::{self, keys};
use crate::pki::{FileContents, Kind};
use crate::plan::Plan;
use crate::render::check::Report;
use crate::render::{self, style::Paint};
use crate::report::{Allowance, Allowed, Code, Error, Finding, Usage, has_errors};

/// Audits each file's leaf against the planned certificate of its peer.
pub(super) fn run(
    path: &str,
    files: &[String],
    select: &Select,
    options: &CheckOptions,
    paint: Paint,
    allow: &Allowance,
) -> Result<Output, Error> {
    let loaded = load_plan(path, select, allow)?;
    let plan = loaded.plan;
    let context = Context {
        now: clock::now_or(options.now.as_deref())?,
        key: options
            .key
            .as_deref()
            .map(keys::public_key_of)
            .transpose()?,
    };
    if files.iter().filter(|f| *f == "-").count() > 1 {
        return Err(Usage::StdinTwice.into());
    }
    let pool = match options.ca.as_slice() {
        [] => None,
        inputs => Some(CaPool::load(inputs)?.0),
    };
    let mut reports = Vec::new();
    let mut allowed = Allowed::default();
    for file in files {
        let contents = pki::read_file(file)?;
        let mut report = report(&plan, &contents, &context, options.service.as_deref());
        add_chain(&mut report, &contents, pool.as_ref(), context.now);
        allowed += super::finish(&mut report.findings, &loaded.allow);
        reports.push(report);
    }
    let failed = reports.iter().any(|r| has_errors(&r.findings));
    Ok(Output {
        stdout: match options.format {
            FindingsFormat::Text => render::check::text(&reports, allowed, paint),
            FindingsFormat::Json => render::check::json(&reports, allowed),
            FindingsFormat::Sarif => render::sarif::log(reports.iter().flat_map(|r| &r.findings)),
        },
        code: if failed { EXIT_FINDINGS } else { EXIT_OK },
        ..Output::default()
    })
}

/// The chain's findings: against `--ca` when given; otherwise the file's
/// own chain, when it carries one. A CSR has no chain.
fn add_chain(report: &mut Report, contents: &FileContents, pool: Option<&CaPool>, now: i64) {
    let docs = &contents.documents;
    if docs[0].kind != Kind::Certificate {
        return;
    }
    // A lone leaf without --ca: nothing to verify, and saying nothing would
    // read as a chain that passed.
    if pool.is_none() && docs.len() < 2 {
        let finding = Finding::info(
            Code::TrustNotChecked,
            "the file holds the certificate alone and no CA certificates were given: its chain \
             was not checked",
        )
        .fix("give --ca with the CA certificates the other side trusts")
        .in_file(&contents.name);
        report.findings.push(match &report.matched {
            Some((_, peer, _)) => finding.for_peer(peer.as_str()),
            None => finding,
        });
        return;
    }
    // A file that matched no planned certificate is judged as a server's.
    let (eku, peer) = match (&report.matched, &report.platform) {
        (_, Some(p)) => (p.eku, Some(p.node.to_string())),
        (Some((_, p, eku)), None) => (*eku, Some(p.to_string())),
        (None, None) => (Eku::Server, None),
    };
    let purpose = chain::Purpose::of(eku, now, peer.is_some());
    let name = contents.name.as_str();
    for f in chain::verify(docs, pool, &purpose) {
        let f = f.in_file(name);
        report.findings.push(match &peer {
            Some(p) => f.for_peer(p),
            None => f,
        });
    }
    report.findings.sort_by_key(|f| f.severity);
}

/// One file: its leaf audited against the planned certificate it matches
/// (a Unified CM or IM and Presence one when `--service` is given or its
/// names say so), or why it could not be compared.
fn report(
    plan: &Plan,
    contents: &FileContents,
    context: &Context,
    service: Option<&str>,
) -> Report {
    let leaf = &contents.documents[0];
    let name = contents.name.as_str();
    let unmatched = |finding: crate::report::Finding| Report {
        file: contents.name.clone(),
        kind: leaf.kind,
        matched: None,
        platform: None,
        findings: vec![finding.in_file(name)],
    };
    match crate::audit::platform::match_platform(plan, leaf, service) {
        Some(Ok(c)) => return platform_report(contents, c, context),
        Some(Err(finding)) => return unmatched(*finding),
        None => {}
    }
    // A CA certificate where the leaf should be; a self-signed certificate
    // that names its peer (OpenSSL marks those CA:TRUE) is still a leaf.
    let ca = check::ca_as_leaf(&contents.documents);
    let certificate = match (check::match_certificate(plan, leaf), ca) {
        (Ok(c), Some(ca)) if !leaf.host_names().any(|n| c.peer.is(n)) => return unmatched(ca),
        (Ok(c), _) => c,
        (Err(finding), ca) => return unmatched(ca.unwrap_or(*finding)),
    };
    let peer = certificate.peer.as_str();
    Report {
        file: contents.name.clone(),
        kind: leaf.kind,
        matched: Some((
            certificate.role,
            certificate.peer.clone(),
            certificate.purpose.eku,
        )),
        platform: None,
        findings: check::audit(leaf, certificate, context)
            .into_iter()
            .map(|f| f.in_file(name).for_peer(peer))
            .collect(),
    }
}

/// A Unified CM or IM and Presence certificate against its plan.
fn platform_report(
    contents: &FileContents,
    c: &crate::plan::platform::PlatformCertificate,
    context: &Context,
) -> Report {
    let leaf = &contents.documents[0];
    let node = c.node.to_string();
    Report {
        file: contents.name.clone(),
        kind: leaf.kind,
        matched: None,
        platform: Some(crate::render::check::PlatformMatch {
            label: c.label(),
            role: c.product().key(),
            service: c.purpose,
            node: c.node.clone(),
            eku: c.eku,
        }),
        findings: crate::audit::platform::audit(leaf, c, context)
            .into_iter()
            .map(|f| f.in_file(&contents.name).for_peer(&node))
            .collect(),
    }
}
