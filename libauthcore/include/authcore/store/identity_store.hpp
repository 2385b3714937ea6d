// SPDX-License-Identifier: Apache-2.0
// IdentityStore: upstream identities of local users. Throws authcore::Error.
#pragma once

#include <authcore/model/client.hpp>
#include <authcore/model/external_identity.hpp>
#include <authcore/model/membership.hpp>
#include <authcore/model/user.hpp>

#include <optional>
#include <string>
#include <vector>

namespace authcore {

/// What one upstream login writes, all or nothing.
struct IdentityLink {
    ExternalIdentity identity;
    std::optional<User> newUser;     ///< inserted first when set (identity.userId must be its id)
    std::optional<Client> newClient; ///< the user's own `user` client, when it has none yet
    std::optional<Membership> newMembership{}; ///< inserted after the user (SSO just-in-time provisioning)
};

class IdentityStore {
public:
    virtual ~IdentityStore() = default;
    virtual std::optional<ExternalIdentity> find(const std::string& provider, const std::string& subject) = 0;
    /// Oldest first.
    virtual std::vector<ExternalIdentity> listForUser(const std::string& userId) = 0;
    /// Writes the link in one transaction. Conflict when the identity, the
    /// new user's email, the new membership or the new client's id already
    /// exists (nothing is written then); NotFound when the identity names an
    /// unknown user or the new membership an unknown organization.
    virtual void link(const IdentityLink& link) = 0;
};

} // namespace authcore
