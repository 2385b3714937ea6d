// SPDX-License-Identifier: Apache-2.0
// IdentityLinker: the local user an upstream login is, found or created.
#pragma once

#include <authcore/model/user.hpp>
#include <authcore/services/upstream_provider.hpp>
#include <authcore/store/client_store.hpp>
#include <authcore/store/identity_store.hpp>
#include <authcore/store/user_store.hpp>
#include <authcore/time.hpp>

namespace authcore {

class IdentityLinker {
public:
    IdentityLinker(UserStore& users, IdentityStore& identities, ClientStore& clients, const Clock& clock);

    /// Matches (provider, subject) of an earlier login; else links the
    /// existing user with the same email when the provider verified it; else
    /// creates a user with no organization membership. Every user reached
    /// this way has a `user` client whose id is the user id. Error(Forbidden)
    /// when the email is unverified and belongs to an existing user (linking
    /// would hand that account to whoever controls the upstream account);
    /// Error(InvalidInput) when the provider gave no email.
    User resolve(const UpstreamUser& upstream);

private:
    User linkOrCreate(const UpstreamUser& upstream);
    std::optional<Client> missingClientOf(const User& user);

    UserStore& users_;
    IdentityStore& identities_;
    ClientStore& clients_;
    const Clock& clock_;
};

} // namespace authcore
