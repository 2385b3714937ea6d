// SPDX-License-Identifier: Apache-2.0
// JwksCache: remote JWKS documents (jwt-bearer issuers, upstream OIDC providers),
// cached as Cache-Control allows and refetched on an unknown kid at most once a minute.
#pragma once

#include <authcore/crypto/jwt.hpp>
#include <authcore/services/http_client.hpp>
#include <authcore/time.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace authcore {

struct JwksCacheOptions {
    std::chrono::seconds defaultMaxAge{300}; ///< when the response has no usable Cache-Control max-age
    std::chrono::seconds minMaxAge{60};      ///< floor, so a max-age=0 issuer is not fetched per token
    std::chrono::seconds maxMaxAge{86400};   ///< ceiling on what an issuer may ask for
    std::chrono::seconds unknownKidCooldown{60}; ///< minimum gap between kid-triggered refetches of one URL
};

class JwksCache {
public:
    JwksCache(HttpClient& http, const Clock& clock, JwksCacheOptions options = {});
    /// The key set served at `url`, fetching it when absent or stale, and once
    /// more (subject to the cooldown) when it lacks `kid` (non-empty). Throws
    /// Error(UpstreamError) when the document cannot be fetched or parsed and
    /// no cached copy exists (a stale copy is kept through outages).
    crypto::KeySet keysFor(const std::string& url, const std::string& kid = "");
    /// Forgets every cached document.
    void clear();

private:
    struct Entry {
        crypto::KeySet keys;
        Timestamp expiresAt{};
        Timestamp lastFetch{};
        bool valid = false;
    };
    void refresh(const std::string& url, Entry& entry);

    HttpClient& http_;
    const Clock& clock_;
    JwksCacheOptions options_;
    std::mutex mutex_;
    std::map<std::string, Entry> entries_;
};

} // namespace authcore
