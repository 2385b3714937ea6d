// SPDX-License-Identifier: Apache-2.0
// The SAML HTTP-Redirect binding (SAML 2.0 bindings, section 3.4): decode, verify, encode.
#include <authcore/saml/redirect_binding.hpp>

#include "binding/binding_codec.hpp"
#include "binding/query_signature.hpp"
#include "core/credential_impl.hpp"

#include <array>

namespace authcore::saml {

namespace {

tl::unexpected<Error> invalid(std::string message) {
  return tl::unexpected(Error{Errc::BindingInvalid, std::move(message)});
}

// The binding parameters exactly as received (still URL-encoded).
struct RawParameters {
  std::optional<std::string_view> message;
  std::optional<std::string_view> relayState;
  std::optional<std::string_view> sigAlg;
  std::optional<std::string_view> signature;
  bool otherMessage = false;
};

tl::expected<void, Error> assign(std::optional<std::string_view>& slot, std::string_view value,
                                 const std::string& name) {
  if (slot) return invalid("the " + name + " parameter is repeated");
  slot = value;
  return {};
}

tl::expected<void, Error> takeParameter(RawParameters& raw, std::string_view name, std::string_view value,
                                        std::string_view parameter) {
  if (name == parameter) return assign(raw.message, value, std::string(parameter));
  if (name == "RelayState") return assign(raw.relayState, value, "RelayState");
  if (name == "SigAlg") return assign(raw.sigAlg, value, "SigAlg");
  if (name == "Signature") return assign(raw.signature, value, "Signature");
  if (name == "SAMLRequest" || name == "SAMLResponse") raw.otherMessage = true;
  return {};
}

// Splits the query itself, so the signed octets are the bytes that arrived.
tl::expected<RawParameters, Error> splitQuery(std::string_view query, std::string_view parameter) {
  RawParameters raw;
  while (!query.empty()) {
    const auto end = query.find('&');
    const std::string_view pair = query.substr(0, end);
    query = end == std::string_view::npos ? std::string_view() : query.substr(end + 1);
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    auto name = detail::urlDecode(pair.substr(0, equals));
    if (!name) return tl::unexpected(name.error());
    const std::string_view value = equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
    auto taken = takeParameter(raw, *name, value, parameter);
    if (!taken) return tl::unexpected(taken.error());
  }
  if (!raw.message) return invalid("no " + std::string(parameter) + " parameter");
  if (raw.otherMessage) return invalid("both SAMLRequest and SAMLResponse are present");
  if (raw.signature.has_value() != raw.sigAlg.has_value()) return invalid("Signature and SigAlg come together");
  return raw;
}

tl::expected<std::string, Error> decodeBase64Parameter(std::string_view raw) {
  auto decoded = detail::urlDecode(raw);
  if (!decoded) return decoded;
  return detail::base64Decode(*decoded, false);
}

tl::expected<std::optional<std::string>, Error> decodeOptional(std::optional<std::string_view> raw) {
  if (!raw) return std::optional<std::string>();
  auto decoded = detail::urlDecode(*raw);
  if (!decoded) return tl::unexpected(decoded.error());
  return std::optional<std::string>(std::move(*decoded));
}

std::string signedOctetsOf(const RawParameters& raw, std::string_view parameter) {
  std::string octets = std::string(parameter) + "=" + std::string(*raw.message);
  if (raw.relayState) octets += "&RelayState=" + std::string(*raw.relayState);
  if (raw.sigAlg) octets += "&SigAlg=" + std::string(*raw.sigAlg);
  return octets;
}

tl::expected<void, Error> fillOptionals(RedirectMessage& message, const RawParameters& raw) {
  auto relayState = decodeOptional(raw.relayState);
  auto sigAlg = decodeOptional(raw.sigAlg);
  if (!relayState || !sigAlg) return tl::unexpected(!relayState ? relayState.error() : sigAlg.error());
  message.relayState = std::move(*relayState);
  message.sigAlg = std::move(*sigAlg);
  if (raw.signature) {
    auto signature = decodeBase64Parameter(*raw.signature);
    if (!signature) return tl::unexpected(signature.error());
    message.signature = std::move(*signature);
  }
  return {};
}

}  // namespace

tl::expected<RedirectMessage, Error> decodeRedirect(std::string_view rawQuery, std::string_view parameter,
                                                    const BindingLimits& limits) {
  if (rawQuery.size() > limits.maxEncodedBytes) {
    return tl::unexpected(Error{Errc::TooLarge, "query of " + std::to_string(rawQuery.size()) +
                                                    " bytes exceeds " + std::to_string(limits.maxEncodedBytes)});
  }
  if (!rawQuery.empty() && rawQuery.front() == '?') rawQuery.remove_prefix(1);
  auto raw = splitQuery(rawQuery, parameter);
  if (!raw) return tl::unexpected(raw.error());
  auto deflated = decodeBase64Parameter(*raw->message);
  if (!deflated) return tl::unexpected(deflated.error());
  auto xml = detail::inflateRaw(*deflated, limits.maxInflatedBytes);
  if (!xml) return tl::unexpected(xml.error());
  RedirectMessage message;
  message.xml = std::move(*xml);
  auto filled = fillOptionals(message, *raw);
  if (!filled) return tl::unexpected(filled.error());
  message.signedOctets = signedOctetsOf(*raw, parameter);
  return message;
}

tl::expected<void, Error> verifyRedirectSignature(const RedirectMessage& message, const Certificate& cert) {
  if (!message.signature || !message.sigAlg) {
    return tl::unexpected(Error{Errc::SignatureMissing, "the query carries no Signature"});
  }
  return detail::verifyQuerySignature(*message.sigAlg, message.signedOctets, *message.signature,
                                      cert.impl().publicKey());
}

tl::expected<std::string, Error> encodeRedirect(std::string_view endpointUrl, std::string_view parameter,
                                                std::string_view xml,
                                                std::optional<std::string_view> relayState,
                                                const SigningCredential* signer) {
  if (endpointUrl.empty() || parameter.empty()) {
    return tl::unexpected(Error{Errc::MissingField, "endpoint URL and parameter name are required"});
  }
  auto deflated = detail::deflateRaw(xml);
  if (!deflated) return tl::unexpected(deflated.error());
  std::string query = std::string(parameter) + "=" + detail::urlEncode(detail::base64Encode(*deflated));
  if (relayState) query += "&RelayState=" + detail::urlEncode(*relayState);
  if (signer != nullptr) {
    EVP_PKEY* key = signer->impl().key.get();
    query += "&SigAlg=" + detail::urlEncode(detail::querySigAlgFor(key));
    auto signature = detail::signQuery(query, key);
    if (!signature) return tl::unexpected(signature.error());
    query += "&Signature=" + detail::urlEncode(detail::base64Encode(*signature));
  }
  std::string url(endpointUrl);
  const char last = url.back();
  if (last != '?' && last != '&') url += url.find('?') == std::string::npos ? '?' : '&';
  return url + query;
}

}  // namespace authcore::saml
