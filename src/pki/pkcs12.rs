//! PKCS#12 (`.p12`) for tools that want the key and certificates in one
//! password-protected file, written with the p12-keystore crate: PBES2
//! with AES-256-CBC and an HMAC-SHA256 MAC, which OpenSSL 3 reads.

use crate::report::Error;

/// The key (PKCS#8 DER) with its certificate and chain (DER, leaf first).
pub(crate) fn build(
    alias: &str,
    key_pkcs8: &[u8],
    chain: &[&[u8]],
    password: &str,
) -> Result<Vec<u8>, Error> {
    let fail = |e: p12_keystore::error::Error| {
        Error::Crypto(format!("cannot build the PKCS#12 for {alias}: {e}"))
    };
    let key = p12_keystore::PrivateKey::from_der(key_pkcs8).map_err(fail)?;
    let certificates = chain
        .iter()
        .map(|der| p12_keystore::Certificate::from_der(der))
        .collect::<Result<Vec<_>, _>>()
        .map_err(fail)?;
    let local_key_id =
        aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY, chain[0]);
    let entry = p12_keystore::PrivateKeyChain::new(local_key_id.as_ref(), key, certificates);
    let mut store = p12_keystore::KeyStore::new();
    store.add_entry(alias, p12_keystore::KeyStoreEntry::PrivateKeyChain(entry));
    store.writer(password).write().map_err(fail)
}
