// SPDX-License-Identifier: Apache-2.0
// constantTimeEquals: exact equality of secrets, never a prefix or length-insensitive match.
#include <authcore/crypto/constant_time.hpp>

#include <boost/test/unit_test.hpp>

using authcore::crypto::constantTimeEquals;

BOOST_AUTO_TEST_SUITE(crypto_constant_time)

BOOST_AUTO_TEST_CASE(equal_strings_compare_equal) {
    BOOST_TEST(constantTimeEquals("", ""));
    BOOST_TEST(constantTimeEquals("secret", "secret"));
    BOOST_TEST(constantTimeEquals(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
}

BOOST_AUTO_TEST_CASE(any_differing_byte_compares_unequal) {
    std::string secret(64, 's');
    for (std::size_t i = 0; i < secret.size(); ++i) {
        auto other = secret;
        other[i] = 't';
        BOOST_TEST(!constantTimeEquals(secret, other), i);
    }
}

BOOST_AUTO_TEST_CASE(prefixes_and_extensions_compare_unequal) {
    BOOST_TEST(!constantTimeEquals("secret", "secre"));
    BOOST_TEST(!constantTimeEquals(std::string_view("secret\0", 7), "secret"));
    BOOST_TEST(!constantTimeEquals("", "x"));
}

BOOST_AUTO_TEST_SUITE_END()
