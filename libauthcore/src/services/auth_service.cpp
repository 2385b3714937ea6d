// SPDX-License-Identifier: Apache-2.0
// Password login with brute-force limits, browser sessions, bearer callers.
#include <authcore/crypto/constant_time.hpp>
#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/services/auth_service.hpp>
#include <authcore/services/user_service.hpp>

#include <sstream>

namespace authcore {
namespace {

const char* const kBadCredentials = "invalid email or password";

std::string sessionKey(const std::string& cookieValue) {
    return crypto::hexEncode(crypto::sha256(cookieValue));
}

} // namespace

AuthService::AuthService(UserStore& users, SessionStore& sessions, TokenStore& revocations,
                         const crypto::PasswordHasher& hasher,
                         RateLimiter& limiter, TokenIssuer& tokens, AuditLog& audit, const Clock& clock,
                         AuthOptions options)
    : users_(users), sessions_(sessions), revocations_(revocations), hasher_(hasher), limiter_(limiter), tokens_(tokens), audit_(audit),
      clock_(clock), options_(std::move(options)),
      // Verifying against this when the user is unknown keeps both paths equally slow.
      dummyHash_(hasher.hash(crypto::randomToken(16))) {}

User AuthService::authenticatePassword(const std::string& email, const std::string& password,
                                       const std::string& clientIp) {
    limiter_.hit("login:ip:" + clientIp, options_.perIp);
    std::string normalized;
    try {
        normalized = normalizeEmail(email);
    } catch (const Error&) {
        throw Error(ErrorCode::Unauthenticated, kBadCredentials);
    }
    limiter_.hit("login:acct:" + normalized, options_.perAccount);
    if (password.empty() || password.size() > 1024) throw Error(ErrorCode::Unauthenticated, kBadCredentials);
    auto user = users_.findByEmail(normalized);
    const bool hasPassword = user && !user->passwordHash.empty();
    const bool ok = hasher_.verify(password, hasPassword ? user->passwordHash : dummyHash_) && hasPassword;
    if (!ok) {
        audit_.record("", user ? user->id : "anonymous", "auth.login", normalized, false);
        throw Error(ErrorCode::Unauthenticated, kBadCredentials);
    }
    limiter_.reset("login:acct:" + normalized);
    if (hasher_.needsRehash(user->passwordHash)) {
        user->passwordHash = hasher_.hash(password);
        user->updatedAt = clock_.now();
        users_.update(*user);
    }
    audit_.record("", user->id, "auth.login", user->id, true);
    return *user;
}

IssuedToken AuthService::issueManagementToken(const User& user) {
    AccessTokenRequest request;
    request.subject = user.id;
    request.audience = tokens_.issuer();
    request.clientId = options_.consoleClientId;
    request.scope = "openid email profile";
    request.email = user.email;
    return tokens_.issue(request);
}

Principal AuthService::principalFromBearer(std::string_view token) {
    auto claims = tokens_.verify(token, tokens_.issuer());
    if (!claims) throw Error(ErrorCode::Unauthenticated, "invalid access token");
    if (revocations_.isAccessTokenRevoked(claims->string("jti").value_or("")))
        throw Error(ErrorCode::Unauthenticated, "access token has been revoked");
    auto subject = claims->string("sub");
    auto user = subject ? users_.findById(*subject) : std::nullopt;
    if (!user) throw Error(ErrorCode::Unauthenticated, "invalid access token");
    return Principal{user->id, user->email, user->systemAdmin};
}

User AuthService::userInfo(std::string_view token) {
    // Any audience: a service's user token is as good here as a console one.
    // The signature, iss and lifetime are still verified below.
    const auto peeked = crypto::peekJwtPart(token, 1);
    const auto audiences = peeked ? peeked->audience() : std::vector<std::string>{};
    auto claims = tokens_.verify(token, audiences.empty() ? tokens_.issuer() : audiences.front());
    if (!claims) throw Error(ErrorCode::Unauthenticated, "invalid access token");
    if (revocations_.isAccessTokenRevoked(claims->string("jti").value_or("")))
        throw Error(ErrorCode::Unauthenticated, "access token has been revoked");
    const auto subject = claims->string("sub").value_or("");
    auto user = subject.rfind("usr_", 0) == 0 ? users_.findById(subject) : std::nullopt;
    if (!user) throw Error(ErrorCode::Unauthenticated, "the access token is not a user's");
    std::istringstream scopes(claims->string("scope").value_or(""));
    for (std::string scope; scopes >> scope;)
        if (scope == "openid") return *user;
    throw Error(ErrorCode::Forbidden, "the access token lacks the openid scope");
}

std::string AuthService::openSession(const User& user) {
    const auto value = crypto::randomToken(32);
    const auto now = clock_.now();
    sessions_.insert(BrowserSession{sessionKey(value), user.id, now, now + options_.sessionLifetime});
    return value;
}

std::optional<User> AuthService::resolveSession(const std::string& cookieValue) {
    auto active = resolveSessionDetails(cookieValue);
    if (!active) return std::nullopt;
    return std::move(active->user);
}

std::optional<ActiveBrowserSession> AuthService::resolveSessionDetails(const std::string& cookieValue) {
    if (cookieValue.empty() || cookieValue.size() > 128) return std::nullopt;
    auto session = sessions_.find(sessionKey(cookieValue));
    if (!session) return std::nullopt;
    if (session->expiresAt <= clock_.now()) {
        sessions_.remove(session->idHash);
        return std::nullopt;
    }
    auto user = users_.findById(session->userId);
    if (!user) return std::nullopt;
    return ActiveBrowserSession{std::move(*session), std::move(*user)};
}

void AuthService::closeSessionById(const std::string& idHash) { sessions_.remove(idHash); }

void AuthService::closeSession(const std::string& cookieValue) {
    if (!cookieValue.empty() && cookieValue.size() <= 128) sessions_.remove(sessionKey(cookieValue));
}

} // namespace authcore
