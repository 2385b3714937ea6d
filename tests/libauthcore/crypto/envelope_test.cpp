// SPDX-License-Identifier: Apache-2.0
// Envelope: AES-256-GCM sealing; wrong key, wrong context and any tampering fail to open.
#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/envelope.hpp>

#include <authcore/error.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;
using namespace authcore::crypto;

namespace {

std::string failure(const Result<std::string>& r) { return r ? "ok" : std::string(errcName(r.error().code)); }

const std::string kSecret = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI...\n";

} // namespace

BOOST_AUTO_TEST_SUITE(crypto_envelope)

BOOST_AUTO_TEST_CASE(master_key_must_be_32_bytes) {
    BOOST_CHECK_THROW(Envelope(std::string(31, 'k')), Error);
    BOOST_CHECK_THROW(Envelope(std::string(33, 'k')), Error);
    BOOST_CHECK_NO_THROW(Envelope(std::string(32, 'k')));
}

BOOST_AUTO_TEST_CASE(generated_keys_are_32_fresh_bytes) {
    BOOST_TEST(Envelope::generateKey().size() == 32u);
    BOOST_TEST(Envelope::generateKey() != Envelope::generateKey());
}

BOOST_AUTO_TEST_CASE(sealed_value_opens_with_the_same_key_and_context) {
    Envelope envelope(Envelope::generateKey());
    auto opened = envelope.open(envelope.seal(kSecret, "key:k1"), "key:k1");
    BOOST_TEST_REQUIRE(failure(opened) == "ok");
    BOOST_TEST(*opened == kSecret);
}

BOOST_AUTO_TEST_CASE(sealed_form_is_v1_nonce_ciphertext_tag) {
    Envelope envelope(Envelope::generateKey());
    auto sealed = envelope.seal(kSecret, "ctx");
    BOOST_TEST(sealed.rfind("v1.", 0) == 0u);
    BOOST_TEST(sealed.find(kSecret.substr(0, 10)) == std::string::npos);
    BOOST_TEST(base64UrlDecode(sealed.substr(3)).value_or("").size() == 12 + kSecret.size() + 16);
}

BOOST_AUTO_TEST_CASE(sealing_twice_uses_fresh_nonces) {
    Envelope envelope(Envelope::generateKey());
    BOOST_TEST(envelope.seal(kSecret, "ctx") != envelope.seal(kSecret, "ctx"));
}

BOOST_AUTO_TEST_CASE(empty_plaintext_and_context_round_trip) {
    Envelope envelope(Envelope::generateKey());
    BOOST_TEST(envelope.open(envelope.seal("", ""), "").value_or("?") == "");
}

BOOST_AUTO_TEST_CASE(wrong_key_fails_decryption) {
    auto sealed = Envelope(Envelope::generateKey()).seal(kSecret, "ctx");
    BOOST_TEST(failure(Envelope(Envelope::generateKey()).open(sealed, "ctx")) == "decryption_failed");
}

BOOST_AUTO_TEST_CASE(wrong_context_fails_decryption) {
    Envelope envelope(Envelope::generateKey());
    auto sealed = envelope.seal(kSecret, "key:k1");
    BOOST_TEST(failure(envelope.open(sealed, "key:k2")) == "decryption_failed");
    BOOST_TEST(failure(envelope.open(sealed, "")) == "decryption_failed");
}

BOOST_AUTO_TEST_CASE(every_tampered_byte_fails_decryption) {
    Envelope envelope(Envelope::generateKey());
    auto blob = base64UrlDecode(envelope.seal(kSecret, "ctx").substr(3)).value();
    for (std::size_t i = 0; i < blob.size(); ++i) {
        auto tampered = blob;
        tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
        BOOST_TEST(failure(envelope.open("v1." + base64UrlEncode(tampered), "ctx")) == "decryption_failed", i);
    }
}

BOOST_AUTO_TEST_CASE(truncated_or_extended_value_fails) {
    Envelope envelope(Envelope::generateKey());
    auto blob = base64UrlDecode(envelope.seal(kSecret, "ctx").substr(3)).value();
    BOOST_TEST(failure(envelope.open("v1." + base64UrlEncode(blob.substr(0, blob.size() - 1)), "ctx")) ==
               "decryption_failed");
    BOOST_TEST(failure(envelope.open("v1." + base64UrlEncode(blob + "x"), "ctx")) == "decryption_failed");
}

BOOST_AUTO_TEST_CASE(bad_encodings_are_malformed) {
    Envelope envelope(Envelope::generateKey());
    auto sealed = envelope.seal(kSecret, "ctx");
    for (const std::string& bad : {std::string(), sealed.substr(3), "v2." + sealed.substr(3), sealed + "=",
                                   std::string("v1.") + base64UrlEncode(std::string(27, 'x')), sealed + "!"}) {
        BOOST_TEST(failure(envelope.open(bad, "ctx")) == "malformed", bad);
    }
}

BOOST_AUTO_TEST_SUITE_END()
