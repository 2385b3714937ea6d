// SPDX-License-Identifier: Apache-2.0
// SecretHasher: HMAC-SHA-256 of high-entropy secrets (client secrets, API keys)
// under a server pepper: fast at token-endpoint rates, useless if the DB leaks.
#pragma once

#include <string>
#include <string_view>

namespace authcore::crypto {

class SecretHasher {
public:
    /// `pepper` is at least 32 random bytes (throws InvalidInput otherwise).
    explicit SecretHasher(std::string pepper);
    /// Lowercase hex of HMAC-SHA-256(pepper, secret).
    std::string hash(std::string_view secret) const;
    /// Constant-time check of `secret` against a stored hash.
    bool verify(std::string_view secret, std::string_view storedHash) const;

private:
    std::string pepper_;
};

} // namespace authcore::crypto
