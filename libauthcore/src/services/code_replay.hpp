// SPDX-License-Identifier: Apache-2.0
// Single-use codes whose replay revokes what their first use issued: the
// authorization_code grant and the SSO exchange share this.
#pragma once

#include <authcore/ephemeral/code_store.hpp>
#include <authcore/services/token_issuer.hpp>
#include <authcore/store/token_store.hpp>
#include <authcore/time.hpp>

#include <string>

namespace authcore::detail {

/// Remembers under `markerKey` (derived from the code's hash, never the code)
/// the refresh family and access token a code's first use issued.
void rememberUsedCode(CodeStore& codes, const std::string& markerKey, const std::string& familyId,
                      const IssuedToken& access, Timestamp now);

/// A code seen again: revokes the family and access token of its first use.
/// The marker is kept so later replays are caught too. Returns the family
/// revoked, empty when the code was never redeemed (unknown or expired).
std::string revokeReplayedCode(CodeStore& codes, TokenStore& tokens, const std::string& markerKey);

} // namespace authcore::detail
