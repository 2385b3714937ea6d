// SPDX-License-Identifier: Apache-2.0
// Shared test material for the inbound libsaml suites: keys, AuthnRequests, xmlsec1 signing.
#pragma once

#include <authcore/saml/authn_request.hpp>
#include <authcore/saml/credential.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace authcore::saml::test {

/// A key pair in PEM with the libsaml objects made from it.
struct TestKey {
  std::string keyPem;
  std::string certPem;
  SigningCredential credential;
};

/// The SP's RSA key (generated once per run).
const TestKey& spKey();
/// An RSA key nobody configured (an attacker's).
const TestKey& foreignKey();
/// An EC P-256 key (openssl CLI), for ECDSA query signatures.
const TestKey& ecKey();

inline constexpr const char* kSpEntityId = "https://sp.example.com/metadata";
inline constexpr const char* kSsoUrl = "https://idp.example.com/saml/sso";
inline constexpr const char* kAcsUrl = "https://sp.example.com/acs";
inline constexpr const char* kSigRsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
inline constexpr const char* kSigRsaSha1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
inline constexpr const char* kDigestSha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
inline constexpr const char* kDigestSha1 = "http://www.w3.org/2000/09/xmldsig#sha1";

/// The fixed "now" of these tests: 2026-01-01T10:00:00Z.
std::chrono::system_clock::time_point testNow();

/// The IdP's policy for the test SP: issuer, SSO and ACS URLs, now = testNow().
AuthnRequestPolicy authnPolicy();

/// The parts of a test AuthnRequest.
struct RequestFields {
  std::string id = "_a1b2c3d4e5f60718293a4b5c6d7e8f90";
  std::string issuer = kSpEntityId;            ///< inserted verbatim (may hold markup)
  std::string issueInstant = "2026-01-01T09:59:30Z";
  std::optional<std::string> destination = std::string(kSsoUrl);
  std::optional<std::string> acsUrl = std::string(kAcsUrl);
  std::string signature;                       ///< markup right after the Issuer
  std::string extensions;                      ///< markup inside samlp:Extensions (omitted when empty)
};

/// An AuthnRequest document as the string an SP would send.
std::string authnRequestXml(const RequestFields& fields);

/// An empty ds:Signature template for xmlsec1 --sign referencing `#referenceId`.
std::string signatureTemplate(const std::string& referenceId, const std::string& signatureMethod = kSigRsaSha256,
                              const std::string& digestMethod = kDigestSha256, bool keyInfo = false);

/// Signs `xml` with the real xmlsec1 CLI and `key`, registering ID attributes on
/// the samlp elements named in `idElements`; with `certInKeyInfo` the certificate
/// goes into the template's X509Data. Fails the test if xmlsec1 fails.
std::string signWithXmlsec1(const std::string& xml, const TestKey& key,
                            const std::vector<std::string>& idElements = {"AuthnRequest"},
                            bool certInKeyInfo = false);

/// Replaces the first occurrence of `from` in `text` (fails the test if absent).
std::string replaceOnce(std::string text, const std::string& from, const std::string& to);

}  // namespace authcore::saml::test
