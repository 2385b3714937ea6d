// SPDX-License-Identifier: Apache-2.0
// Services, plans and API keys as the management schema sees them.
#pragma once

#include "graphql/client_views.hpp"

#include <authcore/model/service.hpp>
#include <authcore/services/saml_idp_service.hpp>
#include <authcore/services/service_catalog.hpp>
#include <authcore/services/sso_connection_service.hpp>

namespace authcore::appliance {

/// A service, with the organization slug its nested fields are reached by.
struct ServiceNode {
    Service service;
    std::string orgSlug;
};

struct CreatedService {
    ServiceNode node;
};

graphql::ResolverResult serviceNode(Service service, const std::string& orgSlug);
graphql::ResolverResult createServiceResult(Service service, const std::string& orgSlug);
/// `WEB`, `MOBILE`, `CLI`, `API`.
graphql::JsonValue serviceTypeEnum(ServiceType type);
graphql::JsonValue stringList(const std::vector<std::string>& items);
graphql::JsonValue planWithCountValue(const PlanWithCount& plan);
graphql::JsonValue apiKeyListValue(const ApiKeyPage& page);
graphql::JsonValue apiKeyCreatedValue(const CreatedApiKey& created);

void bindServiceResolvers(graphql::SchemaBuilder& schema);
/// Service.samlConfig, Service.samlCertificate and the SAML mutations.
void bindSamlResolvers(graphql::SchemaBuilder& schema);
/// Query.ssoConnection, Organization.ssoConnections and the SSO connection mutations.
void bindSsoConnectionResolvers(graphql::SchemaBuilder& schema);
/// Organization.ssoEnforcement/ssoSessions, setSsoEnforcement and revokeSsoSession.
void bindSsoPolicyResolvers(graphql::SchemaBuilder& schema);

} // namespace authcore::appliance
