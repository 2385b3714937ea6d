// SPDX-License-Identifier: Apache-2.0
// The IdP's SAML 2.0 metadata (EntityDescriptor with an IDPSSODescriptor).
#include <authcore/saml/idp_metadata.hpp>

#include <authcore/saml/library.hpp>

#include "core/hardened_parser.hpp"
#include "core/xml_writer.hpp"

namespace authcore::saml {

namespace {

using detail::addTextChild;
using detail::setAttribute;

constexpr const char* kRedirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
constexpr const char* kPostBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

tl::unexpected<Error> missing(const char* what) {
  return tl::unexpected(Error{Errc::MissingField, std::string(what)});
}

void addKeyDescriptor(xmlNodePtr descriptor, xmlNsPtr md, xmlNsPtr ds, const Certificate& certificate) {
  xmlNodePtr key = xmlNewChild(descriptor, md, BAD_CAST "KeyDescriptor", nullptr);
  setAttribute(key, "use", "signing");
  xmlNodePtr keyInfo = xmlNewChild(key, ds, BAD_CAST "KeyInfo", nullptr);
  xmlNodePtr x509Data = xmlNewChild(keyInfo, ds, BAD_CAST "X509Data", nullptr);
  addTextChild(x509Data, ds, "X509Certificate", certificate.base64Der());
}

void addEndpoint(xmlNodePtr descriptor, xmlNsPtr md, const char* element, const char* binding,
                 const std::string& location) {
  xmlNodePtr endpoint = xmlNewChild(descriptor, md, BAD_CAST element, nullptr);
  setAttribute(endpoint, "Binding", binding);
  setAttribute(endpoint, "Location", location);
}

// Schema order: KeyDescriptor*, SingleLogoutService*, NameIDFormat*, SingleSignOnService+.
void addIdpDescriptor(xmlNodePtr entity, xmlNsPtr md, const IdpMetadataSpec& spec) {
  xmlNodePtr descriptor = xmlNewChild(entity, md, BAD_CAST "IDPSSODescriptor", nullptr);
  setAttribute(descriptor, "WantAuthnRequestsSigned", spec.wantAuthnRequestsSigned ? "true" : "false");
  setAttribute(descriptor, "protocolSupportEnumeration", detail::kProtocolNs);
  xmlNsPtr ds = xmlNewNs(entity, BAD_CAST detail::kDsigNs, BAD_CAST "ds");
  for (const auto& certificate : spec.signingCertificates) addKeyDescriptor(descriptor, md, ds, certificate);
  if (!spec.sloUrl.empty()) addEndpoint(descriptor, md, "SingleLogoutService", kRedirectBinding, spec.sloUrl);
  for (NameIdFormat format : spec.nameIdFormats) addTextChild(descriptor, md, "NameIDFormat", nameIdFormatUri(format));
  addEndpoint(descriptor, md, "SingleSignOnService", kRedirectBinding, spec.ssoUrl);
  addEndpoint(descriptor, md, "SingleSignOnService", kPostBinding, spec.ssoUrl);
}

}  // namespace

tl::expected<std::string, Error> buildIdpMetadata(const IdpMetadataSpec& spec) {
  if (!Library::alive()) return tl::unexpected(Error{Errc::NotInitialised, "create an authcore::saml::Library first"});
  if (spec.entityId.empty()) return missing("entityId is empty");
  if (spec.ssoUrl.empty()) return missing("ssoUrl is empty");
  if (spec.signingCertificates.empty()) return missing("metadata needs at least one signing certificate");
  detail::XmlDocPtr doc(xmlNewDoc(BAD_CAST "1.0"));
  if (!doc) return tl::unexpected(Error{Errc::CryptoFailure, "xmlNewDoc failed"});
  xmlNodePtr entity = xmlNewDocNode(doc.get(), nullptr, BAD_CAST "EntityDescriptor", nullptr);
  xmlDocSetRootElement(doc.get(), entity);
  xmlNsPtr md = xmlNewNs(entity, BAD_CAST detail::kMetadataNs, BAD_CAST "md");
  xmlSetNs(entity, md);
  setAttribute(entity, "entityID", spec.entityId);
  if (spec.validUntil) setAttribute(entity, "validUntil", detail::formatInstant(*spec.validUntil));
  addIdpDescriptor(entity, md, spec);
  return detail::serialize(doc.get());
}

}  // namespace authcore::saml
