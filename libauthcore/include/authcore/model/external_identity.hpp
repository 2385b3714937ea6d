// SPDX-License-Identifier: Apache-2.0
// ExternalIdentity: a local user's account at an upstream provider.
#pragma once

#include <authcore/time.hpp>
#include <string>

namespace authcore {

/// Links (provider, subject) to a user, so that the next login through the
/// same provider finds the same user whatever its email has become.
struct ExternalIdentity {
    std::string provider; ///< `github`, `google`, `microsoft`, `oidc:<issuer>`
    std::string subject;  ///< the provider's stable user id (`sub`, GitHub's numeric id)
    std::string userId;
    std::string email; ///< as the provider asserted it at link time
    Timestamp createdAt{};
};

} // namespace authcore
