// SPDX-License-Identifier: Apache-2.0
// Who signed in upstream: a verified id_token (OpenID providers) or the
// GitHub user API.
#include <authcore/crypto/constant_time.hpp>
#include <authcore/crypto/jwt.hpp>
#include <authcore/error.hpp>
#include <authcore/services/upstream_provider.hpp>

#include "services/upstream_http.hpp"

namespace authcore {
namespace {

OutboundRequest bearerGet(const std::string& url, const std::string& accessToken) {
    OutboundRequest request;
    request.url = url;
    request.headers.emplace_back("Authorization", "Bearer " + accessToken);
    request.headers.emplace_back("Accept", "application/json");
    // GitHub refuses API requests without a User-Agent.
    request.headers.emplace_back("User-Agent", "AuthCore");
    return request;
}

/// The issuer the token must name: the configured one, with a Microsoft
/// `{tenantid}` filled from the (still unverified) token; verifyJwt then
/// checks the signature, so a forged tid gains nothing.
std::string expectedIssuer(const std::string& configured, const std::string& idToken) {
    const std::string placeholder = "{tenantid}";
    const auto at = configured.find(placeholder);
    if (at == std::string::npos) return configured;
    const auto claims = crypto::peekJwtPart(idToken, 1);
    const auto tenant = claims ? claims->string("tid").value_or("") : "";
    if (tenant.empty() || tenant.find('/') != std::string::npos)
        throw Error(ErrorCode::Unauthenticated, "the upstream id_token has no tenant");
    return std::string(configured).replace(at, placeholder.size(), tenant);
}

/// GitHub's primary verified address, else any verified one, else none.
std::optional<std::string> verifiedGitHubEmail(const Poco::JSON::Array::Ptr& emails) {
    std::optional<std::string> anyVerified;
    for (std::size_t i = 0; i < emails->size(); ++i) {
        const auto entry = emails->getObject(static_cast<unsigned int>(i));
        if (!entry || !upstream::flag(entry, "verified")) continue;
        if (upstream::flag(entry, "primary")) return upstream::text(entry, "email");
        if (!anyVerified) anyVerified = upstream::text(entry, "email");
    }
    return anyVerified;
}

} // namespace

UpstreamUser UpstreamProvider::openIdUser(const std::string& idToken, const std::string& accessToken,
                                          const UpstreamChallenge& challenge) {
    if (idToken.empty())
        throw Error(ErrorCode::UpstreamError,
                    "the upstream provider returned no id_token (is openid in login.upstream.scopes?)");
    const auto where = endpoints();
    const auto keys = upstream::keysForToken(jwks_, where.jwks, idToken);
    const auto verify = upstream::verifyOptions(clock_.now(), expectedIssuer(where.issuer, idToken), settings_.clientId);
    const auto claims = crypto::verifyJwt(idToken, keys, verify);
    if (!claims)
        throw Error(ErrorCode::Unauthenticated,
                    "the upstream id_token is invalid: " + std::string(errcName(claims.error().code)));
    // OpenID Connect Core §3.1.3.7: an azp, when present, must name this client.
    if (const auto azp = claims->string("azp"); azp && *azp != settings_.clientId)
        throw Error(ErrorCode::Unauthenticated, "the upstream id_token was issued to another party (azp)");
    if (!crypto::constantTimeEquals(claims->string("nonce").value_or(""), challenge.nonce))
        throw Error(ErrorCode::Unauthenticated, "the upstream id_token does not carry this login's nonce");

    UpstreamUser user{providerKey(), claims->string("sub").value_or(""), claims->string("email").value_or(""),
                      claims->boolean("email_verified").value_or(false), claims->string("name").value_or(""),
                      claims->string("given_name").value_or(""), claims->string("family_name").value_or(""),
                      claims->string("sid").value_or("")};
    if (user.subject.empty()) throw Error(ErrorCode::Unauthenticated, "the upstream id_token has no sub");
    if (user.email.empty() && !where.userinfo.empty()) addUserinfo(user, accessToken);
    return user;
}

void UpstreamProvider::addUserinfo(UpstreamUser& user, const std::string& accessToken) {
    const auto info = upstream::fetchObject(http_, bearerGet(endpoints().userinfo, accessToken),
                                            "the upstream userinfo endpoint");
    // OpenID Connect Core §5.3.2: a userinfo sub that differs is not this user.
    if (upstream::text(info, "sub") != user.subject)
        throw Error(ErrorCode::Unauthenticated, "the upstream userinfo is about another subject");
    user.email = upstream::text(info, "email");
    user.emailVerified = upstream::flag(info, "email_verified");
    if (user.name.empty()) user.name = upstream::text(info, "name");
    if (user.givenName.empty()) user.givenName = upstream::text(info, "given_name");
    if (user.familyName.empty()) user.familyName = upstream::text(info, "family_name");
}

UpstreamUser UpstreamProvider::gitHubUser(const std::string& accessToken) {
    const auto userUrl = endpoints().userinfo;
    const auto profile = upstream::fetchObject(http_, bearerGet(userUrl, accessToken), "the GitHub user API");
    if (!profile->has("id") || !profile->get("id").isNumeric())
        throw Error(ErrorCode::UpstreamError, "the GitHub user API returned no numeric id");
    UpstreamUser user;
    user.provider = providerKey();
    user.subject = std::to_string(profile->get("id").convert<Poco::Int64>());
    user.name = upstream::text(profile, "name");
    if (user.name.empty()) user.name = upstream::text(profile, "login");
    const auto emails = upstream::fetchArray(http_, bearerGet(userUrl + "/emails", accessToken),
                                             "the GitHub user emails API");
    if (const auto verified = verifiedGitHubEmail(emails)) {
        user.email = *verified;
        user.emailVerified = true;
    } else {
        user.email = upstream::text(profile, "email");
    }
    return user;
}

} // namespace authcore
