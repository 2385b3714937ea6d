// SPDX-License-Identifier: Apache-2.0
// Clients and their management; every change invalidates the token endpoint's cache.
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/services/client_service.hpp>

#include <algorithm>

namespace authcore {
namespace {

Error clientNotFound() { return Error(ErrorCode::NotFound, "client not found"); }

void checkScopeName(const std::string& scope) {
    if (scope.empty() || scope.size() > 200 || scope.find_first_of(" \t\r\n\"\\") != std::string::npos)
        throw Error(ErrorCode::InvalidInput, "a scope is 1-200 characters without spaces or quotes");
}

void checkUrl(const std::string& url, const char* what) {
    const bool ok = (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) && url.size() <= 2048 &&
                    url.find_first_of(" \t\r\n") == std::string::npos;
    if (!ok) throw Error(ErrorCode::InvalidInput, std::string(what) + " must be an http(s) URL");
}

} // namespace

bool isValidClientId(std::string_view clientId) {
    if (clientId.empty() || clientId.size() > 128) return false;
    return std::all_of(clientId.begin(), clientId.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
               c == '-' || c == ':';
    });
}

ClientService::ClientService(ClientStore& clients, AuthorizationStore& authorizations, OrganizationStore& orgs,
                             ClientDirectory& directory, const crypto::SecretHasher& hasher, AuditLog& audit,
                             const Clock& clock)
    : clients_(clients), authorizations_(authorizations), orgs_(orgs), directory_(directory), hasher_(hasher),
      audit_(audit), clock_(clock) {}

bool ClientService::manages(const Principal& actor, const Client& client) {
    if (actor.systemAdmin) return true;
    if (client.type == ClientType::User) return !actor.userId.empty() && client.ownerUserId == actor.userId;
    if (client.ownerOrganizationId.empty() || actor.userId.empty()) return false;
    auto membership = orgs_.findMembership(client.ownerOrganizationId, actor.userId);
    return membership && membership->role >= Role::Admin;
}

Client ClientService::requireManaged(const Principal& actor, const std::string& clientId) {
    auto client = clients_.findById(clientId);
    if (!client) throw clientNotFound();
    if (!manages(actor, *client)) {
        get(actor, clientId); // NotFound for clients the caller cannot even see
        throw Error(ErrorCode::Forbidden, "not allowed to manage this client");
    }
    return *client;
}

Client ClientService::create(const Principal& actor, const NewClient& request) {
    if (!isValidClientId(request.clientId))
        throw Error(ErrorCode::InvalidInput, "clientId must be 1-128 characters of A-Z a-z 0-9 . _ : -");
    if (request.description.size() > 1000) throw Error(ErrorCode::InvalidInput, "description is too long");
    for (const auto& uri : request.redirectUris) checkUrl(uri, "a redirect URI");
    for (const auto& scope : request.scopes) checkScopeName(scope.scope);
    Client client;
    client.clientId = request.clientId;
    client.description = request.description;
    client.type = request.type;
    client.ownerOrganizationId = request.ownerOrganizationId;
    client.ownerUserId = request.ownerUserId;
    client.redirectUris = request.redirectUris;
    client.publicClient = request.publicClient;
    client.createdAt = clock_.now();
    if (!actor.systemAdmin && !manages(actor, client))
        throw Error(ErrorCode::Forbidden, "only organization owners and admins create clients");
    if (clients_.findById(client.clientId)) throw Error(ErrorCode::Conflict, "clientId is already taken");
    clients_.insert(client);
    try {
        for (const auto& scope : request.scopes) clients_.addScope(client.clientId, scope);
    } catch (...) {
        clients_.remove(client.clientId); // all or nothing: scopes cascade with the client
        throw;
    }
    directory_.invalidate(client.clientId);
    audit_.record(client.ownerOrganizationId, actor.actor(), "client.create", client.clientId, true);
    return client;
}

bool ClientService::canSee(const Principal& actor, const Client& client) {
    if (manages(actor, client)) return true;
    return !client.ownerOrganizationId.empty() && !actor.userId.empty() &&
           orgs_.findMembership(client.ownerOrganizationId, actor.userId).has_value();
}

Client ClientService::get(const Principal& actor, const std::string& clientId) {
    auto client = clients_.findById(clientId);
    if (!client || !canSee(actor, *client)) throw clientNotFound();
    return *client;
}

std::vector<Client> ClientService::list(const Principal& actor, const std::string& afterClientId, int limit) {
    return page(actor, ClientPageRequest{std::clamp(limit, 0, kMaxPageSize), afterClientId, std::nullopt, ""}).clients;
}

void ClientService::remove(const Principal& actor, const std::string& clientId) {
    const auto client = requireManaged(actor, clientId);
    if (!permissions(actor, client).canDeleteClient) throw Error(ErrorCode::Forbidden, "this client cannot be deleted");
    clients_.remove(clientId);
    directory_.invalidate(clientId);
    audit_.record(client.ownerOrganizationId, actor.actor(), "client.delete", clientId, true);
}

std::string ClientService::generateSecret(const Principal& actor, const std::string& clientId, int slot) {
    if (slot != 1 && slot != 2) throw Error(ErrorCode::InvalidInput, "secret slot is 1 or 2");
    auto client = requireManaged(actor, clientId);
    if (!permissions(actor, client).canAddClientSecret) throw Error(ErrorCode::Forbidden, "this client has no secrets");
    const auto secret = crypto::randomToken(32);
    auto& target = slot == 1 ? client.secret1 : client.secret2;
    target.hash = hasher_.hash(secret);
    target.updatedAt = clock_.now();
    clients_.update(client);
    directory_.invalidate(clientId);
    audit_.record(client.ownerOrganizationId, actor.actor(), "client.secret.generate", clientId, true);
    return secret;
}

void ClientService::clearSecret(const Principal& actor, const std::string& clientId, int slot) {
    if (slot != 1 && slot != 2) throw Error(ErrorCode::InvalidInput, "secret slot is 1 or 2");
    auto client = requireManaged(actor, clientId);
    if (!permissions(actor, client).canDeleteClientSecret) throw Error(ErrorCode::Forbidden, "this client has no secrets");
    auto& target = slot == 1 ? client.secret1 : client.secret2;
    target.hash.clear();
    target.updatedAt = clock_.now();
    clients_.update(client);
    directory_.invalidate(clientId);
    audit_.record(client.ownerOrganizationId, actor.actor(), "client.secret.clear", clientId, true);
}

void ClientService::addScope(const Principal& actor, const std::string& clientId, const ClientScope& scope) {
    const auto client = requireManaged(actor, clientId);
    checkScopeName(scope.scope);
    clients_.addScope(clientId, scope);
    audit_.record(client.ownerOrganizationId, actor.actor(), "client.scope.add", clientId + " " + scope.scope, true);
}

std::vector<ClientScope> ClientService::scopes(const std::string& clientId) { return clients_.listScopes(clientId); }

JwtBearer ClientService::addJwtBearer(const Principal& actor, const std::string& clientId, const std::string& jwksUrl,
                                      const std::string& iss, const std::string& sub, const std::string& aud) {
    const auto client = requireManaged(actor, clientId);
    if (!permissions(actor, client).canAddClientAuthorization)
        throw Error(ErrorCode::Forbidden, "this client cannot use jwt-bearer");
    checkUrl(jwksUrl, "jwksUrl");
    if (iss.empty() || sub.empty() || aud.empty()) throw Error(ErrorCode::InvalidInput, "iss, sub and aud are required");
    JwtBearer bearer{crypto::randomId("jwtb_"), clientId, jwksUrl, iss, sub, aud, clock_.now()};
    clients_.addJwtBearer(bearer);
    directory_.invalidate(clientId);
    audit_.record(client.ownerOrganizationId, actor.actor(), "client.jwt_bearer.add", bearer.id, true);
    return bearer;
}

void ClientService::removeJwtBearer(const Principal& actor, const std::string& clientId, const std::string& id) {
    const auto client = requireManaged(actor, clientId);
    if (!clients_.removeJwtBearer(clientId, id)) throw Error(ErrorCode::NotFound, "jwt-bearer entry not found");
    directory_.invalidate(clientId);
    audit_.record(client.ownerOrganizationId, actor.actor(), "client.jwt_bearer.remove", id, true);
}

std::vector<JwtBearer> ClientService::jwtBearers(const std::string& clientId) {
    return clients_.listJwtBearers(clientId);
}

ClientPermissions ClientService::permissions(const Principal& actor, const Client& client) {
    ClientPermissions p;
    if (!manages(actor, client)) return p;
    const bool userClient = client.type == ClientType::User;
    // A service's client goes with its service (ServiceCatalog::remove).
    p.canDeleteClient = client.type != ClientType::Service && (!userClient || client.ownerUserId == actor.userId);
    p.canAddClientSecret = p.canDeleteClientSecret = !userClient;
    p.canAddClientAuthorization = p.canDeleteClientAuthorization = !userClient;
    p.canAddAvailableScope = p.canAddAuthorization = p.canDeleteAuthorization = true;
    p.canAuthorizeAddScope = p.canAuthorizeRemoveScope = true;
    return p;
}

} // namespace authcore
