// SPDX-License-Identifier: Apache-2.0
// CodeStore keys of SSO codes and link tokens, shared by the SsoLoginService files.
#pragma once

#include <authcore/crypto/encoding.hpp>

#include <string>

namespace authcore::detail {

/// Only a secret's hash names its entry: whoever reads the CodeStore (a
/// Redis dump, another node) learns nothing that can be redeemed.
inline std::string secretHash(const std::string& secret) { return crypto::hexEncode(crypto::sha256(secret)); }
inline std::string ssoCodeKey(const std::string& hash) { return "sso:code:" + hash; }
inline std::string ssoUsedKey(const std::string& hash) { return "sso:used:" + hash; }
inline std::string ssoLinkKey(const std::string& hash) { return "sso:link:" + hash; }
inline std::string ssoLinkAttemptsKey(const std::string& hash) { return "sso:link_attempts:" + hash; }
/// ExternalIdentity.provider of a connection's users.
inline std::string ssoProvider(const std::string& connectionId) { return "sso:" + connectionId; }

} // namespace authcore::detail
