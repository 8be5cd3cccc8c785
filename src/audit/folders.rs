//! The `links` folder: one folder per host, named by its FQDN, holding the
//! certificates the host presents and its trust lists, each file named
//! after the host's own service (`docs/links.md`).
//!
//! ```text
//! DIR/expc1.example.local/server.pem       the Expressway's server certificate (and chain)
//! DIR/expc1.example.local/client.pem       its X15.5 client certificate, when it has one
//! DIR/expc1.example.local/trusted-ca.pem   its trusted CA list (a file or a folder)
//! DIR/cucm1.example.local/tomcat.pem, CallManager.pem, tomcat-trust/, CallManager-trust/
//! DIR/imp1.example.local/tomcat.pem, cup-xmpp.pem, tomcat-trust/, cup-xmpp-trust/
//! ```

use super::pool::CaPool;
use crate::cisco::services::{Service, TrustList};
use crate::cisco::{Party, Role};
use crate::model::{Deployment, HostName};
use crate::pki::{self, FileContents};
use crate::report::Error;
use std::path::{Path, PathBuf};

/// The file `bundle` writes for a certificate of `service` (`server.pem`,
/// `client.key`, `server.p12`), as `links` reads it.
pub(crate) fn file(service: Service, extension: &str) -> String {
    format!("{}.{extension}", service.file())
}

/// The Expressway's trusted CA list file.
pub(crate) fn trust_file() -> String {
    format!("{}.pem", TrustList::ExpresswayTrustedCa.file())
}

/// Which of an Expressway's certificates a planned one is: the X15.5 client
/// certificate, or the server certificate (the single dual-EKU one too).
pub(crate) fn service_of(planned: &crate::plan::CertificatePlan) -> Service {
    if planned.purpose.store == crate::cisco::Store::Client {
        Service::ExpresswayClient
    } else {
        Service::ExpresswayServer
    }
}

/// The extensions a certificate or trust file may have.
const EXTENSIONS: &[&str] = &["pem", "crt", "cer", "der", "p7b", "p7c"];

/// A host of the deployment with a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Host {
    /// Its FQDN (the folder's name).
    pub name: HostName,
    /// What it is.
    pub party: Party,
}

/// Every host of the deployment: Expressway-C peers, Expressway-E peers,
/// Unified CM nodes, IM and Presence nodes.
pub(crate) fn hosts(d: &Deployment) -> Vec<Host> {
    let parties = [
        Party::Expressway(Role::ExpresswayC),
        Party::Expressway(Role::ExpresswayE),
        Party::UnifiedCm,
        Party::ImPresence,
    ];
    parties
        .into_iter()
        .flat_map(|party| {
            d.hosts(party)
                .into_iter()
                .map(move |name| Host { name, party })
        })
        .collect()
}

/// One host's folder.
pub(crate) struct Folder {
    dir: PathBuf,
}

impl Folder {
    /// `DIR/<host>`.
    pub(crate) fn of(root: &Path, host: &HostName) -> Folder {
        Folder {
            dir: root.join(host.as_str()),
        }
    }

    /// The file of `stem` with a known extension, ignoring case.
    fn find(&self, stem: &str) -> Option<PathBuf> {
        let entries = std::fs::read_dir(&self.dir).ok()?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| matches_stem(p, stem))
            .collect();
        found.sort();
        found.into_iter().next()
    }

    /// The certificate (and chain) a service presents; an Expressway's
    /// client certificate falls back to its server certificate (one
    /// certificate for both sides before X15.5).
    pub(crate) fn certificate(&self, service: Service) -> Option<Result<FileContents, Error>> {
        let path = self.find(service.file()).or_else(|| {
            (service == Service::ExpresswayClient)
                .then(|| self.find(Service::ExpresswayServer.file()))
                .flatten()
        })?;
        Some(pki::reader::read_path(&path))
    }

    /// A trust list: a file of certificates, or a folder of them.
    pub(crate) fn trust(&self, list: TrustList) -> Option<Result<CaPool, Error>> {
        let dir = self.dir.join(list.file());
        let path = if dir.is_dir() {
            dir
        } else {
            self.find(list.file())?
        };
        let input = path.to_string_lossy().into_owned();
        Some(CaPool::load(&[input]).map(|(pool, _)| pool))
    }
}

/// `stem.ext` with a known extension, or a folder named `stem`, ignoring case.
fn matches_stem(path: &Path, stem: &str) -> bool {
    let (Some(s), Some(ext)) = (path.file_stem(), path.extension()) else {
        return false;
    };
    let ext = ext.to_string_lossy().to_ascii_lowercase();
    path.is_file()
        && s.to_string_lossy().eq_ignore_ascii_case(stem)
        && EXTENSIONS.contains(&ext.as_str())
}

/// What to drop in a host's folder, for its README.
pub(crate) fn readme(host: &Host) -> String {
    let files: &[(&str, &str)] = match host.party {
        Party::Expressway(_) => &[
            (
                "server.pem",
                "the server certificate (Maintenance > Security > Server certificate); its chain may follow, and the box sends the intermediates of trusted-ca.pem",
            ),
            (
                "server.key",
                "its private key, 0600 (sancsr bundle writes it; never read by links)",
            ),
            (
                "client.pem",
                "X15.5: the client certificate store's certificate (leave out otherwise)",
            ),
            (
                "client.key",
                "X15.5: a separate client certificate's private key, 0600 (sancsr bundle)",
            ),
            (
                "trusted-ca.pem",
                "the trusted CA list (Maintenance > Security > Trusted CA certificate), a file or a folder trusted-ca/",
            ),
            (
                "server.p12",
                "when bundle makes a PKCS#12: the certificate, key and chain, 0600 (client.p12 likewise)",
            ),
        ],
        Party::UnifiedCm => &[
            (
                "tomcat.pem",
                "the tomcat certificate (OS Administration > Security > Certificate Management)",
            ),
            ("CallManager.pem", "the CallManager certificate"),
            (
                "tomcat-trust/",
                "the tomcat-trust certificates (a folder, or tomcat-trust.pem)",
            ),
            (
                "CallManager-trust/",
                "the CallManager-trust certificates (a folder, or CallManager-trust.pem)",
            ),
        ],
        Party::ImPresence => &[
            ("tomcat.pem", "the tomcat certificate"),
            ("cup-xmpp.pem", "the cup-xmpp certificate"),
            (
                "tomcat-trust/",
                "the tomcat-trust certificates (a folder, or tomcat-trust.pem)",
            ),
            (
                "cup-xmpp-trust/",
                "the cup-xmpp-trust certificates (a folder, or cup-xmpp-trust.pem)",
            ),
        ],
        _ => &[],
    };
    let mut out = format!(
        "{} ({}): this host's folder of the estate (docs/estate.md): what `sancsr bundle` \
         writes and `sancsr links`, `probe` and `import certificates` read. PEM, \
         DER or PKCS#7 (.pem, .crt, .cer, .der, .p7b, .p7c) are read; the name before the \
         extension counts.\n\n",
        host.name, host.party
    );
    for (file, what) in files {
        out.push_str(&format!("  {file:<20} {what}\n"));
    }
    out
}

/// Writes `text` to a new file `path`, 0644 whatever the umask; false when
/// something is there already, a dangling symbolic link included (opened
/// with O_CREAT|O_EXCL, which never follows a link and never truncates).
fn new_file(path: &Path, text: &str) -> Result<bool, Error> {
    use std::io::Write as _;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o644)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(error(e)),
    };
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
        .and_then(|()| file.write_all(text.as_bytes()))
        .map_err(error)?;
    Ok(true)
}

/// Creates `root/<host>/README.txt` for every host, and `root/README.txt`.
/// Existing files are left as they are.
pub(crate) fn init(root: &Path, d: &Deployment) -> Result<Vec<PathBuf>, Error> {
    let mut made = Vec::new();
    let write = |path: PathBuf, text: String, made: &mut Vec<PathBuf>| -> Result<(), Error> {
        // 0700 whatever the umask; a symbolic link is refused.
        if let Some(parent) = path.parent() {
            crate::io::own_directory(parent)?;
        }
        if new_file(&path, &text)? {
            made.push(path);
        }
        Ok(())
    };
    let hosts = hosts(d);
    let mut index = String::from(
        "One folder per host of the deployment; each folder's README.txt says what to drop \
         there. Then run `sancsr links DEPLOYMENT DIR`.\n\n",
    );
    for host in &hosts {
        index.push_str(&format!("  {}/  ({})\n", host.name, host.party));
        write(
            root.join(host.name.as_str()).join("README.txt"),
            readme(host),
            &mut made,
        )?;
    }
    write(root.join("README.txt"), index, &mut made)?;
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HostName;

    /// `docs/estate.md` shows every file a host's README names, and the
    /// names `bundle` writes are those `links` reads.
    #[test]
    fn the_estate_document_lists_every_file_of_each_host() {
        let doc = include_str!("../../docs/estate.md");
        for party in [
            Party::Expressway(Role::ExpresswayC),
            Party::UnifiedCm,
            Party::ImPresence,
        ] {
            let host = Host {
                name: HostName::parse("h.example.com", crate::model::NameKind::Host).expect("name"),
                party,
            };
            for line in readme(&host).lines().skip(2) {
                let file = line.split_whitespace().next().expect("file");
                assert!(
                    doc.contains(&format!("    {file}")),
                    "{file} is not in docs/estate.md"
                );
            }
        }
        assert_eq!(file(Service::ExpresswayServer, "pem"), "server.pem");
        assert_eq!(file(Service::ExpresswayClient, "key"), "client.key");
        assert_eq!(trust_file(), "trusted-ca.pem");
    }
}
