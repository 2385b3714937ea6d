// SPDX-License-Identifier: Apache-2.0
// Shared keys, verifier options and token builders for the crypto_jwt_* suites.
#pragma once

#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/jwt.hpp>

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

} // namespace authcore::test
