// SPDX-License-Identifier: Apache-2.0
// signRelayState / verifyRelayState: round trip, tampering, keys, size and format refusals.
#include <authcore/saml/relay_state.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

namespace saml = authcore::saml;
using saml::Errc;

namespace {

const std::string kKey(32, 'k');
const std::string kPayload = R"({"return_url":"https://app.example.test/after?x=1&y=2","nonce":"n0nce"})";

std::string sign(const std::string& payload, const std::string& key = kKey) {
  auto relayState = saml::signRelayState(payload, key);
  BOOST_REQUIRE_MESSAGE(relayState.has_value(), (relayState ? "" : relayState.error().message));
  return *relayState;
}

Errc verifyError(const std::string& relayState, const std::string& key = kKey) {
  auto payload = saml::verifyRelayState(relayState, key);
  BOOST_REQUIRE_MESSAGE(!payload.has_value(), "accepted " << relayState);
  return payload.error().code;
}

// Flips one base64url character at `index` to another alphabet character.
std::string flipAt(std::string text, std::size_t index) {
  text[index] = text[index] == 'A' ? 'B' : 'A';
  return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_relay_state)

BOOST_AUTO_TEST_CASE(signed_payload_verifies_back_unchanged) {
  const std::string relayState = sign(kPayload);
  auto payload = saml::verifyRelayState(relayState, kKey);
  BOOST_REQUIRE_MESSAGE(payload.has_value(), (payload ? "" : payload.error().message));
  BOOST_CHECK_EQUAL(*payload, kPayload);
}

BOOST_AUTO_TEST_CASE(matches_an_independent_hmac_computation) {
  // Computed with Python's hmac and base64.urlsafe_b64encode (padding stripped), key 'k' * 32.
  const std::string payload = R"({"return_url":"https://app.example.com/","nonce":"n"})";
  const std::string expected =
      "eyJyZXR1cm5fdXJsIjoiaHR0cHM6Ly9hcHAuZXhhbXBsZS5jb20vIiwibm9uY2UiOiJuIn0."
      "i-vyF6Zq7RTASAC5DrdQEFCGgv7kkLic4zmBpJxNDv8";
  BOOST_CHECK_EQUAL(sign(payload), expected);
  BOOST_CHECK_EQUAL(saml::verifyRelayState(expected, kKey).value_or(""), payload);
}

BOOST_AUTO_TEST_CASE(relay_state_is_url_safe_without_padding) {
  const std::string relayState = sign(std::string("\xfb\xff\xfe binary\0payload", 18));
  BOOST_CHECK(relayState.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.") ==
              std::string::npos);
  BOOST_CHECK_EQUAL(std::count(relayState.begin(), relayState.end(), '.'), 1);
  // 32 MAC bytes are 43 base64url characters without padding.
  BOOST_CHECK_EQUAL(relayState.size() - relayState.find('.') - 1, 43U);
  BOOST_CHECK_EQUAL(saml::verifyRelayState(relayState, kKey).value_or(""), std::string("\xfb\xff\xfe binary\0payload", 18));
}

BOOST_AUTO_TEST_CASE(binary_and_empty_payloads_round_trip) {
  BOOST_CHECK_EQUAL(saml::verifyRelayState(sign(""), kKey).value_or("x"), "");
  BOOST_CHECK_EQUAL(saml::verifyRelayState(sign("a"), kKey).value_or(""), "a");
}

BOOST_AUTO_TEST_CASE(tampered_payload_fails) {
  const std::string relayState = sign(kPayload);
  BOOST_CHECK(verifyError(flipAt(relayState, 3)) == Errc::SignatureInvalid);
  // A payload swapped in from another valid RelayState keeps its own MAC out.
  const std::string other = sign(R"({"return_url":"https://evil.example.test/","nonce":"n0nce"})");
  const std::string spliced = other.substr(0, other.find('.')) + relayState.substr(relayState.find('.'));
  BOOST_CHECK(verifyError(spliced) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(tampered_mac_fails) {
  const std::string relayState = sign(kPayload);
  BOOST_CHECK(verifyError(flipAt(relayState, relayState.find('.') + 5)) == Errc::SignatureInvalid);
  BOOST_CHECK(verifyError(relayState.substr(0, relayState.size() - 3)) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(wrong_key_fails) {
  BOOST_CHECK(verifyError(sign(kPayload), std::string(32, 'x')) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(short_key_is_refused_both_ways) {
  const std::string shortKey(31, 'k');
  auto signedShort = saml::signRelayState(kPayload, shortKey);
  BOOST_REQUIRE(!signedShort.has_value());
  BOOST_CHECK(signedShort.error().code == Errc::InvalidKey);
  BOOST_CHECK(verifyError(sign(kPayload), shortKey) == Errc::InvalidKey);
}

BOOST_AUTO_TEST_CASE(oversized_relay_state_is_refused) {
  BOOST_CHECK(verifyError(std::string(saml::kMaxRelayStateBytes + 1, 'A')) == Errc::TooLarge);
  auto tooBig = saml::signRelayState(std::string(3 * 1024, 'p'), kKey);
  BOOST_REQUIRE(!tooBig.has_value());
  BOOST_CHECK(tooBig.error().code == Errc::TooLarge);
  BOOST_CHECK(saml::signRelayState(std::string(2 * 1024, 'p'), kKey).has_value());
}

BOOST_AUTO_TEST_CASE(malformed_relay_state_is_refused) {
  const std::string relayState = sign(kPayload);
  const std::string mac = relayState.substr(relayState.find('.') + 1);
  BOOST_CHECK(verifyError("") == Errc::BindingInvalid);
  BOOST_CHECK(verifyError("no-dot-at-all") == Errc::BindingInvalid);
  BOOST_CHECK(verifyError(relayState + ".extra") == Errc::BindingInvalid);
  BOOST_CHECK(verifyError("e30=." + mac) == Errc::SignatureInvalid);   // the MAC covers the exact encoded text
  BOOST_CHECK(verifyError(relayState + "=") == Errc::BindingInvalid);  // nor of the MAC
  BOOST_CHECK(verifyError("abc." + mac.substr(0, 42) + "+") == Errc::BindingInvalid);
}

BOOST_AUTO_TEST_SUITE_END()
