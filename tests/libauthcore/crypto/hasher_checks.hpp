// SPDX-License-Identifier: Apache-2.0
// The check the crypto_password_hasher and crypto_secret_hasher suites share.
#pragma once

#include <boost/test/unit_test.hpp>

#include <initializer_list>
#include <string_view>

namespace authcore::test {

/// Hashes `secret` with `hasher` (a PasswordHasher or a SecretHasher): the hash
/// verifies `secret` and none of `others`.
template <class Hasher>
void checkHashVerifiesOnly(const Hasher& hasher, std::string_view secret,
                           std::initializer_list<std::string_view> others) {
    const auto stored = hasher.hash(secret);
    BOOST_TEST(hasher.verify(secret, stored));
    for (auto other : others) BOOST_TEST(!hasher.verify(other, stored), other);
}

} // namespace authcore::test
