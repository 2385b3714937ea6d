// SPDX-License-Identifier: Apache-2.0
// SsoGate: SSO enforcement for logins that do not come through a connection.
#include <authcore/services/sso_gate.hpp>

namespace authcore {

SsoGate::SsoGate(SsoPolicyService& policy, UserStore& users, SsoSessionStore& sessions)
    : policy_(policy), users_(users), sessions_(sessions) {}

bool SsoGate::ssoRequired(const std::string& userId) {
    const auto user = users_.findById(userId);
    return user && policy_.ssoRequired(*user);
}

bool SsoGate::refreshRefused(const std::string& userId, const std::string& refreshFamilyId) {
    // The policy first: it is the cheap answer for everyone not under
    // enforcement, and only they would need the session lookup.
    if (!ssoRequired(userId)) return false;
    return !sessions_.findByRefreshFamily(userId, refreshFamilyId).has_value();
}

} // namespace authcore
