// SPDX-License-Identifier: Apache-2.0
// LdapLogin: username/password login through an LDAP SSO connection. Composes
// libldapauth (search-then-bind) with libauthcore's SsoLoginService, which
// holds the login rules; one Authenticator (a connection pool) per connection.
#pragma once

#include <authcore/ldap/authenticator.hpp>
#include <authcore/model/sso_connection.hpp>
#include <authcore/services/sso_group_mapping.hpp>
#include <authcore/services/sso_login_service.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace authcore::appliance {

class Context;

/// A verified directory user: the assertion for SsoLoginService and what the
/// connection's group_scope_mapping grants.
struct LdapVerifiedUser {
    SsoAssertion assertion;
    SsoGroupGrants grants;
};

struct LdapTestResult {
    bool success = false;
    std::string message;
};

class LdapLogin {
public:
    explicit LdapLogin(Context& context);
    ~LdapLogin();

    /// The active LDAP connection with this slug; Error(NotFound) "not found"
    /// for every other slug (unknown, inactive, another protocol) alike.
    SsoConnection bySlug(const std::string& slug);
    /// The same by id (the API callback).
    SsoConnection byId(const std::string& id);

    /// Search-then-bind. Unauthenticated "invalid username or password" for
    /// every refusal (unknown user, wrong or empty password, ambiguous user),
    /// so callers cannot tell them apart; UpstreamError "the directory is
    /// unavailable" when it cannot be reached, TLS fails, it times out or the
    /// service account is refused. Passwords are never logged.
    LdapVerifiedUser verify(const SsoConnection& connection, const std::string& username, const std::string& password);

    /// Counts one password attempt: RateLimited past 10 a minute from
    /// `clientIp` (any connection) or for `username` on this connection. The
    /// username is hashed into the key.
    void throttle(const SsoConnection& connection, const std::string& clientIp, const std::string& username);

    /// verify, then SsoLoginService::login with the mapped role as the JIT
    /// role; a mapped role also becomes the user's role in the organization.
    SsoLoginOutcome login(const SsoConnection& connection, const std::string& username, const std::string& password);

    /// The connection test: service bind and a search of user_base_dn.
    LdapTestResult test(const SsoConnection& connection);

private:
    /// The cached Authenticator of `connection`, rebuilt when its stored settings
    /// or sealed bind password changed.
    std::shared_ptr<ldap::Authenticator> authenticatorFor(const SsoConnection& connection);
    SsoConnection ldapOnly(std::optional<SsoConnection> connection);
    void applyRole(const SsoConnection& connection, const std::string& userId, Role role);

    struct Cached {
        std::string fingerprint; ///< sha256 of the stored LDAP settings
        std::shared_ptr<ldap::Authenticator> authenticator;
    };
    Context& context_;
    std::mutex mutex_;
    std::map<std::string, Cached> cache_; ///< by connection id
};

} // namespace authcore::appliance
