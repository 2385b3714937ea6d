// SPDX-License-Identifier: Apache-2.0
// PasswordHasher: argon2id PHC strings, verification, and rehash decisions.
#include "crypto/hasher_checks.hpp"

#include <authcore/crypto/password_hasher.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore::crypto;
using authcore::test::checkHashVerifiesOnly;

namespace {

// Small parameters keep the suite fast; one case exercises the defaults.
const Argon2Params kFast{1, 1024, 1};

} // namespace

BOOST_AUTO_TEST_SUITE(crypto_password_hasher)

BOOST_AUTO_TEST_CASE(hash_is_an_argon2id_phc_string_with_our_parameters) {
    auto encoded = PasswordHasher(kFast).hash("correct horse");
    BOOST_TEST(encoded.rfind("$argon2id$v=19$m=1024,t=1,p=1$", 0) == 0u);
    // 16-byte salt and 32-byte hash are 22 and 43 unpadded base64 characters.
    auto hashStart = encoded.rfind('$');
    auto saltStart = encoded.rfind('$', hashStart - 1);
    BOOST_TEST(hashStart - saltStart - 1 == 22u);
    BOOST_TEST(encoded.size() - hashStart - 1 == 43u);
}

BOOST_AUTO_TEST_CASE(correct_password_verifies) {
    checkHashVerifiesOnly(PasswordHasher(kFast), "correct horse", {});
}

BOOST_AUTO_TEST_CASE(wrong_password_fails) {
    checkHashVerifiesOnly(PasswordHasher(kFast), "correct horse",
                          {"correct hors", "correct horse ", "Correct horse", ""});
}

BOOST_AUTO_TEST_CASE(same_password_gets_a_fresh_salt) {
    PasswordHasher hasher(kFast);
    BOOST_TEST(hasher.hash("pw") != hasher.hash("pw"));
}

BOOST_AUTO_TEST_CASE(password_bytes_after_a_nul_count) {
    PasswordHasher hasher(kFast);
    auto encoded = hasher.hash(std::string_view("ab\0cd", 5));
    BOOST_TEST(hasher.verify(std::string_view("ab\0cd", 5), encoded));
    BOOST_TEST(!hasher.verify("ab", encoded));
}

BOOST_AUTO_TEST_CASE(verification_uses_the_parameters_stored_in_the_hash) {
    auto encoded = PasswordHasher(kFast).hash("pw");
    BOOST_TEST(PasswordHasher(Argon2Params{2, 2048, 1}).verify("pw", encoded));
}

BOOST_AUTO_TEST_CASE(malformed_encodings_fail_without_throwing) {
    PasswordHasher hasher(kFast);
    auto good = hasher.hash("pw");
    auto argon2i = "$argon2i$" + good.substr(10);
    std::string withNul = good;
    withNul.insert(20, 1, '\0');
    for (const std::string& bad : {std::string(), std::string("pw"), std::string("$argon2id$"), argon2i,
                                   good.substr(0, good.size() - 5), good + "A", withNul,
                                   std::string("$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaA")}) {
        BOOST_TEST(!hasher.verify("pw", bad));
    }
}

BOOST_AUTO_TEST_CASE(weaker_stored_parameters_need_a_rehash) {
    auto encoded = PasswordHasher(kFast).hash("pw");
    BOOST_TEST(!PasswordHasher(kFast).needsRehash(encoded));
    BOOST_TEST(PasswordHasher(Argon2Params{1, 2048, 1}).needsRehash(encoded));
    BOOST_TEST(PasswordHasher(Argon2Params{2, 1024, 1}).needsRehash(encoded));
}

BOOST_AUTO_TEST_CASE(stronger_stored_parameters_need_no_rehash) {
    auto encoded = PasswordHasher(Argon2Params{2, 2048, 1}).hash("pw");
    BOOST_TEST(!PasswordHasher(kFast).needsRehash(encoded));
}

BOOST_AUTO_TEST_CASE(unparseable_or_old_version_hash_needs_a_rehash) {
    PasswordHasher hasher(kFast);
    BOOST_TEST(hasher.needsRehash(""));
    BOOST_TEST(hasher.needsRehash("$argon2i$v=19$m=65536,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"));
    BOOST_TEST(hasher.needsRehash("$argon2id$v=16$m=65536,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"));
    BOOST_TEST(hasher.needsRehash("$argon2id$v=19$m=65536,t=x,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"));
}

BOOST_AUTO_TEST_CASE(default_parameters_are_64_mib_three_passes) {
    PasswordHasher hasher;
    auto encoded = hasher.hash("correct horse");
    BOOST_TEST(encoded.rfind("$argon2id$v=19$m=65536,t=3,p=1$", 0) == 0u);
    BOOST_TEST(hasher.verify("correct horse", encoded));
    BOOST_TEST(!hasher.needsRehash(encoded));
    BOOST_TEST(hasher.needsRehash(PasswordHasher(kFast).hash("correct horse")));
}

BOOST_AUTO_TEST_SUITE_END()
