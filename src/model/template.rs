//! The example names `sancsr init` writes. They all end in
//! `change-me.example` (RFC 2606 reserves `.example`), so that a plan that
//! still holds one warns, and no CSR goes to a CA for a box that does not
//! exist.

/// The domain every example name ends in.
pub(crate) const DOMAIN: &str = "change-me.example";
/// The Expressway-C cluster FQDN of the template.
pub(crate) const C_CLUSTER: &str = "expc.change-me.example";
/// The Expressway-C peers of the template.
pub(crate) const C_PEERS: [&str; 2] = ["expc1.change-me.example", "expc2.change-me.example"];
/// The Expressway-E cluster FQDN of the template.
pub(crate) const E_CLUSTER: &str = "expe.change-me.example";
/// The Expressway-E peers of the template.
pub(crate) const E_PEERS: [&str; 2] = ["expe1.change-me.example", "expe2.change-me.example"];

/// Whether `name` is one of the template's example names.
pub(crate) fn is_placeholder(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name == DOMAIN || name.ends_with(&format!(".{DOMAIN}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_recognised_and_real_names_are_not() {
        for name in [DOMAIN, C_CLUSTER, E_PEERS[1], "ChatNode1.Change-Me.Example"] {
            assert!(is_placeholder(name), "{name}");
        }
        for name in ["example.com", "expe1.example.com", "notchange-me.example"] {
            assert!(!is_placeholder(name), "{name}");
        }
    }
}
