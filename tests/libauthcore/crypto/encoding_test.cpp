// SPDX-License-Identifier: Apache-2.0
// Codecs: RFC 4648 vectors, round trips, and refusal of every non-canonical spelling.
#include <authcore/crypto/encoding.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore::crypto;

namespace {

std::string allBytes(std::size_t length) {
    std::string out;
    for (std::size_t i = 0; i < length; ++i) out += static_cast<char>((i * 37 + 11) & 0xff);
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(crypto_encoding)

BOOST_AUTO_TEST_CASE(base64url_matches_rfc4648_vectors) {
    const std::pair<const char*, const char*> vectors[] = {
        {"", ""}, {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"}, {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};
    for (auto [plain, encoded] : vectors) {
        BOOST_TEST(base64UrlEncode(plain) == encoded);
        BOOST_TEST(base64UrlDecode(encoded).value_or("?") == plain);
    }
    BOOST_TEST(base64UrlEncode("\xfb\xff") == "-_8");
}

BOOST_AUTO_TEST_CASE(base64url_round_trips_every_length) {
    for (std::size_t length = 0; length < 70; ++length) {
        auto bytes = allBytes(length);
        BOOST_TEST(base64UrlDecode(base64UrlEncode(bytes)).value_or("?") == bytes, length);
    }
}

BOOST_AUTO_TEST_CASE(base64url_refuses_padding_and_foreign_characters) {
    for (const char* bad : {"Zg==", "Zm8=", "Zm9v+", "Zm9v/", "Zm 9v", "Zm9v\n", "Zm9v.", "Zm9v=", "\xc3\xa9"}) {
        BOOST_TEST(!base64UrlDecode(bad).has_value(), bad);
    }
}

BOOST_AUTO_TEST_CASE(base64url_refuses_impossible_lengths) {
    BOOST_TEST(!base64UrlDecode("Z").has_value());
    BOOST_TEST(!base64UrlDecode("Zm9vY").has_value());
}

BOOST_AUTO_TEST_CASE(base64url_refuses_nonzero_trailing_bits) {
    // "Zh" and "Zg" would both decode to "f" if leftover bits were ignored.
    BOOST_TEST(!base64UrlDecode("Zh").has_value());
    BOOST_TEST(!base64UrlDecode("Zm9").has_value());
    BOOST_TEST(base64UrlDecode("Zm8").has_value());
}

BOOST_AUTO_TEST_CASE(base64_matches_rfc4648_vectors_with_padding) {
    const std::pair<const char*, const char*> vectors[] = {
        {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}};
    for (auto [plain, encoded] : vectors) {
        BOOST_TEST(base64Encode(plain) == encoded);
        BOOST_TEST(base64Decode(encoded).value_or("?") == plain);
    }
    BOOST_TEST(base64Encode("\xfb\xff") == "+/8=");
}

BOOST_AUTO_TEST_CASE(base64_refuses_missing_or_misplaced_padding) {
    for (const char* bad : {"Zg", "Zm8", "Zg=", "Z===", "====", "Zg=a", "Zm9v=YmE", "Zh==", "-_8=", "Zm9v YmE="}) {
        BOOST_TEST(!base64Decode(bad).has_value(), bad);
    }
}

BOOST_AUTO_TEST_CASE(hex_is_lowercase_and_round_trips) {
    BOOST_TEST(hexEncode("\x01\xab\xff") == "01abff");
    BOOST_TEST(hexDecode("01abff").value_or("?") == "\x01\xab\xff");
    BOOST_TEST(hexDecode("01ABFF").value_or("?") == "\x01\xab\xff");
    auto bytes = allBytes(256);
    BOOST_TEST(hexDecode(hexEncode(bytes)).value_or("?") == bytes);
}

BOOST_AUTO_TEST_CASE(hex_refuses_odd_length_and_non_hex) {
    for (const char* bad : {"0", "abc", "0g", " 0", "0x01", "-1"}) {
        BOOST_TEST(!hexDecode(bad).has_value(), bad);
    }
}

BOOST_AUTO_TEST_CASE(sha256_matches_fips180_vectors) {
    BOOST_TEST(hexEncode(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BOOST_TEST(hexEncode(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

BOOST_AUTO_TEST_SUITE_END()
