// SPDX-License-Identifier: Apache-2.0
// SsoPolicyService: an organization's SSO enforcement (who must sign in
// through SSO rather than with a password) and its active SSO sessions.
// REST and GraphQL both call this; the login paths ask ssoRequired().
#pragma once

#include <authcore/model/sso_connection.hpp>
#include <authcore/model/user.hpp>
#include <authcore/services/audit_log.hpp>
#include <authcore/services/organization_service.hpp>
#include <authcore/services/principal.hpp>
#include <authcore/store/organization_store.hpp>
#include <authcore/store/sso_connection_store.hpp>
#include <authcore/store/sso_session_store.hpp>
#include <authcore/store/token_store.hpp>

#include <string>
#include <vector>

namespace authcore {

/// An active SSO session as admins see it.
struct SsoSessionView {
    std::string id;
    std::string email;
    std::string connectionId;
    std::string connectionName;
    Timestamp createdAt{};
    Timestamp expiresAt{};
};

class SsoPolicyService {
public:
    SsoPolicyService(SsoConnectionStore& connections, SsoSessionStore& sessions, TokenStore& tokens,
                     OrganizationStore& organizationStore, OrganizationService& organizations, AuditLog& audit,
                     const Clock& clock);

    // Owners and admins (and system admins) only; members get Forbidden,
    // others NotFound; API keys Forbidden.

    /// The policy; {enforced: false, exemptRoles: []} when never set.
    SsoEnforcement getEnforcement(const Principal& actor, const std::string& orgSlug);
    /// Replaces the policy. InvalidInput for a repeated role (nothing written).
    SsoEnforcement setEnforcement(const Principal& actor, const std::string& orgSlug, bool enforced,
                                  const std::vector<Role>& exemptRoles);
    /// The organization's unexpired SSO sessions, newest first.
    std::vector<SsoSessionView> listSessions(const Principal& actor, const std::string& orgSlug);
    /// Ends the session and revokes its refresh tokens at once. NotFound also
    /// for a session of another organization.
    void revokeSession(const Principal& actor, const std::string& orgSlug, const std::string& id);

    /// True when `user` belongs to an organization that enforces SSO with a
    /// role that is not exempt there. System admins are never blocked, so
    /// that a misconfigured IdP cannot lock every administrator out.
    bool ssoRequired(const User& user);
    /// Throws Error(SsoRequired) when ssoRequired(user); for password logins,
    /// after the password was verified.
    void requirePasswordAllowed(const User& user);

private:
    Organization manageable(const Principal& actor, const std::string& orgSlug);
    SsoEnforcement enforcementOf(const std::string& organizationId);

    SsoConnectionStore& connections_;
    SsoSessionStore& sessions_;
    TokenStore& tokens_;
    OrganizationStore& organizationStore_;
    OrganizationService& organizations_;
    AuditLog& audit_;
    const Clock& clock_;
};

} // namespace authcore
