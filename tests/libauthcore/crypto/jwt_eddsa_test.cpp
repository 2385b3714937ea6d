// SPDX-License-Identifier: Apache-2.0
// EdDSA (Ed25519) tokens: RFC 8037 vector, interop with an external signer, wrong keys.
#include "crypto/jwt_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using namespace authcore::test;

namespace {

constexpr auto kAlg = SigningAlgorithm::EdDSA;

// Signed by Python `cryptography`: an independent implementation.
const std::string kExternalJwk =
    R"({"kty":"OKP","crv":"Ed25519","x":"7aQaU-sW-ATdctxvo4iFZlEKuZeBrDCEj_zGjg1cPW0","kid":"ext-ed"})";
const std::string kExternalToken =
    "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCIsImtpZCI6ImV4dC1lZCJ9."
    "eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoidXNyX2V4dCIsImF1ZCI6ImFwaTovL29yZGVycyIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ."
    "6bwdi3d8rdtRbo04unj7_R4NZyINkrkkojzTHxRjxa838fR0J9zBDvysJI5axYIFWqVLNC9JRUv6hTpkS7t1Cg";

// RFC 8037 Appendix A.1 / A.4.
const std::string kRfcJwk = R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})";
const std::string kRfcSigningInput = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
const std::string kRfcSignature =
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

} // namespace

BOOST_AUTO_TEST_SUITE(crypto_jwt_eddsa)

BOOST_AUTO_TEST_CASE(signed_token_verifies_and_exposes_claims) {
    auto claims = checkSignedTokenVerifies(kAlg);
    BOOST_TEST(claims.integer("iat").value_or(0) == kNow);
}

BOOST_AUTO_TEST_CASE(header_names_eddsa_typ_and_kid) {
    BOOST_TEST(headerOf(kAlg) == R"({"alg":"EdDSA","typ":"JWT","kid":"k1"})");
}

BOOST_AUTO_TEST_CASE(rfc8037_example_signature_verifies) {
    auto key = crypto::PublicKey::fromJwk(kRfcJwk);
    BOOST_TEST_REQUIRE(key.has_value());
    BOOST_TEST(key->verify(kRfcSigningInput, crypto::base64UrlDecode(kRfcSignature).value()));
    BOOST_TEST(!key->verify(kRfcSigningInput + "x", crypto::base64UrlDecode(kRfcSignature).value()));
}

BOOST_AUTO_TEST_CASE(externally_signed_token_verifies) {
    checkExternalTokenVerifies(kExternalJwk, kExternalToken);
}

BOOST_AUTO_TEST_CASE(signature_is_deterministic_and_64_bytes) {
    auto first = testKey(kAlg).sign("same input");
    BOOST_TEST(first.size() == 64u);
    BOOST_TEST(first == testKey(kAlg).sign("same input"));
}

BOOST_AUTO_TEST_CASE(token_verifies_with_keys_reloaded_from_jwks) {
    checkVerifiesWithKeysReloadedFromJwks(kAlg);
}

BOOST_AUTO_TEST_CASE(token_signed_by_another_ed25519_key_fails) {
    checkAnotherKeyOfTheSameTypeFails(kAlg);
}

BOOST_AUTO_TEST_CASE(payload_swapped_from_another_token_fails) {
    checkSwappedPayloadFails(kAlg);
}

BOOST_AUTO_TEST_CASE(header_naming_rs256_is_an_algorithm_mismatch) {
    checkHeaderNamingAnotherAlgorithmMismatches(kAlg, SigningAlgorithm::RS256);
}

BOOST_AUTO_TEST_CASE(jose_name_is_case_sensitive) {
    // parseAlgorithm() is case-insensitive; the verifier must not be.
    auto token = signRaw(testKey(kAlg), R"({"alg":"eddsa","kid":"k1"})", TestClaims{}.json());
    BOOST_TEST(verifyOutcome(token, kAlg) == "unsupported_algorithm");
}

BOOST_AUTO_TEST_SUITE_END()
