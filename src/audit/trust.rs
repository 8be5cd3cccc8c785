//! `sancsr trust`: lints the Unified CM (CallManager, tomcat) and IM and
//! Presence (cup-xmpp, tomcat) certificates that the Expressway-C will hold
//! in its trusted CA list.
//!
//! Source C, "Cisco Unified Communications Manager Certificates" and "IM
//! and Presence Service Certificates", and source N, O (`docs/cisco-rules.md`).

pub(crate) use super::node::Node;
use crate::model::AltName;
use crate::pki::document::{KeyKind, KeyUsageBit};
use crate::pki::{self, Document, FileContents, Kind};
use crate::report::{Code, Error, Finding};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One certificate read, with the file it came from.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// File name (and `#n` for the n-th certificate of a bundle).
    pub file: String,
    /// The certificate.
    pub document: Document,
}

/// Reads every certificate in the files, and in every regular file of the
/// directories given (not recursively, in name order). A named file that is
/// not a certificate is an error; a directory's other files are reported as
/// `skipped` info findings.
pub(crate) fn read_inputs(inputs: &[String]) -> Result<(Vec<Item>, Vec<Finding>), Error> {
    read_inputs_in(inputs, false)
}

/// As [`read_inputs`], each folder read with its sub-folders (an estate
/// folder, one folder per host).
pub(crate) fn read_inputs_deep(inputs: &[String]) -> Result<(Vec<Item>, Vec<Finding>), Error> {
    read_inputs_in(inputs, true)
}

fn read_inputs_in(inputs: &[String], deep: bool) -> Result<(Vec<Item>, Vec<Finding>), Error> {
    let mut items = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        let path = Path::new(input);
        if path.is_dir() {
            let mut entries = Vec::new();
            files_in(path, deep, &mut entries)?;
            entries.sort();
            for (entry, read) in entries.iter().zip(read_all(&entries)) {
                match read {
                    Ok(contents) => add(&mut items, contents),
                    Err(e) => skipped.push(
                        Finding::info(Code::Skipped, format!("not read as a certificate: {e}"))
                            .in_file(crate::io::display_name(entry)),
                    ),
                }
            }
        } else {
            add(&mut items, pki::read_file(input)?);
        }
    }
    Ok((items, skipped))
}

/// The files in `dir`, and with `deep` in its sub-folders; a symbolic link
/// to a folder is not followed (no loops).
fn files_in(dir: &Path, deep: bool, out: &mut Vec<std::path::PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && deep {
            files_in(&path, deep, out)?;
        } else if path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads the files on every core (a trust directory may hold thousands),
/// results in the files' order.
fn read_all(paths: &[std::path::PathBuf]) -> Vec<Result<FileContents, Error>> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = paths.len().div_ceil(cores).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|p| pki::reader::read_path(p))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a reader thread does not panic"))
            .collect()
    })
}

fn add(items: &mut Vec<Item>, contents: FileContents) {
    let many = contents.documents.len() > 1;
    for (i, document) in contents.documents.into_iter().enumerate() {
        if document.kind != Kind::Certificate {
            continue;
        }
        let file = if many {
            format!("{}#{}", contents.name, i + 1)
        } else {
            contents.name.clone()
        };
        items.push(Item { file, document });
    }
}

/// A certificate that a server presents (not a CA root): its findings are
/// those of a Unified CM / IM and Presence service certificate.
/// Unified CM's self-signed service certificates carry CA:TRUE and
/// keyCertSign beside serverAuth, so serverAuth decides; otherwise
/// basicConstraints CA=true makes a CA, with or without a Key Usage.
fn is_service_certificate(d: &Document) -> bool {
    let server = d.extended_key_usage.as_ref().is_some_and(|e| e.server_auth);
    server || !d.is_ca
}

/// A self-signed CA certificate that can anchor no node's server
/// certificate: its key usage forbids signing certificates, or its EKU
/// leaves out serverAuth (OpenSSL refuses such a CA for a TLS server's
/// chain). It is neither a root the Expressway-C can use nor a service
/// certificate: never passed in silence.
fn unusable_root(d: &Document) -> Option<Finding> {
    use crate::pki::document::KeyUsageBit;
    let no_sign = d
        .key_usage
        .is_some_and(|ku| !ku.has(KeyUsageBit::KeyCertSign));
    let eku = d.extended_key_usage.as_ref();
    let no_server = eku.is_some_and(|e| !e.server_auth);
    let why = match (no_sign, no_server) {
        (true, _) => "its key usage does not allow signing certificates (no keyCertSign)",
        (false, true) if eku.is_some_and(|e| e.client_auth) => {
            "its Extended Key Usage allows clientAuth only, not serverAuth"
        }
        (false, true) => "its Extended Key Usage does not allow serverAuth",
        (false, false) => return None,
    };
    Some(
        Finding::error(
            Code::UnusableSelfSigned,
            format!(
                "\"{}\" is a self-signed CA certificate, but {why}: it can anchor no node's \
                 server certificate, and is no server certificate itself",
                cn(d)
            ),
        )
        .fix("find the root CA that really signed the nodes' certificates, and trust that one"),
    )
}

/// Every finding about the certificates, given the `--node` FQDNs and "now".
pub(crate) fn lint(items: &[Item], nodes: &[Node], now: i64) -> Vec<Finding> {
    let mut out = Vec::new();
    // The same certificate in two files is one certificate.
    let mut seen = HashSet::new();
    let unique: Vec<&Item> = items
        .iter()
        .filter(|i| seen.insert(fingerprint(&i.document)))
        .collect();

    duplicate_self_signed_cn(&unique, &mut out);
    for item in &unique {
        let d = &item.document;
        let at = |f: Finding| f.in_file(&item.file);
        if d.self_signed && is_service_certificate(d) {
            out.push(at(Finding::warning(
                Code::SelfSigned,
                format!(
                    "\"{}\" is self-signed: Cisco recommends CA-signed certificates for Unified CM \
                     and IM and Presence",
                    cn(d)
                ),
            )
            .fix(
                "have the node's certificate signed by a CA, and trust that CA",
            )));
        }
        if d.self_signed && !is_service_certificate(d) {
            out.extend(unusable_root(d).map(at));
        }
        if let Some(end) = d.not_after_unix
            && now > end
        {
            out.push(at(Finding::error(
                Code::Expired,
                format!(
                    "\"{}\" expired at {}: the Expressway-C will refuse TLS to that node",
                    cn(d),
                    d.not_after.as_deref().unwrap_or("")
                ),
            )
            .fix("renew it on the node and replace it in the trusted CA list")));
        }
        if is_service_certificate(d) {
            usages(d, &mut |f| out.push(at(f)));
        }
    }
    for node in nodes {
        node_in_san(&unique, node, &mut out);
    }
    out.sort_by_key(|f| f.severity);
    out
}

fn fingerprint(d: &Document) -> (String, String, Vec<u8>) {
    (
        d.subject.clone(),
        d.issuer.clone().unwrap_or_default(),
        d.key.public_key.clone(),
    )
}

fn cn(d: &Document) -> &str {
    d.common_names
        .first()
        .map_or("(no common name)", String::as_str)
}

/// "The Expressway does not allow two self-signed certificates with the same
/// CN … the Expressway can only trust one of them" (source C; CSCve56019):
/// that concerns self-signed service certificates (CallManager and tomcat,
/// cup-xmpp and tomcat). Two CA roots sharing a CN (an old root and its
/// renewal) are only a warning: Cisco recommends against uploading them
/// (source Q), but they break no TLS connection.
fn duplicate_self_signed_cn(items: &[&Item], out: &mut Vec<Finding>) {
    // Groups in the order their first certificate was read.
    let mut index: HashMap<AltName, usize> = HashMap::new();
    let mut groups: Vec<Vec<&Item>> = Vec::new();
    for item in items.iter().filter(|i| i.document.self_signed) {
        let key = AltName::dns(cn(&item.document));
        let i = *index.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[i].push(item);
    }
    for group in groups.iter().filter(|g| g.len() > 1) {
        let files: Vec<&str> = group.iter().map(|i| i.file.as_str()).collect();
        let all_ca = group.iter().all(|i| !is_service_certificate(&i.document));
        let mut f = if all_ca {
            duplicate_ca_cn(group, &files)
        } else {
            Finding::error(
                Code::DuplicateSelfSignedCn,
                format!(
                    "{} self-signed certificates share the common name \"{}\" ({}): the \
                     Expressway can trust only one of them, so secure HTTP or secure SIP to that \
                     node fails",
                    group.len(),
                    cn(&group[0].document),
                    crate::report::list(&files)
                ),
            )
            .fix(
                "use CA-signed certificates, or regenerate one of the self-signed certificates \
                 with a different CN",
            )
        };
        f.files = files.iter().map(|f| (*f).to_owned()).collect();
        out.push(f);
    }
}

fn duplicate_ca_cn(group: &[&Item], files: &[&str]) -> Finding {
    Finding::warning(
        Code::DuplicateCaCn,
        format!(
            "{} CA root certificates share the common name \"{}\" ({}), as an old root and its \
             renewal do: Cisco recommends against several CA certificates with one common name \
             (with an external IdP, endpoints may fail to log in)",
            group.len(),
            cn(&group[0].document),
            crate::report::list(files)
        ),
    )
    .fix(
        "keep the root that signed the servers' current certificates, and remove an expired one \
         from the trusted CA list",
    )
}

/// Key usages and EKUs that tomcat, CallManager and cup-xmpp certificates
/// carry (source N).
fn usages(d: &Document, push: &mut dyn FnMut(Finding)) {
    if let Some(ku) = d.key_usage {
        let missing: Vec<&str> = [KeyUsageBit::DigitalSignature, KeyUsageBit::KeyEncipherment]
            .into_iter()
            .filter(|u| !ku.has(*u))
            .map(KeyUsageBit::title)
            .collect();
        if !missing.is_empty() && d.key.algorithm == KeyKind::Rsa {
            push(
                Finding::warning(
                    Code::MissingKeyUsage,
                    format!(
                        "\"{}\" lacks the key usage {}: Unified CM and IM and Presence service \
                     certificates carry Digital Signature and Key Encipherment",
                        cn(d),
                        missing.join(" and ")
                    ),
                )
                .fix("regenerate the certificate on the node"),
            );
        }
    }
    if let Some(eku) = &d.extended_key_usage {
        if !eku.server_auth {
            push(Finding::error(
                Code::MissingServerAuth,
                format!(
                    "\"{}\" has no serverAuth Extended Key Usage: the Expressway-C, as TLS client, \
                     will refuse it",
                    cn(d)
                ),
            )
            .fix("have it issued with serverAuth (a CA template for TLS servers)"));
        }
        if !eku.client_auth {
            push(Finding::warning(
                Code::MissingClientAuth,
                format!(
                    "\"{}\" has no clientAuth Extended Key Usage: connections the node opens to \
                     the Expressway-C (SIP TLS from Unified CM) need it",
                    cn(d)
                ),
            )
            .fix("have it issued with serverAuth and clientAuth"));
        }
    }
}

/// CSCus47235: the node's name must be a SAN of its certificates (the
/// Expressway matches the SAN, and Unified CM 10.5.2 did not copy the CN).
/// A node defined by IP address on Unified CM needs an iPAddress SAN.
fn node_in_san(items: &[&Item], node: &Node, out: &mut Vec<Finding>) {
    let mine: Vec<&&Item> = items
        .iter()
        .filter(|i| is_service_certificate(&i.document))
        .filter(|i| {
            i.document.common_names.iter().any(|c| node.named_by(c)) || node.in_sans(&i.document)
        })
        .collect();
    if mine.is_empty() {
        out.push(Finding::warning(
            Code::NodeWithoutCertificate,
            format!(
                "no certificate names the node {node}"
            ),
        )
        .fix("add its tomcat (and CallManager or cup-xmpp) certificate, or the CA that signed them"));
    }
    for item in mine.into_iter().filter(|i| !node.in_sans(&i.document)) {
        out.push(
            Finding::error(
                Code::NodeNotInSan,
                format!(
                    "\"{}\" in {} does not carry the node {} as a SAN: the Expressway-C \
                     matches the SAN, not the CN (CSCus47235)",
                    cn(&item.document),
                    item.file,
                    node.what()
                ),
            )
            .fix("regenerate this certificate on the node with that name as a Subject Alternative Name")
            .in_file(&item.file),
        );
    }
}
