// SPDX-License-Identifier: Apache-2.0
// SsoGate: what the login paths that bypass SSO (the /login flow, the token
// endpoint's user grants) ask before they let a user in.
#pragma once

#include <authcore/services/sso_policy_service.hpp>
#include <authcore/store/sso_session_store.hpp>
#include <authcore/store/user_store.hpp>

#include <string>

namespace authcore {

class SsoGate {
public:
    SsoGate(SsoPolicyService& policy, UserStore& users, SsoSessionStore& sessions);

    /// True when the user must sign in through SSO (SsoPolicyService::ssoRequired).
    /// False for an unknown user: there is nobody to enforce on, and the
    /// grant is refused elsewhere.
    bool ssoRequired(const std::string& userId);
    /// ssoRequired, except that a refresh family born from an SSO login of
    /// this user (the family of one of its SSO sessions) stays allowed.
    bool refreshRefused(const std::string& userId, const std::string& refreshFamilyId);

private:
    SsoPolicyService& policy_;
    UserStore& users_;
    SsoSessionStore& sessions_;
};

} // namespace authcore
