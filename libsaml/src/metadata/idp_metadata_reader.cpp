// SPDX-License-Identifier: Apache-2.0
// Reading an IdP's SAML 2.0 metadata (the SP side of a connection), hardened.
#include <authcore/saml/idp_metadata_reader.hpp>

#include <authcore/saml/library.hpp>

#include "core/hardened_parser.hpp"
#include "core/saml_time.hpp"
#include "core/xml_reading.hpp"

#include <algorithm>
#include <iterator>
#include <string>

namespace authcore::saml {

namespace {

using detail::attributeValue;
using detail::childElements;
using detail::kDsigNs;
using detail::kMetadataNs;
using std::chrono::system_clock;

tl::unexpected<Error> fail(Errc code, std::string message) {
  return tl::unexpected(Error{code, std::move(message)});
}

bool hasIdpRole(xmlNodePtr entity) {
  return detail::firstChildElement(entity, "IDPSSODescriptor", kMetadataNs) != nullptr;
}

// Every EntityDescriptor below an EntitiesDescriptor, nested groups included,
// walked with an explicit stack (the parse limits already bound the depth).
std::vector<xmlNodePtr> entitiesIn(xmlNodePtr root) {
  if (detail::isElement(root, "EntityDescriptor", kMetadataNs)) return {root};
  std::vector<xmlNodePtr> found;
  std::vector<xmlNodePtr> groups = {root};
  while (!groups.empty()) {
    xmlNodePtr group = groups.back();
    groups.pop_back();
    for (xmlNodePtr entity : childElements(group, "EntityDescriptor", kMetadataNs)) found.push_back(entity);
    for (xmlNodePtr nested : childElements(group, "EntitiesDescriptor", kMetadataNs)) groups.push_back(nested);
  }
  return found;
}

tl::expected<xmlNodePtr, Error> pickEntity(xmlNodePtr root, const std::optional<std::string>& entityId) {
  const auto entities = entitiesIn(root);
  if (entityId) {
    for (xmlNodePtr entity : entities) {
      if (attributeValue(entity, "entityID") == *entityId) return entity;
    }
    return fail(Errc::UnknownIssuer, "the metadata has no entity with the requested entityID");
  }
  std::vector<xmlNodePtr> idps;
  std::copy_if(entities.begin(), entities.end(), std::back_inserter(idps), hasIdpRole);
  if (idps.empty()) return fail(Errc::MissingField, "the metadata has no IDPSSODescriptor");
  if (idps.size() > 1) {
    return fail(Errc::UnexpectedMessage,
                "the metadata describes " + std::to_string(idps.size()) + " IdPs: give the entity ID to use");
  }
  return idps.front();
}

bool supportsSaml2(xmlNodePtr descriptor) {
  const std::string protocols = attributeValue(descriptor, "protocolSupportEnumeration").value_or("");
  std::size_t at = 0;
  while (at < protocols.size()) {
    const std::size_t end = std::min(protocols.find_first_of(" \t\r\n", at), protocols.size());
    if (protocols.compare(at, end - at, detail::kProtocolNs) == 0) return true;
    at = end + 1;
  }
  return false;
}

// The earliest validUntil on the way from the root down to `entity`.
tl::expected<std::optional<system_clock::time_point>, Error> earliestValidUntil(xmlNodePtr entity) {
  std::optional<system_clock::time_point> earliest;
  for (xmlNodePtr node = entity; node != nullptr && node->type == XML_ELEMENT_NODE; node = node->parent) {
    const auto text = attributeValue(node, "validUntil");
    if (!text) continue;
    const auto instant = detail::parseDateTime(*text);
    if (!instant) return fail(Errc::Malformed, "validUntil is not an xs:dateTime");
    if (!earliest || *instant < *earliest) earliest = instant;
  }
  return earliest;
}

tl::expected<std::vector<Endpoint>, Error> readEndpoints(xmlNodePtr descriptor, const char* element) {
  std::vector<Endpoint> endpoints;
  for (xmlNodePtr node : childElements(descriptor, element, kMetadataNs)) {
    Endpoint endpoint{attributeValue(node, "Binding").value_or(""), attributeValue(node, "Location").value_or("")};
    if (endpoint.binding.empty() || endpoint.location.empty()) {
      return fail(Errc::MissingField, std::string(element) + " without Binding or Location");
    }
    endpoints.push_back(std::move(endpoint));
  }
  return endpoints;
}

// KeyDescriptor without `use` serves both purposes; use="encryption" is not for signatures.
tl::expected<std::vector<Certificate>, Error> readSigningCertificates(xmlNodePtr descriptor) {
  std::vector<Certificate> certificates;
  for (xmlNodePtr key : childElements(descriptor, "KeyDescriptor", kMetadataNs)) {
    const auto use = attributeValue(key, "use");
    if (use && *use != "signing") continue;
    xmlNodePtr keyInfo = detail::firstChildElement(key, "KeyInfo", kDsigNs);
    if (keyInfo == nullptr) continue;
    for (xmlNodePtr data : childElements(keyInfo, "X509Data", kDsigNs)) {
      for (xmlNodePtr cert : childElements(data, "X509Certificate", kDsigNs)) {
        auto certificate = Certificate::fromPem(detail::elementText(cert));
        if (!certificate) return tl::unexpected(certificate.error());
        certificates.push_back(std::move(*certificate));
      }
    }
  }
  return certificates;
}

tl::expected<void, Error> readRole(xmlNodePtr entity, IdpDescriptor& idp) {
  xmlNodePtr descriptor = nullptr;
  for (xmlNodePtr candidate : childElements(entity, "IDPSSODescriptor", kMetadataNs)) {
    if (supportsSaml2(candidate)) {
      descriptor = candidate;
      break;
    }
  }
  if (descriptor == nullptr) return fail(Errc::MissingField, "the entity has no SAML 2.0 IDPSSODescriptor");
  const auto wantSigned = attributeValue(descriptor, "WantAuthnRequestsSigned");
  const auto parsed = wantSigned ? detail::parseXsBoolean(*wantSigned) : std::optional<bool>(false);
  if (!parsed) return fail(Errc::Malformed, "WantAuthnRequestsSigned is not an xs:boolean");
  idp.wantAuthnRequestsSigned = *parsed;
  auto sso = readEndpoints(descriptor, "SingleSignOnService");
  if (!sso) return tl::unexpected(sso.error());
  if (sso->empty()) return fail(Errc::MissingField, "the IdP has no SingleSignOnService");
  auto slo = readEndpoints(descriptor, "SingleLogoutService");
  if (!slo) return tl::unexpected(slo.error());
  auto certificates = readSigningCertificates(descriptor);
  if (!certificates) return tl::unexpected(certificates.error());
  if (certificates->empty()) return fail(Errc::MissingField, "the IdP has no signing certificate");
  idp.singleSignOnServices = std::move(*sso);
  idp.singleLogoutServices = std::move(*slo);
  idp.signingCertificates = std::move(*certificates);
  return {};
}

std::optional<std::string> locationFor(const std::vector<Endpoint>& endpoints, std::string_view binding) {
  for (const auto& endpoint : endpoints) {
    if (endpoint.binding == binding) return endpoint.location;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> IdpDescriptor::ssoLocation(std::string_view binding) const {
  return locationFor(singleSignOnServices, binding);
}

std::optional<std::string> IdpDescriptor::sloLocation(std::string_view binding) const {
  return locationFor(singleLogoutServices, binding);
}

tl::expected<IdpDescriptor, Error> parseIdpMetadata(std::string_view xml, system_clock::time_point now,
                                                    const IdpMetadataOptions& options) {
  if (!Library::alive()) return fail(Errc::NotInitialised, "create an authcore::saml::Library first");
  auto doc = detail::parseHardened(xml, options.limits);
  if (!doc) return tl::unexpected(std::move(doc.error()));
  xmlNodePtr root = xmlDocGetRootElement(doc->get());
  if (!detail::isElement(root, "EntityDescriptor", kMetadataNs) &&
      !detail::isElement(root, "EntitiesDescriptor", kMetadataNs)) {
    return fail(Errc::UnexpectedMessage, "the root is not md:EntityDescriptor or md:EntitiesDescriptor");
  }
  auto entity = pickEntity(root, options.entityId);
  if (!entity) return tl::unexpected(entity.error());
  IdpDescriptor idp;
  idp.entityId = attributeValue(*entity, "entityID").value_or("");
  if (idp.entityId.empty()) return fail(Errc::MissingField, "the EntityDescriptor has no entityID");
  auto validUntil = earliestValidUntil(*entity);
  if (!validUntil) return tl::unexpected(validUntil.error());
  idp.validUntil = *validUntil;
  if (idp.validUntil && *idp.validUntil <= now) return fail(Errc::Expired, "the metadata is past its validUntil");
  auto role = readRole(*entity, idp);
  if (!role) return tl::unexpected(role.error());
  return idp;
}

}  // namespace authcore::saml
