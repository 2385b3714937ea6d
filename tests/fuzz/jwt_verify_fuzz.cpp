// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: verifyJwt on arbitrary bytes against a fixed RS256/ES256/EdDSA key set.
#include <authcore/crypto/jwt.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

// The public halves of the keys that signed the seed tokens in corpus/jwt/.
constexpr std::string_view kJwks =
    R"({"keys":[)"
    R"({"kty":"RSA","n":"uvYed73vodMABc0sXMkt4-h8-ZxIdgqbiT0pfZRaokhTwA_q8-CinZfOxDIItugaqHcbt1D6OAJh3o9fWKP567Ffu8qLnrPT_ftroIUn8UN5se3FSaWYlAKeuUCjWxXpgLNDMH8HB0qweurFVBQpe6Lsk1M6wBPal5upecAJRveNoKj0kwffMby4GDJXqZ0-esdGO5ooWUX-RzrnOnm1udDnJoUYiswfz1c96Qv9LXxysY1LoThfb9A6UXQGNgDkAYyNayPB2YnHLwBDNsm9h2xRz3oQgKMLVgyz0IQxROLWVFLnioy72bKOyuDx0GxqaIe1liDuEu-G_c8RswxieQ","e":"AQAB","alg":"RS256","kid":"ext-rsa"},)"
    R"({"kty":"EC","crv":"P-256","x":"TmHLlwjcpQbgWefdqKVa2R7pd3K2sNvD7Hs63D0S-Y0","y":"L-QgBy-CrVlePNx4a27zRVt5zTBekE_mHMln4no77R8","kid":"ext-ec"},)"
    R"({"kty":"OKP","crv":"Ed25519","x":"7aQaU-sW-ATdctxvo4iFZlEKuZeBrDCEj_zGjg1cPW0","kid":"ext-ed"})"
    R"(]})";

const authcore::crypto::KeySet& keySet() {
    static const authcore::crypto::KeySet keys = [] {
        auto parsed = authcore::crypto::KeySet::fromJwks(kJwks);
        if (!parsed || parsed->size() != 3) std::abort(); // the harness itself is broken
        return *parsed;
    }();
    return keys;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    authcore::crypto::VerifyOptions options;
    // Inside the validity window of the seed tokens, so their claims get checked too.
    options.now = authcore::fromUnix(1'700'000'100);
    options.issuer = "https://issuer.example";
    options.audience = "api://orders";
    std::string_view token(reinterpret_cast<const char*>(data), size);
    auto claims = authcore::crypto::verifyJwt(token, keySet(), options);
    if (claims) {
        // Walk the accessors a caller would use on an accepted token.
        static_cast<void>(claims->string("sub"));
        static_cast<void>(claims->integer("exp"));
        static_cast<void>(claims->audience());
    }
    return 0;
}
