// SPDX-License-Identifier: Apache-2.0
// JwksCache policy: Cache-Control lifetimes, unknown-kid refetch, outages, bad documents.
#include "support/manual_clock.hpp"

#include <authcore/crypto/jwt.hpp>
#include <authcore/error.hpp>
#include <authcore/services/jwks_cache.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>

using namespace authcore;
using std::chrono::seconds;

namespace {

const std::string kUrl = "https://issuer.example/jwks";

std::string jwksWith(std::initializer_list<const char*> kids) {
    crypto::KeySet set;
    for (const char* kid : kids) set.add(kid, crypto::KeyPair::generate(SigningAlgorithm::ES256).publicKey());
    return set.toJwks();
}

// Answers every request with `response` (or throws like an unreachable peer) and counts calls.
class ScriptedHttp final : public HttpClient {
public:
    OutboundResponse send(const OutboundRequest& request) override {
        std::lock_guard lock(mutex_);
        ++calls;
        lastUrl = request.url;
        if (unreachable) throw Error(ErrorCode::UpstreamError, "connection refused");
        return response;
    }
    void serve(std::string body, std::string cacheControl = "max-age=300", int status = 200) {
        response = OutboundResponse{status, std::move(body), {}};
        if (!cacheControl.empty()) response.headers["cache-control"] = std::move(cacheControl);
    }

    OutboundResponse response;
    bool unreachable = false;
    int calls = 0;
    std::string lastUrl;

private:
    std::mutex mutex_;
};

// Holds requests for one URL until release(); answers every other at once.
class GatedHttp final : public HttpClient {
public:
    GatedHttp(std::string slowUrl, std::string body) : slowUrl_(std::move(slowUrl)), body_(std::move(body)) {}
    OutboundResponse send(const OutboundRequest& request) override {
        std::unique_lock lock(mutex_);
        if (request.url == slowUrl_) {
            entered_ = true;
            changed_.notify_all();
            changed_.wait(lock, [this] { return released_; });
        }
        return OutboundResponse{200, body_, {}};
    }
    void waitUntilEntered() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return entered_; });
    }
    void release() {
        std::lock_guard lock(mutex_);
        released_ = true;
        changed_.notify_all();
    }

private:
    std::string slowUrl_;
    std::string body_;
    std::mutex mutex_;
    std::condition_variable changed_;
    bool entered_ = false;
    bool released_ = false;
};

struct CacheFixture {
    CacheFixture() { http.serve(jwksWith({"k1"})); }
    test::ManualClock clock;
    ScriptedHttp http;
    JwksCache cache{http, clock};
};

bool isUpstreamError(const Error& e) { return e.code() == ErrorCode::UpstreamError; }

// Fetches once, then checks the copy is still served at `age - 1` and refetched at `age`.
void expectLifetime(CacheFixture& f, seconds age) {
    f.cache.keysFor(kUrl);
    BOOST_TEST(f.http.calls == 1);
    f.clock.advance(age - seconds{1});
    f.cache.keysFor(kUrl);
    BOOST_TEST(f.http.calls == 1);
    f.clock.advance(seconds{1});
    f.cache.keysFor(kUrl);
    BOOST_TEST(f.http.calls == 2);
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_jwks_cache, CacheFixture)

BOOST_AUTO_TEST_CASE(first_call_fetches_the_url_and_returns_its_keys) {
    const auto keys = cache.keysFor(kUrl, "k1");
    BOOST_TEST(http.lastUrl == kUrl);
    BOOST_TEST(keys.find("k1") != nullptr);
}

BOOST_AUTO_TEST_CASE(max_age_is_served_from_cache_until_expiry) {
    http.serve(jwksWith({"k1"}), "public, max-age=300");
    expectLifetime(*this, seconds{300});
}

BOOST_AUTO_TEST_CASE(max_age_below_the_floor_is_raised_to_min_max_age) {
    http.serve(jwksWith({"k1"}), "max-age=0");
    expectLifetime(*this, seconds{60});
}

BOOST_AUTO_TEST_CASE(no_store_is_treated_as_min_max_age) {
    http.serve(jwksWith({"k1"}), "no-store, max-age=600");
    expectLifetime(*this, seconds{60});
}

BOOST_AUTO_TEST_CASE(max_age_above_the_ceiling_is_capped_at_max_max_age) {
    http.serve(jwksWith({"k1"}), "max-age=99999999999999999999999");
    expectLifetime(*this, seconds{86400});
}

BOOST_AUTO_TEST_CASE(missing_cache_control_uses_the_default_age) {
    http.serve(jwksWith({"k1"}), "");
    expectLifetime(*this, seconds{300});
}

BOOST_AUTO_TEST_CASE(unparsable_max_age_uses_the_default_age) {
    http.serve(jwksWith({"k1"}), "max-age=soon");
    expectLifetime(*this, seconds{300});
}

BOOST_AUTO_TEST_CASE(known_or_empty_kid_does_not_refetch) {
    cache.keysFor(kUrl, "k1");
    clock.advance(seconds{120});
    cache.keysFor(kUrl, "k1");
    cache.keysFor(kUrl);
    BOOST_TEST(http.calls == 1);
}

BOOST_AUTO_TEST_CASE(unknown_kid_within_cooldown_of_the_last_fetch_is_not_refetched) {
    cache.keysFor(kUrl, "k1");
    clock.advance(seconds{59});
    const auto keys = cache.keysFor(kUrl, "k2");
    BOOST_TEST(http.calls == 1);
    BOOST_TEST(keys.find("k2") == nullptr);
}

BOOST_AUTO_TEST_CASE(unknown_kid_refetches_once_and_finds_a_rotated_key) {
    cache.keysFor(kUrl, "k1");
    http.serve(jwksWith({"k1", "k2"}));
    clock.advance(seconds{61});
    const auto keys = cache.keysFor(kUrl, "k2");
    BOOST_TEST(http.calls == 2);
    BOOST_TEST(keys.find("k2") != nullptr);
}

BOOST_AUTO_TEST_CASE(unknown_kid_refetch_then_cooldown_stops_further_fetches) {
    cache.keysFor(kUrl, "k1");
    clock.advance(seconds{61});
    cache.keysFor(kUrl, "made-up");
    BOOST_TEST(http.calls == 2);
    for (int i = 0; i < 10; ++i) cache.keysFor(kUrl, "made-up-" + std::to_string(i));
    clock.advance(seconds{59});
    cache.keysFor(kUrl, "made-up");
    BOOST_TEST(http.calls == 2);
    clock.advance(seconds{1});
    cache.keysFor(kUrl, "made-up");
    BOOST_TEST(http.calls == 3);
}

BOOST_AUTO_TEST_CASE(outage_keeps_serving_the_stale_copy_and_retries_after_cooldown) {
    cache.keysFor(kUrl);
    clock.advance(seconds{300});
    http.unreachable = true;
    BOOST_TEST(cache.keysFor(kUrl).find("k1") != nullptr);
    BOOST_TEST(http.calls == 2);
    clock.advance(seconds{59});
    BOOST_TEST(cache.keysFor(kUrl, "k9").find("k1") != nullptr);
    BOOST_TEST(http.calls == 2);
    clock.advance(seconds{1});
    cache.keysFor(kUrl);
    BOOST_TEST(http.calls == 3);
}

BOOST_AUTO_TEST_CASE(error_status_or_bad_document_after_a_good_copy_keeps_the_copy) {
    cache.keysFor(kUrl);
    clock.advance(seconds{300});
    http.serve("<html>down</html>", "", 503);
    BOOST_TEST(cache.keysFor(kUrl).find("k1") != nullptr);
    clock.advance(seconds{60});
    http.serve("{\"keys\": 5}");
    BOOST_TEST(cache.keysFor(kUrl).find("k1") != nullptr);
    BOOST_TEST(http.calls == 3);
}

BOOST_AUTO_TEST_CASE(first_fetch_failure_throws_upstream_error) {
    http.unreachable = true;
    BOOST_CHECK_EXCEPTION(cache.keysFor(kUrl), Error, isUpstreamError);
}

BOOST_AUTO_TEST_CASE(non_200_status_without_a_copy_throws_upstream_error) {
    http.serve(jwksWith({"k1"}), "", 404);
    BOOST_CHECK_EXCEPTION(cache.keysFor(kUrl), Error, isUpstreamError);
}

BOOST_AUTO_TEST_CASE(malformed_json_throws_upstream_error_without_echoing_the_body) {
    http.serve("{\"keys\": [ not json secret-ish-content");
    try {
        cache.keysFor(kUrl);
        BOOST_FAIL("expected UpstreamError");
    } catch (const Error& e) {
        BOOST_TEST(isUpstreamError(e));
        BOOST_TEST(std::string(e.what()).find("secret-ish") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(urls_are_cached_independently) {
    cache.keysFor(kUrl);
    cache.keysFor("https://other.example/jwks");
    cache.keysFor(kUrl);
    BOOST_TEST(http.calls == 2);
}

BOOST_AUTO_TEST_CASE(clear_forgets_every_document) {
    cache.keysFor(kUrl);
    cache.clear();
    cache.keysFor(kUrl);
    BOOST_TEST(http.calls == 2);
}

BOOST_AUTO_TEST_CASE(slow_fetch_of_one_url_does_not_block_another) {
    GatedHttp gated(kUrl, jwksWith({"k1"}));
    JwksCache shared(gated, clock);
    auto slow = std::async(std::launch::async, [&] { return shared.keysFor(kUrl); });
    gated.waitUntilEntered();
    auto other = std::async(std::launch::async, [&] { return shared.keysFor("https://other.example/jwks"); });
    const bool otherDone = other.wait_for(std::chrono::seconds{5}) == std::future_status::ready;
    gated.release();
    BOOST_TEST(otherDone);
    BOOST_TEST(slow.get().size() == 1u);
    BOOST_TEST(other.get().size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
