// SPDX-License-Identifier: Apache-2.0
// The IdP's SAML 2.0 metadata (EntityDescriptor with an IDPSSODescriptor).
#include <authcore/saml/idp_metadata.hpp>

#include <authcore/saml/library.hpp>

#include "core/xml_writer.hpp"
#include "metadata/metadata_writer.hpp"

namespace authcore::saml {

namespace {

using detail::addEndpoint;
using detail::addTextChild;
using detail::setAttribute;

tl::unexpected<Error> missing(const char* what) {
  return tl::unexpected(Error{Errc::MissingField, std::string(what)});
}

// Schema order: KeyDescriptor*, SingleLogoutService*, NameIDFormat*, SingleSignOnService+.
void addIdpDescriptor(const detail::EntityWriter& w, const IdpMetadataSpec& spec) {
  xmlNodePtr descriptor = xmlNewChild(w.entity, w.md, BAD_CAST "IDPSSODescriptor", nullptr);
  setAttribute(descriptor, "WantAuthnRequestsSigned", spec.wantAuthnRequestsSigned ? "true" : "false");
  setAttribute(descriptor, "protocolSupportEnumeration", detail::kProtocolNs);
  for (const auto& certificate : spec.signingCertificates) detail::addSigningKey(descriptor, w, certificate);
  if (!spec.sloUrl.empty()) addEndpoint(descriptor, w, "SingleLogoutService", kBindingHttpRedirect, spec.sloUrl);
  for (NameIdFormat format : spec.nameIdFormats) addTextChild(descriptor, w.md, "NameIDFormat", nameIdFormatUri(format));
  addEndpoint(descriptor, w, "SingleSignOnService", kBindingHttpRedirect, spec.ssoUrl);
  addEndpoint(descriptor, w, "SingleSignOnService", kBindingHttpPost, spec.ssoUrl);
}

}  // namespace

tl::expected<std::string, Error> buildIdpMetadata(const IdpMetadataSpec& spec) {
  if (!Library::alive()) return tl::unexpected(Error{Errc::NotInitialised, "create an authcore::saml::Library first"});
  if (spec.entityId.empty()) return missing("entityId is empty");
  if (spec.ssoUrl.empty()) return missing("ssoUrl is empty");
  if (spec.signingCertificates.empty()) return missing("metadata needs at least one signing certificate");
  auto w = detail::startEntity(spec.entityId);
  if (!w) return tl::unexpected(w.error());
  if (spec.validUntil) setAttribute(w->entity, "validUntil", detail::formatInstant(*spec.validUntil));
  addIdpDescriptor(*w, spec);
  return detail::serialize(w->doc.get());
}

}  // namespace authcore::saml
