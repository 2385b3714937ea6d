// SPDX-License-Identifier: Apache-2.0
// The static_poco appliance: `ldd authcore` lists no Poco and no project library,
// while libc and OpenSSL stay dynamic (see docs/static-build.md).
#define BOOST_TEST_MODULE static_link
#include <boost/test/unit_test.hpp>

#include <support/shell.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace {

// The binary under test comes as the one argument after `--` (meson passes authcore_exe).
std::string binaryPath() {
    auto& suite = boost::unit_test::framework::master_test_suite();
    BOOST_TEST_REQUIRE(suite.argc == 2, "usage: static-link-tests [boost args] -- <path to authcore>");
    return suite.argv[1];
}

// The sonames ldd resolves for the binary, one per entry ("libssl.so.3", ...).
std::vector<std::string> neededLibraries() {
    int status = 0;
    auto output = authcore::test::runCommand("ldd '" + binaryPath() + "'", status);
    BOOST_TEST_REQUIRE(status == 0, "ldd failed: " << output);
    std::vector<std::string> names;
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        std::string name;
        if (words >> name) names.push_back(name);
    }
    BOOST_TEST_MESSAGE("ldd:\n" << output);
    return names;
}

bool lists(const std::vector<std::string>& names, const std::string& prefix) {
    for (const auto& name : names)
        if (name.rfind(prefix, 0) == 0) return true;
    return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(static_link)

BOOST_AUTO_TEST_CASE(authcore_lists_no_poco_library) {
    for (const auto& name : neededLibraries())
        BOOST_TEST(name.find("libPoco") == std::string::npos, name << " is linked dynamically");
}

BOOST_AUTO_TEST_CASE(authcore_lists_no_project_library) {
    for (const auto& name : neededLibraries())
        BOOST_TEST(name.rfind("libauthcore", 0) != 0, name << " is linked dynamically");
}

// Security updates of these come from Debian only while they stay shared.
BOOST_AUTO_TEST_CASE(authcore_keeps_libc_and_openssl_dynamic) {
    auto names = neededLibraries();
    BOOST_TEST(lists(names, "libc.so."));
    BOOST_TEST(lists(names, "libssl.so."));
    BOOST_TEST(lists(names, "libcrypto.so."));
}

BOOST_AUTO_TEST_SUITE_END()
