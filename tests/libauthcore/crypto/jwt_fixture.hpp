// SPDX-License-Identifier: Apache-2.0
// Shared keys, verifier options, token builders and the checks every crypto_jwt_<key type> suite runs.
#pragma once

#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/jwt.hpp>
#include <authcore/model/signing_key.hpp>

#include <boost/test/unit_test.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <optional>
#include <string>
#include <string_view>

namespace authcore::test {

/// The verifier's clock; the external vectors were issued at 1700000000, expire at +3600.
inline constexpr long long kNow = 1'700'000'100;
inline const std::string kIssuer = "https://issuer.example";
inline const std::string kAudience = "api://orders";
inline const std::string kKid = "k1";

/// One key per algorithm per process, generated on first use (RSA is slow).
inline const crypto::KeyPair& testKey(SigningAlgorithm alg) {
    static const crypto::KeyPair rsa = crypto::KeyPair::generate(SigningAlgorithm::RS256);
    static const crypto::KeyPair ec = crypto::KeyPair::generate(SigningAlgorithm::ES256);
    static const crypto::KeyPair ed = crypto::KeyPair::generate(SigningAlgorithm::EdDSA);
    return alg == SigningAlgorithm::RS256 ? rsa : alg == SigningAlgorithm::ES256 ? ec : ed;
}

/// A second key of the same type, for wrong-key tests.
inline const crypto::KeyPair& otherKey(SigningAlgorithm alg) {
    static const crypto::KeyPair rsa = crypto::KeyPair::generate(SigningAlgorithm::RS256);
    static const crypto::KeyPair ec = crypto::KeyPair::generate(SigningAlgorithm::ES256);
    static const crypto::KeyPair ed = crypto::KeyPair::generate(SigningAlgorithm::EdDSA);
    return alg == SigningAlgorithm::RS256 ? rsa : alg == SigningAlgorithm::ES256 ? ec : ed;
}

inline std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

/// A payload; each member is raw JSON text so tests can mistype it, nullopt omits it.
struct TestClaims {
    std::optional<std::string> iss = quoted(kIssuer);
    std::optional<std::string> aud = quoted(kAudience);
    std::optional<std::string> exp = std::to_string(kNow + 600);
    std::optional<std::string> nbf;
    std::optional<std::string> iat = std::to_string(kNow);
    std::string sub = "usr_1";

    std::string json() const {
        std::string out = "{\"sub\":" + quoted(sub);
        auto add = [&](const char* name, const std::optional<std::string>& value) {
            if (value) out += std::string(",\"") + name + "\":" + *value;
        };
        add("iss", iss);
        add("aud", aud);
        add("exp", exp);
        add("nbf", nbf);
        add("iat", iat);
        return out + "}";
    }
};

inline crypto::VerifyOptions verifyOptions() {
    crypto::VerifyOptions options;
    options.now = fromUnix(kNow);
    options.issuer = kIssuer;
    options.audience = kAudience;
    return options;
}

/// The set the default tokens verify against: the test key of `alg` under kKid.
inline crypto::KeySet keySetOf(SigningAlgorithm alg) {
    crypto::KeySet keys;
    keys.add(kKid, testKey(alg).publicKey());
    return keys;
}

inline std::string tokenFor(SigningAlgorithm alg, const TestClaims& claims = {}) {
    return crypto::signJwt(testKey(alg), kKid, "JWT", claims.json());
}

/// Signs arbitrary header and payload text (already chosen by the test) with `key`.
inline std::string signRaw(const crypto::KeyPair& key, std::string_view header, std::string_view payload) {
    std::string input = crypto::base64UrlEncode(header) + "." + crypto::base64UrlEncode(payload);
    return input + "." + crypto::base64UrlEncode(key.sign(input));
}

/// "ok" or the errcName of the failure, so BOOST_TEST prints something readable.
inline std::string outcome(const Result<crypto::Claims>& result) {
    return result ? std::string("ok") : std::string(errcName(result.error().code));
}

inline std::string verifyOutcome(std::string_view token, const crypto::KeySet& keys,
                                 const crypto::VerifyOptions& options = verifyOptions()) {
    return outcome(crypto::verifyJwt(token, keys, options));
}

/// The outcome against the default set of `alg`, keySetOf(alg).
inline std::string verifyOutcome(std::string_view token, SigningAlgorithm alg) {
    return verifyOutcome(token, keySetOf(alg));
}

/// The token with its `index`-th dot-separated segment replaced.
inline std::string replaceSegment(std::string_view token, int index, std::string_view segment) {
    auto first = token.find('.');
    auto second = token.find('.', first + 1);
    std::string parts[3] = {std::string(token.substr(0, first)), std::string(token.substr(first + 1, second - first - 1)),
                            std::string(token.substr(second + 1))};
    parts[index] = std::string(segment);
    return parts[0] + "." + parts[1] + "." + parts[2];
}

inline std::string segment(std::string_view token, int index) {
    auto first = token.find('.');
    auto second = token.find('.', first + 1);
    if (index == 0) return std::string(token.substr(0, first));
    if (index == 1) return std::string(token.substr(first + 1, second - first - 1));
    return std::string(token.substr(second + 1));
}

/// The key re-encoded by OpenSSL itself: its public SPKI PEM, or (publicOnly false)
/// PKCS#8 encrypted under the password "hunter22".
inline std::string opensslPem(const crypto::KeyPair& key, bool publicOnly) {
    std::string privatePem = key.privatePem();
    BIO* in = BIO_new_mem_buf(privatePem.data(), static_cast<int>(privatePem.size()));
    EVP_PKEY* pkey = PEM_read_bio_PrivateKey(in, nullptr, nullptr, nullptr);
    BIO* out = BIO_new(BIO_s_mem());
    char password[] = "hunter22";
    if (publicOnly) PEM_write_bio_PUBKEY(out, pkey);
    else PEM_write_bio_PKCS8PrivateKey(out, pkey, EVP_aes_256_cbc(), password, 8, nullptr, nullptr);
    char* data = nullptr;
    long size = BIO_get_mem_data(out, &data);
    std::string result(data, static_cast<std::size_t>(size));
    BIO_free(out);
    EVP_PKEY_free(pkey);
    BIO_free(in);
    return result;
}

inline std::string publicPemOf(SigningAlgorithm alg) { return opensslPem(testKey(alg), true); }

// The checks every crypto_jwt_<key type> suite runs against its own algorithm;
// each suite adds what is specific to its key type.

/// The default token of `alg` verifies against keySetOf(alg) and carries the
/// default subject; returns the claims for the suite's own checks.
inline crypto::Claims checkSignedTokenVerifies(SigningAlgorithm alg) {
    auto claims = crypto::verifyJwt(tokenFor(alg), keySetOf(alg), verifyOptions());
    BOOST_TEST_REQUIRE(outcome(claims) == "ok");
    BOOST_TEST(claims->string("sub").value_or("") == "usr_1");
    return *claims;
}

/// The decoded header of the default token of `alg` ("" if it does not decode).
inline std::string headerOf(SigningAlgorithm alg) {
    return crypto::base64UrlDecode(segment(tokenFor(alg), 0)).value_or("");
}

/// A token signed by another implementation verifies with the JWK published
/// next to it, and carries its subject "usr_ext".
inline void checkExternalTokenVerifies(const std::string& jwk, const std::string& token) {
    auto keys = crypto::KeySet::fromJwks("{\"keys\":[" + jwk + "]}");
    BOOST_TEST_REQUIRE(keys.has_value());
    auto claims = crypto::verifyJwt(token, *keys, verifyOptions());
    BOOST_TEST_REQUIRE(outcome(claims) == "ok");
    BOOST_TEST(claims->string("sub").value_or("") == "usr_ext");
}

/// The default token of `alg` verifies with its key set written out as JWKS and parsed back.
inline void checkVerifiesWithKeysReloadedFromJwks(SigningAlgorithm alg) {
    auto keys = crypto::KeySet::fromJwks(keySetOf(alg).toJwks());
    BOOST_TEST_REQUIRE(keys.has_value());
    BOOST_TEST(verifyOutcome(tokenFor(alg), *keys) == "ok");
}

/// A token signed by another key of the same type, under the same kid, fails.
inline void checkAnotherKeyOfTheSameTypeFails(SigningAlgorithm alg) {
    auto token = crypto::signJwt(otherKey(alg), kKid, "JWT", TestClaims{}.json());
    BOOST_TEST(verifyOutcome(token, alg) == "signature_invalid");
}

/// A valid token whose payload is swapped for that of another valid token fails.
inline void checkSwappedPayloadFails(SigningAlgorithm alg) {
    TestClaims admin;
    admin.sub = "usr_admin";
    auto token = replaceSegment(tokenFor(alg), 1, segment(tokenFor(alg, admin), 1));
    BOOST_TEST(verifyOutcome(token, alg) == "signature_invalid");
}

/// A token signed by the `signer` test key, its header naming `signer`, presented
/// under the kid of the `alg` key, is an algorithm mismatch.
inline void checkHeaderNamingAnotherAlgorithmMismatches(SigningAlgorithm alg, SigningAlgorithm signer) {
    auto header = R"({"alg":")" + std::string(algorithmName(signer)) + R"(","kid":")" + kKid + "\"}";
    auto token = signRaw(testKey(signer), header, TestClaims{}.json());
    BOOST_TEST(verifyOutcome(token, alg) == "algorithm_mismatch");
}

} // namespace authcore::test
