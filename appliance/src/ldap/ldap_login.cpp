// SPDX-License-Identifier: Apache-2.0
#include "ldap/ldap_login.hpp"

#include "app/context.hpp"

#include <authcore/crypto/encoding.hpp>
#include <authcore/model/sso_options.hpp>
#include <authcore/error.hpp>

#include <algorithm>
#include <cctype>

namespace authcore::appliance {
namespace {

const std::string kRefused = "invalid username or password";
const std::string kUnavailable = "the directory is unavailable";
const RateLimit kAttempts{10, std::chrono::seconds{60}};

/// Failures that are the directory's or the connection's, not the user's:
/// they happen before or regardless of the user's bind, so a 502 for them
/// reveals nothing about the user.
bool directoryFault(ldap::AuthErrc code) {
    using ldap::AuthErrc;
    return code == AuthErrc::ServerDown || code == AuthErrc::TlsFailure || code == AuthErrc::Timeout ||
           code == AuthErrc::ServiceBindFailed || code == AuthErrc::InvalidOptions;
}

ldap::AuthenticatorOptions optionsOf(const SsoConnection& connection, std::string bindPassword) {
    const auto& s = connection.ldap;
    ldap::AuthenticatorOptions options;
    options.urls = ldapUrlList(s.ldapUrl); // tried in order: failover
    options.startTls = s.startTls;
    // The connection rules accept start_tls false with ldap:// URLs only when given explicitly.
    options.allowPlaintext = !s.startTls && std::any_of(options.urls.begin(), options.urls.end(), [](const auto& url) {
        return url.rfind("ldap://", 0) == 0;
    });
    options.caCertPem = s.caCertPem;
    // One value for connecting and for each operation, so that a stalled
    // directory answers 502 about when the administrator expects.
    const std::chrono::milliseconds timeout{s.timeoutMs > 0 ? s.timeoutMs : kDefaultLdapTimeoutMs};
    options.networkTimeout = timeout;
    options.operationTimeout = timeout;
    options.bindDn = s.bindDn;
    options.bindPassword = std::move(bindPassword);
    options.userBaseDn = s.userBaseDn;
    if (!s.userFilter.empty()) options.userFilter = s.userFilter;
    options.groupBaseDn = s.groupBaseDn;
    if (!s.groupFilter.empty()) options.groupFilter = s.groupFilter;
    return options;
}

SsoAssertion assertionOf(const ldap::AuthenticatedUser& user) {
    SsoAssertion assertion;
    assertion.subject = user.dn;
    auto& a = assertion.attributes;
    const auto put = [&a](std::initializer_list<const char*> names, const std::string& value) {
        if (value.empty()) return;
        for (const auto* name : names) a[name] = {value};
    };
    // Both the directory's names and the user fields, so attribute_mapping may name either.
    put({"email", "mail"}, user.email);
    auto name = user.displayName;
    if (name.empty()) name = user.givenName.empty() ? user.sn : user.sn.empty() ? user.givenName : user.givenName + " " + user.sn;
    put({"name"}, name);
    put({"displayName"}, user.displayName);
    put({"given_name", "givenName"}, user.givenName);
    put({"family_name", "sn"}, user.sn);
    put({"uid"}, user.uid);
    if (!user.groups.empty()) a["groups"] = user.groups;
    return assertion;
}

} // namespace

LdapLogin::LdapLogin(Context& context) : context_(context) {}
LdapLogin::~LdapLogin() = default;

SsoConnection LdapLogin::ldapOnly(std::optional<SsoConnection> connection) {
    // Unknown, inactive and non-LDAP connections look alike: tenants are not enumerable.
    if (!connection || connection->protocol != SsoProtocol::Ldap) throw Error(ErrorCode::NotFound, "not found");
    return std::move(*connection);
}

SsoConnection LdapLogin::bySlug(const std::string& slug) {
    auto view = context_.ssoConnections->findBySlug(slug);
    return ldapOnly(view ? std::optional(std::move(view->connection)) : std::nullopt);
}

SsoConnection LdapLogin::byId(const std::string& id) {
    auto connection = context_.db->ssoConnections().find(id);
    if (connection && connection->status != SsoConnectionStatus::Active) connection.reset();
    if (connection) { // as findBySlug: never hand the sealed secret around
        connection->ldap.sealedBindPassword.clear();
        connection->oidc.sealedClientSecret.clear();
    }
    return ldapOnly(std::move(connection));
}

std::shared_ptr<ldap::Authenticator> LdapLogin::authenticatorFor(const SsoConnection& connection) {
    std::lock_guard lock(mutex_);
    auto& cached = cache_[connection.id];
    // updatedAt has one-second resolution: the sealed password (a fresh nonce on every
    // change) and the settings tell a change made within the same second too.
    const auto stored = context_.db->ssoConnections().find(connection.id);
    const auto& s = stored ? stored->ldap : connection.ldap;
    const auto fingerprint = crypto::sha256(s.sealedBindPassword + '\n' + s.ldapUrl + '\n' + s.bindDn + '\n' +
                                            s.userBaseDn + '\n' + s.userFilter + '\n' + s.groupBaseDn + '\n' +
                                            s.groupFilter + '\n' + (s.startTls ? "1" : "0") + '\n' +
                                            std::to_string(s.timeoutMs) + '\n' + s.caCertPem);
    if (cached.authenticator && cached.fingerprint == fingerprint) return cached.authenticator;
    auto made = ldap::Authenticator::create(optionsOf(connection, context_.ssoConnections->openBindPassword(connection)));
    if (!made) {
        context_.logger.warn("ldap connection unusable",
                             {{"connection_id", connection.id}, {"reason", std::string(ldap::toString(made.error().code))}});
        throw Error(ErrorCode::UpstreamError, kUnavailable);
    }
    // Logins still running on the old pool keep it alive through their shared_ptr.
    cached = {fingerprint, std::shared_ptr<ldap::Authenticator>(std::move(*made))};
    return cached.authenticator;
}

LdapVerifiedUser LdapLogin::verify(const SsoConnection& connection, const std::string& username,
                                   const std::string& password) {
    // An empty password would be an anonymous bind: refused before the directory is asked.
    if (password.empty() || username.empty()) throw Error(ErrorCode::Unauthenticated, kRefused);
    const auto authenticator = authenticatorFor(connection);
    const auto user = authenticator->authenticate(username, password);
    if (!user) {
        const auto code = user.error().code;
        const Logger::Fields fields{{"connection_id", connection.id}, {"reason", std::string(ldap::toString(code))}};
        if (directoryFault(code)) {
            context_.logger.warn("ldap directory unavailable", fields);
            throw Error(ErrorCode::UpstreamError, kUnavailable);
        }
        context_.logger.info("ldap login refused", fields);
        throw Error(ErrorCode::Unauthenticated, kRefused);
    }
    return {assertionOf(*user), mapSsoGroups(connection.ldap.groupScopeMapping, user->groups)};
}

void LdapLogin::throttle(const SsoConnection& connection, const std::string& clientIp,
                         const std::string& username) {
    context_.limiter->hit("ldap-login:ip:" + clientIp, kAttempts);
    // Directories match uid and mail case-insensitively: so does the counter.
    std::string folded = username;
    for (auto& ch : folded) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    context_.limiter->hit("ldap-login:user:" + connection.id + ":" + crypto::hexEncode(crypto::sha256(folded)),
                          kAttempts);
}

void LdapLogin::applyRole(const SsoConnection& connection, const std::string& userId, Role role) {
    auto& organizations = context_.db->organizations();
    const auto membership = organizations.findMembership(connection.organizationId, userId);
    if (!membership) {
        organizations.upsertMembership({connection.organizationId, userId, role, context_.clock.now()});
    } else if (membership->role != role &&
               organizations.changeMembershipKeepingOwner(connection.organizationId, userId, role) ==
                   OrganizationStore::MembershipChange::LastOwner) {
        // The directory may not leave the organization without an owner; the role stays.
        context_.logger.warn("ldap group role not applied to the last owner", {{"connection_id", connection.id}});
    }
}

SsoLoginOutcome LdapLogin::login(const SsoConnection& connection, const std::string& username,
                                 const std::string& password) {
    const auto verified = verify(connection, username, password);
    auto effective = connection;
    if (verified.grants.role) effective.defaultRole = *verified.grants.role; // the JIT membership's role
    auto outcome = context_.ssoLogin->login(effective, verified.assertion);
    if (verified.grants.role && !outcome.identity.user.id.empty())
        applyRole(connection, outcome.identity.user.id, *verified.grants.role);
    return outcome;
}

LdapTestResult LdapLogin::test(const SsoConnection& connection) {
    std::shared_ptr<ldap::Authenticator> authenticator;
    try {
        authenticator = authenticatorFor(connection);
    } catch (const Error&) {
        return {false, "the connection settings cannot be used (ldap_url, start_tls or ca_cert_pem)"};
    }
    const auto probed = authenticator->probe();
    if (!probed) {
        // Administrators see the reason (never a password): it is their directory.
        return {false, std::string(ldap::toString(probed.error().code)) + ": " + probed.error().message};
    }
    return {true, "service bind and a search of " + connection.ldap.userBaseDn + " succeeded"};
}

} // namespace authcore::appliance
