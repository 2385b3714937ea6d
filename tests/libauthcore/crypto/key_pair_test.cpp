// SPDX-License-Identifier: Apache-2.0
// KeyPair / PublicKey: generation, JWK and PEM round trips, and refusal of the wrong key types.
#include "crypto/jwt_fixture.hpp"

#include <authcore/crypto/key_pair.hpp>

#include <boost/test/unit_test.hpp>

#include <array>

using namespace authcore;
using namespace authcore::test;

namespace {

constexpr std::array kAlgorithms{SigningAlgorithm::RS256, SigningAlgorithm::ES256, SigningAlgorithm::EdDSA};

std::string failure(const Result<crypto::PublicKey>& r) { return r ? "ok" : std::string(errcName(r.error().code)); }
std::string failure(const Result<crypto::KeyPair>& r) { return r ? "ok" : std::string(errcName(r.error().code)); }

} // namespace

BOOST_AUTO_TEST_SUITE(crypto_key_pair)

BOOST_AUTO_TEST_CASE(generated_keys_carry_their_algorithm) {
    for (auto alg : kAlgorithms) {
        BOOST_TEST((testKey(alg).algorithm() == alg));
        BOOST_TEST((testKey(alg).publicKey().algorithm() == alg));
    }
}

BOOST_AUTO_TEST_CASE(jwk_round_trip_keeps_the_key) {
    for (auto alg : kAlgorithms) {
        auto jwk = testKey(alg).publicKey().toJwk("kid-1");
        auto key = crypto::PublicKey::fromJwk(jwk);
        BOOST_TEST_REQUIRE(failure(key) == "ok");
        BOOST_TEST((key->algorithm() == alg));
        BOOST_TEST(key->kid() == "kid-1");
        BOOST_TEST(key->toJwk("kid-1") == jwk);
        BOOST_TEST(key->verify("input", testKey(alg).sign("input")));
        BOOST_TEST(!key->verify("input", otherKey(alg).sign("input")));
    }
}

BOOST_AUTO_TEST_CASE(jwk_members_follow_rfc7518_and_rfc8037) {
    auto rsa = testKey(SigningAlgorithm::RS256).publicKey().toJwk("r");
    BOOST_TEST(rsa.find(R"({"kty":"RSA","n":")") == 0u);
    BOOST_TEST(rsa.find(R"("e":"AQAB","alg":"RS256","use":"sig","kid":"r"})") != std::string::npos);
    auto ec = testKey(SigningAlgorithm::ES256).publicKey().toJwk("e");
    BOOST_TEST(ec.find(R"({"kty":"EC","crv":"P-256","x":")") == 0u);
    BOOST_TEST(ec.find(R"("alg":"ES256","use":"sig","kid":"e"})") != std::string::npos);
    auto ed = testKey(SigningAlgorithm::EdDSA).publicKey().toJwk("");
    BOOST_TEST(ed.find(R"({"kty":"OKP","crv":"Ed25519","x":")") == 0u);
    BOOST_TEST(ed.find(R"("alg":"EdDSA","use":"sig"})") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(generated_rsa_modulus_is_2048_bits) {
    auto jwk = testKey(SigningAlgorithm::RS256).publicKey().toJwk("r");
    auto start = jwk.find("\"n\":\"") + 5;
    auto modulus = crypto::base64UrlDecode(jwk.substr(start, jwk.find('"', start) - start));
    BOOST_TEST_REQUIRE(modulus.has_value());
    BOOST_TEST(modulus->size() == 256u);
    BOOST_TEST((static_cast<unsigned char>((*modulus)[0]) & 0x80) != 0);
}

BOOST_AUTO_TEST_CASE(private_pem_round_trip_keeps_the_key) {
    for (auto alg : kAlgorithms) {
        auto pem = testKey(alg).privatePem();
        BOOST_TEST(pem.find("-----BEGIN PRIVATE KEY-----") == 0u);
        auto reloaded = crypto::KeyPair::fromPrivatePem(alg, pem);
        BOOST_TEST_REQUIRE(failure(reloaded) == "ok");
        BOOST_TEST(reloaded->publicKey().toJwk("k") == testKey(alg).publicKey().toJwk("k"));
        BOOST_TEST(testKey(alg).publicKey().verify("in", reloaded->sign("in")));
    }
}

BOOST_AUTO_TEST_CASE(private_pem_of_another_type_is_unsupported) {
    auto ecPem = testKey(SigningAlgorithm::ES256).privatePem();
    BOOST_TEST(failure(crypto::KeyPair::fromPrivatePem(SigningAlgorithm::RS256, ecPem)) == "unsupported_algorithm");
    BOOST_TEST(failure(crypto::KeyPair::fromPrivatePem(SigningAlgorithm::EdDSA, ecPem)) == "unsupported_algorithm");
    auto rsaPem = testKey(SigningAlgorithm::RS256).privatePem();
    BOOST_TEST(failure(crypto::KeyPair::fromPrivatePem(SigningAlgorithm::ES256, rsaPem)) == "unsupported_algorithm");
}

BOOST_AUTO_TEST_CASE(public_or_garbage_pem_is_not_a_private_key) {
    auto publicPem = publicPemOf(SigningAlgorithm::ES256);
    BOOST_TEST(failure(crypto::KeyPair::fromPrivatePem(SigningAlgorithm::ES256, publicPem)) == "malformed");
    BOOST_TEST(failure(crypto::KeyPair::fromPrivatePem(SigningAlgorithm::ES256, "not a pem")) == "malformed");
    BOOST_TEST(failure(crypto::KeyPair::fromPrivatePem(SigningAlgorithm::ES256, "")) == "malformed");
}

BOOST_AUTO_TEST_CASE(encrypted_private_pem_is_refused_without_prompting) {
    auto encrypted = opensslPem(testKey(SigningAlgorithm::EdDSA), false);
    BOOST_TEST_REQUIRE(encrypted.find("ENCRYPTED PRIVATE KEY") != std::string::npos);
    BOOST_TEST(failure(crypto::KeyPair::fromPrivatePem(SigningAlgorithm::EdDSA, encrypted)) == "malformed");
}

BOOST_AUTO_TEST_CASE(public_pem_binds_the_requested_algorithm) {
    for (auto alg : kAlgorithms) {
        auto key = crypto::PublicKey::fromPem(alg, publicPemOf(alg));
        BOOST_TEST_REQUIRE(failure(key) == "ok");
        BOOST_TEST(key->verify("in", testKey(alg).sign("in")));
        BOOST_TEST(key->kid().empty());
    }
    auto rsaPem = publicPemOf(SigningAlgorithm::RS256);
    BOOST_TEST(failure(crypto::PublicKey::fromPem(SigningAlgorithm::ES256, rsaPem)) == "unsupported_algorithm");
    BOOST_TEST(failure(crypto::PublicKey::fromPem(SigningAlgorithm::EdDSA, rsaPem)) == "unsupported_algorithm");
}

BOOST_AUTO_TEST_CASE(private_pem_is_not_a_public_key) {
    auto pem = testKey(SigningAlgorithm::RS256).privatePem();
    BOOST_TEST(failure(crypto::PublicKey::fromPem(SigningAlgorithm::RS256, pem)) == "malformed");
}

BOOST_AUTO_TEST_CASE(rsa_jwk_under_2048_bits_is_refused) {
    auto n1024 = crypto::base64UrlEncode(std::string(127, '\xc3') + "\x01");
    auto jwk = R"({"kty":"RSA","e":"AQAB","n":")" + n1024 + "\"}";
    BOOST_TEST(failure(crypto::PublicKey::fromJwk(jwk)) == "unsupported_algorithm");
}

BOOST_AUTO_TEST_CASE(jwk_alg_disagreeing_with_its_key_type_is_refused) {
    auto jwk = testKey(SigningAlgorithm::ES256).publicKey().toJwk("");
    for (const char* alg : {"RS256", "ES384", "none", "HS256"}) {
        auto relabelled = jwk;
        relabelled.replace(relabelled.find("ES256"), 5, alg);
        BOOST_TEST(failure(crypto::PublicKey::fromJwk(relabelled)) == "unsupported_algorithm", alg);
    }
}

BOOST_AUTO_TEST_CASE(unsupported_key_types_and_uses_are_refused) {
    for (const char* jwk : {R"({"kty":"oct","k":"c2VjcmV0"})",
                            R"({"kty":"EC","crv":"P-384","x":"AA","y":"AA"})",
                            R"({"kty":"OKP","crv":"X25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})",
                            R"({"kty":"OKP","crv":"Ed25519","use":"enc","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})"}) {
        BOOST_TEST(failure(crypto::PublicKey::fromJwk(jwk)) == "unsupported_algorithm", jwk);
    }
}

BOOST_AUTO_TEST_CASE(malformed_jwks_are_refused) {
    for (const char* jwk : {"", "[]", "{", R"({"crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})",
                            R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo=="})",
                            R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHU"})",
                            R"({"kty":"OKP","crv":"Ed25519","kid":5,"x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})",
                            R"({"kty":"RSA","e":"AQAB"})", R"({"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"})"}) {
        BOOST_TEST(failure(crypto::PublicKey::fromJwk(jwk)) == "malformed", jwk);
    }
}

BOOST_AUTO_TEST_CASE(ec_point_off_the_curve_is_refused) {
    auto jwk = testKey(SigningAlgorithm::ES256).publicKey().toJwk("");
    auto y = jwk.find("\"y\":\"") + 5;
    jwk[y] = jwk[y] == 'A' ? 'B' : 'A';
    BOOST_TEST(failure(crypto::PublicKey::fromJwk(jwk)) == "malformed");
}

BOOST_AUTO_TEST_SUITE_END()
