// SPDX-License-Identifier: Apache-2.0
// The shipped unit passes `systemd-analyze verify` without a single warning.
#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

std::string run(const std::string& command, int& status) {
    std::string output;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    BOOST_REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    while (fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
    status = pclose(pipe);
    return output;
}

std::string buildRoot() { return std::getenv("AUTHCORE_BUILD_ROOT"); }

} // namespace

BOOST_AUTO_TEST_SUITE(appliance_systemd)

BOOST_AUTO_TEST_CASE(unit_verifies_cleanly) {
    int status = 0;
    const auto output = run("systemd-analyze verify " + buildRoot() + "/systemd/authcore-buildtree.service", status);
    BOOST_TEST(status == 0);
    BOOST_TEST(output.empty(), "systemd-analyze said: " << output);
}

BOOST_AUTO_TEST_CASE(unit_is_notify_type_and_hardened) {
    int status = 0;
    const auto unit = run("cat " + buildRoot() + "/systemd/authcore.service", status);
    for (const char* line : {"Type=notify", "User=authcore", "StateDirectory=authcore", "NoNewPrivileges=yes",
                             "ProtectSystem=strict", "PrivateTmp=yes", "CapabilityBoundingSet=\n"})
        BOOST_TEST(unit.find(line) != std::string::npos, "missing " << line);
}

BOOST_AUTO_TEST_CASE(a_broken_unit_is_detected) {
    // Guards the check above: verify must complain about a bad directive.
    int status = 0;
    const auto output = run("sed 's/Type=notify/Type=bogus/' " + buildRoot() +
                                "/systemd/authcore-buildtree.service > " + buildRoot() +
                                "/systemd/broken.service && systemd-analyze verify " + buildRoot() +
                                "/systemd/broken.service",
                            status);
    BOOST_TEST(!output.empty());
}

BOOST_AUTO_TEST_SUITE_END()
