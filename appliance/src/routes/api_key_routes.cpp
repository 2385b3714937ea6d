// SPDX-License-Identifier: Apache-2.0
// API keys of a service: the full key is shown once, at creation (API.md, seed 000).
#include "routes/json_views.hpp"
#include "routes/routes.hpp"

#include <authcore/error.hpp>

#include <Poco/JSON/Array.h>

#include <charconv>

namespace authcore::appliance {
namespace {

const std::string kApiKeys = "/api/v1/organizations/{org}/services/{svc}/api-keys";

NewApiKey newApiKeyFrom(const Poco::JSON::Object::Ptr& body) {
    NewApiKey request;
    request.name = requiredString(body, "name");
    request.permissions = requiredStringList(body, "permissions");
    if (const auto days = optionalInteger(body, "expires_in_days")) request.expiresInDays = saturatedInt(*days);
    return request;
}

/// A decimal query parameter (ServiceCatalog checks its range), or `fallback` when absent.
int queryNumber(const Exchange& ex, const std::string& name, int fallback) {
    const auto text = ex.query(name);
    if (!text) return fallback;
    long long value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc{} || end != text->data() + text->size())
        throw Error(ErrorCode::InvalidInput, name + " must be an integer");
    return saturatedInt(value);
}

} // namespace

void addApiKeyRoutes(Router& router, Context& context) {
    auto& catalog = *context.catalog;
    router.add("POST", kApiKeys, [&context, &catalog](Exchange& ex) {
        ex.noStore();
        const auto principal = requirePrincipal(ex, context);
        const auto created = catalog.createApiKey(principal, ex.param("org"), ex.param("svc"), newApiKeyFrom(ex.jsonBody()));
        auto out = apiKeyJson(created.key);
        out->remove("last_used_at");
        out->set("key", created.fullKey);
        ex.sendJson(201, *out);
    });
    router.add("GET", kApiKeys, [&context, &catalog](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        const auto page = catalog.apiKeys(principal, ex.param("org"), ex.param("svc"), queryNumber(ex, "limit", 50),
                                          queryNumber(ex, "offset", 0));
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& key : page.keys) list->add(apiKeyJson(key));
        Poco::JSON::Object out;
        out.set("api_keys", list);
        out.set("total", page.total);
        ex.sendJson(200, out);
    });
    router.add("GET", kApiKeys + "/{id}", [&context, &catalog](Exchange& ex) {
        const auto principal = requirePrincipal(ex, context);
        ex.sendJson(200, *apiKeyJson(catalog.apiKey(principal, ex.param("org"), ex.param("svc"), ex.param("id"))));
    });
    router.add("DELETE", kApiKeys + "/{id}", [&context, &catalog](Exchange& ex) {
        catalog.removeApiKey(requirePrincipal(ex, context), ex.param("org"), ex.param("svc"), ex.param("id"));
        ex.sendEmpty(204);
    });
}

} // namespace authcore::appliance
