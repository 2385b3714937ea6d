// SPDX-License-Identifier: Apache-2.0
// Our SAML 2.0 SP metadata (EntityDescriptor with an SPSSODescriptor).
#include <authcore/saml/sp_metadata.hpp>

#include <authcore/saml/library.hpp>

#include "core/xml_writer.hpp"
#include "metadata/metadata_writer.hpp"

namespace authcore::saml {

namespace {

using detail::setAttribute;

tl::unexpected<Error> missing(const char* what) {
  return tl::unexpected(Error{Errc::MissingField, std::string(what)});
}

const char* xsBoolean(bool value) { return value ? "true" : "false"; }

// Schema order: KeyDescriptor*, SingleLogoutService*, NameIDFormat*, AssertionConsumerService+.
void addSpDescriptor(const detail::EntityWriter& w, const SpMetadataSpec& spec) {
  xmlNodePtr descriptor = xmlNewChild(w.entity, w.md, BAD_CAST "SPSSODescriptor", nullptr);
  setAttribute(descriptor, "AuthnRequestsSigned", xsBoolean(spec.authnRequestsSigned));
  setAttribute(descriptor, "WantAssertionsSigned", xsBoolean(spec.wantAssertionsSigned));
  setAttribute(descriptor, "protocolSupportEnumeration", detail::kProtocolNs);
  for (const auto& certificate : spec.signingCertificates) detail::addSigningKey(descriptor, w, certificate);
  if (!spec.sloUrl.empty()) {
    detail::addEndpoint(descriptor, w, "SingleLogoutService", kBindingHttpRedirect, spec.sloUrl);
  }
  for (NameIdFormat format : spec.nameIdFormats) {
    detail::addTextChild(descriptor, w.md, "NameIDFormat", nameIdFormatUri(format));
  }
  xmlNodePtr acs = detail::addEndpoint(descriptor, w, "AssertionConsumerService", kBindingHttpPost, spec.acsUrl);
  setAttribute(acs, "index", "0");
  setAttribute(acs, "isDefault", "true");
}

}  // namespace

tl::expected<std::string, Error> buildSpMetadata(const SpMetadataSpec& spec) {
  if (!Library::alive()) return tl::unexpected(Error{Errc::NotInitialised, "create an authcore::saml::Library first"});
  if (spec.entityId.empty()) return missing("entityId is empty");
  if (spec.acsUrl.empty()) return missing("acsUrl is empty");
  if (spec.authnRequestsSigned && spec.signingCertificates.empty()) {
    return missing("AuthnRequestsSigned needs at least one signing certificate");
  }
  auto w = detail::startEntity(spec.entityId);
  if (!w) return tl::unexpected(w.error());
  addSpDescriptor(*w, spec);
  return detail::serialize(w->doc.get());
}

}  // namespace authcore::saml
