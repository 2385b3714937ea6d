// SPDX-License-Identifier: Apache-2.0
// ServiceCatalog: who may touch a service, and the services themselves.
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/services/service_catalog.hpp>

#include "services/service_rules.hpp"

#include <algorithm>

namespace authcore {
namespace {

Error serviceNotFound() { return Error(ErrorCode::NotFound, "service not found"); }

bool holds(const Principal& key, const std::string& permission) {
    return std::find(key.apiKeyPermissions.begin(), key.apiKeyPermissions.end(), permission) !=
           key.apiKeyPermissions.end();
}

} // namespace

const std::vector<std::string>& apiKeyPermissionNames() {
    static const std::vector<std::string> names{"read:users",     "write:users",  "read:subscriptions",
                                                "write:subscriptions", "read:analytics", "read:service",
                                                "write:service"};
    return names;
}

std::vector<ProviderGrant> providerGrants(const Service& service) {
    std::vector<ProviderGrant> grants;
    for (const auto& [provider, scopes] : {std::pair{"github", &service.githubScopes},
                                           std::pair{"google", &service.googleScopes},
                                           std::pair{"microsoft", &service.microsoftScopes}})
        if (!scopes->empty()) grants.push_back({provider, *scopes});
    return grants;
}

ServiceCatalog::ServiceCatalog(ServiceStore& services, OrganizationService& organizations,
                               OrganizationStore& orgStore, UserStore& users, ClientService& clients,
                               ClientDirectory& directory, const crypto::SecretHasher& hasher, AuditLog& audit,
                               const Clock& clock)
    : services_(services), organizations_(organizations), orgStore_(orgStore), users_(users), clients_(clients),
      directory_(directory), hasher_(hasher), audit_(audit), clock_(clock),
      dummyHash_(hasher.hash(crypto::randomToken(32))) {}

ServiceCatalog::Target ServiceCatalog::access(const Principal& actor, const std::string& orgSlug,
                                              const std::string& serviceSlug, Role minimum,
                                              const std::string& permission) {
    if (actor.isApiKey()) {
        // A key sees its own service only; anything else does not exist for it.
        const auto org = orgStore_.findBySlug(orgSlug);
        const auto service = org ? services_.find(org->id, serviceSlug) : std::nullopt;
        if (!service || service->id != actor.apiKeyServiceId) throw serviceNotFound();
        if (permission.empty() || !holds(actor, permission))
            throw Error(ErrorCode::Forbidden, permission.empty() ? "API keys cannot do this"
                                                                 : "the API key lacks the " + permission + " permission");
        return {*org, *service};
    }
    // Members may learn that a service exists before being refused a change.
    auto org = organizations_.authorize(actor, orgSlug, Role::Member);
    auto service = services_.find(org.id, serviceSlug);
    if (!service) throw serviceNotFound();
    if (minimum != Role::Member) organizations_.authorize(actor, orgSlug, minimum);
    return {std::move(org), std::move(*service)};
}

Service ServiceCatalog::create(const Principal& actor, const std::string& orgSlug, const NewService& request) {
    if (actor.isApiKey()) throw Error(ErrorCode::Forbidden, "API keys cannot create services");
    const auto org = organizations_.authorize(actor, orgSlug, Role::Admin);
    rules::checkSlug(request.slug);
    rules::checkName(request.name, "name");
    const auto type = parseServiceType(request.serviceType);
    if (!type) throw Error(ErrorCode::InvalidInput, "service_type must be web, mobile, cli or api");
    rules::checkRedirectUris(request.redirectUris);
    rules::checkProviderScopes(request.githubScopes, "github_scopes");
    rules::checkProviderScopes(request.googleScopes, "google_scopes");
    rules::checkProviderScopes(request.microsoftScopes, "microsoft_scopes");

    const auto now = clock_.now();
    Service service{crypto::randomId("svc_"), org.id, request.slug, request.name, *type,
                    org.slug + "." + request.slug, request.redirectUris, request.githubScopes,
                    request.googleScopes, request.microsoftScopes, now, now};
    Client client;
    client.clientId = service.clientId;
    client.description = service.name;
    client.type = ClientType::Service;
    client.ownerOrganizationId = org.id;
    client.redirectUris = service.redirectUris;
    // Apps on a device cannot keep a secret: PKCE alone authenticates them.
    client.publicClient = *type == ServiceType::Mobile || *type == ServiceType::Cli;
    client.createdAt = now;
    try {
        services_.insertWithClient(service, client, org.maxServices);
    } catch (const Error& e) {
        audit_.record(org.id, actor.actor(), "service.create", request.slug, false);
        throw;
    }
    directory_.invalidate(client.clientId);
    audit_.record(org.id, actor.actor(), "service.create", service.id, true);
    return service;
}

std::vector<Service> ServiceCatalog::list(const Principal& actor, const std::string& orgSlug) {
    if (actor.isApiKey()) throw Error(ErrorCode::Forbidden, "API keys cannot list services");
    return services_.listForOrganization(organizations_.authorize(actor, orgSlug, Role::Member).id);
}

ServiceUsage ServiceCatalog::usage(const Principal& actor, const std::string& orgSlug) {
    if (actor.isApiKey()) throw Error(ErrorCode::Forbidden, "API keys cannot read usage");
    const auto org = organizations_.authorize(actor, orgSlug, Role::Member);
    return {services_.countForOrganization(org.id), org.maxServices};
}

Service ServiceCatalog::get(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug) {
    return access(actor, orgSlug, serviceSlug, Role::Member, "read:service").service;
}

Service ServiceCatalog::update(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug,
                               const ServiceChanges& changes) {
    auto [org, service] = access(actor, orgSlug, serviceSlug, Role::Admin, "write:service");
    if (changes.name) rules::checkName(*changes.name, "name");
    if (changes.redirectUris) rules::checkRedirectUris(*changes.redirectUris);
    if (changes.githubScopes) rules::checkProviderScopes(*changes.githubScopes, "github_scopes");
    if (changes.googleScopes) rules::checkProviderScopes(*changes.googleScopes, "google_scopes");
    if (changes.microsoftScopes) rules::checkProviderScopes(*changes.microsoftScopes, "microsoft_scopes");
    service.name = changes.name.value_or(service.name);
    service.redirectUris = changes.redirectUris.value_or(service.redirectUris);
    service.githubScopes = changes.githubScopes.value_or(service.githubScopes);
    service.googleScopes = changes.googleScopes.value_or(service.googleScopes);
    service.microsoftScopes = changes.microsoftScopes.value_or(service.microsoftScopes);
    service.updatedAt = clock_.now();
    services_.update(service);
    directory_.invalidate(service.clientId);
    audit_.record(org.id, actor.actor(), "service.update", service.id, true);
    return service;
}

void ServiceCatalog::remove(const Principal& actor, const std::string& orgSlug, const std::string& serviceSlug) {
    const auto [org, service] = access(actor, orgSlug, serviceSlug, Role::Owner, "");
    if (!services_.removeWithClient(service.id)) throw serviceNotFound();
    directory_.invalidate(service.clientId);
    audit_.record(org.id, actor.actor(), "service.delete", service.id, true);
}

void ServiceCatalog::setMaxServices(const Principal& actor, const std::string& orgSlug, int maxServices) {
    if (!actor.systemAdmin) throw Error(ErrorCode::Forbidden, "only a system admin sets max_services");
    if (maxServices < 1 || maxServices > 10000)
        throw Error(ErrorCode::InvalidInput, "max_services must be between 1 and 10000");
    const auto org = orgStore_.findBySlug(orgSlug);
    if (!org || !orgStore_.updateMaxServices(org->id, maxServices, clock_.now()))
        throw Error(ErrorCode::NotFound, "organization not found");
    audit_.record(org->id, actor.actor(), "organization.max_services", std::to_string(maxServices), true);
}

ServiceClientSecret ServiceCatalog::generateClientSecret(const Principal& actor, const std::string& orgSlug,
                                                         const std::string& serviceSlug) {
    const auto [org, service] = access(actor, orgSlug, serviceSlug, Role::Admin, "");
    const auto client = clients_.get(actor, service.clientId);
    if (client.secret1.isSet() && client.secret2.isSet())
        throw Error(ErrorCode::Conflict, "both secret slots are set: clear the older one first");
    const int slot = client.secret1.isSet() ? 2 : 1;
    return {clients_.generateSecret(actor, service.clientId, slot), slot};
}

} // namespace authcore
