// SPDX-License-Identifier: Apache-2.0
// RS256 tokens: round trip, interop with an external signer, wrong keys and tampering.
#include "crypto/jwt_fixture.hpp"

#include <authcore/error.hpp>

#include <boost/test/unit_test.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

using namespace authcore;
using namespace authcore::test;

namespace {

constexpr auto kAlg = SigningAlgorithm::RS256;

// Signed by Python `cryptography` (PKCS#1 v1.5, SHA-256): an independent implementation.
const std::string kExternalJwk =
    R"({"kty":"RSA","n":"uvYed73vodMABc0sXMkt4-h8-ZxIdgqbiT0pfZRaokhTwA_q8-CinZfOxDIItugaqHcbt1D6OAJh3o9fWKP567Ffu8qLnrPT_ftroIUn8UN5se3FSaWYlAKeuUCjWxXpgLNDMH8HB0qweurFVBQpe6Lsk1M6wBPal5upecAJRveNoKj0kwffMby4GDJXqZ0-esdGO5ooWUX-RzrnOnm1udDnJoUYiswfz1c96Qv9LXxysY1LoThfb9A6UXQGNgDkAYyNayPB2YnHLwBDNsm9h2xRz3oQgKMLVgyz0IQxROLWVFLnioy72bKOyuDx0GxqaIe1liDuEu-G_c8RswxieQ","e":"AQAB","alg":"RS256","kid":"ext-rsa"})";
const std::string kExternalToken =
    "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImV4dC1yc2EifQ."
    "eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoidXNyX2V4dCIsImF1ZCI6ImFwaTovL29yZGVycyIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ."
    "fRmpCigl403d2Wb8pO2qDxt1VBsKW2MASkqWGTPm-LvBPLDFuf2xcKIVw5nHGDi1vvVbeBMssIoKtznK6xm9VQR75uodNwhUUA6T0jmuGB725ujLd_"
    "XWlan8IuP3FLttSBkHtaS6tIZV-52h-BmAC3fOllmSDaiShBDygaeebTeMgPPBSAm7-DieFxbzcmkFjVzNidVHPNhMv4inyCvQZaBrcCKmGdToAjXeOY1"
    "JoPYQteeOj-LH3mYWpqg4kkp-tV-W1_DJvOLhrjE-82fCPlKOgAGTnDT0b2bdPcPEPE6x0EpYJLqwbFMxEhbpaJPCvUL6Ajl3wt1Ga07_dOQHcQ";

std::string pssSign(const std::string& privatePem, const std::string& input) {
    BIO* bio = BIO_new_mem_buf(privatePem.data(), static_cast<int>(privatePem.size()));
    EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    std::string signature(512, '\0');
    std::size_t length = signature.size();
    bool ok = pkey && ctx && EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), nullptr, pkey) == 1 &&
              EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
              EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &length,
                             reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(pkey);
    BIO_free(bio);
    signature.resize(ok ? length : 0);
    return signature;
}

} // namespace

BOOST_AUTO_TEST_SUITE(crypto_jwt_rs256)

BOOST_AUTO_TEST_CASE(signed_token_verifies_and_exposes_claims) {
    auto claims = checkSignedTokenVerifies(kAlg);
    BOOST_TEST(claims.integer("exp").value_or(0) == kNow + 600);
    BOOST_TEST(claims.audience() == std::vector<std::string>{kAudience});
}

BOOST_AUTO_TEST_CASE(header_names_alg_typ_and_kid) {
    BOOST_TEST(headerOf(kAlg) == R"({"alg":"RS256","typ":"JWT","kid":"k1"})");
}

BOOST_AUTO_TEST_CASE(signature_is_as_long_as_the_2048_bit_modulus) {
    auto signature = crypto::base64UrlDecode(segment(tokenFor(kAlg), 2));
    BOOST_TEST(signature.value_or("").size() == 256u);
}

BOOST_AUTO_TEST_CASE(externally_signed_token_verifies) {
    checkExternalTokenVerifies(kExternalJwk, kExternalToken);
}

BOOST_AUTO_TEST_CASE(token_verifies_with_keys_reloaded_from_jwks) {
    checkVerifiesWithKeysReloadedFromJwks(kAlg);
}

BOOST_AUTO_TEST_CASE(token_signed_by_another_rsa_key_fails) {
    checkAnotherKeyOfTheSameTypeFails(kAlg);
}

BOOST_AUTO_TEST_CASE(payload_swapped_from_another_token_fails) {
    checkSwappedPayloadFails(kAlg);
}

BOOST_AUTO_TEST_CASE(header_naming_es256_is_an_algorithm_mismatch) {
    // Signed by an EC key, presented under the RSA key's kid.
    checkHeaderNamingAnotherAlgorithmMismatches(kAlg, SigningAlgorithm::ES256);
}

BOOST_AUTO_TEST_CASE(pss_signature_by_the_same_key_is_refused) {
    // Same key, same hash, other padding: RS256 means PKCS#1 v1.5 and nothing else.
    auto token = tokenFor(kAlg);
    auto signingInput = segment(token, 0) + "." + segment(token, 1);
    auto pss = pssSign(testKey(kAlg).privatePem(), signingInput);
    BOOST_TEST_REQUIRE(pss.size() == 256u);
    BOOST_TEST(verifyOutcome(signingInput + "." + crypto::base64UrlEncode(pss), kAlg) == "signature_invalid");
}

BOOST_AUTO_TEST_CASE(non_object_payload_cannot_be_signed) {
    BOOST_CHECK_THROW(crypto::signJwt(testKey(kAlg), kKid, "JWT", "[1,2]"), Error);
}

BOOST_AUTO_TEST_SUITE_END()
