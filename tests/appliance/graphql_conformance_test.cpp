// SPDX-License-Identifier: Apache-2.0
// The reference implementation (graphql-js, npm `graphql`) rebuilds our schema
// from introspection and compares it with the contract, type by type and field
// by field; and both implementations must refuse the same invalid documents.
#include "appliance_fixture.hpp"
#include "support/shell.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace authcore;
using test::parseJson;

namespace {

std::string sourceRoot() { return std::getenv("AUTHCORE_SOURCE_ROOT"); }

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The design contract beside the clone when there is one, else the copy in the repository.
std::string contractPath() {
    const auto shared = sourceRoot() + "/../shared/design/schema.graphql";
    if (std::filesystem::exists(shared)) return shared;
    return sourceRoot() + "/tests/interop/graphql/contract.graphql";
}

struct ConformanceFixture : test::ApplianceFixture {
    ConformanceFixture() {
        createUser("root@example.com", "root-password-1", true);
        token = loginHeaders("root@example.com", "root-password-1").at("Authorization").substr(7);
    }
    /// Runs conformance.mjs with `extra` arguments; returns its JSON report.
    Poco::JSON::Object::Ptr run(const std::string& extra, int& status) {
        const auto dir = sourceRoot() + "/tests/interop/graphql";
        const auto output = test::runCommand("cd '" + dir + "' && node conformance.mjs --url http://127.0.0.1:" +
                                                 std::to_string(port) + "/graphql --token '" + token +
                                                 "' --contract '" + contractPath() + "' --roots roots.json " + extra,
                                             status);
        BOOST_TEST_MESSAGE(output.substr(0, 4000));
        return parseJson(output.substr(output.find('{')));
    }
    std::string token;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(interop_graphql_conformance, ConformanceFixture)

BOOST_AUTO_TEST_CASE(graphql_js_rebuilds_our_schema_and_it_matches_the_contract) {
    int status = 0;
    const auto report = run("", status);
    BOOST_TEST(status == 0);
    BOOST_TEST(report->getValue<bool>("ok"));
    BOOST_TEST(report->getArray("problems")->size() == 0u);
    // Every root field roots.json lists was compared, and the pending list was honoured.
    const auto roots = parseJson(readFile(sourceRoot() + "/tests/interop/graphql/roots.json"));
    BOOST_TEST(report->getValue<std::size_t>("rootFields") ==
               roots->getArray("Query")->size() + roots->getArray("Mutation")->size());
    BOOST_TEST(report->getValue<int>("typesCompared") >= 25);
    BOOST_TEST(report->getValue<std::size_t>("pending") == roots->getArray("pending")->size());
    BOOST_TEST(report->getValue<std::size_t>("extensions") == roots->getArray("extensions")->size());
}

BOOST_AUTO_TEST_CASE(both_implementations_refuse_every_invalid_document) {
    int status = 0;
    const auto report = run("--invalid-dir invalid", status);
    BOOST_TEST(status == 0);
    BOOST_TEST(report->getValue<bool>("ok"));
    BOOST_TEST(report->getArray("files")->size() >= 40u);
}

BOOST_AUTO_TEST_CASE(the_repository_copy_of_the_contract_is_current) {
    const auto shared = sourceRoot() + "/../shared/design/schema.graphql";
    if (!std::filesystem::exists(shared)) {
        BOOST_TEST_MESSAGE("no shared/design beside the clone: the repository copy is used");
        return;
    }
    BOOST_TEST(readFile(shared) == readFile(sourceRoot() + "/tests/interop/graphql/contract.graphql"),
               "tests/interop/graphql/contract.graphql differs from shared/design/schema.graphql: copy it again");
}

BOOST_AUTO_TEST_SUITE_END()
