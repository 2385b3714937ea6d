// SPDX-License-Identifier: Apache-2.0
// /healthz, /readyz, /metrics.
#include "routes/routes.hpp"

namespace authcore::appliance {

void addHealthRoutes(Router& router, Context& context) {
    router.add("GET", "/healthz", [](Exchange& ex) { ex.sendJson(200, std::string(R"({"status":"ok"})")); });
    router.add("GET", "/readyz", [&context](Exchange& ex) {
        const bool store = context.db->ping();
        const bool cache = context.codes->ping();
        Poco::JSON::Object body;
        body.set("status", store && cache ? "ready" : "unavailable");
        body.set("store", store ? "ok" : "unreachable");
        body.set("cache", cache ? "ok" : "unreachable");
        ex.sendJson(store && cache ? 200 : 503, body);
    });
    router.add("GET", "/metrics", [&context](Exchange& ex) {
        ex.sendText(200, "text/plain; version=0.0.4; charset=utf-8", context.metrics.render());
    });
}

} // namespace authcore::appliance
