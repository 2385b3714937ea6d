// SPDX-License-Identifier: Apache-2.0
// docs/openapi.yaml describes exactly the routes the server has: the router is
// built as `authcore serve` builds it, Router::describe() is written to a file
// and tests/interop/openapi_routes.py compares the two and checks the document.
#include "support/shell.hpp"
#include "support/temp_dir.hpp"

#include "app/context.hpp"
#include "routes/routes.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace authcore;

namespace {

/// The server's routes, from the same registration `authcore serve` runs.
struct ServerRoutes {
    ServerRoutes() {
        std::map<std::string, std::string> env{
            {"AUTHCORE_STORE_URL", "sqlite:" + dir.file("data/authcore.db")},
            {"AUTHCORE_KEYS_MASTER_KEY_FILE", dir.file("data/master.key")},
            {"AUTHCORE_LOG_LEVEL", "error"},
        };
        context = std::make_unique<appliance::Context>(appliance::Config::load("", env), logger);
        appliance::addAllRoutes(router, *context);
    }

    /// Writes one "METHOD /pattern" a line, plus `extra` lines, and returns the file.
    std::string write(const std::vector<std::string>& extra = {}) const {
        const auto path = dir.file("routes.txt");
        std::ofstream out(path);
        for (const auto& route : router.describe()) out << route << '\n';
        for (const auto& line : extra) out << line << '\n';
        return path;
    }

    test::TempDir dir;
    appliance::Logger logger{appliance::LogLevel::Error, false};
    std::unique_ptr<appliance::Context> context;
    appliance::Router router;
};

std::string checkCommand(const std::string& routesFile) {
    const std::string root = std::getenv("AUTHCORE_SOURCE_ROOT");
    return "/usr/bin/python3 '" + root + "/tests/interop/openapi_routes.py' '" + root + "/docs/openapi.yaml' '" +
           routesFile + "'";
}

} // namespace

BOOST_AUTO_TEST_SUITE(appliance_openapi)

BOOST_AUTO_TEST_CASE(document_describes_exactly_the_server_routes) {
    ServerRoutes server;
    BOOST_TEST_REQUIRE(server.router.describe().size() > 20u);
    int status = -1;
    const auto report = test::runCommand(checkCommand(server.write()), status);
    BOOST_TEST(status == 0, "docs/openapi.yaml and the server's routes differ:\n" << report);
    BOOST_TEST(report.find("\"ok\": true") != std::string::npos, report);
}

BOOST_AUTO_TEST_CASE(an_undocumented_route_fails_the_check) {
    ServerRoutes server;
    int status = -1;
    const auto report = test::runCommand(checkCommand(server.write({"PUT /api/v1/undocumented/{thing}"})), status);
    BOOST_TEST(status != 0, report);
    BOOST_TEST(report.find("\"PUT /api/v1/undocumented/{thing}\"") != std::string::npos, report);
}

BOOST_AUTO_TEST_SUITE_END()
