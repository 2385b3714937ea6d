// SPDX-License-Identifier: Apache-2.0
// HTTP-Redirect binding: round trips, query signatures, tampering, limits, malformed queries.
#include <authcore/saml/redirect_binding.hpp>

#include "inbound_fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>
#include <zlib.h>

#include <cctype>
#include <string>

namespace saml = authcore::saml;
namespace fx = authcore::saml::test;
using saml::Errc;

namespace {

constexpr const char* kXml = "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_x\"/>";

std::string encode(std::string_view xml, std::optional<std::string_view> relayState,
                   const saml::SigningCredential* signer, std::string_view endpoint = fx::kSsoUrl) {
  auto url = saml::encodeRedirect(endpoint, "SAMLRequest", xml, relayState, signer);
  BOOST_REQUIRE_MESSAGE(url.has_value(), "encodeRedirect: " << url.error().message);
  return *url;
}

std::string queryOf(const std::string& url) {
  return url.substr(url.find('?') + 1);
}

saml::RedirectMessage decodeOk(std::string_view query) {
  auto message = saml::decodeRedirect(query, "SAMLRequest");
  BOOST_REQUIRE_MESSAGE(message.has_value(), "decodeRedirect: " << message.error().message);
  return std::move(*message);
}

Errc decodeError(std::string_view query, const saml::BindingLimits& limits = {}) {
  auto message = saml::decodeRedirect(query, "SAMLRequest", limits);
  BOOST_REQUIRE_MESSAGE(!message.has_value(), "decodeRedirect unexpectedly accepted " << query.substr(0, 120));
  return message.error().code;
}

// The value of `name` in a query, as it appears there.
std::string rawValue(const std::string& query, const std::string& name) {
  const auto start = query.find(name + "=") + name.size() + 1;
  return query.substr(start, query.find('&', start) - start);
}

std::string deflated(const std::string& bytes) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, bytes.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

// Base64 and percent-encoding of arbitrary bytes, as a query value.
std::string queryValue(const std::string& bytes) {
  std::string b64(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()),
                                      reinterpret_cast<const unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()));
  b64.resize(static_cast<std::size_t>(written));
  std::string out;
  for (char c : b64) {
    out += c == '+' ? "%2B" : c == '/' ? "%2F" : c == '=' ? "%3D" : std::string(1, c);
  }
  return out;
}

// An encoded SAMLRequest value for arbitrary text, via a real unsigned encode.
std::string requestValueFor(const std::string& bytes) {
  return rawValue(queryOf(encode(bytes, std::nullopt, nullptr)), "SAMLRequest");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_redirect_binding)

BOOST_AUTO_TEST_CASE(unsigned_round_trip_restores_message_and_relay_state) {
  const std::string url = encode(kXml, "state with spaces & = ü", nullptr);
  BOOST_CHECK_EQUAL(url.rfind(std::string(fx::kSsoUrl) + "?SAMLRequest=", 0), 0u);
  const auto message = decodeOk(queryOf(url));
  BOOST_CHECK_EQUAL(message.xml, kXml);
  BOOST_CHECK_EQUAL(message.relayState.value_or("<none>"), "state with spaces & = ü");
  BOOST_CHECK(!message.signature && !message.sigAlg);
  BOOST_CHECK_EQUAL(message.signedOctets, queryOf(url));
  BOOST_CHECK(saml::verifyRedirectSignature(message, fx::spKey().credential.certificate()).error().code ==
              Errc::SignatureMissing);
}

BOOST_AUTO_TEST_CASE(encoding_uses_uppercase_hex_only) {
  const std::string url = encode(kXml, "a/b?c=d", &fx::spKey().credential);
  for (std::size_t at = url.find('%'); at != std::string::npos; at = url.find('%', at + 1)) {
    BOOST_CHECK_MESSAGE(!std::islower(static_cast<unsigned char>(url[at + 1])) &&
                            !std::islower(static_cast<unsigned char>(url[at + 2])),
                        "lowercase escape at " << at);
  }
  BOOST_CHECK_NE(url.find("&RelayState=a%2Fb%3Fc%3Dd&SigAlg="), std::string::npos);
}

BOOST_AUTO_TEST_CASE(rsa_signed_round_trip_verifies) {
  const auto message = decodeOk(queryOf(encode(kXml, "rs", &fx::spKey().credential)));
  BOOST_CHECK_EQUAL(message.sigAlg.value_or(""), fx::kSigRsaSha256);
  BOOST_CHECK(message.signature.has_value());
  BOOST_CHECK(saml::verifyRedirectSignature(message, fx::spKey().credential.certificate()).has_value());
}

BOOST_AUTO_TEST_CASE(ecdsa_signed_round_trip_verifies) {
  const auto message = decodeOk(queryOf(encode(kXml, std::nullopt, &fx::ecKey().credential)));
  BOOST_CHECK_EQUAL(message.sigAlg.value_or(""), "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256");
  BOOST_CHECK_EQUAL(message.signature.value_or("").size(), 64u);
  BOOST_CHECK(saml::verifyRedirectSignature(message, fx::ecKey().credential.certificate()).has_value());
}

BOOST_AUTO_TEST_CASE(signature_by_another_key_is_invalid) {
  const auto message = decodeOk(queryOf(encode(kXml, "rs", &fx::foreignKey().credential)));
  BOOST_CHECK(saml::verifyRedirectSignature(message, fx::spKey().credential.certificate()).error().code ==
              Errc::SignatureInvalid);
  // An EC signature checked against the RSA certificate: key type mismatch.
  const auto ec = decodeOk(queryOf(encode(kXml, "rs", &fx::ecKey().credential)));
  BOOST_CHECK(saml::verifyRedirectSignature(ec, fx::spKey().credential.certificate()).error().code ==
              Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(tampered_relay_state_is_invalid) {
  const std::string query = queryOf(encode(kXml, "good", &fx::spKey().credential));
  const auto message = decodeOk(fx::replaceOnce(query, "RelayState=good", "RelayState=evil"));
  BOOST_CHECK_EQUAL(message.relayState.value_or(""), "evil");
  BOOST_CHECK(saml::verifyRedirectSignature(message, fx::spKey().credential.certificate()).error().code ==
              Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(tampered_message_is_invalid) {
  const std::string query = queryOf(encode(kXml, "rs", &fx::spKey().credential));
  const std::string forged = fx::replaceOnce(query, rawValue(query, "SAMLRequest"),
                                             requestValueFor("<samlp:AuthnRequest ID=\"_forged\"/>"));
  const auto message = decodeOk(forged);
  BOOST_CHECK_EQUAL(message.xml, "<samlp:AuthnRequest ID=\"_forged\"/>");
  BOOST_CHECK(saml::verifyRedirectSignature(message, fx::spKey().credential.certificate()).error().code ==
              Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(dropping_the_relay_state_breaks_the_signature) {
  const std::string query = queryOf(encode(kXml, "rs", &fx::spKey().credential));
  const auto message = decodeOk(fx::replaceOnce(query, "&RelayState=rs", ""));
  BOOST_CHECK(saml::verifyRedirectSignature(message, fx::spKey().credential.certificate()).error().code ==
              Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(sha1_sig_alg_is_unsupported) {
  const std::string query = queryOf(encode(kXml, std::nullopt, &fx::spKey().credential));
  const std::string sha1 = fx::replaceOnce(query, rawValue(query, "SigAlg"),
                                           "http%3A%2F%2Fwww.w3.org%2F2000%2F09%2Fxmldsig%23rsa-sha1");
  const auto message = decodeOk(sha1);
  BOOST_CHECK_EQUAL(message.sigAlg.value_or(""), fx::kSigRsaSha1);
  BOOST_CHECK(saml::verifyRedirectSignature(message, fx::spKey().credential.certificate()).error().code ==
              Errc::UnsupportedAlgorithm);
  const auto other = decodeOk(fx::replaceOnce(query, rawValue(query, "SigAlg"), "urn%3Aunknown"));
  BOOST_CHECK(saml::verifyRedirectSignature(other, fx::spKey().credential.certificate()).error().code ==
              Errc::UnsupportedAlgorithm);
}

BOOST_AUTO_TEST_CASE(repeated_binding_parameters_are_refused) {
  const std::string query = queryOf(encode(kXml, "rs", &fx::spKey().credential));
  for (const std::string name : {"SAMLRequest", "RelayState", "SigAlg", "Signature"}) {
    BOOST_CHECK_MESSAGE(decodeError(query + "&" + name + "=" + rawValue(query, name)) == Errc::BindingInvalid, name);
  }
  // A percent-encoded name is the same parameter.
  BOOST_CHECK(decodeError(query + "&Relay%53tate=x") == Errc::BindingInvalid);
  BOOST_CHECK(decodeError(query + "&SAMLResponse=" + rawValue(query, "SAMLRequest")) == Errc::BindingInvalid);
}

BOOST_AUTO_TEST_CASE(missing_or_unpaired_parameters_are_refused) {
  const std::string query = queryOf(encode(kXml, "rs", &fx::spKey().credential));
  BOOST_CHECK(decodeError("RelayState=x") == Errc::BindingInvalid);
  BOOST_CHECK(decodeError("") == Errc::BindingInvalid);
  BOOST_CHECK(decodeError(fx::replaceOnce(query, "&SigAlg=" + rawValue(query, "SigAlg"), "")) == Errc::BindingInvalid);
  BOOST_CHECK(decodeError(fx::replaceOnce(query, "&Signature=" + rawValue(query, "Signature"), "")) ==
              Errc::BindingInvalid);
}

BOOST_AUTO_TEST_CASE(bad_base64_and_escapes_are_refused) {
  for (const char* query : {"SAMLRequest=abc", "SAMLRequest=ab%3D%3Dcd", "SAMLRequest=a%2", "SAMLRequest=%zz00",
                            "SAMLRequest=ab*d", "SAMLRequest=", "SAMLRequest=YW%3D%3D"}) {
    BOOST_CHECK_MESSAGE(decodeError(query) == Errc::BindingInvalid, query);
  }
}

BOOST_AUTO_TEST_CASE(corrupt_truncated_or_trailing_deflate_data_is_refused) {
  const std::string good = deflated(kXml);
  BOOST_CHECK(decodeOk("SAMLRequest=" + queryValue(good)).xml == kXml);
  BOOST_CHECK(decodeError("SAMLRequest=" + queryValue("\xff\xfe not deflate")) == Errc::BindingInvalid);
  BOOST_CHECK(decodeError("SAMLRequest=" + queryValue(good.substr(0, good.size() / 2))) == Errc::BindingInvalid);
  BOOST_CHECK(decodeError("SAMLRequest=" + queryValue(good + "junk")) == Errc::BindingInvalid);
}

BOOST_AUTO_TEST_CASE(deflate_bomb_is_too_large) {
  // 50 MiB of zeros deflate to about 50 KiB: small on the wire, refused while inflating.
  const std::string bomb = deflated(std::string(50 * 1024 * 1024, '\0'));
  saml::BindingLimits limits;
  limits.maxEncodedBytes = 1024 * 1024;
  BOOST_CHECK(decodeError("SAMLRequest=" + queryValue(bomb), limits) == Errc::TooLarge);
}

BOOST_AUTO_TEST_CASE(inflated_limit_is_inclusive) {
  const std::string query = "SAMLRequest=" + queryValue(deflated(kXml));
  saml::BindingLimits limits;
  limits.maxInflatedBytes = std::string_view(kXml).size();
  BOOST_CHECK(saml::decodeRedirect(query, "SAMLRequest", limits).has_value());
  limits.maxInflatedBytes -= 1;
  BOOST_CHECK(decodeError(query, limits) == Errc::TooLarge);
}

BOOST_AUTO_TEST_CASE(oversized_query_is_too_large) {
  saml::BindingLimits limits;
  limits.maxEncodedBytes = 100;
  BOOST_CHECK(decodeError(queryOf(encode(kXml, std::string(200, 'r'), nullptr)), limits) == Errc::TooLarge);
}

BOOST_AUTO_TEST_CASE(endpoint_with_a_query_gets_an_ampersand) {
  const std::string url = encode(kXml, "rs", &fx::spKey().credential, "https://idp.example.com/sso?tenant=acme");
  BOOST_CHECK_EQUAL(url.rfind("https://idp.example.com/sso?tenant=acme&SAMLRequest=", 0), 0u);
  const auto message = decodeOk(queryOf(url));
  BOOST_CHECK_EQUAL(message.xml, kXml);
  BOOST_CHECK_EQUAL(message.signedOctets.rfind("SAMLRequest=", 0), 0u);
  BOOST_CHECK(saml::verifyRedirectSignature(message, fx::spKey().credential.certificate()).has_value());
}

BOOST_AUTO_TEST_CASE(signed_octets_keep_the_received_encoding) {
  // Lowercase escapes from another implementation stay as they came.
  const std::string query = "SAMLRequest=" + queryValue(deflated(kXml)) + "&RelayState=a%2fb&SigAlg=x%3ay&Signature=AAAA&Other=1";
  const auto message = decodeOk(query);
  BOOST_CHECK_EQUAL(message.signedOctets, "SAMLRequest=" + queryValue(deflated(kXml)) + "&RelayState=a%2fb&SigAlg=x%3ay");
  BOOST_CHECK_EQUAL(message.relayState.value_or(""), "a/b");
  BOOST_CHECK_EQUAL(message.sigAlg.value_or(""), "x:y");
  BOOST_CHECK_EQUAL(message.signature.value_or("").size(), 3u);
}

BOOST_AUTO_TEST_SUITE_END()
