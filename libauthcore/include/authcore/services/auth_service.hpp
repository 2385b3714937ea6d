// SPDX-License-Identifier: Apache-2.0
// AuthService: password login, browser sessions and bearer-token callers.
#pragma once

#include <authcore/crypto/password_hasher.hpp>
#include <authcore/model/user.hpp>
#include <authcore/services/audit_log.hpp>
#include <authcore/services/principal.hpp>
#include <authcore/services/rate_limiter.hpp>
#include <authcore/services/token_issuer.hpp>
#include <authcore/store/session_store.hpp>
#include <authcore/store/token_store.hpp>
#include <authcore/store/user_store.hpp>
#include <chrono>
#include <optional>
#include <string>

namespace authcore {

struct AuthOptions {
    RateLimit perIp{20, std::chrono::seconds{60}};       ///< login attempts per client IP
    RateLimit perAccount{10, std::chrono::seconds{900}}; ///< attempts per email until a success
    std::chrono::seconds sessionLifetime{12 * 3600};
    std::string consoleClientId = "authcore-console";
};

/// A browser session that is still valid, with its user.
struct ActiveBrowserSession {
    BrowserSession session;
    User user;
};

class AuthService {
public:
    AuthService(UserStore& users, SessionStore& sessions, TokenStore& revocations, const crypto::PasswordHasher& hasher,
                RateLimiter& limiter, TokenIssuer& tokens, AuditLog& audit, const Clock& clock,
                AuthOptions options = {});

    /// Checks email and password. Unauthenticated for any mismatch (same
    /// message and similar time whether or not the user exists); RateLimited
    /// past the per-IP or per-account limit.
    User authenticatePassword(const std::string& email, const std::string& password, const std::string& clientIp);
    /// A management-plane access token (aud = issuer) for the user.
    IssuedToken issueManagementToken(const User& user);
    /// The caller behind a management-plane bearer JWT (not revoked);
    /// Unauthenticated otherwise.
    Principal principalFromBearer(std::string_view token);
    /// OIDC UserInfo for a user access token of any audience we issued, whose
    /// scope has `openid`: the user as stored now. Unauthenticated for a bad,
    /// revoked or non-user token; Forbidden without `openid`.
    User userInfo(std::string_view token);

    /// Starts a browser session; returns the cookie value (256-bit random).
    std::string openSession(const User& user);
    /// The session's user, or nullopt for an unknown or expired cookie.
    std::optional<User> resolveSession(const std::string& cookieValue);
    void closeSession(const std::string& cookieValue);
    /// The live session behind a cookie and its user, for protocols that must
    /// end the session later without keeping the cookie (SAML single logout).
    std::optional<ActiveBrowserSession> resolveSessionDetails(const std::string& cookieValue);
    /// Ends the session whose BrowserSession::idHash this is (no-op if gone).
    void closeSessionById(const std::string& idHash);
    std::chrono::seconds sessionLifetime() const { return options_.sessionLifetime; }

private:
    UserStore& users_;
    SessionStore& sessions_;
    TokenStore& revocations_;
    const crypto::PasswordHasher& hasher_;
    RateLimiter& limiter_;
    TokenIssuer& tokens_;
    AuditLog& audit_;
    const Clock& clock_;
    AuthOptions options_;
    std::string dummyHash_;
};

} // namespace authcore
