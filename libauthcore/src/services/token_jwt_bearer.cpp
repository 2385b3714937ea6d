// SPDX-License-Identifier: Apache-2.0
// The RFC 7523 jwt-bearer grant: an assertion signed by a key from the
// matching entry's JWKS authenticates the client; each jti is accepted once.
#include <authcore/crypto/encoding.hpp>
#include <authcore/error.hpp>
#include <authcore/services/token_service.hpp>

namespace authcore {
namespace {

std::string formField(const std::map<std::string, std::string>& form, const std::string& name) {
    auto it = form.find(name);
    return it == form.end() ? "" : it->second;
}

} // namespace

JwtBearer TokenService::matchBearer(const Client& client, const std::string& assertion) {
    const auto claims = crypto::peekJwtPart(assertion, 1);
    if (!claims) throw OAuthError("invalid_grant", "assertion is not a JWT");
    const auto iss = claims->string("iss").value_or("");
    const auto sub = claims->string("sub").value_or("");
    const auto audiences = claims->audience();
    for (const auto& entry : clients_.listJwtBearers(client.clientId)) {
        const bool audienceMatches = std::find(audiences.begin(), audiences.end(), entry.aud) != audiences.end();
        if (entry.iss == iss && entry.sub == sub && audienceMatches) return entry;
    }
    throw OAuthError("invalid_grant", "no jwt-bearer entry of this client matches the assertion's iss, sub and aud");
}

TokenResult TokenService::jwtBearer(const std::map<std::string, std::string>& form,
                                    const ClientCredentials& credentials) {
    const auto assertion = formField(form, "assertion");
    if (assertion.empty()) throw OAuthError("invalid_request", "assertion is required");
    const auto clientId = credentials.clientId.empty() ? formField(form, "client_id") : credentials.clientId;
    if (clientId.empty()) throw OAuthError("invalid_request", "client_id is required");
    const auto client = credentials.clientSecret.empty() ? directory_.client(clientId)
                                                         : std::optional<Client>(authenticateClient(credentials));
    if (!client || client->type == ClientType::User) throw OAuthError("invalid_client", "unknown client");
    const auto audience = formField(form, "audience");
    if (audience.empty()) throw OAuthError("invalid_request", "audience is required");

    const auto entry = matchBearer(*client, assertion);
    const auto header = crypto::peekJwtPart(assertion, 0);
    crypto::KeySet keys;
    try {
        keys = jwks_.keysFor(entry.jwksUrl, header ? header->string("kid").value_or("") : "");
    } catch (const Error&) {
        throw OAuthError("temporarily_unavailable", "the assertion issuer's JWKS cannot be fetched");
    }
    crypto::VerifyOptions verify;
    verify.now = clock_.now();
    verify.issuer = entry.iss;
    verify.audience = entry.aud;
    auto claims = crypto::verifyJwt(assertion, keys, verify);
    if (!claims)
        throw OAuthError("invalid_grant", "assertion rejected: " + std::string(errcName(claims.error().code)));
    const auto exp = *claims->integer("exp");
    if (exp - toUnix(verify.now) > options_.maxAssertionLifetime.count())
        throw OAuthError("invalid_grant", "assertion lifetime is too long");
    const auto jti = claims->string("jti");
    if (!jti || jti->empty() || jti->size() > 256) throw OAuthError("invalid_grant", "assertion has no jti");
    // Kept until the assertion could no longer pass the expiry check anyway.
    const auto keep = std::chrono::seconds{std::max<long long>(1, exp - toUnix(verify.now) + 60)};
    if (!codes_.putIfAbsent("jwtb:" + entry.iss + "\n" + *jti, "1", keep))
        throw OAuthError("invalid_grant", "assertion was already used");
    return issueFor(*client, audience, form.count("scope") ? std::optional(formField(form, "scope")) : std::nullopt,
                    "jwt_bearer");
}

} // namespace authcore
