// SPDX-License-Identifier: Apache-2.0
// Search-then-bind against a real slapd: TLS modes, credentials, injection, groups, failover.
#include "directory_fixture.hpp"

#include "support/child_process.hpp"
#include "support/tls_files.hpp"

#include <algorithm>
#include <thread>
#include <vector>

namespace ldapauth = authcore::ldap;
using namespace authcore::test;

namespace {

SlapdServer& directory() {
    static SlapdServer server(directoryLdif());
    return server;
}

std::size_t countInLog(const std::string& needle) { return countOccurrences(directory().log(), needle); }

bool hasGroup(const ldapauth::AuthenticatedUser& user, const std::string& dn) {
    return std::find(user.groups.begin(), user.groups.end(), dn) != user.groups.end();
}

ldapauth::AuthErrc failureCode(ldapauth::AuthenticatorOptions options, const std::string& user,
                               const std::string& password) {
    const auto result = makeAuthenticator(std::move(options))->authenticate(user, password);
    BOOST_REQUIRE_MESSAGE(!result, "unexpected success");
    BOOST_TEST_MESSAGE("result: " << describe(result));
    return result.error().code;
}

} // namespace

BOOST_AUTO_TEST_SUITE(ldap_authenticator)

BOOST_AUTO_TEST_CASE(starttls_login_returns_attributes_and_groups) {
    auto options = directoryOptions(directory(), directory().ldapUrl());
    const auto user = makeAuthenticator(options)->authenticate("alice", "alice-pw");
    BOOST_REQUIRE_MESSAGE(user, describe(user));
    BOOST_CHECK_EQUAL(user->dn, kAliceDn);
    BOOST_CHECK_EQUAL(user->uid, "alice");
    BOOST_CHECK_EQUAL(user->email, "alice@example.org");
    BOOST_CHECK_EQUAL(user->displayName, "Display alice");
    BOOST_CHECK_EQUAL(user->givenName, "Given-alice");
    BOOST_CHECK_EQUAL(user->sn, "Sn-alice");
    BOOST_CHECK(hasGroup(*user, kStaffDn));
    BOOST_CHECK(hasGroup(*user, kDevsDn));
    BOOST_CHECK_EQUAL(user->groups.size(), 2U);
}

BOOST_AUTO_TEST_CASE(ldaps_login_by_mail_succeeds) {
    const auto user = makeAuthenticator(directoryOptions(directory(), directory().ldapsUrl()))
                          ->authenticate("alice@example.org", "alice-pw");
    BOOST_REQUIRE_MESSAGE(user, describe(user));
    BOOST_CHECK_EQUAL(user->dn, kAliceDn);
}

BOOST_AUTO_TEST_CASE(groups_come_from_member_of_without_group_base) {
    auto options = directoryOptions(directory(), directory().ldapsUrl());
    options.groupBaseDn.clear();
    const auto user = makeAuthenticator(options)->authenticate("alice", "alice-pw");
    BOOST_REQUIRE_MESSAGE(user, describe(user));
    BOOST_CHECK_EQUAL(user->groups.size(), 1U);
    BOOST_CHECK(hasGroup(*user, kStaffDn));
}

BOOST_AUTO_TEST_CASE(wrong_password_is_invalid_credentials_without_the_password) {
    const auto result = makeAuthenticator(directoryOptions(directory(), directory().ldapsUrl()))
                            ->authenticate("alice", "guessed-pw");
    BOOST_REQUIRE(!result);
    BOOST_CHECK(result.error().code == ldapauth::AuthErrc::InvalidCredentials);
    BOOST_CHECK(result.error().message.find("guessed-pw") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(empty_password_is_refused_without_a_bind) {
    const auto binds = countInLog(" BIND ");
    const auto accepts = countInLog(" ACCEPT ");
    BOOST_CHECK(failureCode(directoryOptions(directory(), directory().ldapsUrl()), "alice", "") ==
                ldapauth::AuthErrc::EmptyPassword);
    BOOST_CHECK_EQUAL(countInLog(" BIND "), binds);
    BOOST_CHECK_EQUAL(countInLog(" ACCEPT "), accepts);
}

BOOST_AUTO_TEST_CASE(unknown_user_is_user_not_found) {
    BOOST_CHECK(failureCode(directoryOptions(directory(), directory().ldapsUrl()), "mallory", "alice-pw") ==
                ldapauth::AuthErrc::UserNotFound);
}

BOOST_AUTO_TEST_CASE(two_matching_entries_are_ambiguous) {
    const auto result = makeAuthenticator(directoryOptions(directory(), directory().ldapsUrl()))
                            ->authenticate("shared@example.org", "carol-pw");
    BOOST_REQUIRE(!result);
    BOOST_CHECK(result.error().code == ldapauth::AuthErrc::AmbiguousUser);
    BOOST_CHECK_MESSAGE(result.error().message.find("more than one") != std::string::npos, result.error().message);
}

BOOST_AUTO_TEST_CASE(filter_injection_never_authenticates_another_user) {
    const auto authenticator = makeAuthenticator(directoryOptions(directory(), directory().ldapsUrl()));
    for (const std::string username : {"*", "admin)(uid=*", "*)(|(uid=*", "admin*", "a*", "*)(uid=admin"}) {
        for (const std::string password : {"admin-pw", "alice-pw"}) {
            const auto result = authenticator->authenticate(username, password);
            BOOST_TEST_INFO("username " << username << ": " << describe(result));
            BOOST_CHECK(!result && result.error().code == ldapauth::AuthErrc::UserNotFound);
        }
    }
}

BOOST_AUTO_TEST_CASE(uid_with_filter_metacharacters_logs_in_with_its_groups) {
    const auto user = makeAuthenticator(directoryOptions(directory(), directory().ldapUrl()))
                          ->authenticate(kJoUid, "jo-pw");
    BOOST_REQUIRE_MESSAGE(user, describe(user));
    BOOST_CHECK_EQUAL(user->uid, kJoUid);
    BOOST_CHECK(hasGroup(*user, kStaffDn));
    BOOST_CHECK(hasGroup(*user, kDevsDn));
}

BOOST_AUTO_TEST_CASE(failover_skips_a_dead_first_url) {
    auto options = directoryOptions(directory(), directory().ldapsUrl());
    options.urls = {"ldaps://127.0.0.1:" + std::to_string(freeLoopbackPort()), directory().ldapsUrl()};
    const auto user = makeAuthenticator(options)->authenticate("bob", "bob-pw");
    BOOST_REQUIRE_MESSAGE(user, describe(user));
    BOOST_CHECK_EQUAL(user->uid, "bob");
}

BOOST_AUTO_TEST_CASE(only_dead_urls_are_server_down) {
    auto options = directoryOptions(directory(), directory().ldapsUrl());
    options.urls = {"ldaps://127.0.0.1:" + std::to_string(freeLoopbackPort())};
    BOOST_CHECK(failureCode(options, "bob", "bob-pw") == ldapauth::AuthErrc::ServerDown);
}

BOOST_AUTO_TEST_CASE(wrong_ca_is_tls_failure_over_ldaps_and_starttls) {
    const TlsFiles otherCa;
    for (const auto& url : {directory().ldapsUrl(), directory().ldapUrl()}) {
        BOOST_TEST_INFO("url " << url);
        auto options = directoryOptions(directory(), url);
        options.caCertPem = SlapdServer::readFile(otherCa.cert());
        BOOST_CHECK(failureCode(options, "alice", "alice-pw") == ldapauth::AuthErrc::TlsFailure);
    }
}

BOOST_AUTO_TEST_CASE(garbage_ca_pem_is_tls_failure) {
    auto options = directoryOptions(directory(), directory().ldapsUrl());
    options.caCertPem = "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n";
    BOOST_CHECK(failureCode(options, "alice", "alice-pw") == ldapauth::AuthErrc::TlsFailure);
}

BOOST_AUTO_TEST_CASE(hostname_mismatch_is_tls_failure) {
    // The certificate names IP 127.0.0.1 only.
    auto options = directoryOptions(directory(), directory().ldapsUrl());
    options.urls = {"ldaps://localhost:" + std::to_string(directory().ldapsPort())};
    BOOST_CHECK(failureCode(options, "alice", "alice-pw") == ldapauth::AuthErrc::TlsFailure);
}

BOOST_AUTO_TEST_CASE(plain_ldap_needs_the_explicit_option) {
    auto options = directoryOptions(directory(), directory().ldapUrl());
    options.startTls = false;
    const auto refused = ldapauth::Authenticator::create(options);
    BOOST_REQUIRE(!refused);
    BOOST_CHECK(refused.error().code == ldapauth::AuthErrc::InvalidOptions);
    options.allowPlaintext = true;
    const auto user = makeAuthenticator(options)->authenticate("bob", "bob-pw");
    BOOST_CHECK_MESSAGE(user, describe(user));
}

BOOST_AUTO_TEST_CASE(wrong_service_password_is_service_bind_failed) {
    auto options = directoryOptions(directory(), directory().ldapsUrl());
    options.bindPassword = "not-the-service-password";
    const auto result = makeAuthenticator(options)->authenticate("alice", "alice-pw");
    BOOST_REQUIRE(!result);
    BOOST_CHECK(result.error().code == ldapauth::AuthErrc::ServiceBindFailed);
    BOOST_CHECK(result.error().message.find("not-the-service-password") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(threads_share_a_bounded_pool_of_connections) {
    auto options = directoryOptions(directory(), directory().ldapsUrl());
    options.poolSize = 2;
    const auto authenticator = makeAuthenticator(options);
    const auto accepts = countInLog(" ACCEPT ");
    std::vector<std::thread> threads;
    std::vector<int> failures(6, 0);
    for (std::size_t t = 0; t < failures.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i) {
                // Failed user binds in between must not leave a pooled connection bound as the user.
                const bool wrong = i % 2 == 1;
                const auto result = authenticator->authenticate("alice", wrong ? "nope" : "alice-pw");
                if (result.has_value() == wrong) ++failures[t];
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (const int count : failures) BOOST_CHECK_EQUAL(count, 0);
    BOOST_CHECK_LE(countInLog(" ACCEPT ") - accepts, 2U);
}

BOOST_AUTO_TEST_SUITE_END()
