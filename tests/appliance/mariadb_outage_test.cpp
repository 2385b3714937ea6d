// SPDX-License-Identifier: Apache-2.0
// The appliance on a real MariaDB: 503 store_unavailable within 10 s while the
// database is down or hung, and recovery without a restart when it returns.
#include "appliance_fixture.hpp"
#include "support/mariadb_server.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <thread>

using namespace authcore;
using SteadyClock = std::chrono::steady_clock;

namespace {

const std::string kLogin = R"({"email":"owner@example.com","password":"owner-password"})";

struct MariaDbAppliance {
    test::MariaDbServer mariadb;
    test::ApplianceFixture app{std::map<std::string, std::string>{{"AUTHCORE_STORE_URL", mariadb.url()}}};
    MariaDbAppliance() { app.createUser("owner@example.com", "owner-password"); }

    void expectUnavailableWithin10s(const std::map<std::string, std::string>& auth) {
        for (const auto& [method, target] : {std::pair{"POST", "/api/v1/auth/login"}, std::pair{"GET", "/api/v1/me"},
                                             std::pair{"GET", "/readyz"}}) {
            const auto started = SteadyClock::now();
            auto r = test::httpRequest(app.port, method, target, method == std::string("POST") ? kLogin : "", auth);
            const auto seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
            BOOST_TEST(r.status == 503, target << " answered " << r.status << ": " << r.body);
            BOOST_TEST(seconds < 10.0, target << " took " << seconds << " s");
            BOOST_TEST_MESSAGE(target << " answered 503 in " << seconds << " s");
        }
        auto body = test::parseJson(test::httpRequest(app.port, "POST", "/api/v1/auth/login", kLogin).body);
        BOOST_TEST(body->getValue<std::string>("error") == "store_unavailable");
        // Database details stay in the log.
        BOOST_TEST(body->getValue<std::string>("message") == "the store is unavailable; retry later");
    }

    void expectRecovered(const std::map<std::string, std::string>& auth) {
        bool ready = false;
        for (int i = 0; i < 30 && !ready; ++i) {
            ready = app.get("/readyz").status == 200;
            if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(500));
        }
        BOOST_TEST(ready);
        BOOST_TEST(app.post("/api/v1/auth/login", kLogin).status == 200);
        BOOST_TEST(app.get("/api/v1/me", auth).status == 200);
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_mariadb_outage, MariaDbAppliance)

BOOST_AUTO_TEST_CASE(killed_database_gives_503_then_recovers_without_restart) {
    auto auth = app.loginHeaders("owner@example.com", "owner-password");
    BOOST_TEST(app.get("/readyz").status == 200);
    mariadb.kill();
    expectUnavailableWithin10s(auth);
    mariadb.start();
    expectRecovered(auth);
}

BOOST_AUTO_TEST_CASE(hung_database_gives_503_within_10s_then_recovers) {
    auto auth = app.loginHeaders("owner@example.com", "owner-password");
    mariadb.pause();
    expectUnavailableWithin10s(auth);
    mariadb.resume();
    expectRecovered(auth);
}

BOOST_AUTO_TEST_CASE(organization_created_before_the_outage_survives_it) {
    auto auth = app.loginHeaders("owner@example.com", "owner-password");
    BOOST_TEST(app.post("/api/v1/organizations", R"({"slug":"acme","name":"Acme"})", auth).status == 201);
    mariadb.kill();
    BOOST_TEST(app.post("/api/v1/organizations", R"({"slug":"during","name":"During"})", auth).status == 503);
    mariadb.start();
    expectRecovered(auth);
    BOOST_TEST(app.get("/api/v1/organizations/acme", auth).status == 200);
    BOOST_TEST(app.get("/api/v1/organizations/during", auth).status == 404);
}

BOOST_AUTO_TEST_SUITE_END()
