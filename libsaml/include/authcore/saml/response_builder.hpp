// SPDX-License-Identifier: Apache-2.0
// The IdP's signed SAML 2.0 Response to a service provider (Web Browser SSO).
#pragma once

#include <authcore/saml/credential.hpp>
#include <authcore/saml/error.hpp>
#include <authcore/saml/name_id.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace authcore::saml {

/// One attribute of the user: a name (a URI such as an OID URN, or a basic name) and its values.
struct SamlAttribute {
  std::string name;                 ///< NameFormat is "uri" when it contains ':', else "basic"
  std::vector<std::string> values;  ///< one xs:string AttributeValue each
};

/// Everything a Response states; the clock is injected, so the builder reads none.
struct ResponseSpec {
  std::string issuer;                       ///< IdP entity ID
  std::string destination;                  ///< SP ACS URL (Response@Destination, SubjectConfirmationData@Recipient)
  std::optional<std::string> inResponseTo;  ///< AuthnRequest ID; absent for IdP-initiated
  std::string audience;                     ///< SP entity ID
  std::string nameId;                       ///< the subject's NameID value
  NameIdFormat nameIdFormat = NameIdFormat::Unspecified;  ///< NameID@Format
  std::optional<std::string> spNameQualifier;             ///< NameID@SPNameQualifier
  std::string sessionIndex;                               ///< AuthnStatement@SessionIndex
  std::vector<SamlAttribute> attributes;                  ///< AttributeStatement (omitted when empty)
  std::chrono::system_clock::time_point now;              ///< IssueInstant (injected clock)
  std::chrono::system_clock::time_point authnInstant;     ///< when the user authenticated
  std::chrono::seconds lifetime{300};                     ///< NotOnOrAfter = now + lifetime
  std::chrono::seconds clockSkew{60};                     ///< Conditions@NotBefore = now - skew
  std::optional<std::chrono::system_clock::time_point> sessionNotOnOrAfter;  ///< AuthnStatement@SessionNotOnOrAfter
  std::string authnContextClassRef = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";  ///< AuthnContextClassRef
  bool signAssertion = true;  ///< sign the Assertion (enveloped, before the Response)
  bool signResponse = true;   ///< sign the Response (covering the signed Assertion)
};

/// A serialised Response and the IDs it carries (for logs and replay bookkeeping).
struct BuiltResponse {
  std::string xml;          ///< UTF-8 XML with an XML declaration, ready for the POST binding
  std::string responseId;   ///< Response@ID
  std::string assertionId;  ///< Assertion@ID
};

/// Builds a Response with Status Success holding one bearer Assertion, and signs
/// the Assertion and/or the Response with `credential` (rsa-sha256 or
/// ecdsa-sha256, exclusive C14N, sha256 digest). Requires a live Library.
/// MissingField if a required field is empty (issuer, destination, audience,
/// nameId, sessionIndex, authnContextClassRef, an attribute name, an unset clock,
/// an empty inResponseTo/spNameQualifier, a non-positive lifetime) or if neither
/// signature is asked for (a response is never sent unsigned); Malformed if a
/// value is not UTF-8 or holds a control character XML 1.0 cannot carry; NotInitialised
/// without a Library; CryptoFailure if randomness, libxml2 or xmlsec fail.
tl::expected<BuiltResponse, Error> buildResponse(const ResponseSpec& spec, const SigningCredential& credential);

/// A Response that carries no assertion, only why: e.g. the SP asked IsPassive
/// and the user would have to sign in.
struct StatusResponseSpec {
  std::string issuer;                       ///< IdP entity ID
  std::string destination;                  ///< SP ACS URL
  std::optional<std::string> inResponseTo;  ///< the AuthnRequest ID
  std::string statusCode = "urn:oasis:names:tc:SAML:2.0:status:Responder";  ///< top-level StatusCode
  std::string subStatusCode;                ///< nested StatusCode, e.g. ...:status:NoPassive (empty: none)
  std::string statusMessage;                ///< StatusMessage (empty: none)
  std::chrono::system_clock::time_point now;  ///< IssueInstant (injected clock)
};

/// Builds and signs (always) a Response with the given non-Success status and no
/// assertion. MissingField for an empty issuer, destination or status code, an
/// empty inResponseTo or an unset clock; Malformed for a value XML cannot carry;
/// NotInitialised without a Library; CryptoFailure if signing fails.
tl::expected<BuiltResponse, Error> buildStatusResponse(const StatusResponseSpec& spec,
                                                       const SigningCredential& credential);

}  // namespace authcore::saml
