// SPDX-License-Identifier: Apache-2.0
// The SAML HTTP-Redirect binding (SAML 2.0 bindings, section 3.4): decode, verify, encode.
#pragma once

#include <authcore/saml/credential.hpp>
#include <authcore/saml/error.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authcore::saml {

/// Size limits for messages arriving through a binding.
struct BindingLimits {
  std::size_t maxEncodedBytes = 64 * 1024;   ///< largest raw query / base64 form value
  std::size_t maxInflatedBytes = 256 * 1024; ///< largest message after base64 and DEFLATE
};

/// A message received through the HTTP-Redirect binding, not yet checked.
struct RedirectMessage {
  std::string xml;                        ///< the inflated message
  std::optional<std::string> relayState;  ///< URL-decoded RelayState
  std::optional<std::string> sigAlg;      ///< URL-decoded SigAlg
  std::optional<std::string> signature;   ///< raw signature bytes (base64-decoded)
  /// "SAMLRequest=...&RelayState=...&SigAlg=..." from the values exactly as
  /// received (still URL-encoded): the octets the query signature covers.
  std::string signedOctets;
};

/// Parses a raw query string (without '?') and decodes the `parameter` message
/// ("SAMLRequest" or "SAMLResponse"): URL-decoding, strict base64, raw inflate.
/// Errors: TooLarge (query over maxEncodedBytes, or inflating past
/// maxInflatedBytes), BindingInvalid (missing or repeated SAMLRequest,
/// SAMLResponse, RelayState, SigAlg or Signature, bad escapes, bad base64, bad
/// DEFLATE, Signature without SigAlg).
tl::expected<RedirectMessage, Error> decodeRedirect(std::string_view rawQuery, std::string_view parameter,
                                                    const BindingLimits& limits = {});

/// Verifies the query signature with `cert` only. SigAlg must be RSA with
/// SHA-256/384/512 or ECDSA with SHA-256/384/512 (xmldsig-more URIs; ECDSA values
/// as r||s). Errors: SignatureMissing (no Signature), UnsupportedAlgorithm (SHA-1
/// or another SigAlg), SignatureInvalid (does not verify, or the key type differs).
tl::expected<void, Error> verifyRedirectSignature(const RedirectMessage& message, const Certificate& cert);

/// The URL that carries `xml` to `endpointUrl` through the HTTP-Redirect binding:
/// DEFLATE, base64, URL-encoding (uppercase hex), then RelayState, and when
/// `signer` is set SigAlg (rsa-sha256 or ecdsa-sha256 by key type) and Signature
/// over those exact octets. Appends with '&' when the endpoint already has a
/// query. Errors: MissingField (empty endpoint or parameter), CryptoFailure.
tl::expected<std::string, Error> encodeRedirect(std::string_view endpointUrl, std::string_view parameter,
                                                std::string_view xml,
                                                std::optional<std::string_view> relayState,
                                                const SigningCredential* signer);

}  // namespace authcore::saml
