//! Which certificates a peer needs in 2026: one with serverAuth and
//! clientAuth as before, or a server and a client certificate, by role,
//! release and CA kind. The answers come from [`crate::cisco::sunset`]; the
//! connections each certificate serves from [`crate::cisco::connections`].

use crate::cisco::connections::of_role;
use crate::cisco::policy::{
    COPY_TO_CLIENT_STORE, SEPARATE_CLIENT_STORE_SINCE, SERVER_EKU_UPLOAD_SWITCH,
};
use crate::cisco::sunset::provision;
use crate::cisco::{
    CONNECTIONS, CaKind, Connection, Eku, Party, Provision, Role, SUNSET_TABLE, Store,
};
use crate::model::{Cluster, Deployment, HostName};
use crate::report::{Code, Finding, Location};
use serde::Serialize;

/// What a planned certificate is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Purpose {
    /// The Extended Key Usages to request.
    pub eku: Eku,
    /// The kind of CA that must sign it.
    pub ca: CaKind,
    /// Where it goes on the Expressway.
    pub store: Store,
    /// The TLS connections that present it.
    pub connections: Vec<&'static Connection>,
}

impl Default for Purpose {
    /// Today's certificate, before its connections are known.
    fn default() -> Self {
        Purpose::dual(CaKind::Private, &[], &[])
    }
}

impl Purpose {
    /// Today's certificate: both EKUs, from a private CA, in the server
    /// store, on every connection.
    fn dual(ca: CaKind, server: &[&'static Connection], client: &[&'static Connection]) -> Self {
        Purpose {
            eku: Eku::ServerAndClient,
            ca,
            store: Store::Server,
            connections: client.iter().chain(server).copied().collect(),
        }
    }

    /// The file-name part that tells a peer's certificates apart: none for
    /// the single dual-purpose certificate, `.server` or `.client`
    /// otherwise.
    pub fn file_suffix(&self) -> &'static str {
        match self.eku {
            Eku::ServerAndClient => "",
            Eku::Server => ".server",
            Eku::Client => ".client",
        }
    }

    /// Whether this is today's certificate (both EKUs, private CA): plans
    /// of such certificates read as they did before the sunset.
    pub fn is_traditional(&self) -> bool {
        self.eku == Eku::ServerAndClient && self.ca == CaKind::Private
    }
}

/// The certificates `peer` of `cluster` needs, with the findings of a
/// combination that cannot work or needs a switch.
pub(super) fn purposes(
    deployment: &Deployment,
    cluster: &Cluster,
    peer: &HostName,
    findings: &mut Vec<Finding>,
) -> Vec<Purpose> {
    let role = cluster.role;
    let ca = cluster.ca_of(peer);
    let (features, opted) = (&deployment.features, &deployment.connections);
    let server: Vec<_> = of_role(role, false, features, opted).collect();
    let client: Vec<_> = of_role(role, true, features, opted).collect();
    let location = Some(deployment.location(&cluster.span));
    let Some(row) = provision(role, ca, cluster.version) else {
        let (message, fix) = release_needed(role);
        findings.push(
            Finding::error(Code::ReleaseNeeded, message)
                .fix(fix)
                .at(location),
        );
        return vec![Purpose::dual(ca, &server, &client)];
    };
    match row.provision {
        Provision::Dual => {
            findings.extend(client_store(cluster, &client, location));
            vec![Purpose::dual(ca, &server, &client)]
        }
        Provision::Unworkable { .. } => {
            let (why, fix) = row.unworkable().unwrap_or_default();
            let message = format!("{peer} ({role}, {}): {why}", release(cluster));
            findings.push(
                Finding::error(Code::ClientAuthUnavailable, message)
                    .fix(fix)
                    .at(location)
                    .for_peer(peer.as_str()),
            );
            vec![Purpose::dual(ca, &server, &client)]
        }
        Provision::ServerOnlyWithSwitch => {
            findings.extend(unplanned_client_connections(cluster, &client, &location));
            findings.extend(switch_findings(cluster, &client, location));
            vec![server_certificate(ca, server)]
        }
        Provision::Split => {
            findings.extend(unplanned_client_connections(cluster, &client, &location));
            let mut out = vec![server_certificate(ca, server)];
            if !client.is_empty() {
                out.push(Purpose {
                    eku: Eku::Client,
                    ca: CaKind::Private,
                    store: Store::Client,
                    connections: client,
                });
            }
            out
        }
    }
}

/// `client-store`: from X15.5 a box keeps a client certificate store and
/// presents its certificate where it is the TLS client (source D, K); a
/// single serverAuth + clientAuth certificate must be loaded there too, or
/// the client side keeps the old one after a renewal.
fn client_store(
    cluster: &Cluster,
    client: &[&'static Connection],
    location: Option<Location>,
) -> Option<Finding> {
    let release = cluster
        .version
        .filter(|v| *v >= SEPARATE_CLIENT_STORE_SINCE)?;
    // Only where the server asks for the client's certificate.
    let uses: Vec<&str> = client
        .iter()
        .filter(|c| c.mutual)
        .map(|c| c.purpose)
        .collect();
    if uses.is_empty() {
        return None;
    }
    let message = format!(
        "on {release}, each {} presents the certificate of its client certificate store where \
         the server asks for one ({}): the one certificate planned for each peer serves both \
         stores",
        cluster.role,
        uses.join("; ")
    );
    Some(
        Finding::info(Code::ClientStore, message)
            .fix(format!(
                "upload the certificate to {} too (\"{COPY_TO_CLIENT_STORE}\", TAC 225693), \
                 and again at every renewal",
                Store::Client.title()
            ))
            .at(location),
    )
}

/// `unplanned-client-connections`: an Expressway-E planned with no
/// clientAuth certificate, whose file lists none of the optional
/// connections where it is the TLS client (MRA cloud onboarding and SIP
/// neighbour zones, FN74362; Webex Hybrid Call Service, TAC 212475): if it
/// uses any, it needs a client certificate the plan does not have.
fn unplanned_client_connections(
    cluster: &Cluster,
    client: &[&'static Connection],
    location: &Option<Location>,
) -> Option<Finding> {
    if cluster.role != Role::ExpresswayE || !client.is_empty() {
        return None;
    }
    let optional: Vec<&Connection> = CONNECTIONS
        .iter()
        .filter(|c| c.opt_in.is_some() && c.client == Party::Expressway(cluster.role))
        .collect();
    let uses: Vec<String> = optional
        .iter()
        .map(|c| format!("{}, port {}", c.purpose, c.port))
        .collect();
    let mut keys: Vec<&str> = optional
        .iter()
        .filter_map(|c| c.opt_in)
        .map(|o| o.key())
        .collect();
    keys.dedup();
    let message = format!(
        "the {} is planned with a serverAuth-only certificate and no client certificate: where \
         it is the TLS client with mutual TLS ({}), the far end refuses a certificate without \
         clientAuth",
        cluster.role,
        uses.join("; ")
    );
    Some(
        Finding::warning(Code::UnplannedClientConnections, message)
            .fix(format!(
                "if the {} uses any of them, list them in the deployment file (connections = \
                 [\"{}\"]) to plan its client certificate",
                cluster.role,
                keys.join("\", \"")
            ))
            .at(location.clone()),
    )
}

/// `server-eku-switch`, and `no-client-certificate` when the box opens
/// TLS connections as the client.
fn switch_findings(
    cluster: &Cluster,
    client: &[&'static Connection],
    location: Option<Location>,
) -> Vec<Finding> {
    let (message, fix) = switch(cluster);
    let mut out = vec![
        Finding::warning(Code::ServerEkuSwitch, message)
            .fix(fix)
            .at(location.clone()),
    ];
    if !client.is_empty() {
        let message = no_client_certificate(cluster, client);
        out.push(
            Finding::warning(Code::NoClientCertificate, message)
                .fix(format!(
                    "upgrade to {SEPARATE_CLIENT_STORE_SINCE}, which takes a separate client \
                     certificate from a private CA"
                ))
                .at(location),
        );
    }
    out
}

fn server_certificate(ca: CaKind, server: Vec<&'static Connection>) -> Purpose {
    Purpose {
        eku: Eku::Server,
        ca,
        store: Store::Server,
        connections: server,
    }
}

fn release(cluster: &Cluster) -> String {
    cluster
        .version
        .map_or_else(|| "release not given".into(), |v| v.to_string())
}

/// The release bands of the sunset table for a public CA and `role`.
fn public_bands(role: Role) -> Vec<String> {
    SUNSET_TABLE
        .iter()
        .filter(|r| r.role == role && r.ca == CaKind::Public)
        .map(|r| r.releases())
        .collect()
}

fn release_needed(role: Role) -> (String, String) {
    let message = format!(
        "the {role} is signed by a public CA, but its release is not given: which certificates \
         a public CA can sign for it depends on the release ({})",
        public_bands(role).join(", ")
    );
    let fix = format!(
        "add expressway_version = \"{SEPARATE_CLIENT_STORE_SINCE}\" (the release the boxes run) \
         at the top or in [{}]",
        role.table()
    );
    (message, fix)
}

fn switch(cluster: &Cluster) -> (String, String) {
    let message = format!(
        "the {} on {} takes the public CA's serverAuth-only certificate only after \
         `{SERVER_EKU_UPLOAD_SWITCH}` (TAC 225482)",
        cluster.role,
        release(cluster)
    );
    let fix = "run the switch on every peer before the upload, and make the CSR with sancsr \
               generate: the Generate CSR page, X15.4's included, requests clientAuth too, \
               which some public CAs refuse (TAC 225482)"
        .to_owned();
    (message, fix)
}

fn no_client_certificate(cluster: &Cluster, client: &[&'static Connection]) -> String {
    let uses: Vec<&str> = client.iter().map(|c| c.purpose).collect();
    format!(
        "the {} on {} opens TLS connections as the client ({}) with a serverAuth-only \
         certificate: a far end that asks for a client certificate will refuse it",
        cluster.role,
        release(cluster),
        uses.join("; ")
    )
}
