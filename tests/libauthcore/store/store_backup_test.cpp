// SPDX-License-Identifier: Apache-2.0
// backupDatabase: a consistent copy of a live SQLite store; never an overwrite; not for MySQL.
#include "store/store_conformance.hpp"

#include "store/store_samples.hpp"
#include "support/sqlite_fixture.hpp"

#include <authcore/store/backup.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <thread>

using namespace authcore;
using test::conformance::hasCode;

namespace {

namespace fs = std::filesystem;

std::unique_ptr<Database> openSqlite(const std::string& file) {
    return Database::open(DatabaseOptions{"sqlite:" + file, 2, std::chrono::milliseconds{5000}});
}

void insertUsers(Database& db, int from, int to) {
    for (int i = from; i < to; ++i)
        db.users().insert(test::samples::user("usr_" + std::to_string(i), std::to_string(i) + "@example.com"));
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(store_backup, test::SqliteFixture)

BOOST_AUTO_TEST_CASE(backup_while_writers_run_is_a_consistent_0600_copy) {
    insertUsers(*db, 0, 50);
    std::atomic<bool> stop{false};
    std::thread writer([&] {
        for (int i = 1000; !stop; ++i) insertUsers(*db, i, i + 1);
    });
    const auto target = dir.file("copy.db");
    backupDatabase(*db, target);
    stop = true;
    writer.join();

    struct stat info{};
    BOOST_REQUIRE(::stat(target.c_str(), &info) == 0);
    BOOST_TEST((info.st_mode & 0777) == 0600u);
    auto copy = openSqlite(target);
    BOOST_TEST(copy->schemaVersion() == Database::latestSchemaVersion());
    BOOST_TEST(copy->users().count() >= 50);
    BOOST_TEST(copy->users().count() <= db->users().count());
    BOOST_TEST(copy->users().findByEmail("49@example.com").has_value());
    // Only the original database and the copy: the temporary file is gone.
    for (const auto& entry : fs::directory_iterator(dir.path()))
        BOOST_TEST(entry.path().filename().string().find(".tmp-") == std::string::npos, entry.path());
}

BOOST_AUTO_TEST_CASE(backup_refuses_an_existing_file_and_leaves_it_alone) {
    const auto target = dir.file("taken.db");
    std::ofstream(target) << "precious";
    BOOST_CHECK_EXCEPTION(backupDatabase(*db, target), Error, hasCode(ErrorCode::Conflict));
    std::ifstream in(target);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    BOOST_TEST(content == "precious");
}

BOOST_AUTO_TEST_CASE(backup_into_a_missing_directory_is_invalid_input) {
    BOOST_CHECK_EXCEPTION(backupDatabase(*db, dir.file("missing/copy.db")), Error, hasCode(ErrorCode::InvalidInput));
}

BOOST_AUTO_TEST_CASE(backup_of_a_mysql_store_is_refused_with_a_pointer_to_mariadb_dump) {
    // Opening does not connect; the refusal must come before any connection attempt.
    auto mysql = Database::open(DatabaseOptions{"mysql://u:p@127.0.0.1:1/authcore", 1, std::chrono::milliseconds{500}});
    try {
        backupDatabase(*mysql, dir.file("mysql.db"));
        BOOST_FAIL("no refusal");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::InvalidInput));
        BOOST_TEST(std::string(e.what()).find("mariadb-dump --single-transaction") != std::string::npos);
    }
    BOOST_TEST(!fs::exists(dir.file("mysql.db")));
}

BOOST_AUTO_TEST_SUITE_END()
