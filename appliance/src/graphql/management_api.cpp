// SPDX-License-Identifier: Apache-2.0
// The management schema is the contract file's text plus C++ bindings.
#include "graphql/management_api.hpp"

#include "graphql/client_views.hpp"
#include "graphql/embedded.hpp"
#include "graphql/organization_views.hpp"
#include "graphql/service_views.hpp"

#include <authcore/graphql/schema_builder.hpp>

#include <stdexcept>

namespace authcore::appliance {
namespace {

graphql::Schema buildSchema() {
    graphql::SchemaBuilder builder;
    builder.addSdl(embedded::kManagementSdl);
    bindClientQueries(builder);
    bindClientMutations(builder);
    bindOrganizationQueries(builder);
    bindOrganizationMutations(builder);
    bindServiceResolvers(builder);
    bindSamlResolvers(builder);
    bindSsoConnectionResolvers(builder);
    bindSsoPolicyResolvers(builder);
    auto schema = builder.build();
    if (!schema) throw std::logic_error("management schema: " + schema.error().message);
    return std::move(*schema);
}

} // namespace

ManagementApi::ManagementApi() : schema_(buildSchema()) {
    // graphql-js's full introspection query needs depth 15 and costs about
    // 52,000 by the library's estimate (10 per unpaged list); the budget of
    // 100,000 admits it and a full page of clients (ClientService::kMaxPageSize)
    // with nested lists, not a crawl through the Client -> Authorization cycle.
    options_.maxDepth = 15;
    options_.maxCost = 100000;
}

graphql::JsonValue ManagementApi::execute(std::string_view body, GraphqlCaller& caller) const {
    return graphql::Executor::executeBody(schema_, body, std::any(&caller), options_);
}

} // namespace authcore::appliance
