// SPDX-License-Identifier: Apache-2.0
// Attacks on the JWT verifier (SECURITY.md "Tokens"): each is tried and must be refused.
#include "crypto/jwt_fixture.hpp"

#include <authcore/error.hpp>

#include <boost/test/unit_test.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace authcore;
using namespace authcore::test;

namespace {

constexpr auto kRsa = SigningAlgorithm::RS256;
const std::string kRsaHeader = R"({"alg":"RS256","typ":"JWT","kid":"k1"})";

std::string hs256(std::string_view secret, std::string_view header, std::string_view payload) {
    std::string input = crypto::base64UrlEncode(header) + "." + crypto::base64UrlEncode(payload);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
    return input + "." + crypto::base64UrlEncode(std::string_view(reinterpret_cast<char*>(mac), length));
}

// A token whose claims are `claims`, properly signed with the RSA test key.
std::string rsaToken(const TestClaims& claims) { return tokenFor(kRsa, claims); }

std::string verifyRsa(const std::string& token, const crypto::VerifyOptions& options = verifyOptions()) {
    return verifyOutcome(token, keySetOf(kRsa), options);
}

// The outcome for an RSA token whose time claim `claim` (exp, nbf or iat) is `unixTime`.
std::string verifyRsaWithTime(std::optional<std::string> TestClaims::*claim, long long unixTime,
                              const crypto::VerifyOptions& options = verifyOptions()) {
    TestClaims claims;
    claims.*claim = std::to_string(unixTime);
    return verifyRsa(rsaToken(claims), options);
}

// The signed token with `text` appended to segment `index` *before* signing,
// so only the decoder's strictness can refuse it.
std::string signedWithRawSegments(std::string_view headerSegment, std::string_view payloadSegment) {
    std::string input = std::string(headerSegment) + "." + std::string(payloadSegment);
    return input + "." + crypto::base64UrlEncode(testKey(kRsa).sign(input));
}

} // namespace

BOOST_AUTO_TEST_SUITE(crypto_jwt_attacks)

BOOST_AUTO_TEST_CASE(baseline_token_verifies) {
    BOOST_TEST(verifyRsa(rsaToken({})) == "ok");
}

BOOST_AUTO_TEST_CASE(alg_none_is_refused) {
    for (const char* alg : {"none", "None", "NONE", "nOnE"}) {
        std::string header = std::string(R"({"alg":")") + alg + R"(","kid":"k1"})";
        std::string token = crypto::base64UrlEncode(header) + "." + crypto::base64UrlEncode(TestClaims{}.json()) + ".";
        BOOST_TEST(verifyRsa(token) == "unsupported_algorithm", alg);
    }
}

BOOST_AUTO_TEST_CASE(alg_none_without_kid_against_a_single_key_is_refused) {
    std::string token = crypto::base64UrlEncode(R"({"alg":"none"})") + "." + crypto::base64UrlEncode(TestClaims{}.json()) + ".";
    BOOST_TEST(verifyRsa(token) == "unsupported_algorithm");
}

BOOST_AUTO_TEST_CASE(hs256_signed_with_the_rsa_public_jwk_is_refused) {
    auto jwk = testKey(kRsa).publicKey().toJwk(kKid);
    auto token = hs256(jwk, R"({"alg":"HS256","kid":"k1"})", TestClaims{}.json());
    BOOST_TEST(verifyRsa(token) == "unsupported_algorithm");
}

BOOST_AUTO_TEST_CASE(hs256_signed_with_the_rsa_public_pem_is_refused) {
    auto pem = publicPemOf(kRsa);
    BOOST_TEST_REQUIRE(pem.find("BEGIN PUBLIC KEY") != std::string::npos);
    for (const char* alg : {"HS256", "HS384", "HS512"}) {
        auto token = hs256(pem, std::string(R"({"alg":")") + alg + R"(","kid":"k1"})", TestClaims{}.json());
        BOOST_TEST(verifyRsa(token) == "unsupported_algorithm", alg);
    }
}

BOOST_AUTO_TEST_CASE(other_rsa_algorithms_are_refused) {
    for (const char* alg : {"RS384", "RS512", "PS256", "rs256", "RS256 "}) {
        auto token = signRaw(testKey(kRsa), std::string(R"({"alg":")") + alg + R"(","kid":"k1"})", TestClaims{}.json());
        BOOST_TEST(verifyRsa(token) == "unsupported_algorithm", alg);
    }
}

BOOST_AUTO_TEST_CASE(missing_or_non_string_alg_is_malformed) {
    BOOST_TEST(verifyRsa(signRaw(testKey(kRsa), R"({"kid":"k1"})", TestClaims{}.json())) == "malformed");
    BOOST_TEST(verifyRsa(signRaw(testKey(kRsa), R"({"alg":["RS256"],"kid":"k1"})", TestClaims{}.json())) == "malformed");
}

BOOST_AUTO_TEST_CASE(unknown_kid_is_refused) {
    auto token = crypto::signJwt(testKey(kRsa), "k2", "JWT", TestClaims{}.json());
    BOOST_TEST(verifyRsa(token) == "unknown_key");
}

BOOST_AUTO_TEST_CASE(non_string_kid_is_malformed) {
    auto token = signRaw(testKey(kRsa), R"({"alg":"RS256","kid":1})", TestClaims{}.json());
    BOOST_TEST(verifyRsa(token) == "malformed");
}

BOOST_AUTO_TEST_CASE(missing_kid_is_accepted_only_with_a_single_key) {
    auto token = crypto::signJwt(testKey(kRsa), "", "JWT", TestClaims{}.json());
    BOOST_TEST(verifyRsa(token) == "ok");
    auto keys = keySetOf(kRsa);
    keys.add("k2", otherKey(kRsa).publicKey());
    BOOST_TEST(verifyOutcome(token, keys) == "unknown_key");
}

BOOST_AUTO_TEST_CASE(kid_of_another_key_type_is_an_algorithm_mismatch) {
    // An RSA-signed token presented under the kid of an EC key in the same set.
    auto keys = keySetOf(kRsa);
    keys.add("ec1", testKey(SigningAlgorithm::ES256).publicKey());
    auto token = signRaw(testKey(kRsa), R"({"alg":"RS256","kid":"ec1"})", TestClaims{}.json());
    BOOST_TEST(verifyOutcome(token, keys) == "algorithm_mismatch");
}

BOOST_AUTO_TEST_CASE(crit_header_is_refused_even_when_signed) {
    for (const char* crit : {R"(["exp"])", R"(["b64"])", "[]", R"("x")"}) {
        auto header = std::string(R"({"alg":"RS256","kid":"k1","b64":false,"crit":)") + crit + "}";
        BOOST_TEST(verifyRsa(signRaw(testKey(kRsa), header, TestClaims{}.json())) == "critical_header", crit);
    }
}

BOOST_AUTO_TEST_CASE(every_signature_bit_flip_is_refused) {
    auto token = rsaToken({});
    auto signature = crypto::base64UrlDecode(segment(token, 2)).value();
    for (std::size_t i = 0; i < signature.size(); ++i) {
        auto mutated = signature;
        mutated[i] = static_cast<char>(mutated[i] ^ (1 << (i % 8)));
        BOOST_TEST(verifyRsa(replaceSegment(token, 2, crypto::base64UrlEncode(mutated))) == "signature_invalid", i);
    }
}

BOOST_AUTO_TEST_CASE(every_header_and_payload_character_change_is_refused) {
    for (auto alg : {kRsa, SigningAlgorithm::ES256, SigningAlgorithm::EdDSA}) {
        auto token = tokenFor(alg);
        auto signatureStart = token.rfind('.');
        for (std::size_t i = 0; i < signatureStart; ++i) {
            if (token[i] == '.') continue;
            auto mutated = token;
            mutated[i] = token[i] == 'A' ? 'B' : 'A';
            BOOST_TEST(verifyOutcome(mutated, keySetOf(alg)) != "ok", i);
        }
    }
}

BOOST_AUTO_TEST_CASE(truncated_extended_or_empty_signature_is_refused) {
    auto token = rsaToken({});
    auto signature = crypto::base64UrlDecode(segment(token, 2)).value();
    BOOST_TEST(verifyRsa(replaceSegment(token, 2, crypto::base64UrlEncode(signature.substr(1)))) == "signature_invalid");
    BOOST_TEST(verifyRsa(replaceSegment(token, 2, crypto::base64UrlEncode(signature + "x"))) == "signature_invalid");
    BOOST_TEST(verifyRsa(replaceSegment(token, 2, "")) == "signature_invalid");
}

BOOST_AUTO_TEST_CASE(expired_beyond_skew_is_refused) {
    BOOST_TEST(verifyRsaWithTime(&TestClaims::exp, kNow - 61) == "expired");
    BOOST_TEST(verifyRsaWithTime(&TestClaims::exp, kNow - 60) == "expired");
}

BOOST_AUTO_TEST_CASE(expired_within_skew_is_accepted) {
    BOOST_TEST(verifyRsaWithTime(&TestClaims::exp, kNow - 59) == "ok");
}

BOOST_AUTO_TEST_CASE(skew_over_60_seconds_is_capped) {
    auto options = verifyOptions();
    options.skew = std::chrono::seconds{600};
    BOOST_TEST(verifyRsaWithTime(&TestClaims::exp, kNow - 120, options) == "expired");
}

BOOST_AUTO_TEST_CASE(zero_skew_refuses_a_token_expiring_now) {
    auto options = verifyOptions();
    options.skew = std::chrono::seconds{0};
    BOOST_TEST(verifyRsaWithTime(&TestClaims::exp, kNow, options) == "expired");
    BOOST_TEST(verifyRsaWithTime(&TestClaims::exp, kNow + 1, options) == "ok");
}

BOOST_AUTO_TEST_CASE(nbf_beyond_skew_is_refused_and_within_is_accepted) {
    BOOST_TEST(verifyRsaWithTime(&TestClaims::nbf, kNow + 61) == "not_yet_valid");
    BOOST_TEST(verifyRsaWithTime(&TestClaims::nbf, kNow + 60) == "ok");
}

BOOST_AUTO_TEST_CASE(iat_beyond_skew_is_refused_and_within_is_accepted) {
    BOOST_TEST(verifyRsaWithTime(&TestClaims::iat, kNow + 61) == "issued_in_future");
    BOOST_TEST(verifyRsaWithTime(&TestClaims::iat, kNow + 60) == "ok");
}

BOOST_AUTO_TEST_CASE(missing_exp_is_refused_unless_optional) {
    TestClaims claims;
    claims.exp.reset();
    BOOST_TEST(verifyRsa(rsaToken(claims)) == "missing_claim");
    auto options = verifyOptions();
    options.requireExp = false;
    BOOST_TEST(verifyRsa(rsaToken(claims), options) == "ok");
}

BOOST_AUTO_TEST_CASE(mistyped_time_claims_are_refused) {
    for (const char* value : {"\"1700000700\"", "1700000700.5", "true", "null", "[1700000700]", "18446744073709551615"}) {
        TestClaims claims;
        claims.exp = value;
        BOOST_TEST(verifyRsa(rsaToken(claims)) == "missing_claim", value);
        claims = TestClaims{};
        claims.nbf = value;
        BOOST_TEST(verifyRsa(rsaToken(claims)) == "missing_claim", value);
    }
}

BOOST_AUTO_TEST_CASE(wrong_or_missing_issuer_is_refused) {
    TestClaims claims;
    for (const char* iss : {R"("https://issuer.example/")", R"("https://issuer.exampl")", R"("HTTPS://ISSUER.EXAMPLE")"}) {
        claims.iss = iss;
        BOOST_TEST(verifyRsa(rsaToken(claims)) == "issuer_mismatch", iss);
    }
    claims.iss = "42";
    BOOST_TEST(verifyRsa(rsaToken(claims)) == "missing_claim");
    claims.iss.reset();
    BOOST_TEST(verifyRsa(rsaToken(claims)) == "missing_claim");
}

BOOST_AUTO_TEST_CASE(wrong_or_missing_audience_is_refused) {
    TestClaims claims;
    claims.aud = R"("api://other")";
    BOOST_TEST(verifyRsa(rsaToken(claims)) == "audience_mismatch");
    claims.aud = R"(["api://a","api://b"])";
    BOOST_TEST(verifyRsa(rsaToken(claims)) == "audience_mismatch");
    for (const char* aud : {"[]", "7", R"(["api://orders",7])", "null"}) {
        claims.aud = aud;
        BOOST_TEST(verifyRsa(rsaToken(claims)) == "missing_claim", aud);
    }
    claims.aud.reset();
    BOOST_TEST(verifyRsa(rsaToken(claims)) == "missing_claim");
}

BOOST_AUTO_TEST_CASE(audience_array_containing_ours_is_accepted) {
    TestClaims claims;
    claims.aud = R"(["api://a","api://orders"])";
    BOOST_TEST(verifyRsa(rsaToken(claims)) == "ok");
}

BOOST_AUTO_TEST_CASE(typ_is_checked_when_required) {
    auto options = verifyOptions();
    options.type = "at+jwt";
    BOOST_TEST(verifyRsa(rsaToken({}), options) == "type_mismatch");
    auto typed = crypto::signJwt(testKey(kRsa), kKid, "application/AT+JWT", TestClaims{}.json());
    BOOST_TEST(verifyRsa(typed, options) == "ok");
    auto untyped = crypto::signJwt(testKey(kRsa), kKid, "", TestClaims{}.json());
    BOOST_TEST(verifyRsa(untyped, options) == "type_mismatch");
}

BOOST_AUTO_TEST_CASE(padded_base64_segments_are_malformed_even_when_signed) {
    auto header = crypto::base64UrlEncode(R"({"alg":"RS256","kid":"k1"})");
    auto json = TestClaims{}.json();
    if (json.size() % 3 == 0) json += ' '; // so that a padded encoding would need '='
    auto payload = crypto::base64UrlEncode(json);
    BOOST_TEST_REQUIRE(payload.size() % 4 != 0);
    BOOST_TEST(verifyRsa(signedWithRawSegments(header, payload + "=")) == "malformed");
    BOOST_TEST(verifyRsa(signedWithRawSegments(header + "=", payload)) == "malformed");
    auto token = signedWithRawSegments(header, payload);
    BOOST_TEST(verifyRsa(token) == "ok");
    BOOST_TEST(verifyRsa(token + "=") == "malformed");
}

BOOST_AUTO_TEST_CASE(stray_characters_in_segments_are_malformed_even_when_signed) {
    auto header = crypto::base64UrlEncode(R"({"alg":"RS256","kid":"k1"})");
    auto payload = crypto::base64UrlEncode(TestClaims{}.json());
    for (const char* stray : {" ", "\n", "+", "/", "%", "\\"}) {
        BOOST_TEST(verifyRsa(signedWithRawSegments(header, payload + stray)) == "malformed", stray);
    }
    auto token = signedWithRawSegments(header, payload);
    BOOST_TEST(verifyRsa(token + "\n") == "malformed");
}

BOOST_AUTO_TEST_CASE(non_object_payload_or_header_is_malformed) {
    for (const char* payload : {"[1,2]", "\"claims\"", "42", "null", "{", "{\"iss\":1}garbage", ""}) {
        BOOST_TEST(verifyRsa(signRaw(testKey(kRsa), kRsaHeader, payload)) == "malformed", payload);
    }
    BOOST_TEST(verifyRsa(signRaw(testKey(kRsa), R"(["RS256"])", TestClaims{}.json())) == "malformed");
}

BOOST_AUTO_TEST_CASE(wrong_segment_count_is_malformed) {
    auto token = rsaToken({});
    for (const std::string& bad : {std::string(""), std::string(".."), segment(token, 0) + "." + segment(token, 1),
                                   token + ".", token + "." + segment(token, 2)}) {
        BOOST_TEST(verifyRsa(bad) == "malformed", bad.size());
    }
}

BOOST_AUTO_TEST_CASE(oversize_token_is_refused_before_parsing) {
    auto options = verifyOptions();
    auto token = rsaToken({});
    options.maxBytes = token.size() - 1;
    BOOST_TEST(verifyRsa(token, options) == "too_large");
    BOOST_TEST(verifyRsa(std::string(16 * 1024 + 1, 'A')) == "too_large");
}

BOOST_AUTO_TEST_CASE(deeply_nested_payload_is_malformed_not_a_crash) {
    std::string payload = "{\"x\":" + std::string(5000, '[') + std::string(5000, ']') + "}";
    BOOST_TEST(verifyRsa(signRaw(testKey(kRsa), kRsaHeader, payload)) == "malformed");
}

BOOST_AUTO_TEST_CASE(symmetric_key_in_a_jwks_cannot_verify_hs256) {
    auto jwks = R"({"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"hmac"},)" + testKey(kRsa).publicKey().toJwk(kKid) + "]}";
    auto keys = crypto::KeySet::fromJwks(jwks);
    BOOST_TEST_REQUIRE(keys.has_value());
    BOOST_TEST(keys->size() == 1u);
    auto token = hs256("secret", R"({"alg":"HS256","kid":"hmac"})", TestClaims{}.json());
    BOOST_TEST(verifyOutcome(token, *keys) == "unsupported_algorithm");
    auto relabelled = hs256("secret", R"({"alg":"RS256","kid":"hmac"})", TestClaims{}.json());
    BOOST_TEST(verifyOutcome(relabelled, *keys) == "unknown_key");
}

BOOST_AUTO_TEST_CASE(verifier_without_issuer_or_audience_refuses_to_run) {
    auto token = rsaToken({});
    auto noIssuer = verifyOptions();
    noIssuer.issuer.clear();
    BOOST_CHECK_THROW(crypto::verifyJwt(token, keySetOf(kRsa), noIssuer), Error);
    auto noAudience = verifyOptions();
    noAudience.audience.clear();
    BOOST_CHECK_THROW(crypto::verifyJwt(token, keySetOf(kRsa), noAudience), Error);
}

BOOST_AUTO_TEST_SUITE_END()
