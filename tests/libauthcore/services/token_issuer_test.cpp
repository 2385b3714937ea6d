// SPDX-License-Identifier: Apache-2.0
// TokenIssuer: RFC 9068 claims, and verification of iss, aud, typ and expiry.
#include "support/sqlite_fixture.hpp"

#include <authcore/crypto/envelope.hpp>
#include <authcore/services/token_issuer.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;

namespace {

struct TokenFixture : test::SqliteFixture {
    TokenFixture() { ring.ensureKeys(); }
    crypto::Envelope envelope{crypto::Envelope::generateKey()};
    KeyRing ring{db->signingKeys(), envelope, clock, KeyRingOptions{}};
    TokenIssuer issuer{ring, clock, "https://auth.example.com", std::chrono::seconds{3600}};

    IssuedToken userToken(const std::string& audience) {
        return issuer.issue(AccessTokenRequest{"usr_1", audience, "authcore-console", "openid", "a@example.com", {}});
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_token_issuer, TokenFixture)

BOOST_AUTO_TEST_CASE(issued_token_carries_rfc9068_claims) {
    const auto issued = userToken("https://auth.example.com");
    BOOST_TEST(issued.expiresIn.count() == 3600);
    auto claims = issuer.verify(issued.token, "https://auth.example.com");
    BOOST_REQUIRE(claims.has_value());
    BOOST_TEST(*claims->string("iss") == "https://auth.example.com");
    BOOST_TEST(*claims->string("sub") == "usr_1");
    BOOST_TEST(*claims->string("client_id") == "authcore-console");
    BOOST_TEST(*claims->string("scope") == "openid");
    BOOST_TEST(*claims->string("email") == "a@example.com");
    BOOST_TEST(*claims->string("jti") == issued.jti);
    BOOST_TEST(*claims->integer("exp") - *claims->integer("iat") == 3600);
}

BOOST_AUTO_TEST_CASE(token_for_another_audience_fails) {
    const auto issued = userToken("orders-api");
    auto claims = issuer.verify(issued.token, "https://auth.example.com");
    BOOST_REQUIRE(!claims.has_value());
    BOOST_TEST(static_cast<int>(claims.error().code) == static_cast<int>(Errc::AudienceMismatch));
}

BOOST_AUTO_TEST_CASE(token_of_another_issuer_fails) {
    TokenIssuer other{ring, clock, "https://evil.example.com", std::chrono::seconds{3600}};
    const auto token = other.issue(AccessTokenRequest{"usr_1", "https://auth.example.com", "c", "", "", {}}).token;
    BOOST_TEST(!issuer.verify(token, "https://auth.example.com").has_value());
}

BOOST_AUTO_TEST_CASE(expired_token_fails_after_skew) {
    const auto issued = userToken("https://auth.example.com");
    clock.advance(std::chrono::seconds{3600 + 59});
    BOOST_TEST(issuer.verify(issued.token, "https://auth.example.com").has_value());
    clock.advance(std::chrono::seconds{2});
    BOOST_TEST(!issuer.verify(issued.token, "https://auth.example.com").has_value());
}

BOOST_AUTO_TEST_CASE(token_signed_before_rotation_still_verifies) {
    const auto issued = userToken("https://auth.example.com");
    ring.rotate();
    BOOST_TEST(issuer.verify(issued.token, "https://auth.example.com").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
