// SPDX-License-Identifier: Apache-2.0
// SsoPolicyService: SSO enforcement and the admins' view of SSO sessions.
#include <authcore/error.hpp>
#include <authcore/services/sso_policy_service.hpp>

#include <algorithm>
#include <iterator>
#include <map>

namespace authcore {
namespace {

Error sessionNotFound() { return Error(ErrorCode::NotFound, "SSO session not found"); }

bool contains(const std::vector<Role>& roles, Role role) {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

void checkExemptRoles(const std::vector<Role>& roles) {
    for (auto it = roles.begin(); it != roles.end(); ++it)
        if (std::find(std::next(it), roles.end(), *it) != roles.end())
            throw Error(ErrorCode::InvalidInput, "exempt_roles names " + std::string(roleName(*it)) + " twice");
}

} // namespace

SsoPolicyService::SsoPolicyService(SsoConnectionStore& connections, SsoSessionStore& sessions, TokenStore& tokens,
                                   OrganizationStore& organizationStore, OrganizationService& organizations,
                                   AuditLog& audit, const Clock& clock)
    : connections_(connections), sessions_(sessions), tokens_(tokens), organizationStore_(organizationStore),
      organizations_(organizations), audit_(audit), clock_(clock) {}

SsoEnforcement SsoPolicyService::getEnforcement(const Principal& actor, const std::string& orgSlug) {
    return enforcementOf(manageable(actor, orgSlug).id);
}

SsoEnforcement SsoPolicyService::setEnforcement(const Principal& actor, const std::string& orgSlug, bool enforced,
                                                const std::vector<Role>& exemptRoles) {
    const auto org = manageable(actor, orgSlug);
    const SsoEnforcement policy{org.id, enforced, exemptRoles, clock_.now()};
    try {
        checkExemptRoles(exemptRoles);
        connections_.putEnforcement(policy);
    } catch (const Error&) {
        audit_.record(org.id, actor.actor(), "sso_enforcement.update", org.id, false);
        throw;
    }
    audit_.record(org.id, actor.actor(), "sso_enforcement.update", org.id, true);
    return policy;
}

std::vector<SsoSessionView> SsoPolicyService::listSessions(const Principal& actor, const std::string& orgSlug) {
    const auto org = manageable(actor, orgSlug);
    std::map<std::string, std::string> names; // connection id -> name, looked up once each
    std::vector<SsoSessionView> views;
    for (const auto& s : sessions_.listActive(org.id, clock_.now())) {
        auto name = names.find(s.connectionId);
        if (name == names.end()) {
            const auto c = connections_.find(s.connectionId);
            name = names.emplace(s.connectionId, c ? c->name : "").first;
        }
        views.push_back({s.id, s.email, s.connectionId, name->second, s.createdAt, s.expiresAt});
    }
    return views;
}

void SsoPolicyService::revokeSession(const Principal& actor, const std::string& orgSlug, const std::string& id) {
    const auto org = manageable(actor, orgSlug);
    const auto session = sessions_.find(id);
    if (!session || session->organizationId != org.id) throw sessionNotFound();
    // Tokens first: a session row without live tokens is harmless, live
    // tokens without their row could no longer be revoked from here.
    tokens_.revokeFamily(session->refreshFamilyId);
    if (!sessions_.remove(id)) throw sessionNotFound();
    audit_.record(org.id, actor.actor(), "sso_session.revoke", id, true);
}

bool SsoPolicyService::ssoRequired(const User& user) {
    if (user.systemAdmin) return false;
    for (const auto& membership : organizationStore_.listMembershipsOfUser(user.id)) {
        const auto policy = enforcementOf(membership.organizationId);
        if (policy.enforced && !contains(policy.exemptRoles, membership.role)) return true;
    }
    return false;
}

void SsoPolicyService::requirePasswordAllowed(const User& user) {
    if (ssoRequired(user))
        throw Error(ErrorCode::SsoRequired, "your organization requires single sign-on; log in through SSO");
}

Organization SsoPolicyService::manageable(const Principal& actor, const std::string& orgSlug) {
    if (actor.isApiKey()) throw Error(ErrorCode::Forbidden, "API keys cannot manage SSO policy");
    return organizations_.authorize(actor, orgSlug, Role::Admin);
}

SsoEnforcement SsoPolicyService::enforcementOf(const std::string& organizationId) {
    auto policy = connections_.findEnforcement(organizationId);
    return policy ? *policy : SsoEnforcement{organizationId, false, {}, {}};
}

} // namespace authcore
