// SPDX-License-Identifier: Apache-2.0
// ES256 tokens: JOSE r||s signatures, interop with an external signer, wrong keys, DER refusal.
#include "crypto/jwt_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using namespace authcore::test;

namespace {

constexpr auto kAlg = SigningAlgorithm::ES256;

// Signed by Python `cryptography`, DER converted to r||s there: an independent implementation.
const std::string kExternalJwk =
    R"({"kty":"EC","crv":"P-256","x":"TmHLlwjcpQbgWefdqKVa2R7pd3K2sNvD7Hs63D0S-Y0","y":"L-QgBy-CrVlePNx4a27zRVt5zTBekE_mHMln4no77R8","kid":"ext-ec"})";
const std::string kExternalToken =
    "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImV4dC1lYyJ9."
    "eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoidXNyX2V4dCIsImF1ZCI6ImFwaTovL29yZGVycyIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ."
    "VZr-ciKAdaLyTXwf2d9XhqNoTQkq0fYqJ-trfOSl6aX7Duuf-MVxE2dM24bcMOKQgweNkzRyWiNbyqv2htWsQw";

// DER INTEGER of a 32-byte big-endian value (a leading 0x00 when the top bit is set).
std::string derInteger(std::string value) {
    while (value.size() > 1 && value[0] == '\0' && !(static_cast<unsigned char>(value[1]) & 0x80)) value.erase(0, 1);
    if (static_cast<unsigned char>(value[0]) & 0x80) value.insert(0, 1, '\0');
    return std::string{'\x02', static_cast<char>(value.size())} + value;
}

std::string toDer(const std::string& joseSignature) {
    std::string body = derInteger(joseSignature.substr(0, 32)) + derInteger(joseSignature.substr(32));
    return std::string{'\x30', static_cast<char>(body.size())} + body;
}

} // namespace

BOOST_AUTO_TEST_SUITE(crypto_jwt_es256)

BOOST_AUTO_TEST_CASE(signed_token_verifies_and_exposes_claims) {
    auto claims = checkSignedTokenVerifies(kAlg);
    BOOST_TEST(claims.string("iss").value_or("") == kIssuer);
}

BOOST_AUTO_TEST_CASE(header_names_alg_typ_and_kid) {
    BOOST_TEST(headerOf(kAlg) == R"({"alg":"ES256","typ":"JWT","kid":"k1"})");
}

BOOST_AUTO_TEST_CASE(signature_is_64_byte_r_s) {
    for (int i = 0; i < 20; ++i) {
        auto signature = testKey(kAlg).sign("input " + std::to_string(i));
        BOOST_TEST(signature.size() == 64u);
    }
}

BOOST_AUTO_TEST_CASE(externally_signed_token_verifies) {
    checkExternalTokenVerifies(kExternalJwk, kExternalToken);
}

BOOST_AUTO_TEST_CASE(token_verifies_with_keys_reloaded_from_jwks) {
    checkVerifiesWithKeysReloadedFromJwks(kAlg);
}

BOOST_AUTO_TEST_CASE(token_signed_by_another_p256_key_fails) {
    checkAnotherKeyOfTheSameTypeFails(kAlg);
}

BOOST_AUTO_TEST_CASE(payload_swapped_from_another_token_fails) {
    checkSwappedPayloadFails(kAlg);
}

BOOST_AUTO_TEST_CASE(der_encoded_signature_is_refused) {
    // A valid signature in the wrong (DER) encoding: JOSE says r||s only.
    auto token = tokenFor(kAlg);
    auto der = toDer(crypto::base64UrlDecode(segment(token, 2)).value());
    BOOST_TEST(verifyOutcome(replaceSegment(token, 2, crypto::base64UrlEncode(der)), kAlg) == "signature_invalid");
}

BOOST_AUTO_TEST_CASE(zero_r_and_s_are_refused) {
    auto token = replaceSegment(tokenFor(kAlg), 2, crypto::base64UrlEncode(std::string(64, '\0')));
    BOOST_TEST(verifyOutcome(token, kAlg) == "signature_invalid");
}

BOOST_AUTO_TEST_CASE(header_naming_eddsa_is_an_algorithm_mismatch) {
    checkHeaderNamingAnotherAlgorithmMismatches(kAlg, SigningAlgorithm::EdDSA);
}

BOOST_AUTO_TEST_SUITE_END()
