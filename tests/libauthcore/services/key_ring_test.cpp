// SPDX-License-Identifier: Apache-2.0
// KeyRing: first-start keys, rotation, JWKS contents and retirement.
#include "support/sqlite_fixture.hpp"

#include <authcore/crypto/envelope.hpp>
#include <authcore/error.hpp>
#include <authcore/services/key_ring.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;

namespace {

struct KeyRingFixture : test::SqliteFixture {
    crypto::Envelope envelope{crypto::Envelope::generateKey()};
    KeyRingOptions options{SigningAlgorithm::ES256, std::chrono::seconds{3600}, std::chrono::seconds{30}};
    KeyRing ring{db->signingKeys(), envelope, clock, options};
};

int countStatus(Database& db, KeyStatus status) {
    int n = 0;
    for (const auto& k : db.signingKeys().list()) n += k.status == status;
    return n;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_key_ring, KeyRingFixture)

BOOST_AUTO_TEST_CASE(first_start_creates_current_and_next_once) {
    BOOST_TEST(ring.ensureKeys());
    BOOST_TEST(!ring.ensureKeys());
    BOOST_TEST(countStatus(*db, KeyStatus::Current) == 1);
    BOOST_TEST(countStatus(*db, KeyStatus::Next) == 1);
}

BOOST_AUTO_TEST_CASE(private_keys_are_stored_sealed_not_as_pem) {
    ring.ensureKeys();
    for (const auto& k : db->signingKeys().list()) {
        BOOST_TEST(k.sealedPrivateKey.find("PRIVATE KEY") == std::string::npos);
        BOOST_TEST(envelope.open(k.sealedPrivateKey, k.kid).has_value());
    }
}

BOOST_AUTO_TEST_CASE(jwks_publishes_current_and_next) {
    ring.ensureKeys();
    auto set = crypto::KeySet::fromJwks(ring.jwks());
    BOOST_REQUIRE(set.has_value());
    BOOST_TEST(set->size() == 2u);
    BOOST_TEST(set->find(ring.active().kid) != nullptr);
}

BOOST_AUTO_TEST_CASE(rotate_promotes_next_and_keeps_retired_until_tokens_expire) {
    ring.ensureKeys();
    const auto oldKid = ring.active().kid;
    std::string nextKid;
    for (const auto& k : db->signingKeys().list())
        if (k.status == KeyStatus::Next) nextKid = k.kid;
    BOOST_TEST(ring.rotate() == nextKid);
    BOOST_TEST(ring.active().kid == nextKid);
    BOOST_TEST(ring.verificationKeys().find(oldKid) != nullptr);
    BOOST_TEST(ring.verificationKeys().size() == 3u);
    clock.advance(std::chrono::seconds{3601});
    BOOST_TEST(ring.verificationKeys().find(oldKid) == nullptr);
    BOOST_TEST(ring.verificationKeys().size() == 2u);
}

BOOST_AUTO_TEST_CASE(another_node_sees_a_rotation_after_the_refresh_interval) {
    ring.ensureKeys();
    KeyRing otherNode{db->signingKeys(), envelope, clock, options};
    const auto before = otherNode.active().kid;
    const auto rotated = ring.rotate();
    BOOST_TEST(otherNode.active().kid == before);
    clock.advance(std::chrono::seconds{31});
    BOOST_TEST(otherNode.active().kid == rotated);
}

BOOST_AUTO_TEST_CASE(a_different_master_key_cannot_load_the_ring) {
    ring.ensureKeys();
    crypto::Envelope wrong{crypto::Envelope::generateKey()};
    KeyRing other{db->signingKeys(), wrong, clock, options};
    BOOST_CHECK_THROW(other.active(), Error);
}

BOOST_AUTO_TEST_SUITE_END()
