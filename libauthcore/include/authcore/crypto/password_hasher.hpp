// SPDX-License-Identifier: Apache-2.0
// PasswordHasher: argon2id with per-hash salt, parameters kept in the encoding.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace authcore::crypto {

struct Argon2Params {
    std::uint32_t timeCost = 3;
    std::uint32_t memoryKiB = 64 * 1024;
    std::uint32_t parallelism = 1;
};

class PasswordHasher {
public:
    explicit PasswordHasher(Argon2Params params = {}) : params_(params) {}
    /// The PHC string `$argon2id$v=19$m=..,t=..,p=..$salt$hash` (16-byte random salt).
    std::string hash(std::string_view password) const;
    /// Verifies against an encoded hash with the parameters stored in it;
    /// false (never a throw) for a wrong password or a malformed encoding.
    bool verify(std::string_view password, std::string_view encoded) const;
    /// True when `encoded` used weaker parameters than ours (rehash on login).
    bool needsRehash(std::string_view encoded) const;

private:
    Argon2Params params_;
};

} // namespace authcore::crypto
