//! What each host presents and trusts on a TLS connection: its
//! certificates, named after its own services (the Expressway's server and
//! client certificates, Unified CM's tomcat and CallManager, IM and
//! Presence's cup-xmpp), and its trust lists.

/// A certificate a host presents, named after the host's own service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    /// The Expressway's server certificate.
    ExpresswayServer,
    /// The Expressway's X15.5 client certificate (before X15.5, or when
    /// none is uploaded, the server certificate).
    ExpresswayClient,
    /// Unified CM's or IM and Presence's tomcat (HTTPS).
    Tomcat,
    /// Unified CM's CallManager (SIP TLS).
    CallManager,
    /// IM and Presence's cup-xmpp (XMPP).
    CupXmpp,
    /// IM and Presence's cup-xmpp-s2s (XMPP federation from the node).
    CupXmppS2s,
}

impl Service {
    /// The file stem in a host's folder (`links`).
    pub fn file(self) -> &'static str {
        match self {
            Service::ExpresswayServer => "server",
            Service::ExpresswayClient => "client",
            Service::Tomcat => "tomcat",
            Service::CallManager => "CallManager",
            Service::CupXmpp => "cup-xmpp",
            Service::CupXmppS2s => "cup-xmpp-s2s",
        }
    }
}

/// A host's list of trusted CA certificates, named as the host names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TrustList {
    /// Unified CM's and IM and Presence's CallManager-trust.
    CallManagerTrust,
    /// tomcat-trust.
    TomcatTrust,
    /// IM and Presence's cup-xmpp-trust.
    CupXmppTrust,
    /// The Expressway's trusted CA list (Maintenance > Security > Trusted
    /// CA certificate).
    ExpresswayTrustedCa,
}

impl TrustList {
    /// The file (or folder) stem in a host's folder (`links`).
    pub fn file(self) -> &'static str {
        match self {
            TrustList::CallManagerTrust => "CallManager-trust",
            TrustList::TomcatTrust => "tomcat-trust",
            TrustList::CupXmppTrust => "cup-xmpp-trust",
            TrustList::ExpresswayTrustedCa => "trusted-ca",
        }
    }
}

/// One side of a connection: the certificate it presents (a client only
/// when the server asks for it) and the trust list it verifies the other
/// side with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct End {
    /// The certificate it presents.
    pub presents: Service,
    /// The list it verifies the other side's chain with.
    pub trusts: TrustList,
    /// Whether it checks the other side's name (the client: the name it
    /// connects to; the server: a configured subject name).
    pub checks_name: bool,
}

pub(super) const EXPRESSWAY_SERVER: End = End {
    presents: Service::ExpresswayServer,
    trusts: TrustList::ExpresswayTrustedCa,
    checks_name: false,
};

/// The Expressway as a TLS client: it verifies the server's name (TLS
/// verify, on the traversal zone, and towards Unified CM and IM and
/// Presence from X14.2, TAC 218018).
pub(super) const EXPRESSWAY_CLIENT: End = End {
    presents: Service::ExpresswayClient,
    trusts: TrustList::ExpresswayTrustedCa,
    checks_name: true,
};

/// What Unified CM presents on SIP TLS and verifies with.
pub(super) const CALLMANAGER: End = End {
    presents: Service::CallManager,
    trusts: TrustList::CallManagerTrust,
    checks_name: false,
};

/// What Unified CM and IM and Presence present on HTTPS.
pub(super) const TOMCAT: End = End {
    presents: Service::Tomcat,
    trusts: TrustList::TomcatTrust,
    checks_name: false,
};

/// An end outside the deployment's folders (clients, partners): never
/// checked by `links`.
pub(super) const OUTSIDE: End = End {
    presents: Service::ExpresswayServer,
    trusts: TrustList::ExpresswayTrustedCa,
    checks_name: true,
};
