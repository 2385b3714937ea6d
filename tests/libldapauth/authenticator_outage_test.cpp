// SPDX-License-Identifier: Apache-2.0
// Dead and silent servers: every call returns an error within about the configured timeout.
#include "directory_fixture.hpp"

#include "support/silent_server.hpp"

#include <chrono>

namespace ldapauth = authcore::ldap;
using namespace authcore::test;

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kTimeout = std::chrono::seconds(1);
// Timeout plus slack for a loaded machine; a hang would take far longer.
constexpr auto kLimit = std::chrono::seconds(6);

ldapauth::AuthenticatorOptions shortTimeouts(ldapauth::AuthenticatorOptions options) {
    options.networkTimeout = kTimeout;
    options.operationTimeout = kTimeout;
    return options;
}

/// Authenticates alice and checks that it fails with `ServerDown` or `Timeout` within kLimit.
void expectFastFailure(ldapauth::Authenticator& authenticator) {
    const auto start = Clock::now();
    const auto result = authenticator.authenticate("alice", "alice-pw");
    const auto elapsed = Clock::now() - start;
    BOOST_TEST_INFO("result: " << describe(result) << " after "
                               << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms");
    BOOST_REQUIRE(!result);
    BOOST_TEST_MESSAGE("result: " << describe(result));
    BOOST_CHECK(result.error().code == ldapauth::AuthErrc::Timeout ||
                result.error().code == ldapauth::AuthErrc::ServerDown);
    BOOST_CHECK(elapsed < kLimit);
}

} // namespace

BOOST_AUTO_TEST_SUITE(ldap_authenticator_outage)

BOOST_AUTO_TEST_CASE(silent_server_times_out_over_ldaps_and_starttls) {
    const SilentServer silent;
    SlapdServer directory(directoryLdif());
    for (const std::string scheme : {"ldaps", "ldap"}) {
        BOOST_TEST_INFO("scheme " << scheme);
        auto options = shortTimeouts(directoryOptions(directory, directory.ldapsUrl()));
        options.urls = {scheme + "://127.0.0.1:" + std::to_string(silent.port())};
        expectFastFailure(*makeAuthenticator(options));
    }
}

BOOST_AUTO_TEST_CASE(stopped_server_times_out_on_a_pooled_connection) {
    SlapdServer directory(directoryLdif());
    const auto authenticator = makeAuthenticator(shortTimeouts(directoryOptions(directory, directory.ldapsUrl())));
    const auto first = authenticator->authenticate("alice", "alice-pw");
    BOOST_REQUIRE_MESSAGE(first, describe(first));
    directory.pause();
    expectFastFailure(*authenticator);
    directory.resume();
    // The timed-out connection was dropped; a fresh one works once the server answers again.
    const auto accepts = countOccurrences(directory.log(), " ACCEPT ");
    const auto again = authenticator->authenticate("alice", "alice-pw");
    BOOST_CHECK_MESSAGE(again, describe(again));
    BOOST_CHECK_EQUAL(countOccurrences(directory.log(), " ACCEPT "), accepts + 1);
}

BOOST_AUTO_TEST_CASE(killed_server_is_server_down_without_a_hang) {
    SlapdServer directory(directoryLdif());
    const auto authenticator = makeAuthenticator(shortTimeouts(directoryOptions(directory, directory.ldapUrl())));
    const auto first = authenticator->authenticate("alice", "alice-pw");
    BOOST_REQUIRE_MESSAGE(first, describe(first));
    directory.kill();
    const auto result = authenticator->authenticate("alice", "alice-pw");
    BOOST_REQUIRE(!result);
    BOOST_CHECK_MESSAGE(result.error().code == ldapauth::AuthErrc::ServerDown, describe(result));
    expectFastFailure(*authenticator);
}

BOOST_AUTO_TEST_CASE(pooled_connection_to_a_restarted_server_is_replaced) {
    SlapdServer directory(directoryLdif());
    const auto authenticator = makeAuthenticator(shortTimeouts(directoryOptions(directory, directory.ldapsUrl())));
    const auto first = authenticator->authenticate("alice", "alice-pw");
    BOOST_REQUIRE_MESSAGE(first, describe(first));
    directory.kill();
    directory.restart();
    // The pooled connection is dead; the call reconnects instead of failing.
    const auto again = authenticator->authenticate("alice", "alice-pw");
    BOOST_CHECK_MESSAGE(again, describe(again));
}

BOOST_AUTO_TEST_SUITE_END()
