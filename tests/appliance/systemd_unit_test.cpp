// SPDX-License-Identifier: Apache-2.0
// The shipped unit passes `systemd-analyze verify` without a single warning.
#include "support/shell.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {


std::string buildRoot() { return std::getenv("AUTHCORE_BUILD_ROOT"); }

} // namespace

BOOST_AUTO_TEST_SUITE(appliance_systemd)

BOOST_AUTO_TEST_CASE(unit_verifies_cleanly) {
    int status = 0;
    const auto output = authcore::test::runCommand("systemd-analyze verify " + buildRoot() + "/systemd/authcore-buildtree.service", status);
    BOOST_TEST(status == 0);
    BOOST_TEST(output.empty(), "systemd-analyze said: " << output);
}

BOOST_AUTO_TEST_CASE(unit_is_notify_type_and_hardened) {
    int status = 0;
    const auto unit = authcore::test::runCommand("cat " + buildRoot() + "/systemd/authcore.service", status);
    for (const char* line : {"Type=notify", "User=authcore", "StateDirectory=authcore", "NoNewPrivileges=yes",
                             "ProtectSystem=strict", "PrivateTmp=yes", "CapabilityBoundingSet=\n"})
        BOOST_TEST(unit.find(line) != std::string::npos, "missing " << line);
}

BOOST_AUTO_TEST_CASE(a_broken_unit_is_detected) {
    // Guards the check above: verify must complain about a bad directive.
    int status = 0;
    const auto output = authcore::test::runCommand("sed 's/Type=notify/Type=bogus/' " + buildRoot() +
                                "/systemd/authcore-buildtree.service > " + buildRoot() +
                                "/systemd/broken.service && systemd-analyze verify " + buildRoot() +
                                "/systemd/broken.service",
                            status);
    BOOST_TEST(!output.empty());
}

BOOST_AUTO_TEST_SUITE_END()
