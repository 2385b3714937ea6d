// SPDX-License-Identifier: Apache-2.0
// POST /graphql (the management API) and GET /graphql (the explorer page).
#include "graphql/embedded.hpp"
#include "graphql/management_api.hpp"
#include "routes/routes.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {
namespace {

// Present but bad credentials are refused outright; absent ones still let
// the request run, so that the schema can be explored, and every field
// answers UNAUTHENTICATED.
std::optional<Principal> callerPrincipal(Exchange& ex, Context& context) {
    if (!ex.header("Authorization") && !ex.header("X-API-Key")) return std::nullopt;
    return requirePrincipal(ex, context);
}

void sendUnauthenticated(Exchange& ex, const std::string& message) {
    graphql::JsonValue error = graphql::JsonValue::object();
    error.set("message", message);
    auto extensions = graphql::JsonValue::object();
    extensions.set("code", "UNAUTHENTICATED");
    error.set("extensions", std::move(extensions));
    auto errors = graphql::JsonValue::array();
    errors.push(std::move(error));
    auto body = graphql::JsonValue::object();
    body.set("errors", std::move(errors));
    ex.response().set("WWW-Authenticate", "Bearer");
    ex.sendJson(401, graphql::serialize(body));
}

void handleGraphql(Exchange& ex, Context& context, const ManagementApi& api) {
    const auto type = ex.header("Content-Type").value_or("");
    if (type.rfind("application/json", 0) != 0)
        throw Error(ErrorCode::InvalidInput, "POST /graphql takes application/json");
    GraphqlCaller caller{context, std::nullopt, ex.header("X-AuthCore-Organization").value_or("")};
    try {
        caller.principal = callerPrincipal(ex, context);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::Unauthenticated) throw;
        return sendUnauthenticated(ex, e.what());
    }
    ex.noStore(); // answers may carry a new client secret
    ex.sendJson(200, graphql::serialize(api.execute(ex.body(), caller)));
}

} // namespace

void addGraphqlRoutes(Router& router, Context& context) {
    // Built once: the schema is immutable and shared by every request.
    static const ManagementApi api;
    router.add("POST", "/graphql", [&context](Exchange& ex) { handleGraphql(ex, context, api); });
    router.add("GET", "/graphql", [](Exchange& ex) {
        ex.response().set("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; "
                                                     "style-src 'unsafe-inline'; connect-src 'self'");
        ex.response().set("X-Frame-Options", "DENY");
        ex.sendText(200, "text/html; charset=utf-8", std::string(embedded::kExplorerHtml));
    });
}

} // namespace authcore::appliance
