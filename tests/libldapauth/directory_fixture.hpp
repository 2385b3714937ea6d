// SPDX-License-Identifier: Apache-2.0
// The test directory: people and groups in a private slapd, and options to reach it.
#pragma once

#include <authcore/ldap/authenticator.hpp>

#include "support/slapd_server.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace authcore::test {

inline constexpr const char* kPeople = "ou=people,dc=example,dc=org";
inline constexpr const char* kGroups = "ou=groups,dc=example,dc=org";
inline constexpr const char* kServiceDn = "cn=service,dc=example,dc=org";
inline constexpr const char* kServicePassword = "service-secret";
inline constexpr const char* kAliceDn = "uid=alice,ou=people,dc=example,dc=org";
inline constexpr const char* kAdminDn = "uid=admin,ou=people,dc=example,dc=org";
/// uid `jo(e)*\x`: filter metacharacters, and a backslash that the DN escapes as `\\`.
inline constexpr const char* kJoUid = "jo(e)*\\x";
inline constexpr const char* kJoDn = "uid=jo(e)*\\\\x,ou=people,dc=example,dc=org";
inline constexpr const char* kStaffDn = "cn=staff,ou=groups,dc=example,dc=org";
inline constexpr const char* kDevsDn = "cn=devs,ou=groups,dc=example,dc=org";

inline std::string person(const std::string& uid, const std::string& dnUid, const std::string& mail,
                          const std::string& password) {
    return "dn: uid=" + dnUid + "," + kPeople + "\nobjectClass: inetOrgPerson\nuid: " + uid + "\ncn: " + uid +
           "\nsn: Sn-" + uid + "\ngivenName: Given-" + uid + "\ndisplayName: Display " + uid + "\nmail: " + mail +
           "\nuserPassword: " + password + "\n\n";
}

/// People (alice, bob, admin, jo(e)*\x, two sharing one mail address) and groups: staff
/// (groupOfNames: alice, jo) and devs (posixGroup: alice, jo by memberUid).
inline std::string directoryLdif() {
    return std::string("dn: ") + kPeople + "\nobjectClass: organizationalUnit\nou: people\n\n" +
           "dn: " + kGroups + "\nobjectClass: organizationalUnit\nou: groups\n\n" +
           "dn: " + kServiceDn + "\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\n"
           "cn: service\nuserPassword: " + kServicePassword + "\n\n" +
           person("alice", "alice", "alice@example.org", "alice-pw") +
           person("bob", "bob", "bob@example.org", "bob-pw") +
           person("admin", "admin", "admin@example.org", "admin-pw") +
           person(kJoUid, "jo(e)*\\\\x", "jo@example.org", "jo-pw") +
           person("carol", "carol", "shared@example.org", "carol-pw") +
           person("dave", "dave", "shared@example.org", "dave-pw") +
           "dn: " + kStaffDn + "\nobjectClass: groupOfNames\ncn: staff\nmember: " + kAliceDn + "\nmember: " + kJoDn +
           "\n\n" + "dn: " + kDevsDn + "\nobjectClass: posixGroup\ncn: devs\ngidNumber: 5000\nmemberUid: alice\n"
           "memberUid: " + kJoUid + "\n\n";
}

/// Options for `url` of `server`: the service account, its CA, short timeouts.
inline ldap::AuthenticatorOptions directoryOptions(const SlapdServer& server, const std::string& url) {
    ldap::AuthenticatorOptions options;
    options.urls = {url};
    options.caCertPem = server.caPem();
    options.bindDn = kServiceDn;
    options.bindPassword = kServicePassword;
    options.userBaseDn = kPeople;
    options.groupBaseDn = kGroups;
    options.networkTimeout = std::chrono::seconds(2);
    options.operationTimeout = std::chrono::seconds(2);
    return options;
}

inline std::unique_ptr<ldap::Authenticator> makeAuthenticator(ldap::AuthenticatorOptions options) {
    auto authenticator = ldap::Authenticator::create(std::move(options));
    if (!authenticator) BOOST_FAIL("Authenticator::create: " << authenticator.error().message);
    return std::move(*authenticator);
}

/// How often `needle` occurs in `text` (slapd log lines, e.g. " ACCEPT ", " BIND ").
inline std::size_t countOccurrences(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++count;
    return count;
}

/// The failure of `result` as "Code: message", or "success".
template <typename Result>
std::string describe(const Result& result) {
    if (result) return "success";
    return std::string(ldap::toString(result.error().code)) + ": " + result.error().message;
}

} // namespace authcore::test
