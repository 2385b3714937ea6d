// SPDX-License-Identifier: Apache-2.0
// The store on a real MariaDB server that the suite starts itself.
#include "store/store_conformance.hpp"

#include "store/store_samples.hpp"
#include "support/mariadb_server.hpp"

#include <Poco/Data/Session.h>

#include <functional>
#include <memory>
#include <thread>

using namespace authcore;
using test::conformance::hasCode;

namespace {

// One server for the whole suite: starting mariadbd takes seconds. A
// missing or broken MariaDB makes every case fail with the reason.
test::MariaDbServer& sharedServer() {
    static test::MariaDbServer server;
    return server;
}

std::unique_ptr<Database> openUrl(const std::string& url) {
    DatabaseOptions options;
    options.url = url;
    options.timeout = std::chrono::milliseconds(5000);
    return Database::open(options);
}

struct MariaDbStore {
    MariaDbStore() : server(sharedServer()) {
        server.resetDatabase();
        db = openUrl(server.url());
    }
    Database& database() { return *db; }
    Poco::Data::Session rawSession() const {
        return Poco::Data::Session("MySQL", "host=127.0.0.1;port=" + std::to_string(server.port()) +
                                                ";user=" + test::MariaDbServer::kUser + ";password=" +
                                                test::MariaDbServer::kPassword + ";db=" +
                                                test::MariaDbServer::kDatabase + ";character-set=utf8mb4");
    }

    test::MariaDbServer& server;
    std::unique_ptr<Database> db;
};

} // namespace

BOOST_AUTO_TEST_SUITE(store_mariadb)

AUTHCORE_STORE_CONFORMANCE_CASES(MariaDbStore)

BOOST_FIXTURE_TEST_CASE(mariadb_reports_the_mysql_dialect, MariaDbStore) {
    BOOST_TEST(db->dialect() == "mysql");
    BOOST_TEST(db->ping());
}

BOOST_FIXTURE_TEST_CASE(tables_are_innodb_utf8mb4_binary, MariaDbStore) {
    db->migrate();
    using namespace Poco::Data::Keywords;
    auto raw = rawSession();
    Poco::Int64 tables = 0;
    Poco::Int64 others = 0;
    raw << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()", into(tables), now;
    raw << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
           "AND (engine <> 'InnoDB' OR table_collation <> 'utf8mb4_bin')",
        into(others), now;
    // schema_migrations, 7 tables of migration 1, 5 of migration 2, 1 of 3, 4 of 4, 2 of 5, 2 of 6, 2 of 7
    BOOST_TEST(tables == 25);
    BOOST_TEST(others == 0);
}

BOOST_FIXTURE_TEST_CASE(socket_url_reaches_the_same_database, MariaDbStore) {
    auto viaSocket = openUrl(server.socketUrl());
    BOOST_TEST(viaSocket->migrate() == Database::latestSchemaVersion());
    viaSocket->users().insert(test::samples::user("usr_socket", "socket@example.com"));
    BOOST_TEST(db->users().findById("usr_socket").has_value());
}

BOOST_FIXTURE_TEST_CASE(wrong_password_is_store_unavailable_and_not_echoed, MariaDbStore) {
    auto wrong = openUrl("mysql://authcore:hunter2-secret@127.0.0.1:" + std::to_string(server.port()) + "/" +
                         test::MariaDbServer::kDatabase);
    try {
        wrong->users().count();
        BOOST_FAIL("a wrong password was accepted");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::StoreUnavailable));
        BOOST_TEST(std::string(e.what()).find("hunter2") == std::string::npos);
    }
    BOOST_TEST(!wrong->ping());
}

BOOST_FIXTURE_TEST_CASE(two_nodes_migrating_at_once_apply_each_migration_once, MariaDbStore) {
    auto other = openUrl(server.url());
    int applied[2] = {-1, -1};
    auto migrate = [&applied](Database& node, int slot) {
        try {
            applied[slot] = node.migrate();
        } catch (const Error&) {
            applied[slot] = -100;
        }
    };
    std::thread a(migrate, std::ref(*db), 0);
    std::thread b(migrate, std::ref(*other), 1);
    a.join();
    b.join();
    BOOST_TEST(applied[0] >= 0);
    BOOST_TEST(applied[1] >= 0);
    BOOST_TEST(applied[0] + applied[1] == Database::latestSchemaVersion());
    BOOST_TEST(other->schemaVersion() == Database::latestSchemaVersion());
}

BOOST_AUTO_TEST_SUITE_END()
