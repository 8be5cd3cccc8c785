//! `sancsr probe`.

use super::args::{ProbeFormat, ProbeOptions, Select};
use super::{EXIT_FINDINGS, EXIT_OK, Output, load_plan};
use crate::audit::clock;
use crate::audit::pool::CaPool;
use crate::cisco::Side;
use crate::plan::Plan;
use crate::probe::judge::Judge;
use crate::probe::{self, Endpoint, Network};
use crate::render::{self, style::Paint};
use crate::report::{Allowance, Allowed, Error, has_errors};
use std::time::Duration;

/// Probes the deployment's endpoints, or the one `--connect` names.
pub(super) fn run(
    deployment: Option<&str>,
    select: &Select,
    options: &ProbeOptions,
    (paint, quiet): (Paint, bool),
    allow: &Allowance,
) -> Result<Output, Error> {
    let now = clock::now_or(options.now.as_deref())?;
    let (plan, endpoints, allow) = match (&options.connect, deployment) {
        (Some((host, port)), None) => (None, vec![single(host, *port, options)], allow.clone()),
        // With a deployment, the host's planned certificate is audited too.
        (Some((host, port)), Some(path)) => {
            let loaded = load_plan(path, select, allow)?;
            let mut endpoint = single(host, *port, options);
            let name = endpoint.expect_name.clone().unwrap_or_default();
            endpoint.planned = loaded.plan.certificates.iter().position(|c| {
                (c.peer.is(host) || c.peer.is(&name)) && c.purpose.eku.serves(Side::Server)
            });
            (Some(loaded.plan), vec![endpoint], loaded.allow)
        }
        // clap requires the deployment without --connect.
        (None, path) => {
            let loaded = load_plan(path.unwrap_or("-"), select, allow)?;
            let (deployment, plan) = (loaded.deployment, loaded.plan);
            let mut endpoints = probe::endpoints(&deployment, &plan, options.nodes);
            narrow(
                &mut endpoints,
                &plan,
                select.peer.is_some() || select.role.is_some(),
            );
            (Some(plan), endpoints, loaded.allow)
        }
    };
    let pool = trusted(options)?;
    let network = Network {
        resolve: options.network.resolve.clone(),
        ports: options.network.ports.clone(),
        server_name: options.servername.clone(),
    };
    let outcomes = probe::run_all(
        endpoints,
        &network,
        Duration::from_secs_f64(options.timeout),
        !quiet,
    );
    let judge = Judge {
        plan: plan.as_ref(),
        pool: pool.as_ref(),
        now,
        warn_days: i64::from(options.warn_days),
        out_dir: options.out_dir.as_deref(),
    };
    let mut judged = judge.all(outcomes);
    if options.connect.is_some() && options.starttls.is_none() {
        judged.iter_mut().for_each(starttls_hint);
    }
    let mut allowed = Allowed::default();
    for j in &mut judged {
        allowed += super::finish(&mut j.findings, &allow);
    }
    let failed = judged.iter().any(|j| has_errors(&j.findings));
    let single = options.connect.is_some();
    Ok(Output {
        stdout: match options.format {
            ProbeFormat::Text if single => render::probe::connect_text(&judged, paint),
            ProbeFormat::Text => render::probe::text(&judged, now, allowed, paint),
            ProbeFormat::Json => render::probe::json(&judged, allowed),
            ProbeFormat::Prometheus => render::probe::prometheus(&judged),
            ProbeFormat::Sarif => render::sarif::log(judged.iter().flat_map(|j| &j.findings)),
        },
        code: if failed { EXIT_FINDINGS } else { EXIT_OK },
        ..Output::default()
    })
}

/// An XMPP port (5222, 5269) probed without `--starttls` and no chain: the
/// server spoke XMPP in clear first, so say how to ask for TLS.
fn starttls_hint(j: &mut crate::probe::judge::Judged) {
    let port = j.outcome.endpoint.port;
    let Some(kind) = crate::cisco::ports::PROBE_PORTS
        .iter()
        .find(|p| p.port == port)
        .and_then(|p| p.starttls)
    else {
        return;
    };
    let flag = match kind {
        crate::cisco::ports::StartTls::XmppClient => "xmpp-client",
        crate::cisco::ports::StartTls::XmppServer => "xmpp-server",
    };
    for f in j
        .findings
        .iter_mut()
        .filter(|f| f.code == crate::report::Code::Unreachable)
    {
        f.fix = Some(format!(
            "port {port} is XMPP, which starts in clear text: add --starttls {flag}"
        ));
    }
}

fn single(host: &str, port: u16, options: &ProbeOptions) -> Endpoint {
    Endpoint {
        host: host.to_owned(),
        port,
        service: "connect",
        starttls: options.starttls.map(Into::into),
        xmpp_to: options
            .servername
            .clone()
            .unwrap_or_else(|| host.to_owned()),
        planned: None,
        node: false,
        expect_name: Some(
            options
                .servername
                .clone()
                .unwrap_or_else(|| host.to_owned()),
        ),
    }
}

/// With `--role`/`--peer`, only the selected peers' endpoints (and the
/// nodes, with `--nodes`).
fn narrow(endpoints: &mut Vec<Endpoint>, plan: &Plan, selected: bool) {
    if selected {
        endpoints.retain(|e| e.node || plan.certificates.iter().any(|c| c.peer.is(&e.host)));
    }
}

/// `--ca`, or the operating system's roots with `--system-roots`.
fn trusted(options: &ProbeOptions) -> Result<Option<CaPool>, Error> {
    if options.system_roots {
        return Ok(Some(CaPool::system()));
    }
    match options.ca.as_slice() {
        [] => Ok(None),
        inputs => Ok(Some(CaPool::load(inputs)?.0)),
    }
}
