//! The certificates with known dates in an estate folder
//! (`docs/estate.md`): each host's service certificates, for `report`'s
//! expiry timeline and its per-certificate sections.

use super::folders::{self, Folder};
use crate::cisco::platform::presented_by;
use crate::cisco::services::Service;
use crate::model::{Deployment, HostName};
use std::path::Path;

/// One certificate in service and when it expires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expiry {
    /// The host whose folder holds it.
    pub host: HostName,
    /// Which of its certificates.
    pub service: Service,
    /// Its subject, as OpenSSL prints it (outside text).
    pub subject: String,
    /// Expiry, Unix seconds.
    pub not_after: i64,
}

/// Every readable service certificate of the estate folder `root`, host by
/// host in the deployment's order. An Expressway's client certificate is
/// listed only when it has its own file (else it is the server's).
pub(crate) fn in_folder(d: &Deployment, root: &Path) -> Vec<Expiry> {
    let mut out: Vec<Expiry> = Vec::new();
    for host in folders::hosts(d) {
        let folder = Folder::of(root, &host.name);
        for service in presented_by(host.party) {
            let Some(Ok(contents)) = folder.certificate(service) else {
                continue;
            };
            let leaf = &contents.documents[0];
            let Some(not_after) = leaf.not_after_unix else {
                continue;
            };
            let duplicate = out.iter().any(|e| {
                e.host == host.name && e.not_after == not_after && e.subject == leaf.subject
            });
            if !duplicate {
                out.push(Expiry {
                    host: host.name.clone(),
                    service,
                    subject: leaf.subject.clone(),
                    not_after,
                });
            }
        }
    }
    out
}
