// SPDX-License-Identifier: Apache-2.0
// SigningKey: a token-signing key as stored (private part sealed).
#pragma once

#include <authcore/time.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace authcore {

/// JWS algorithms we sign with.
enum class SigningAlgorithm { RS256, ES256, EdDSA };

std::string_view algorithmName(SigningAlgorithm alg) noexcept;
std::optional<SigningAlgorithm> parseAlgorithm(std::string_view text) noexcept;

/// Next: published in the JWKS but not yet signing. Current: signs. Retired:
/// published until retiredAt + token lifetime, then dropped from the JWKS.
enum class KeyStatus { Next, Current, Retired };

std::string_view keyStatusName(KeyStatus status) noexcept;
std::optional<KeyStatus> parseKeyStatus(std::string_view text) noexcept;

struct SigningKey {
    std::string kid;
    SigningAlgorithm algorithm = SigningAlgorithm::RS256;
    KeyStatus status = KeyStatus::Next;
    std::string publicJwk;        ///< JSON object text, with kid, alg and use
    std::string sealedPrivateKey; ///< Envelope-sealed PKCS#8 PEM
    Timestamp createdAt{};
    std::optional<Timestamp> retiredAt;
};

} // namespace authcore
