// SPDX-License-Identifier: Apache-2.0
// The jwt-bearer grant: signature from the entry's JWKS, iss/sub/aud, expiry, replay.
#include "token_fixture.hpp"

#include <authcore/crypto/jwt.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;

namespace {

const std::string kJwks = "https://ci.example.com/jwks";

struct BearerFixture : test::TokenFixture {
    BearerFixture() {
        crypto::KeySet set;
        set.add("ci-key", ciKey.publicKey());
        http.documents[kJwks] = set.toJwks();
        clients.addJwtBearer(Principal::system(), "worker", kJwks, "https://ci.example.com", "repo:acme/orders",
                             "https://auth.example.com");
    }
    std::string assertion(const crypto::KeyPair& key, const std::string& aud = "https://auth.example.com",
                          long long lifetime = 300, const std::string& jti = "j1") {
        const auto now = toUnix(clock.now());
        return crypto::signJwt(key, "ci-key", "JWT",
                               R"({"iss":"https://ci.example.com","sub":"repo:acme/orders","aud":")" + aud +
                                   R"(","iat":)" + std::to_string(now) + R"(,"exp":)" + std::to_string(now + lifetime) +
                                   R"(,"jti":")" + jti + "\"}");
    }
    std::map<std::string, std::string> form(const std::string& jwt) {
        return {{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"},
                {"assertion", jwt},
                {"client_id", "worker"},
                {"audience", "orders-api"}};
    }
    crypto::KeyPair ciKey = crypto::KeyPair::generate(SigningAlgorithm::ES256);
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_jwt_bearer, BearerFixture)

BOOST_AUTO_TEST_CASE(matching_signed_assertion_gets_a_token) {
    const auto result = tokens.token(form(assertion(ciKey)), {});
    BOOST_TEST(result.grantType == "jwt_bearer");
    BOOST_TEST(*issuer.verify(result.accessToken.token, "orders-api")->string("sub") == "worker");
}

BOOST_AUTO_TEST_CASE(replayed_assertion_is_refused) {
    const auto jwt = assertion(ciKey);
    tokens.token(form(jwt), {});
    BOOST_TEST(oauthError([&] { tokens.token(form(jwt), {}); }) == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(assertion_signed_by_another_key_is_refused) {
    const auto other = crypto::KeyPair::generate(SigningAlgorithm::ES256);
    BOOST_TEST(oauthError([&] { tokens.token(form(assertion(other)), {}); }) == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(assertion_for_another_audience_matches_no_entry) {
    BOOST_TEST(oauthError([&] { tokens.token(form(assertion(ciKey, "https://other.example")), {}); }) ==
               "invalid_grant");
}

BOOST_AUTO_TEST_CASE(expired_assertion_is_refused) {
    const auto jwt = assertion(ciKey);
    clock.advance(std::chrono::seconds{300 + 61});
    BOOST_TEST(oauthError([&] { tokens.token(form(jwt), {}); }) == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(assertion_valid_for_too_long_is_refused) {
    BOOST_TEST(oauthError([&] { tokens.token(form(assertion(ciKey, "https://auth.example.com", 7200)), {}); }) ==
               "invalid_grant");
}

BOOST_AUTO_TEST_CASE(unreachable_jwks_is_temporarily_unavailable) {
    http.documents.clear();
    jwks.clear();
    BOOST_TEST(oauthError([&] { tokens.token(form(assertion(ciKey)), {}); }) == "temporarily_unavailable");
}

BOOST_AUTO_TEST_CASE(removed_entry_no_longer_authenticates) {
    const auto entry = clients.jwtBearers("worker").front();
    clients.removeJwtBearer(Principal::system(), "worker", entry.id);
    BOOST_TEST(oauthError([&] { tokens.token(form(assertion(ciKey)), {}); }) == "invalid_grant");
}

BOOST_AUTO_TEST_SUITE_END()
