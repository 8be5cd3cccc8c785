//! A trust list as a verifier holds it: `--ca`, an Expressway's trusted CA
//! list, a Unified CM tomcat-trust store. Certificates are indexed by
//! subject name, so that issuers are found without a scan.

use super::trust::{Item, read_inputs};
use crate::pki::Document;
use crate::report::{Error, Finding};
use std::collections::HashMap;

/// The certificates a verifier trusts (`--ca`, a trusted CA list, a
/// tomcat-trust store), indexed by subject name.
#[derive(Debug, Default)]
pub struct CaPool {
    /// Every certificate, in the order read.
    pub(crate) items: Vec<Item>,
    by_subject: HashMap<Vec<u8>, Vec<usize>>,
}

impl CaPool {
    /// Reads the files and directories (PEM, DER or PKCS#7).
    pub fn load(inputs: &[String]) -> Result<(CaPool, Vec<Finding>), Error> {
        let (items, skipped) = read_inputs(inputs)?;
        Ok((CaPool::new(items), skipped))
    }

    /// The operating system's roots (rustls-native-certs); roots it cannot
    /// read are left out.
    pub(crate) fn system() -> CaPool {
        let found = rustls_native_certs::load_native_certs();
        let items = found
            .certs
            .iter()
            .enumerate()
            .filter_map(|(i, der)| {
                let name = format!("system root #{}", i + 1);
                let contents = crate::pki::parse_bytes(&name, der.as_ref()).ok()?;
                let document = contents.documents.into_iter().next()?;
                Some(Item {
                    file: name,
                    document,
                })
            })
            .collect();
        CaPool::new(items)
    }

    /// Indexes certificates already read.
    pub(crate) fn new(items: Vec<Item>) -> CaPool {
        let mut by_subject: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            by_subject
                .entry(item.document.subject_der.clone())
                .or_default()
                .push(i);
        }
        CaPool { items, by_subject }
    }

    /// The certificates whose subject is `name` (DER).
    pub(crate) fn with_subject(&self, name: &[u8]) -> impl Iterator<Item = &Document> {
        self.by_subject
            .get(name)
            .into_iter()
            .flatten()
            .map(|i| &self.items[*i].document)
    }

    /// How many certificates it holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether the pool holds this very certificate.
    pub(crate) fn contains(&self, doc: &Document) -> bool {
        self.with_subject(&doc.subject_der)
            .any(|d| d.der == doc.der)
    }
}
