// SPDX-License-Identifier: Apache-2.0
// RFC 7662 introspection and RFC 7009 revocation of our own tokens.
#include <authcore/crypto/encoding.hpp>
#include <authcore/error.hpp>
#include <authcore/services/token_service.hpp>

#include <Poco/JSON/Object.h>

#include <algorithm>
#include <sstream>

namespace authcore {
namespace {

const std::string kInactive = R"({"active":false})";

std::optional<crypto::Claims> peekPayload(const std::string& token) {
    const auto first = token.find('.');
    const auto second = first == std::string::npos ? first : token.find('.', first + 1);
    if (second == std::string::npos) return std::nullopt;
    auto decoded = crypto::base64UrlDecode(std::string_view(token).substr(first + 1, second - first - 1));
    if (!decoded) return std::nullopt;
    auto claims = crypto::Claims::parse(*decoded);
    if (!claims) return std::nullopt;
    return *claims;
}

std::string refreshKey(const std::string& token) { return crypto::hexEncode(crypto::sha256(token)); }

} // namespace

std::string TokenService::introspect(const ClientCredentials& credentials, const std::string& token) {
    const auto caller = authenticateClient(credentials);
    const auto peeked = peekPayload(token);
    if (!peeked || peeked->audience().empty()) return kInactive;
    auto claims = issuer_.verify(token, peeked->audience().front());
    if (!claims) return kInactive;
    const auto audiences = claims->audience();
    const bool mayRead = claims->string("client_id") == caller.clientId ||
                         std::find(audiences.begin(), audiences.end(), caller.clientId) != audiences.end();
    const auto jti = claims->string("jti").value_or("");
    if (!mayRead || jti.empty() || tokens_.isAccessTokenRevoked(jti)) return kInactive;
    Poco::JSON::Object out;
    out.set("active", true);
    out.set("token_type", "Bearer");
    for (const char* name : {"scope", "client_id", "sub", "iss", "jti", "email"})
        if (auto value = claims->string(name)) out.set(name, *value);
    out.set("aud", audiences.size() == 1 ? Poco::Dynamic::Var(audiences.front()) : Poco::Dynamic::Var(audiences));
    for (const char* name : {"exp", "iat"})
        if (auto value = claims->integer(name)) out.set(name, static_cast<Poco::Int64>(*value));
    std::ostringstream json;
    out.stringify(json);
    return json.str();
}

void TokenService::revoke(const ClientCredentials& credentials, const std::string& token) {
    const auto caller = authenticateClient(credentials);
    if (const auto peeked = peekPayload(token); peeked && !peeked->audience().empty()) {
        auto claims = issuer_.verify(token, peeked->audience().front());
        if (claims && claims->string("client_id") == caller.clientId) {
            const auto jti = claims->string("jti").value_or("");
            if (!jti.empty()) tokens_.revokeAccessToken(jti, fromUnix(*claims->integer("exp")));
            audit_.record(caller.ownerOrganizationId, caller.clientId, "token.revoke", jti, true);
        }
        return;
    }
    auto refresh = tokens_.findRefreshToken(refreshKey(token));
    if (refresh && refresh->clientId == caller.clientId) {
        tokens_.revokeFamily(refresh->familyId);
        audit_.record(caller.ownerOrganizationId, caller.clientId, "token.revoke_refresh", refresh->familyId, true);
    }
}

} // namespace authcore
