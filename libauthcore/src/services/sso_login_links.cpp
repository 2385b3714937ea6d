// SPDX-License-Identifier: Apache-2.0
// Account linking: an SSO login whose email is an existing password user's
// becomes a link token, redeemed with that password.
#include <authcore/services/sso_login_service.hpp>

#include "crypto/json_util.hpp"
#include "services/sso_login_keys.hpp"
#include "services/sso_login_mapping.hpp"

#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>

#include <Poco/JSON/Object.h>

namespace authcore {
namespace {

const char* const kUnknownLink = "the link token is unknown, expired or already used";

std::string member(const Poco::JSON::Object& object, const std::string& name) {
    return object.optValue<std::string>(name, "");
}

/// Counts a wrong password in a CodeStore counter (atomic across requests
/// and nodes, unlike a rewrite of the token's value) and burns the token at
/// the limit. True when it is burnt.
bool countWrongPassword(CodeStore& codes, const std::string& hash, const SsoLoginOptions& options) {
    const auto attempts = codes.increment(detail::ssoLinkAttemptsKey(hash), options.linkLifetime).value;
    if (attempts < options.linkAttempts) return false;
    codes.remove(detail::ssoLinkKey(hash));
    return true;
}

/// Writes the identity link; a link another tab already wrote for the same user is fine.
void linkIdentity(IdentityStore& identities, const ExternalIdentity& identity) {
    try {
        identities.link({identity, std::nullopt, std::nullopt});
    } catch (const Error& e) {
        const auto existing =
            e.code() == ErrorCode::Conflict ? identities.find(identity.provider, identity.subject) : std::nullopt;
        if (!existing || existing->userId != identity.userId) throw;
    }
}

} // namespace

std::string SsoLoginService::issueLinkToken(const SsoConnection& connection, const SsoAssertion& assertion,
                                            const Match& found) {
    Poco::JSON::Object link;
    link.set("user_id", found.linkTarget->id);
    link.set("connection_id", connection.id);
    link.set("organization_id", connection.organizationId);
    link.set("subject", found.subject);
    link.set("email", found.identity.email);
    link.set("session_index", assertion.sessionIndex);
    link.set("not_on_or_after", static_cast<Poco::Int64>(assertion.notOnOrAfter ? toUnix(*assertion.notOnOrAfter) : 0));
    // The session the link opens is the login's: its lifetime and scope as the connection had them then.
    link.set("session_seconds", static_cast<Poco::Int64>(sessionLifetimeOf(connection).count()));
    link.set("scope", detail::grantedScope(connection, assertion));
    const auto token = crypto::randomToken(32);
    // 256 random bits: a collision means a broken CSPRNG, never a retry case.
    if (!codes_.putIfAbsent(detail::ssoLinkKey(detail::secretHash(token)), crypto::detail::toJson(link),
                            options_.linkLifetime))
        throw Error(ErrorCode::Internal, "link token collision");
    return token;
}

std::string SsoLoginService::confirmLink(const std::string& linkToken, const std::string& password) {
    const auto hash = detail::secretHash(linkToken);
    const auto stored = linkToken.empty() ? std::nullopt : codes_.get(detail::ssoLinkKey(hash));
    const auto link = stored ? crypto::detail::parseObject(*stored) : nullptr;
    const auto user = link ? users_.findById(member(*link, "user_id")) : std::nullopt;
    if (!user) throw Error(ErrorCode::NotFound, kUnknownLink);
    const auto organizationId = member(*link, "organization_id");
    const auto connectionId = member(*link, "connection_id");
    if (user->passwordHash.empty() || !hasher_.verify(password, user->passwordHash)) {
        const bool burnt = countWrongPassword(codes_, hash, options_);
        audit_.record(organizationId, user->id, "sso.link_failed", connectionId, false);
        throw Error(ErrorCode::Unauthenticated,
                    burnt ? "wrong password; the link token is now void" : "wrong password");
    }
    // Single use: of two right answers racing, only the one that takes it links.
    if (!codes_.take(detail::ssoLinkKey(hash))) throw Error(ErrorCode::NotFound, kUnknownLink);
    const auto now = clock_.now();
    const auto subject = member(*link, "subject");
    const auto email = member(*link, "email");
    linkIdentity(identities_, {detail::ssoProvider(connectionId), subject, user->id, email, now});
    audit_.record(organizationId, user->id, "sso.link_confirmed", connectionId, true);
    SsoSession session{"", organizationId, connectionId, user->id, email, subject, member(*link, "session_index"),
                       "", {}, {}, member(*link, "scope")};
    const auto notOnOrAfter = link->optValue<Poco::Int64>("not_on_or_after", 0);
    const std::chrono::seconds lifetime{link->optValue<Poco::Int64>("session_seconds", options_.sessionLifetime.count())};
    return openSession(session, lifetime, notOnOrAfter ? std::optional{fromUnix(notOnOrAfter)} : std::nullopt);
}

} // namespace authcore
