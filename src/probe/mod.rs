//! `sancsr probe`: what every box really serves, live. Each endpoint (a
//! host and a port of [`crate::cisco::PROBE_PORTS`]) is probed on its own
//! thread; the whole run has one deadline, and results come back in the
//! endpoints' order whatever order they finish in ([`tls`] captures a
//! chain, [`xmpp`] does STARTTLS, [`judge`] audits what came back).

pub(crate) mod judge;
pub(crate) mod results;
pub(crate) mod tls;
pub(crate) mod xmpp;

use crate::cisco::{PROBE_PORTS, Party, StartTls};
use crate::model::Deployment;
use crate::plan::Plan;
use std::io::IsTerminal as _;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tls::{Capture, Dial, Unreachable};

/// One host and port to probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Endpoint {
    /// The host name (or address) as given.
    pub host: String,
    /// The service's port (before `--port` mapping).
    pub port: u16,
    /// A short name for the service.
    pub service: &'static str,
    /// STARTTLS first.
    pub starttls: Option<StartTls>,
    /// The domain for the XMPP stream header.
    pub xmpp_to: String,
    /// The planned server certificate of this peer, when it is one.
    pub planned: Option<usize>,
    /// A Unified CM or IM and Presence node (`--nodes`), not a peer.
    pub node: bool,
    /// `--connect`: the name the certificate must be valid for (the
    /// `--servername`, else the host).
    pub expect_name: Option<String>,
}

/// How to reach endpoints.
#[derive(Debug, Clone, Default)]
pub(crate) struct Network {
    /// `--resolve HOST:PORT:ADDRESS`.
    pub resolve: Vec<(String, u16, IpAddr)>,
    /// `--port PORT=OTHER`.
    pub ports: Vec<(u16, u16)>,
    /// `--servername`: the SNI for every endpoint.
    pub server_name: Option<String>,
}

/// What one endpoint gave.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    /// The endpoint.
    pub endpoint: Endpoint,
    /// The address connected to, when it resolved.
    pub address: Option<SocketAddr>,
    /// The chain, or why there is none.
    pub result: Result<Capture, Unreachable>,
}

/// The endpoints of a deployment: every peer on its role's ports, and with
/// `nodes` the Unified CM and IM and Presence nodes.
pub(crate) fn endpoints(d: &Deployment, plan: &Plan, nodes: bool) -> Vec<Endpoint> {
    let domain = |list: &[crate::model::Name], fallback: &str| {
        list.first()
            .map_or_else(|| fallback.to_owned(), |n| n.value.to_string())
    };
    let mut out = Vec::new();
    for p in PROBE_PORTS.iter().filter(|p| p.applies(&d.features)) {
        let hosts = d.hosts(p.party);
        if !nodes && !matches!(p.party, Party::Expressway(_)) {
            continue;
        }
        for host in hosts {
            let planned = plan
                .certificates
                .iter()
                .position(|c| c.peer == host && c.purpose.eku.serves(crate::cisco::Side::Server));
            let xmpp_to = match p.starttls {
                Some(StartTls::XmppServer) => domain(&d.xmpp_federation_domains, host.as_str()),
                _ => domain(&d.registration_domains, host.as_str()),
            };
            out.push(Endpoint {
                host: host.to_string(),
                port: match d.traversal_port() {
                    Some(port) if p.traversal => port,
                    _ => p.port,
                },
                service: p.service,
                starttls: p.starttls,
                xmpp_to,
                planned,
                node: !matches!(p.party, Party::Expressway(_)),
                expect_name: None,
            });
        }
    }
    out
}

/// How many endpoints are probed at once: enough that a deployment's
/// endpoints all run together, bounded so that 20,000 nodes do not start
/// 20,000 threads.
const WORKERS: usize = 64;

/// Probes the endpoints, up to [`WORKERS`] at once, within `deadline` for
/// the whole run; with `progress`, a count on a terminal's standard error.
/// A worker that cannot start leaves its share to the others; with none,
/// every endpoint says why.
pub(crate) fn run_all(
    endpoints: Vec<Endpoint>,
    network: &Network,
    deadline: Duration,
    progress: bool,
) -> Vec<Outcome> {
    let end = Instant::now() + deadline;
    let (sender, receiver) = mpsc::channel();
    let (started, refusal) = start_workers(&endpoints, network, end, &sender);
    drop(sender);
    if started == 0 {
        let why = refusal.unwrap_or_default();
        return endpoints
            .into_iter()
            .map(|endpoint| Outcome {
                endpoint,
                address: None,
                result: Err(Unreachable(format!("no probe could start: {why}"))),
            })
            .collect();
    }
    let mut results: Vec<Option<Outcome>> = vec![None; endpoints.len()];
    let progress = progress && std::io::stderr().is_terminal();
    let mut done = 0;
    while done < endpoints.len() {
        let left = end.saturating_duration_since(Instant::now());
        let Ok((i, outcome)) = receiver.recv_timeout(left) else {
            break;
        };
        results[i] = Some(outcome);
        done += 1;
        if progress {
            eprint!("\rprobed {done}/{}", endpoints.len());
        }
    }
    if progress {
        eprint!("\r\x1b[K");
    }
    let timed_out = |endpoint: Endpoint| Outcome {
        endpoint,
        address: None,
        result: Err(Unreachable(format!(
            "no answer before the run's deadline ({} s)",
            deadline.as_secs_f64()
        ))),
    };
    endpoints
        .into_iter()
        .zip(results)
        .map(|(e, r)| r.unwrap_or_else(|| timed_out(e)))
        .collect()
}

/// Starts up to [`WORKERS`] detached workers that take endpoints from one
/// queue and send each outcome; how many started, and why one could not.
fn start_workers(
    endpoints: &[Endpoint],
    network: &Network,
    end: Instant,
    sender: &mpsc::Sender<(usize, Outcome)>,
) -> (usize, Option<String>) {
    let queue = std::sync::Arc::new(std::sync::Mutex::new(
        endpoints
            .iter()
            .cloned()
            .enumerate()
            .collect::<std::collections::VecDeque<_>>(),
    ));
    let mut started = 0;
    let mut refusal = None;
    for _ in 0..WORKERS.min(endpoints.len()) {
        let (sender, network, queue) = (sender.clone(), network.clone(), queue.clone());
        // Detached: a worker still blocked at the deadline is abandoned.
        let spawned = std::thread::Builder::new().spawn(move || {
            while let Some((i, endpoint)) = next(&queue) {
                let outcome = probe_one(endpoint, &network, end);
                let _ = sender.send((i, outcome));
            }
        });
        match spawned {
            Ok(_) => started += 1,
            Err(e) => refusal = Some(e.to_string()),
        }
    }
    (started, refusal)
}

/// The next endpoint of the queue; none once it is empty (or a worker
/// panicked holding it).
fn next(
    queue: &std::sync::Mutex<std::collections::VecDeque<(usize, Endpoint)>>,
) -> Option<(usize, Endpoint)> {
    queue.lock().ok()?.pop_front()
}

/// Resolves, connects and captures one endpoint, by `end`.
fn probe_one(endpoint: Endpoint, network: &Network, end: Instant) -> Outcome {
    let address = network.address(&endpoint.host, endpoint.port);
    let result = match &address {
        Err(why) => Err(Unreachable(why.clone())),
        Ok(address) => {
            let timeout = end.saturating_duration_since(Instant::now());
            let dial = Dial {
                address: *address,
                server_name: network
                    .server_name
                    .clone()
                    .unwrap_or_else(|| endpoint.host.clone()),
                xmpp_to: endpoint.xmpp_to.clone(),
                starttls: endpoint.starttls,
                timeout: timeout.max(Duration::from_millis(1)),
            };
            tls::capture(&dial)
        }
    };
    Outcome {
        address: address.ok(),
        endpoint,
        result,
    }
}

impl Network {
    /// Where `host:port` is reached: `--resolve` first, then the system
    /// resolver; `--port` maps the port.
    pub(crate) fn address(&self, host: &str, port: u16) -> Result<SocketAddr, String> {
        let mapped = self
            .ports
            .iter()
            .find(|(from, _)| *from == port)
            .map_or(port, |(_, to)| *to);
        let forced = self
            .resolve
            .iter()
            .find(|(h, p, _)| h.eq_ignore_ascii_case(host) && *p == port);
        if let Some((_, _, ip)) = forced {
            return Ok(SocketAddr::new(*ip, mapped));
        }
        (host, mapped)
            .to_socket_addrs()
            .map_err(|e| format!("cannot resolve {host}: {e}"))?
            .next()
            .ok_or_else(|| format!("{host} has no address"))
    }
}
