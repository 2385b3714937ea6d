// SPDX-License-Identifier: Apache-2.0
// SsoSession: one sign-in through an organization's SSO connection.
#pragma once

#include <authcore/time.hpp>
#include <string>

namespace authcore {

/// Created by every SSO login that ends in a code; the tokens the code is
/// exchanged for belong to its refresh family, so ending the session (SLO,
/// revocation) ends them too.
struct SsoSession {
    std::string id; ///< `sess_...`
    std::string organizationId;
    std::string connectionId;
    std::string userId;
    std::string email;
    std::string subject;      ///< the IdP's name for the user (SAML NameID, OIDC sub, LDAP DN)
    std::string sessionIndex; ///< SAML SessionIndex or OIDC `sid`, for IdP-initiated logout; may be empty
    std::string refreshFamilyId; ///< `rtf_...`: the refresh tokens issued for this session
    Timestamp createdAt{};
    Timestamp expiresAt{};
    std::string scope; ///< space-separated scopes the login granted (LDAP group mapping); may be empty
};

} // namespace authcore
