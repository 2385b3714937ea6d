// SPDX-License-Identifier: Apache-2.0
// Compact JWS / JWT: signing, and verification that takes the algorithm from the key.
#pragma once

#include <authcore/crypto/key_pair.hpp>
#include <authcore/result.hpp>
#include <authcore/time.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authcore::crypto {

/// A set of verification keys looked up by kid (a JWKS).
class KeySet {
public:
    /// Adds a key under `kid` (replacing an earlier one with the same kid).
    void add(std::string kid, PublicKey key);
    /// Parses `{"keys":[...]}`; keys that are not signature keys we support are
    /// skipped, a malformed document is Malformed. At most 100 keys, 256 KiB.
    static Result<KeySet> fromJwks(std::string_view jwksJson);
    const PublicKey* find(std::string_view kid) const;
    /// The key when the set holds exactly one (for a token without kid); null otherwise.
    const PublicKey* soleKey() const;
    std::size_t size() const { return keys_.size(); }
    /// `{"keys":[...]}` of every key.
    std::string toJwks() const;

private:
    std::vector<std::pair<std::string, PublicKey>> keys_;
};

/// Claims of a verified token, read-only.
class Claims {
public:
    /// Parses a JSON object; Malformed otherwise.
    static Result<Claims> parse(std::string_view json);
    std::optional<std::string> string(std::string_view name) const;
    std::optional<std::int64_t> integer(std::string_view name) const;
    std::optional<bool> boolean(std::string_view name) const;
    /// `aud` as a list whether it was a string or an array.
    std::vector<std::string> audience() const;
    bool has(std::string_view name) const;
    /// The original JSON text.
    const std::string& json() const;

    struct Impl;
    explicit Claims(std::shared_ptr<const Impl> impl);

private:
    std::shared_ptr<const Impl> impl_;
};

struct VerifyOptions {
    Timestamp now{};
    std::chrono::seconds skew{60};
    std::string issuer;    ///< required: iss must equal it
    std::string audience;  ///< required: aud must contain it
    std::string type;      ///< when non-empty, the `typ` header must equal it (case-insensitive)
    bool requireExp = true;
    std::size_t maxBytes = 16 * 1024;
};

/// Signs a compact JWS with header {alg, typ, kid}. `payloadJson` must be a JSON object.
std::string signJwt(const KeyPair& key, std::string_view kid, std::string_view typ,
                    std::string_view payloadJson);

/// Verifies a compact JWS against `keys`: the key is chosen by `kid` (or the
/// only key when the token has no kid), the algorithm is the key's and the
/// header's `alg` must name it; `alg:none`, HMAC algorithms, `crit` and
/// unknown kids are refused. Then exp/nbf/iat (with skew), iss and aud.
Result<Claims> verifyJwt(std::string_view token, const KeySet& keys, const VerifyOptions& options);

/// Decodes part `index` (0 header, 1 payload) of a compact JWS WITHOUT
/// verifying anything: only for choosing which key or trust entry to verify
/// with. Nothing read here may be trusted before verifyJwt succeeds.
std::optional<Claims> peekJwtPart(std::string_view token, std::size_t index);

} // namespace authcore::crypto
