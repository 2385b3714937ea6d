// SPDX-License-Identifier: Apache-2.0
// In-process CodeStore: single take, TTL expiry, counters.
#include "support/manual_clock.hpp"

#include <authcore/ephemeral/code_store.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;

BOOST_AUTO_TEST_SUITE(ephemeral_memory_store)

BOOST_AUTO_TEST_CASE(code_can_be_taken_once) {
    test::ManualClock clock;
    auto store = makeMemoryCodeStore(clock);
    BOOST_TEST(store->putIfAbsent("c", "v", std::chrono::seconds{60}));
    BOOST_TEST(!store->putIfAbsent("c", "w", std::chrono::seconds{60}));
    BOOST_TEST(*store->take("c") == "v");
    BOOST_TEST(!store->take("c").has_value());
}

BOOST_AUTO_TEST_CASE(entry_expires_after_ttl) {
    test::ManualClock clock;
    auto store = makeMemoryCodeStore(clock);
    store->putIfAbsent("c", "v", std::chrono::seconds{60});
    clock.advance(std::chrono::seconds{59});
    BOOST_TEST(store->get("c").has_value());
    clock.advance(std::chrono::seconds{1});
    BOOST_TEST(!store->get("c").has_value());
    BOOST_TEST(store->putIfAbsent("c", "new", std::chrono::seconds{60}));
}

BOOST_AUTO_TEST_CASE(counter_counts_within_window_and_restarts_after) {
    test::ManualClock clock;
    auto store = makeMemoryCodeStore(clock);
    BOOST_TEST(store->increment("k", std::chrono::seconds{10}).value == 1);
    clock.advance(std::chrono::seconds{4});
    const auto second = store->increment("k", std::chrono::seconds{10});
    BOOST_TEST(second.value == 2);
    BOOST_TEST(second.resetsIn.count() == 6);
    clock.advance(std::chrono::seconds{6});
    BOOST_TEST(store->increment("k", std::chrono::seconds{10}).value == 1);
}

BOOST_AUTO_TEST_SUITE_END()
