// SPDX-License-Identifier: Apache-2.0
// SsoLoginService: what happens after an SSO protocol (SAML, OIDC, LDAP) has
// verified who the IdP says the user is: the domain rule, user matching, JIT
// provisioning, account linking, the SSO session and the one-time code, and
// the code's exchange for tokens. Protocol layers call this; none of them
// holds these rules.
#pragma once

#include <authcore/crypto/password_hasher.hpp>
#include <authcore/ephemeral/code_store.hpp>
#include <authcore/model/sso_connection.hpp>
#include <authcore/model/sso_options.hpp>
#include <authcore/model/sso_session.hpp>
#include <authcore/model/user.hpp>
#include <authcore/services/audit_log.hpp>
#include <authcore/services/rate_limiter.hpp>
#include <authcore/services/token_service.hpp>
#include <authcore/store/identity_store.hpp>
#include <authcore/store/organization_store.hpp>
#include <authcore/store/sso_session_store.hpp>
#include <authcore/store/token_store.hpp>
#include <authcore/store/user_store.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace authcore {

/// What the IdP asserted, after the protocol layer verified it.
struct SsoAssertion {
    std::string subject;     ///< stable IdP id: SAML NameID, OIDC `sub`, LDAP DN; never empty
    bool subjectIsEmail = false; ///< SAML NameID format emailAddress (the email fallback)
    std::map<std::string, std::vector<std::string>> attributes; ///< raw IdP attributes / claims
    std::string sessionIndex; ///< SAML SessionIndex or OIDC `sid`; may be empty
    std::optional<Timestamp> notOnOrAfter; ///< the IdP's session limit (SessionNotOnOrAfter), caps ours
};

/// The user an assertion is, after the connection's attribute mapping.
struct SsoIdentity {
    User user;
    bool jitProvisioned = false; ///< created by this login
    std::string email;           ///< as asserted (lower case)
    std::string name;
};

/// How a browser login ends: a one-time code, or a link token when the
/// email belongs to a password user who must first confirm with the password.
struct SsoLoginOutcome {
    std::string code;      ///< 60 s, single use; empty when linking is required
    std::string linkToken; ///< 10 min; empty when a code was issued
    SsoIdentity identity;  ///< user.id empty when linking is required
    std::string sessionId; ///< the SsoSession made, when a code was issued
};

struct SsoLoginOptions {
    std::chrono::seconds codeLifetime{60};
    std::chrono::seconds linkLifetime{600};
    int linkAttempts = 5; ///< wrong passwords that burn a link token
    RateLimit exchangePerIp{20, std::chrono::seconds{60}};
    /// For connections without a session lifetime of their own.
    std::chrono::seconds sessionLifetime{kDefaultSsoSessionTtlSeconds};
    std::string consoleClientId = "authcore-console";
};

class SsoLoginService {
public:
    SsoLoginService(UserStore& users, OrganizationStore& organizations, IdentityStore& identities,
                    SsoSessionStore& sessions, CodeStore& codes, RateLimiter& limiter,
                    const crypto::PasswordHasher& hasher, TokenService& tokens, TokenStore& tokenStore,
                    AuditLog& audit, const Clock& clock, SsoLoginOptions options = {});

    /// Finds the user without touching sessions or codes (the API callbacks).
    /// Email: the mapped `email` attribute (default names tried: email, mail,
    /// emailAddress and the SAML/OID URIs), else an email-format subject.
    /// InvalidInput: no email, or an email outside the connection's domains
    /// (a connection without domains admits only users already linked to it).
    /// Forbidden: unknown user without JIT, or an existing user the connection
    /// cannot take over (no password to confirm a link with).
    /// Conflict: an existing password user not yet linked (`resolve` never
    /// links; `login` answers with a link token instead).
    /// Nothing is written before every check has passed.
    SsoIdentity resolve(const SsoConnection& connection, const SsoAssertion& assertion);

    /// `resolve`, then a session and a code; or a link token for an existing
    /// password user not yet linked to this connection. Same errors. The
    /// session lasts the connection's sessionTtlSeconds (options' default when
    /// 0), capped by assertion.notOnOrAfter; its scope is what the connection's
    /// group_scope_mapping grants the `groups` attribute's values (the role
    /// values of the mapping are not scopes).
    SsoLoginOutcome login(const SsoConnection& connection, const SsoAssertion& assertion);

    /// Links the account behind `linkToken` once `password` is the user's,
    /// then opens the session and returns its code. NotFound: unknown,
    /// expired, used or burnt token; Unauthenticated: wrong password (the 5th
    /// burns the token); StoreUnavailable from the CodeStore.
    std::string confirmLink(const std::string& linkToken, const std::string& password);

    /// Redeems a code for a management-plane access token (aud = issuer,
    /// client = the console, scope = the base scope and the session's) and a
    /// refresh token of the session's family, which ends with the session.
    /// RateLimited past exchangePerIp; InvalidInput for an unknown, expired or
    /// used code (a second use also revokes what the first issued).
    TokenResult exchange(const std::string& code, const std::string& clientIp);

    /// IdP-initiated logout: ends the connection's sessions of `subject`
    /// (only `sessionIndex`'s when not empty; every subject's with that
    /// sessionIndex when `subject` is empty) and revokes their refresh tokens.
    /// Returns how many ended; 0 when both are empty.
    int endSessions(const std::string& connectionId, const std::string& subject, const std::string& sessionIndex);

private:
    /// An assertion matched to a user: `identity.user` to log in, or the
    /// password user `linkTarget` (identity.user empty) who must confirm.
    struct Match {
        SsoIdentity identity;
        std::string subject; ///< after the mapping
        std::optional<User> linkTarget;
    };
    /// Every check of `resolve`, and the JIT write once they have passed.
    Match match(const SsoConnection& connection, const SsoAssertion& assertion);
    Match matchByEmail(const SsoConnection& connection, Match match);
    /// The user has an identity of this connection (any subject).
    bool linkedTo(const SsoConnection& connection, const std::string& userId);
    /// Creates the user, its membership and its identity in one write.
    User provision(const SsoConnection& connection, const Match& match);
    /// Completes `session` (id, family, times), stores it and returns a code for it.
    std::string openSession(SsoSession& session, std::chrono::seconds lifetime, std::optional<Timestamp> notOnOrAfter);
    /// The connection's session lifetime, options_.sessionLifetime when it has none.
    std::chrono::seconds sessionLifetimeOf(const SsoConnection& connection) const;
    std::string issueLinkToken(const SsoConnection& connection, const SsoAssertion& assertion, const Match& match);

    UserStore& users_;
    OrganizationStore& organizations_;
    IdentityStore& identities_;
    SsoSessionStore& sessions_;
    CodeStore& codes_;
    RateLimiter& limiter_;
    const crypto::PasswordHasher& hasher_;
    TokenService& tokens_;
    TokenStore& tokenStore_;
    AuditLog& audit_;
    const Clock& clock_;
    SsoLoginOptions options_;
};

} // namespace authcore
