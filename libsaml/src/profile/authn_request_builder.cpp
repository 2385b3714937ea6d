// SPDX-License-Identifier: Apache-2.0
// Building the samlp:AuthnRequest an SP sends to an IdP (SSO profile, SP side).
#include <authcore/saml/authn_request_builder.hpp>

#include <authcore/saml/bindings.hpp>
#include <authcore/saml/library.hpp>

#include "core/xml_writer.hpp"
#include "profile/message_writer.hpp"

namespace authcore::saml {

tl::expected<BuiltMessage, Error> buildAuthnRequest(const AuthnRequestSpec& spec) {
  if (!Library::alive()) return tl::unexpected(Error{Errc::NotInitialised, "create an authcore::saml::Library first"});
  if (spec.issuer.empty() || spec.destination.empty() || spec.acsUrl.empty()) {
    return tl::unexpected(Error{Errc::MissingField, "issuer, destination and acsUrl are required"});
  }
  auto id = detail::newMessageId();
  if (!id) return tl::unexpected(id.error());
  detail::MessageWriter w = detail::startMessage("AuthnRequest", *id, spec.now, spec.destination, spec.issuer);
  // Attribute order is cosmetic; the schema fixes only the child order (Issuer, NameIDPolicy).
  detail::setAttribute(w.root, "ProtocolBinding", kBindingHttpPost);
  detail::setAttribute(w.root, "AssertionConsumerServiceURL", spec.acsUrl);
  if (spec.forceAuthn) detail::setAttribute(w.root, "ForceAuthn", "true");
  if (spec.isPassive) detail::setAttribute(w.root, "IsPassive", "true");
  xmlNodePtr policy = xmlNewChild(w.root, w.samlp, BAD_CAST "NameIDPolicy", nullptr);
  if (spec.nameIdPolicyFormat) detail::setAttribute(policy, "Format", nameIdFormatUri(*spec.nameIdPolicyFormat));
  detail::setAttribute(policy, "AllowCreate", "true");
  return detail::finishMessage(w, std::move(*id));
}

}  // namespace authcore::saml
