// SPDX-License-Identifier: Apache-2.0
// The store on SQLite (conformance plus SQLite settings), and store URL handling.
#include "store/store_conformance.hpp"

#include "store/store_samples.hpp"
#include "support/temp_dir.hpp"

#include <Poco/Data/Session.h>

#include <chrono>
#include <filesystem>
#include <memory>

using namespace authcore;
using test::conformance::hasCode;

namespace {

namespace fs = std::filesystem;

std::unique_ptr<Database> openUrl(const std::string& url,
                                  std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    DatabaseOptions options;
    options.url = url;
    options.timeout = timeout;
    return Database::open(options);
}

struct SqliteStore {
    SqliteStore() : dir(temp.path()), file(temp.file("authcore.db")), db(openUrl("sqlite:" + file.string())) {}
    Database& database() { return *db; }
    Poco::Data::Session rawSession() const { return Poco::Data::Session("SQLite", file.string()); }

    test::TempDir temp; // first: removed even when opening fails
    fs::path dir;
    fs::path file;
    std::unique_ptr<Database> db;
};

long long millisecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

BOOST_AUTO_TEST_SUITE(store_sqlite)

AUTHCORE_STORE_CONFORMANCE_CASES(SqliteStore)

BOOST_FIXTURE_TEST_CASE(sqlite_reports_its_dialect_and_runs_in_wal_mode, SqliteStore) {
    db->migrate();
    BOOST_TEST(db->dialect() == "sqlite");
    auto raw = rawSession();
    std::string mode;
    raw << "PRAGMA journal_mode", Poco::Data::Keywords::into(mode), Poco::Data::Keywords::now;
    BOOST_TEST(mode == "wal");
}

BOOST_FIXTURE_TEST_CASE(sqlite_lock_held_past_the_timeout_is_store_unavailable, SqliteStore) {
    db->migrate();
    auto impatient = openUrl("sqlite:" + file.string(), std::chrono::milliseconds(300));
    auto raw = rawSession();
    raw << "BEGIN IMMEDIATE", Poco::Data::Keywords::now;
    const auto start = std::chrono::steady_clock::now();
    BOOST_CHECK_EXCEPTION(impatient->users().insert(test::samples::user("usr_1", "a@example.com")), Error,
                          hasCode(ErrorCode::StoreUnavailable));
    const auto waited = millisecondsSince(start);
    BOOST_TEST(waited >= 250);
    BOOST_TEST(waited < 5000);
    raw << "ROLLBACK", Poco::Data::Keywords::now;
    impatient->users().insert(test::samples::user("usr_1", "a@example.com"));
    BOOST_TEST(db->users().count() == 1);
}

BOOST_FIXTURE_TEST_CASE(sqlite_in_a_missing_directory_is_unavailable_and_not_created, SqliteStore) {
    const auto missing = dir / "missing";
    // Poco retries opening until the timeout; keep the wait short.
    auto elsewhere = openUrl("sqlite:" + (missing / "authcore.db").string(), std::chrono::milliseconds(500));
    BOOST_TEST(!elsewhere->ping());
    BOOST_CHECK_EXCEPTION(elsewhere->users().count(), Error, hasCode(ErrorCode::StoreUnavailable));
    BOOST_TEST(!fs::exists(missing));
}

BOOST_AUTO_TEST_CASE(malformed_store_urls_are_invalid_input) {
    for (const std::string url :
         {"", "postgres://u:p@h/db", "sqlite:", "sqlite::memory:", "mysql://", "mysql://host/db", "mysql://u@h",
          "mysql://u@h:0/db", "mysql://u@h:70000/db", "mysql://u@h:12ab/db", "mysql://u:p@h/", "mysql://u@h/db?ssl=1",
          "mysql://u:pa%zzss@h/db", "mysql://u:pa;ss@h/db", "mysql://u@h/db?socket=/run/s.sock",
          "mysql://:p@h/db", "mysql://u@[::1/db"}) {
        BOOST_TEST_CONTEXT("url " << url) {
            BOOST_CHECK_EXCEPTION(openUrl(url), Error, hasCode(ErrorCode::InvalidInput));
        }
    }
}

BOOST_AUTO_TEST_CASE(invalid_url_messages_never_echo_the_password) {
    try {
        openUrl("mysql://user:hunter2-secret@db.example:99999/authcore");
        BOOST_FAIL("a bad port was accepted");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::InvalidInput));
        BOOST_TEST(std::string(e.what()).find("hunter2") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(pool_size_and_timeout_must_be_positive) {
    DatabaseOptions options;
    options.url = "sqlite:/tmp/never-opened.db";
    options.poolSize = 0;
    BOOST_CHECK_EXCEPTION(Database::open(options), Error, hasCode(ErrorCode::InvalidInput));
    options.poolSize = 1;
    options.timeout = std::chrono::milliseconds(0);
    BOOST_CHECK_EXCEPTION(Database::open(options), Error, hasCode(ErrorCode::InvalidInput));
}

BOOST_AUTO_TEST_CASE(mysql_urls_open_without_connecting) {
    for (const std::string url :
         {"mysql://user:p%40ss%3Aword@127.0.0.1:1/authcore", "mysql://user@/authcore?socket=/nonexistent/mysqld.sock",
          "mysql://user@[::1]:1/authcore", "mysql://user@localhost/authcore"}) {
        BOOST_TEST_CONTEXT("url " << url) {
            std::unique_ptr<Database> db;
            BOOST_CHECK_NO_THROW(db = openUrl(url));
            BOOST_TEST(db->dialect() == "mysql");
        }
    }
}

BOOST_AUTO_TEST_CASE(unreachable_mysql_is_store_unavailable_and_hides_the_password) {
    // Nothing listens on port 1: every call fails at once, open() does not.
    auto db = openUrl("mysql://authcore:hunter2-secret@127.0.0.1:1/authcore", std::chrono::milliseconds(2000));
    const auto start = std::chrono::steady_clock::now();
    try {
        db->users().count();
        BOOST_FAIL("an unreachable server answered");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::StoreUnavailable));
        BOOST_TEST(std::string(e.what()).find("hunter2") == std::string::npos);
    }
    BOOST_TEST(millisecondsSince(start) < 10000);
    BOOST_TEST(!db->ping());
    BOOST_CHECK_EXCEPTION(db->migrate(), Error, hasCode(ErrorCode::StoreUnavailable));
}

BOOST_AUTO_TEST_SUITE_END()
