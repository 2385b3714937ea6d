// SPDX-License-Identifier: Apache-2.0
// SecretHasher: HMAC-SHA-256 under the pepper, checked in constant time.
#include "crypto/hasher_checks.hpp"

#include <authcore/crypto/secret_hasher.hpp>

#include <authcore/error.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;
using namespace authcore::crypto;
using authcore::test::checkHashVerifiesOnly;

namespace {

const std::string kPepper(32, 'p');

} // namespace

BOOST_AUTO_TEST_SUITE(crypto_secret_hasher)

BOOST_AUTO_TEST_CASE(pepper_under_32_bytes_is_refused) {
    BOOST_CHECK_EXCEPTION(SecretHasher(std::string(31, 'p')), Error,
                          [](const Error& e) { return e.code() == ErrorCode::InvalidInput; });
    BOOST_CHECK_NO_THROW(SecretHasher(std::string(32, 'p')));
}

BOOST_AUTO_TEST_CASE(hash_is_hmac_sha256_as_in_rfc4231) {
    // RFC 4231 test case 6: a 131-byte key, hashed first because it exceeds the block size.
    SecretHasher hasher(std::string(131, '\xaa'));
    BOOST_TEST(hasher.hash("Test Using Larger Than Block-Size Key - Hash Key First") ==
               "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

BOOST_AUTO_TEST_CASE(own_hash_verifies) {
    checkHashVerifiesOnly(SecretHasher(kPepper), "cs_secret", {});
}

BOOST_AUTO_TEST_CASE(other_secret_fails) {
    checkHashVerifiesOnly(SecretHasher(kPepper), "cs_secret", {"cs_secreT", ""});
}

BOOST_AUTO_TEST_CASE(hash_under_another_pepper_fails) {
    auto stored = SecretHasher(kPepper).hash("cs_secret");
    BOOST_TEST(!SecretHasher(std::string(32, 'q')).verify("cs_secret", stored));
}

BOOST_AUTO_TEST_CASE(truncated_or_altered_stored_hash_fails) {
    SecretHasher hasher(kPepper);
    auto stored = hasher.hash("cs_secret");
    BOOST_TEST(!hasher.verify("cs_secret", stored.substr(0, 32)));
    BOOST_TEST(!hasher.verify("cs_secret", stored + "0"));
    BOOST_TEST(!hasher.verify("cs_secret", ""));
}

BOOST_AUTO_TEST_SUITE_END()
