// SPDX-License-Identifier: Apache-2.0
// SsoLoginService: the domain rule, user matching and JIT provisioning.
#include <authcore/services/sso_login_service.hpp>

#include "services/sso_login_keys.hpp"
#include "services/sso_login_mapping.hpp"

#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>

#include <algorithm>

namespace authcore {

SsoLoginService::SsoLoginService(UserStore& users, OrganizationStore& organizations, IdentityStore& identities,
                                 SsoSessionStore& sessions, CodeStore& codes, RateLimiter& limiter,
                                 const crypto::PasswordHasher& hasher, TokenService& tokens, TokenStore& tokenStore,
                                 AuditLog& audit, const Clock& clock, SsoLoginOptions options)
    : users_(users), organizations_(organizations), identities_(identities), sessions_(sessions), codes_(codes),
      limiter_(limiter), hasher_(hasher), tokens_(tokens), tokenStore_(tokenStore), audit_(audit), clock_(clock),
      options_(std::move(options)) {}

SsoIdentity SsoLoginService::resolve(const SsoConnection& connection, const SsoAssertion& assertion) {
    auto found = match(connection, assertion);
    if (found.linkTarget)
        throw Error(ErrorCode::Conflict, "an account with this email exists: confirm its password to link it");
    return found.identity;
}

SsoLoginOutcome SsoLoginService::login(const SsoConnection& connection, const SsoAssertion& assertion) {
    auto found = match(connection, assertion);
    SsoLoginOutcome outcome;
    outcome.identity = found.identity;
    if (found.linkTarget) {
        outcome.linkToken = issueLinkToken(connection, assertion, found);
        audit_.record(connection.organizationId, found.linkTarget->id, "sso.link_required", connection.id, true);
        return outcome;
    }
    const auto& user = found.identity.user;
    SsoSession session{"", connection.organizationId, connection.id, user.id, found.identity.email, found.subject,
                       assertion.sessionIndex, "", {}, {}, detail::grantedScope(connection, assertion)};
    outcome.code = openSession(session, sessionLifetimeOf(connection), assertion.notOnOrAfter);
    outcome.sessionId = session.id;
    audit_.record(connection.organizationId, user.id, "sso.login", connection.id, true);
    return outcome;
}

SsoLoginService::Match SsoLoginService::match(const SsoConnection& connection, const SsoAssertion& assertion) {
    if (connection.status != SsoConnectionStatus::Active)
        throw Error(ErrorCode::Forbidden, "this SSO connection is inactive");
    if (assertion.notOnOrAfter && *assertion.notOnOrAfter <= clock_.now())
        throw Error(ErrorCode::InvalidInput, "the identity provider's session has already ended");
    const auto mapped = detail::mapAssertion(connection, assertion);
    Match found{{User{}, false, mapped.email, mapped.name}, mapped.subject, std::nullopt};
    const auto linked = identities_.find(detail::ssoProvider(connection.id), mapped.subject);
    // The domain rule stops a tenant's IdP from asserting another tenant's
    // addresses. A connection without domains vouches for no address, so it
    // only signs in the users who were linked to it before.
    if (connection.domains.empty() && !linked)
        throw Error(ErrorCode::InvalidInput, "this SSO connection claims no domain and the user is not linked to it");
    if (!connection.domains.empty() && !detail::inConnectionDomains(connection, mapped.email))
        throw Error(ErrorCode::InvalidInput, "the email's domain is not one of this SSO connection's domains");
    if (!linked) return matchByEmail(connection, std::move(found));
    // Matched by the IdP's stable id: an email changed at the IdP still finds the user.
    const auto user = users_.findById(linked->userId);
    if (!user) throw Error(ErrorCode::Conflict, "the linked user was just removed");
    found.identity.user = *user;
    return found;
}

SsoLoginService::Match SsoLoginService::matchByEmail(const SsoConnection& connection, Match found) {
    auto existing = users_.findByEmail(found.identity.email);
    // Linked to this connection under another subject: the IdP sends a new
    // NameID per login (transient format) or re-created its account. The
    // connection proved this user before, so it is the same person.
    if (existing && linkedTo(connection, existing->id)) {
        found.identity.user = std::move(*existing);
        return found;
    }
    if (existing && !existing->passwordHash.empty()) {
        found.linkTarget = std::move(existing);
        return found;
    }
    // An IdP of one tenant must not take over an account it cannot prove is
    // the same person's, and a user without a password has nothing to confirm
    // a link with: they keep signing in the way they always did.
    if (existing)
        throw Error(ErrorCode::Forbidden, "this account cannot be linked here: sign in with its usual method");
    if (!connection.jitProvisioning)
        throw Error(ErrorCode::Forbidden, "no account for this email and just-in-time provisioning is off");
    found.identity.user = provision(connection, found);
    found.identity.jitProvisioned = true;
    return found;
}

bool SsoLoginService::linkedTo(const SsoConnection& connection, const std::string& userId) {
    const auto provider = detail::ssoProvider(connection.id);
    const auto links = identities_.listForUser(userId);
    return std::any_of(links.begin(), links.end(), [&](const ExternalIdentity& link) { return link.provider == provider; });
}

User SsoLoginService::provision(const SsoConnection& connection, const Match& found) {
    const auto now = clock_.now();
    User user;
    user.id = crypto::randomId("usr_");
    user.email = found.identity.email;
    user.name = found.identity.name;
    user.emailVerified = true; // the domain rule: the connection's IdP answers for these addresses
    user.createdAt = now;
    user.updatedAt = now;
    const ExternalIdentity identity{detail::ssoProvider(connection.id), found.subject, user.id, user.email, now};
    try {
        identities_.link({identity, user, std::nullopt, Membership{connection.organizationId, user.id,
                                                                    connection.defaultRole, now}});
    } catch (const Error& e) {
        // Two first logins of one person raced: the winner's user is theirs too.
        const auto winner = e.code() == ErrorCode::Conflict ? identities_.find(identity.provider, identity.subject)
                                                            : std::nullopt;
        const auto theirs = winner ? users_.findById(winner->userId) : std::nullopt;
        if (!theirs) throw;
        return *theirs;
    }
    audit_.record(connection.organizationId, user.id, "sso.jit_provision", connection.id, true);
    return user;
}

} // namespace authcore
