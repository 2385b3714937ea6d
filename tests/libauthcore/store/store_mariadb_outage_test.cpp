// SPDX-License-Identifier: Apache-2.0
// The MySQL store while its server is killed or hung, and after it comes back.
#include "store/store_conformance.hpp"

#include "store/store_samples.hpp"
#include "support/mariadb_server.hpp"

#include <chrono>
#include <functional>
#include <memory>

using namespace authcore;
using test::conformance::hasCode;

namespace {

constexpr long long kLimitMs = 10000;

std::unique_ptr<Database> openUrl(const std::string& url, std::chrono::milliseconds timeout) {
    DatabaseOptions options;
    options.url = url;
    options.timeout = timeout;
    return Database::open(options);
}

long long millisecondsOf(const std::function<void()>& call) {
    const auto start = std::chrono::steady_clock::now();
    call();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

void expectUnavailableSoon(const std::string& what, const std::function<void()>& call) {
    const auto ms = millisecondsOf([&] { BOOST_CHECK_EXCEPTION(call(), Error, hasCode(ErrorCode::StoreUnavailable)); });
    BOOST_TEST_MESSAGE(what << ": store_unavailable after " << ms << " ms");
    BOOST_TEST(ms < kLimitMs, what << " took " << ms << " ms");
}

void expectPingFalseSoon(Database& db) {
    bool answered = true;
    const auto ms = millisecondsOf([&] { answered = db.ping(); });
    BOOST_TEST_MESSAGE("ping: false after " << ms << " ms");
    BOOST_TEST(!answered);
    BOOST_TEST(ms < kLimitMs);
}

void expectUnavailableEverywhere(Database& db) {
    expectUnavailableSoon("users().count()", [&] { db.users().count(); });
    expectUnavailableSoon("users().findById()", [&] { db.users().findById("usr_before"); });
    expectUnavailableSoon("users().insert()",
                          [&] { db.users().insert(test::samples::user("usr_during", "during@example.com")); });
    expectUnavailableSoon("audit().append()", [&] { db.audit().append({test::samples::event("evt_1", "", 1)}); });
    expectUnavailableSoon("migrate()", [&] { db.migrate(); });
    expectPingFalseSoon(db);
}

void expectRecovered(Database& db) {
    BOOST_TEST(db.ping());
    BOOST_TEST(db.users().findById("usr_before").has_value());
    db.users().insert(test::samples::user("usr_after", "after@example.com"));
    BOOST_TEST(db.users().count() == 2);
}

} // namespace

BOOST_AUTO_TEST_SUITE(store_mariadb_outage)

BOOST_AUTO_TEST_CASE(killed_server_is_unavailable_then_the_same_database_recovers) {
    test::MariaDbServer server;
    auto db = openUrl(server.url(), std::chrono::milliseconds(3000));
    db->migrate();
    db->users().insert(test::samples::user("usr_before", "before@example.com"));
    BOOST_TEST(db->ping());

    server.kill();
    expectUnavailableEverywhere(*db);

    server.start();
    expectRecovered(*db);
}

BOOST_AUTO_TEST_CASE(hung_server_times_out_then_the_same_database_recovers) {
    test::MariaDbServer server;
    auto db = openUrl(server.url(), std::chrono::milliseconds(2000));
    db->migrate();
    db->users().insert(test::samples::user("usr_before", "before@example.com"));

    server.pause();
    expectUnavailableEverywhere(*db);

    server.resume();
    expectRecovered(*db);
}

BOOST_AUTO_TEST_CASE(restart_between_calls_is_hidden_by_one_retry) {
    test::MariaDbServer server;
    auto db = openUrl(server.url(), std::chrono::milliseconds(3000));
    db->migrate();
    db->users().insert(test::samples::user("usr_before", "before@example.com"));
    // The pooled connection is now stale; the next call must not fail.
    server.kill();
    server.start();
    BOOST_CHECK_NO_THROW(db->users().insert(test::samples::user("usr_after", "after@example.com")));
    BOOST_TEST(db->users().count() == 2);
}

BOOST_AUTO_TEST_CASE(open_succeeds_while_the_server_is_down) {
    test::MariaDbServer server;
    server.stop();
    auto db = openUrl(server.url(), std::chrono::milliseconds(3000));
    expectPingFalseSoon(*db);
    server.start();
    BOOST_TEST(db->migrate() == Database::latestSchemaVersion());
    db->users().insert(test::samples::user("usr_before", "before@example.com"));
    BOOST_TEST(db->users().count() == 1);
}

BOOST_AUTO_TEST_SUITE_END()
