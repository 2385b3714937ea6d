// SPDX-License-Identifier: Apache-2.0
// Building the samlp:AuthnRequest an SP sends to an IdP (SSO profile, SP side).
#pragma once

#include <authcore/saml/error.hpp>
#include <authcore/saml/message.hpp>
#include <authcore/saml/name_id.hpp>

#include <chrono>
#include <optional>
#include <string>

#include <tl/expected.hpp>

namespace authcore::saml {

/// What to put into an AuthnRequest we send.
struct AuthnRequestSpec {
  std::string issuer;                               ///< our SP entity ID
  std::string destination;                          ///< the IdP's SingleSignOnService URL
  std::string acsUrl;                               ///< our AssertionConsumerService URL (HTTP-POST)
  std::optional<NameIdFormat> nameIdPolicyFormat;   ///< NameIDPolicy Format; omitted when empty
  bool forceAuthn = false;                          ///< ForceAuthn: the IdP must re-authenticate
  bool isPassive = false;                           ///< IsPassive: the IdP must not interact with the user
  std::chrono::system_clock::time_point now;        ///< IssueInstant (injected clock)
};

/// Builds an unsigned AuthnRequest: ID, Version 2.0, IssueInstant, Destination,
/// ProtocolBinding HTTP-POST, AssertionConsumerServiceURL, ForceAuthn/IsPassive
/// when true, saml:Issuer and samlp:NameIDPolicy AllowCreate="true". Keep the
/// returned ID to check the Response's InResponseTo. Send it signed with
/// `encodeRedirect(destination, "SAMLRequest", xml, relayState, &credential)`.
/// MissingField for an empty issuer, destination or acsUrl; CryptoFailure.
tl::expected<BuiltMessage, Error> buildAuthnRequest(const AuthnRequestSpec& spec);

}  // namespace authcore::saml
