// SPDX-License-Identifier: Apache-2.0
// KeySet: lookup by kid, JWKS parsing limits, and skipping of keys we do not verify with.
#include "crypto/jwt_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using namespace authcore::test;

namespace {

std::string failure(const Result<crypto::KeySet>& r) { return r ? "ok" : std::string(errcName(r.error().code)); }

std::string edJwk(std::string_view kid) {
    return testKey(SigningAlgorithm::EdDSA).publicKey().toJwk(kid);
}

} // namespace

BOOST_AUTO_TEST_SUITE(crypto_key_set)

BOOST_AUTO_TEST_CASE(keys_are_found_by_kid_only) {
    crypto::KeySet keys;
    keys.add("a", testKey(SigningAlgorithm::RS256).publicKey());
    keys.add("b", testKey(SigningAlgorithm::ES256).publicKey());
    BOOST_TEST_REQUIRE(keys.find("b") != nullptr);
    BOOST_TEST((keys.find("b")->algorithm() == SigningAlgorithm::ES256));
    BOOST_TEST(keys.find("c") == nullptr);
    BOOST_TEST(keys.find("") == nullptr);
    BOOST_TEST(keys.soleKey() == nullptr);
}

BOOST_AUTO_TEST_CASE(adding_an_existing_kid_replaces_the_key) {
    crypto::KeySet keys;
    keys.add("a", testKey(SigningAlgorithm::RS256).publicKey());
    keys.add("a", testKey(SigningAlgorithm::EdDSA).publicKey());
    BOOST_TEST(keys.size() == 1u);
    BOOST_TEST((keys.find("a")->algorithm() == SigningAlgorithm::EdDSA));
    BOOST_TEST(keys.soleKey() == keys.find("a"));
}

BOOST_AUTO_TEST_CASE(jwks_round_trip_keeps_kids_and_keys) {
    crypto::KeySet keys;
    keys.add("rsa", testKey(SigningAlgorithm::RS256).publicKey());
    keys.add("ec", testKey(SigningAlgorithm::ES256).publicKey());
    keys.add("ed", testKey(SigningAlgorithm::EdDSA).publicKey());
    auto reloaded = crypto::KeySet::fromJwks(keys.toJwks());
    BOOST_TEST_REQUIRE(failure(reloaded) == "ok");
    BOOST_TEST(reloaded->size() == 3u);
    BOOST_TEST(reloaded->toJwks() == keys.toJwks());
    BOOST_TEST(reloaded->find("ec")->verify("in", testKey(SigningAlgorithm::ES256).sign("in")));
    BOOST_TEST(reloaded->find("ec")->kid() == "ec");
}

BOOST_AUTO_TEST_CASE(keys_we_do_not_verify_with_are_skipped) {
    auto jwks = R"({"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"h"},{"kty":"EC","crv":"P-521","x":"AA","y":"AA"},)"
                R"({"kty":"RSA","use":"enc","n":"AA","e":"AQAB"},)" +
                edJwk("ed") + "]}";
    auto keys = crypto::KeySet::fromJwks(jwks);
    BOOST_TEST_REQUIRE(failure(keys) == "ok");
    BOOST_TEST(keys->size() == 1u);
    BOOST_TEST(keys->find("ed") != nullptr);
}

BOOST_AUTO_TEST_CASE(malformed_documents_are_refused) {
    for (const std::string& jwks : {std::string("{"), std::string("[]"), std::string(R"({"keys":{}})"),
                                    std::string(R"({"kets":[]})"), std::string(R"({"keys":[1]})"),
                                    std::string(R"({"keys":[{"kty":"OKP","crv":"Ed25519","x":"!"}]})")}) {
        BOOST_TEST(failure(crypto::KeySet::fromJwks(jwks)) == "malformed", jwks);
    }
}

BOOST_AUTO_TEST_CASE(more_than_100_keys_are_refused) {
    std::string jwks = R"({"keys":[)";
    for (int i = 0; i < 101; ++i) jwks += (i ? "," : "") + edJwk("k" + std::to_string(i));
    BOOST_TEST(failure(crypto::KeySet::fromJwks(jwks + "]}")) == "too_large");
}

BOOST_AUTO_TEST_CASE(document_over_256_kib_is_refused) {
    std::string jwks = R"({"keys":[],"pad":")" + std::string(256 * 1024, 'x') + "\"}";
    BOOST_TEST(failure(crypto::KeySet::fromJwks(jwks)) == "too_large");
}

BOOST_AUTO_TEST_CASE(empty_key_list_is_an_empty_set) {
    auto keys = crypto::KeySet::fromJwks(R"({"keys":[]})");
    BOOST_TEST_REQUIRE(failure(keys) == "ok");
    BOOST_TEST(keys->size() == 0u);
    BOOST_TEST(keys->toJwks() == R"({"keys":[]})");
}

BOOST_AUTO_TEST_SUITE_END()
