// SPDX-License-Identifier: Apache-2.0
// SSO sessions and their one-time codes: opening, exchanging, ending.
#include <authcore/services/sso_login_service.hpp>

#include "crypto/json_util.hpp"
#include "services/code_replay.hpp"
#include "services/sso_login_keys.hpp"

#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>

#include <Poco/JSON/Object.h>

namespace authcore {
namespace {

const char* const kInvalidCode = "invalid or expired code";

} // namespace

std::chrono::seconds SsoLoginService::sessionLifetimeOf(const SsoConnection& connection) const {
    return connection.sessionTtlSeconds > 0 ? std::chrono::seconds{connection.sessionTtlSeconds}
                                            : options_.sessionLifetime;
}

std::string SsoLoginService::openSession(SsoSession& session, std::chrono::seconds lifetime,
                                         std::optional<Timestamp> notOnOrAfter) {
    const auto now = clock_.now();
    session.id = crypto::randomId("sess_");
    session.refreshFamilyId = crypto::randomId("rtf_");
    session.createdAt = now;
    session.expiresAt = now + lifetime;
    // The IdP's own session limit wins when it ends first.
    if (notOnOrAfter && *notOnOrAfter < session.expiresAt) session.expiresAt = *notOnOrAfter;
    if (session.expiresAt <= now)
        throw Error(ErrorCode::InvalidInput, "the identity provider's session has already ended");
    sessions_.insert(session);
    Poco::JSON::Object value;
    value.set("session_id", session.id);
    value.set("user_id", session.userId);
    value.set("email", session.email);
    const auto code = crypto::randomToken(32);
    if (!codes_.putIfAbsent(detail::ssoCodeKey(detail::secretHash(code)), crypto::detail::toJson(value),
                            options_.codeLifetime))
        throw Error(ErrorCode::Internal, "SSO code collision");
    return code;
}

TokenResult SsoLoginService::exchange(const std::string& code, const std::string& clientIp) {
    limiter_.hit("sso_exchange:" + clientIp, options_.exchangePerIp);
    const auto hash = detail::secretHash(code);
    const auto stored = code.empty() ? std::nullopt : codes_.take(detail::ssoCodeKey(hash)); // gone whatever follows
    if (!stored) {
        // A second use means two parties held the code: what the first got goes too.
        const auto family = detail::revokeReplayedCode(codes_, tokenStore_, detail::ssoUsedKey(hash));
        if (!family.empty()) audit_.record("", "", "sso.code_reuse", family, false);
        throw Error(ErrorCode::InvalidInput, kInvalidCode);
    }
    const auto value = crypto::detail::parseObject(*stored);
    const auto session = value ? sessions_.find(value->optValue<std::string>("session_id", "")) : std::nullopt;
    const auto now = clock_.now();
    if (!session || session->expiresAt <= now || session->userId != value->optValue<std::string>("user_id", ""))
        throw Error(ErrorCode::InvalidInput, kInvalidCode);
    // The refresh family ends with the session: a refreshing client cannot outlive it.
    auto result = tokens_.issueSessionTokens({session->userId, session->email, session->refreshFamilyId,
                                              session->expiresAt, session->createdAt, options_.consoleClientId,
                                              session->scope});
    detail::rememberUsedCode(codes_, detail::ssoUsedKey(hash), session->refreshFamilyId, result.accessToken, now);
    audit_.record(session->organizationId, session->userId, "sso.exchange", session->id, true);
    return result;
}

int SsoLoginService::endSessions(const std::string& connectionId, const std::string& subject,
                                 const std::string& sessionIndex) {
    if (subject.empty() && sessionIndex.empty()) return 0; // never "every session of the connection"
    const auto matching = subject.empty() ? sessions_.findBySessionIndex(connectionId, sessionIndex)
                                          : sessions_.findBySubject(connectionId, subject, sessionIndex);
    int ended = 0;
    for (const auto& session : matching) {
        tokenStore_.revokeFamily(session.refreshFamilyId);
        if (!sessions_.remove(session.id)) continue; // another node ended it meanwhile
        ++ended;
        audit_.record(session.organizationId, session.userId, "sso.logout", session.id, true);
    }
    return ended;
}

} // namespace authcore
