// SPDX-License-Identifier: Apache-2.0
// KeySet: verification keys by kid, read from and written as a JWKS document.
#include <authcore/crypto/jwt.hpp>

#include "json_util.hpp"
#include "key_impl.hpp"

#include <Poco/JSON/Array.h>

#include <algorithm>

namespace authcore::crypto {
namespace {

constexpr std::size_t kMaxJwksBytes = 256 * 1024;
constexpr std::size_t kMaxJwksKeys = 100;

} // namespace

void KeySet::add(std::string kid, PublicKey key) {
    auto existing = std::find_if(keys_.begin(), keys_.end(), [&](const auto& entry) { return entry.first == kid; });
    if (existing != keys_.end()) existing->second = std::move(key);
    else keys_.emplace_back(std::move(kid), std::move(key));
}

Result<KeySet> KeySet::fromJwks(std::string_view jwksJson) {
    if (jwksJson.size() > kMaxJwksBytes) return fail(Errc::TooLarge, "JWKS over 256 KiB");
    auto document = detail::parseObject(jwksJson);
    if (!document) return fail(Errc::Malformed, "JWKS is not a JSON object");
    auto keys = document->getArray("keys");
    if (!keys) return fail(Errc::Malformed, "JWKS has no keys array");
    if (keys->size() > kMaxJwksKeys) return fail(Errc::TooLarge, "JWKS has more than 100 keys");
    KeySet set;
    for (std::size_t i = 0; i < keys->size(); ++i) {
        auto jwk = keys->getObject(static_cast<unsigned>(i));
        if (!jwk) return fail(Errc::Malformed, "JWKS entry is not an object");
        auto key = detail::publicKeyFromJwk(*jwk);
        // Encryption keys, symmetric keys and other curves are legitimately
        // published next to ours; anything else wrong fails the whole document.
        if (!key && key.error().code == Errc::UnsupportedAlgorithm) continue;
        if (!key) return tl::unexpected(key.error());
        std::string kid = key->kid();
        set.add(std::move(kid), std::move(*key));
    }
    return set;
}

const PublicKey* KeySet::find(std::string_view kid) const {
    for (const auto& [id, key] : keys_)
        if (id == kid) return &key;
    return nullptr;
}

const PublicKey* KeySet::soleKey() const { return keys_.size() == 1 ? &keys_.front().second : nullptr; }

std::string KeySet::toJwks() const {
    std::string out = R"({"keys":[)";
    for (std::size_t i = 0; i < keys_.size(); ++i) {
        if (i > 0) out += ',';
        out += keys_[i].second.toJwk(keys_[i].first);
    }
    return out + "]}";
}

} // namespace authcore::crypto
