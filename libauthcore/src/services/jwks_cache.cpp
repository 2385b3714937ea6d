// SPDX-License-Identifier: Apache-2.0
// JwksCache: fetch, Cache-Control lifetime, unknown-kid refetch and stale-on-outage policy.
#include <authcore/error.hpp>
#include <authcore/services/jwks_cache.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

namespace authcore {
namespace {

using std::chrono::seconds;

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::string lowerCase(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The lifetime the issuer asked for, before clamping; nullopt when it asked for none we understand.
std::optional<seconds> requestedMaxAge(const std::string& cacheControl, seconds minimum) {
    std::optional<seconds> maxAge;
    std::string_view rest = cacheControl;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const auto directive = lowerCase(trim(rest.substr(0, comma)));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        // no-store / no-cache would mean "fetch per token"; the minimum is as close as we go.
        if (directive == "no-store" || directive == "no-cache") return minimum;
        if (directive.rfind("max-age=", 0) != 0) continue;
        const std::string_view value = trim(std::string_view(directive).substr(8));
        long long n = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec == std::errc::result_out_of_range) n = std::numeric_limits<long long>::max() / 2;
        else if (ec != std::errc{} || end != value.data() + value.size() || n < 0) continue;
        maxAge = seconds{n};
    }
    return maxAge;
}

struct Fetched {
    crypto::KeySet keys;
    seconds maxAge{};
};

// Returns the parsed document, or why it could not be had. Never throws for
// upstream trouble, so the caller decides between a stale copy and an error.
tl::expected<Fetched, std::string> fetchJwks(HttpClient& http, const std::string& url,
                                             const JwksCacheOptions& options) {
    OutboundRequest request;
    request.url = url;
    request.headers.emplace_back("Accept", "application/json");
    OutboundResponse response;
    try {
        response = http.send(request);
    } catch (const Error& e) {
        return tl::unexpected("JWKS " + url + " unreachable: " + e.what());
    }
    if (response.status != 200)
        return tl::unexpected("JWKS " + url + " answered HTTP " + std::to_string(response.status));
    auto keys = crypto::KeySet::fromJwks(response.body);
    if (!keys) return tl::unexpected("JWKS " + url + " is not a valid key set: " + keys.error().reason);
    const auto header = response.headers.find("cache-control");
    const auto asked = header == response.headers.end() ? std::nullopt
                                                        : requestedMaxAge(header->second, options.minMaxAge);
    const auto maxAge = std::clamp(asked.value_or(options.defaultMaxAge), options.minMaxAge, options.maxMaxAge);
    return Fetched{std::move(*keys), maxAge};
}

// Releases a held mutex for one scope and takes it back, also when the scope throws.
class Unlocked {
public:
    explicit Unlocked(std::mutex& mutex) : mutex_(mutex) { mutex_.unlock(); }
    ~Unlocked() { mutex_.lock(); }
    Unlocked(const Unlocked&) = delete;
    Unlocked& operator=(const Unlocked&) = delete;

private:
    std::mutex& mutex_;
};

} // namespace

JwksCache::JwksCache(HttpClient& http, const Clock& clock, JwksCacheOptions options)
    : http_(http), clock_(clock), options_(options) {}

crypto::KeySet JwksCache::keysFor(const std::string& url, const std::string& kid) {
    std::lock_guard lock(mutex_);
    const auto now = clock_.now();
    Entry& entry = entries_[url];
    const bool stale = !entry.valid || now >= entry.expiresAt;
    // A kid we lack may be a freshly rotated key; the cooldown keeps tokens with
    // made-up kids from turning into one upstream request each.
    const bool unknownKid = !kid.empty() && entry.valid && entry.keys.find(kid) == nullptr &&
                            now - entry.lastFetch >= options_.unknownKidCooldown;
    if (stale || unknownKid) refresh(url, entry);
    return entry.keys;
}

void JwksCache::clear() {
    std::lock_guard lock(mutex_);
    // Reset in place rather than erase: a refresh in flight holds a reference to its entry.
    for (auto& [url, entry] : entries_) entry = Entry{};
}

// Called with mutex_ held; releases it for the HTTP exchange so one slow issuer
// does not stall verification against every other one.
void JwksCache::refresh(const std::string& url, Entry& entry) {
    const auto now = clock_.now();
    entry.lastFetch = now;
    // While this fetch runs, and after it if it fails, callers keep the copy
    // they have; the next attempt comes no sooner than the cooldown.
    if (entry.valid) entry.expiresAt = std::max(entry.expiresAt, now + options_.unknownKidCooldown);
    tl::expected<Fetched, std::string> fetched;
    {
        Unlocked unlocked(mutex_);
        fetched = fetchJwks(http_, url, options_);
    }
    if (!fetched) {
        if (entry.valid) return;
        throw Error(ErrorCode::UpstreamError, fetched.error());
    }
    entry.keys = std::move(fetched->keys);
    entry.expiresAt = now + fetched->maxAge;
    entry.valid = true;
}

} // namespace authcore
