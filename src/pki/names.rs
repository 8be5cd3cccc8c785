//! Names as a certificate carries them: subject alternative names (with
//! the otherName string types their RFCs require) and common names in any
//! directory string type.

use super::document::San;
use super::oids;
use crate::cisco::SanKind;
use crate::model::AltName;
use x509_parser::extensions::GeneralName;
use x509_parser::prelude::FromDer;
use x509_parser::x509::X509Name;

pub(super) fn general_name(name: &GeneralName<'_>) -> San {
    match name {
        GeneralName::DNSName(d) => San::Name(AltName::dns(*d)),
        GeneralName::OtherName(oid, value) => {
            let kind = if oids::is(oid, oids::XMPP_ADDR) {
                Some(SanKind::Xmpp)
            } else if oids::is(oid, oids::SRV_NAME) {
                Some(SanKind::Srv)
            } else {
                None
            };
            match (kind, other_name_text(value)) {
                (Some(kind), Some(Ok(v))) => San::Name(AltName::new(kind, v)),
                (Some(kind), Some(Err(found))) => San::MisencodedName { kind, found },
                _ => San::OtherName(oid.to_id_string()),
            }
        }
        GeneralName::IPAddress(bytes) => San::Ip(ip_text(bytes)),
        GeneralName::RFC822Name(e) => San::Email((*e).to_owned()),
        GeneralName::URI(u) => San::Uri((*u).to_owned()),
        other => San::Other(other.to_string()),
    }
}

/// The string inside an otherName value (`[0] EXPLICIT` around a string):
/// `Err` with the type found when it is not a UTF8String (id-on-xmppAddr,
/// RFC 6120) or IA5String (SRVName, RFC 4985), which is what OpenSSL reads.
fn other_name_text(value: &[u8]) -> Option<Result<String, String>> {
    use x509_parser::asn1_rs::{Any, Tag};
    let (_, explicit) = Any::from_der(value).ok()?;
    let (_, inner) = Any::from_der(explicit.data).ok()?;
    if !matches!(inner.tag(), Tag::Utf8String | Tag::Ia5String) {
        return Some(Err(tag_name(inner.tag())));
    }
    String::from_utf8(inner.data.to_vec()).ok().map(Ok)
}

fn tag_name(tag: x509_parser::asn1_rs::Tag) -> String {
    use x509_parser::asn1_rs::Tag;
    match tag {
        Tag::OctetString => "OCTET STRING".to_owned(),
        Tag::PrintableString => "PrintableString".to_owned(),
        Tag::BmpString => "BMPString".to_owned(),
        other => format!("ASN.1 tag {}", other.0),
    }
}

fn ip_text(bytes: &[u8]) -> String {
    if let Ok(v4) = <[u8; 4]>::try_from(bytes) {
        std::net::Ipv4Addr::from(v4).to_string()
    } else if let Ok(v6) = <[u8; 16]>::try_from(bytes) {
        std::net::Ipv6Addr::from(v6).to_string()
    } else {
        format!("{bytes:02x?}")
    }
}

/// The subject's common names, whatever their string type (BMPString and
/// UniversalString included); an empty one is no common name.
pub(super) fn common_names(name: &X509Name<'_>) -> Vec<String> {
    name.iter_common_name()
        .filter_map(|cn| attribute_text(cn.attr_value()))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The subject fields sancsr plans besides the CN, as X.520 short names
/// (C, ST, L, O, OU), first value of each.
pub(super) fn subject_fields(name: &X509Name<'_>) -> Vec<(&'static str, String)> {
    let first = |mut it: Box<
        dyn Iterator<Item = &x509_parser::x509::AttributeTypeAndValue<'_>> + '_,
    >| { it.next().and_then(|a| attribute_text(a.attr_value())) };
    [
        ("C", first(Box::new(name.iter_country()))),
        ("ST", first(Box::new(name.iter_state_or_province()))),
        ("L", first(Box::new(name.iter_locality()))),
        ("O", first(Box::new(name.iter_organization()))),
        ("OU", first(Box::new(name.iter_organizational_unit()))),
    ]
    .into_iter()
    .filter_map(|(k, v)| Some((k, v?)))
    .collect()
}

/// A directory string's text: UTF-8 types as they are, BMPString as
/// UTF-16BE, UniversalString as UTF-32BE.
fn attribute_text(value: &x509_parser::asn1_rs::Any<'_>) -> Option<String> {
    use x509_parser::asn1_rs::Tag;
    let data = value.data;
    match value.tag() {
        Tag::BmpString => {
            let units: Vec<u16> = data
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        Tag::UniversalString => data
            .chunks_exact(4)
            .map(|c| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
            .collect(),
        _ => value.as_str().ok().map(str::to_owned),
    }
}
