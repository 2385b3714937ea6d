// SPDX-License-Identifier: Apache-2.0
// ClientService: authorizations between clients (who may call whom, with which scopes).
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/services/client_service.hpp>

#include <algorithm>

namespace authcore {
namespace {

std::vector<std::string> sortedUnique(std::vector<std::string> scopes) {
    std::sort(scopes.begin(), scopes.end());
    scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
    return scopes;
}

} // namespace

void ClientService::checkScopesOffered(const std::string& audience, const std::vector<std::string>& scopes) {
    const auto offered = clients_.listScopes(audience);
    for (const auto& scope : scopes) {
        const bool known = std::any_of(offered.begin(), offered.end(), [&](const auto& o) { return o.scope == scope; });
        if (!known) throw Error(ErrorCode::InvalidInput, "scope '" + scope + "' is not offered by " + audience);
    }
}

Authorization ClientService::requireAuthorization(const std::string& subject, const std::string& audience) {
    auto existing = authorizations_.find(subject, audience);
    if (!existing) throw Error(ErrorCode::NotFound, "no authorization of " + subject + " for " + audience);
    return *existing;
}

Authorization ClientService::authorize(const Principal& actor, const std::string& subject, const std::string& audience,
                                       const std::vector<std::string>& scopes) {
    const auto target = requireManaged(actor, audience);
    if (!clients_.findById(subject)) throw Error(ErrorCode::NotFound, "subject client not found");
    const auto wanted = sortedUnique(scopes);
    checkScopesOffered(audience, wanted);
    if (authorizations_.find(subject, audience)) throw Error(ErrorCode::Conflict, "already authorized");
    Authorization authorization{crypto::randomId("authz_"), subject, audience, wanted, clock_.now()};
    authorizations_.insert(authorization);
    directory_.invalidate(audience);
    audit_.record(target.ownerOrganizationId, actor.actor(), "authorization.create", subject + " -> " + audience, true);
    return authorization;
}

void ClientService::deauthorize(const Principal& actor, const std::string& subject, const std::string& audience) {
    const auto target = requireManaged(actor, audience);
    if (!authorizations_.remove(subject, audience)) throw Error(ErrorCode::NotFound, "no such authorization");
    directory_.invalidate(audience);
    audit_.record(target.ownerOrganizationId, actor.actor(), "authorization.delete", subject + " -> " + audience, true);
}

void ClientService::addAuthorizedScope(const Principal& actor, const std::string& subject, const std::string& audience,
                                       const std::string& scope) {
    const auto target = requireManaged(actor, audience);
    auto authorization = requireAuthorization(subject, audience);
    checkScopesOffered(audience, {scope});
    authorization.scopes.push_back(scope);
    authorizations_.updateScopes(authorization.id, sortedUnique(authorization.scopes));
    directory_.invalidate(audience);
    audit_.record(target.ownerOrganizationId, actor.actor(), "authorization.scope.add", authorization.id + " " + scope,
                  true);
}

void ClientService::removeAuthorizedScope(const Principal& actor, const std::string& subject,
                                          const std::string& audience, const std::string& scope) {
    const auto target = requireManaged(actor, audience);
    auto authorization = requireAuthorization(subject, audience);
    std::erase(authorization.scopes, scope);
    authorizations_.updateScopes(authorization.id, authorization.scopes);
    directory_.invalidate(audience);
    audit_.record(target.ownerOrganizationId, actor.actor(), "authorization.scope.remove",
                  authorization.id + " " + scope, true);
}

std::optional<Authorization> ClientService::authorization(const std::string& id) { return authorizations_.findById(id); }

std::vector<Authorization> ClientService::authorizationsAsSubject(const std::string& clientId) {
    return authorizations_.listBySubject(clientId);
}

std::vector<Authorization> ClientService::authorizationsAsAudience(const std::string& clientId) {
    return authorizations_.listByAudience(clientId);
}

} // namespace authcore
