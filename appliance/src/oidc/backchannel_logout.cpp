// SPDX-License-Identifier: Apache-2.0
// OpenID Connect Back-Channel Logout 1.0 as the relying party: the provider
// tells us a session of its ended; we end ours and their refresh tokens.
#include "oidc/relying_party.hpp"

#include "app/context.hpp"

#include <authcore/crypto/encoding.hpp>
#include <authcore/error.hpp>

#include <algorithm>

namespace authcore::appliance {
namespace {

const std::string kJtiPrefix = "oidc-logout-jti:";
/// How old a logout token may be; its jti is remembered for as long (plus the clock skew).
constexpr std::chrono::seconds kMaxTokenAge{600};
constexpr std::chrono::seconds kSkew{60};

} // namespace

int OidcRelyingParty::backChannelLogout(const SsoConnection& connection, const std::string& logoutToken) {
    if (logoutToken.empty()) throw Error(ErrorCode::InvalidInput, "logout_token is required");
    const auto logout = providerFor(connection)->verifyLogoutToken(logoutToken, kMaxTokenAge);
    // Every token verified until now is younger than kMaxTokenAge, so keeping
    // the jti until iat + kMaxTokenAge + skew refuses every replay.
    const auto keep = logout.issuedAt + kMaxTokenAge + kSkew - context_.clock.now();
    const auto key = kJtiPrefix + connection.id + ":" + crypto::hexEncode(crypto::sha256(logout.jti));
    if (!context_.codes->putIfAbsent(key, "1", std::max(keep, std::chrono::seconds{1})))
        throw Error(ErrorCode::InvalidInput, "logout token refused: its jti was used before");
    return context_.ssoLogin->endSessions(connection.id, logout.subject, logout.sessionId);
}

} // namespace authcore::appliance
