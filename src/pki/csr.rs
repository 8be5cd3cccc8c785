//! Keys and certificate signing requests, in memory (rcgen, aws-lc-rs).
//!
//! A CSR carries what the Expressway's own Generate CSR page requests: the
//! subject, the planned SANs in plan order, Key Usage (RSA: digitalSignature
//! and keyEncipherment; ECDSA: digitalSignature) and the Extended Key Usage
//! of the planned certificate's purpose: serverAuth and clientAuth for
//! today's single certificate ("Until X15.3 the CSR always requests both
//! serverAuth and clientAuth EKU", source A in `docs/cisco-rules.md`),
//! serverAuth alone for a public CA (public CAs issue serverAuth only from
//! 2026, source I), clientAuth alone for an X15.5 client certificate.
//!
//! The SAN extension is built here with x509-cert's `GeneralName` and
//! encoded by `der` (RustCrypto's stack, which the PKCS#7 and PKCS#12
//! readers already build) because rcgen's `OtherNameValue` writes only
//! UTF8String, and an RFC 4985 SRVName is an IA5String.

use super::oids;
use crate::cisco::{Algorithm, KeySpec, SanKind};
use crate::plan::CertificatePlan;
use crate::report::Error;
use der::asn1::{Any, Ia5String, ObjectIdentifier, Utf8StringRef};
use der::{Encode, Tag};
use rcgen::{
    CertificateParams, CustomExtension, DistinguishedName, DnType, ExtendedKeyUsagePurpose,
    KeyPair, KeyUsagePurpose,
};
use x509_cert::ext::pkix::name::{GeneralName, OtherName};

/// The DER of a GeneralNames (RFC 5280 §4.2.1.6) holding the plan's SANs, in
/// plan order: dNSName, or otherName with the XMPP (UTF8String) or SRVName
/// (IA5String) value.
pub(crate) fn subject_alt_names_der(plan: &CertificatePlan) -> Result<Vec<u8>, Error> {
    let names = plan
        .entries
        .iter()
        .map(|entry| general_name(entry.name.kind, &entry.name.value))
        .collect::<Result<Vec<GeneralName>, der::Error>>()
        .and_then(|names| names.to_der());
    names.map_err(|e| Error::Crypto(format!("cannot encode the SANs of {}: {e}", plan.peer)))
}

/// One SAN: dNSName [2] IA5String, or otherName [0] { type-id, [0]
/// EXPLICIT value }. The planner's names passed the name rule, so they are
/// ASCII and fit an IA5String.
fn general_name(kind: SanKind, value: &str) -> Result<GeneralName, der::Error> {
    let other = |oid: &[u64], value: Any| -> Result<GeneralName, der::Error> {
        let arcs = oid.iter().map(|a| u32::try_from(*a).unwrap_or(u32::MAX));
        Ok(GeneralName::OtherName(OtherName {
            type_id: ObjectIdentifier::from_arcs(arcs)?,
            value,
        }))
    };
    match kind {
        SanKind::Dns => Ok(GeneralName::DnsName(Ia5String::new(value)?)),
        SanKind::Xmpp => other(
            oids::XMPP_ADDR,
            Any::encode_from(&Utf8StringRef::new(value)?)?,
        ),
        SanKind::Srv => other(oids::SRV_NAME, Any::new(Tag::Ia5String, value.as_bytes())?),
    }
}

/// The CSR (PKCS#10 PEM) for a planned certificate, signed with `key`.
pub fn build_csr(plan: &CertificatePlan, key: &KeyPair, spec: &KeySpec) -> Result<String, Error> {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    for (attribute, value) in plan.subject.attributes() {
        dn.push(dn_type(attribute), value);
    }
    dn.push(DnType::CommonName, plan.common_name.as_str());
    params.distinguished_name = dn;
    params.key_usages = match spec.algorithm {
        Algorithm::Rsa => vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ],
        Algorithm::Ecdsa => vec![KeyUsagePurpose::DigitalSignature],
    };
    let eku = plan.purpose.eku.requested();
    params.extended_key_usages = [
        (eku.server_auth(), ExtendedKeyUsagePurpose::ServerAuth),
        (eku.client_auth(), ExtendedKeyUsagePurpose::ClientAuth),
    ]
    .into_iter()
    .filter_map(|(wanted, purpose)| wanted.then_some(purpose))
    .collect();
    params.custom_extensions = vec![CustomExtension::from_oid_content(
        &oids::arcs(&oids::OID_X509_EXT_SUBJECT_ALT_NAME),
        subject_alt_names_der(plan)?,
    )];
    let csr = params
        .serialize_request(key)
        .map_err(|e| Error::Crypto(format!("cannot build the CSR for {}: {e}", plan.peer)))?;
    csr.pem()
        .map_err(|e| Error::Crypto(format!("cannot encode the CSR for {}: {e}", plan.peer)))
}

/// The rcgen attribute for an X.520 short name of [`crate::model::Subject::attributes`].
fn dn_type(attribute: &str) -> DnType {
    match attribute {
        "C" => DnType::CountryName,
        "ST" => DnType::StateOrProvinceName,
        "L" => DnType::LocalityName,
        "O" => DnType::OrganizationName,
        _ => DnType::OrganizationalUnitName,
    }
}
