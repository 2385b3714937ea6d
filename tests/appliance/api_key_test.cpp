// SPDX-License-Identifier: Apache-2.0
// API keys over real HTTP: shown once, never listed, exactly their permissions,
// their own service only, refused at once when expired or deleted.
#include "service_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>

using namespace authcore;
using test::parseJson;

namespace {

struct ApiKeyFixture : test::ServiceFixture {
    ApiKeyFixture() {
        serviceId = createService("web")->getValue<std::string>("id");
        createService("other");
    }
    /// The key in its X-API-Key form.
    static test::Headers xApiKey(const std::string& key) { return {{"X-API-Key", key}}; }
    static test::Headers bearer(const std::string& key) { return {{"Authorization", "Bearer " + key}}; }
    /// Rewrites the stored key (there is no route that changes a key).
    void restore(const ApiKey& key) {
        auto& store = context->db->services();
        BOOST_REQUIRE(store.removeApiKey(key.serviceId, key.id));
        store.insertApiKey(key);
    }
    ApiKey stored(const std::string& id) { return *context->db->services().findApiKey(serviceId, id); }

    std::string serviceId;
    const std::string kWeb = "/api/v1/organizations/acme/services/web";
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_security_api_keys, ApiKeyFixture)

BOOST_AUTO_TEST_CASE(create_returns_the_full_key_once_with_no_store) {
    auto r = post(kWeb + "/api-keys", R"({"name":"Production","permissions":["read:users","write:subscriptions"],
        "expires_in_days":90})", adminAuth);
    BOOST_TEST(r.status == 201, r.body);
    BOOST_TEST(r.header("Cache-Control") == "no-store");
    const auto body = parseJson(r.body);
    const auto key = body->getValue<std::string>("key");
    const auto prefix = body->getValue<std::string>("prefix");
    BOOST_TEST(key.rfind("ak_" + prefix + "_", 0) == 0u);
    BOOST_TEST(prefix.size() == 8u);
    BOOST_TEST(body->getValue<std::string>("id").rfind("key_", 0) == 0u);
    BOOST_TEST(body->getArray("permissions")->size() == 2u);
    BOOST_TEST(!body->isNull("expires_at"));
    BOOST_TEST(body->getValue<std::string>("created_at").back() == 'Z');
    BOOST_TEST(stored(body->getValue<std::string>("id")).secretHash.find(key.substr(12)) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(list_and_get_never_contain_the_key_or_its_hash) {
    const auto created = createKey("web", R"(["read:service"])");
    const auto key = created->getValue<std::string>("key");
    const auto id = created->getValue<std::string>("id");
    // `ak_` + 8-character prefix + `_`; the secret itself is base64url and may contain '_'.
    const auto secret = key.substr(12);
    BOOST_TEST_REQUIRE(secret.size() == 43u);
    const auto hash = stored(id).secretHash;
    auto listed = get(kWeb + "/api-keys", memberAuth);
    BOOST_TEST(listed.status == 200, listed.body);
    const auto body = parseJson(listed.body);
    BOOST_TEST(body->getValue<int>("total") == 1);
    const auto first = body->getArray("api_keys")->getObject(0);
    BOOST_TEST(first->getValue<std::string>("prefix") == created->getValue<std::string>("prefix"));
    BOOST_TEST(first->isNull("last_used_at"));
    BOOST_TEST(!first->has("key"));
    auto one = get(kWeb + "/api-keys/" + id, memberAuth);
    BOOST_TEST(one.status == 200);
    BOOST_TEST(!parseJson(one.body)->has("key"));
    for (const auto& r : {listed, one, get(kWeb, xApiKey(key)), get(kWeb, ownerAuth)}) {
        BOOST_TEST(r.body.find(secret) == std::string::npos);
        BOOST_TEST(r.body.find(hash) == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(invalid_requests_are_400_and_create_nothing) {
    const auto keys = kWeb + "/api-keys";
    auto unknown = post(keys, R"({"name":"k","permissions":["read:service","admin:everything"]})", ownerAuth);
    BOOST_TEST(unknown.status == 400);
    BOOST_TEST(parseJson(unknown.body)->getValue<std::string>("error") == "invalid_request");
    BOOST_TEST(post(keys, R"({"name":"k","permissions":"read:service"})", ownerAuth).status == 400);
    BOOST_TEST(post(keys, R"({"name":"k","permissions":["read:service"],"expires_in_days":"30"})", ownerAuth).status ==
               400);
    BOOST_TEST(post(keys, R"({"name":"k","permissions":["read:service"],"expires_in_days":0})", ownerAuth).status == 400);
    BOOST_TEST(post(keys, R"({"permissions":["read:service"]})", ownerAuth).status == 400);
    BOOST_TEST(context->db->services().countApiKeys(serviceId) == 0);
}

BOOST_AUTO_TEST_CASE(roles_members_read_owners_and_admins_create_and_delete) {
    const auto body = R"({"name":"k","permissions":["read:service"]})";
    BOOST_TEST(post(kWeb + "/api-keys", body).status == 401);
    BOOST_TEST(post(kWeb + "/api-keys", body, memberAuth).status == 403);
    BOOST_TEST(post(kWeb + "/api-keys", body, outsiderAuth).status == 404);
    const auto id = createKey("web", R"(["read:service"])")->getValue<std::string>("id");
    BOOST_TEST(get(kWeb + "/api-keys").status == 401);
    BOOST_TEST(get(kWeb + "/api-keys", outsiderAuth).status == 404);
    BOOST_TEST(del(kWeb + "/api-keys/" + id, memberAuth).status == 403);
    BOOST_TEST(del(kWeb + "/api-keys/" + id, adminAuth).status == 204);
    BOOST_TEST(get(kWeb + "/api-keys/" + id, ownerAuth).status == 404);
    BOOST_TEST(del(kWeb + "/api-keys/" + id, adminAuth).status == 404);
}

BOOST_AUTO_TEST_CASE(pagination_with_limit_offset_and_total) {
    for (int i = 0; i < 3; ++i) createKey("web", R"(["read:service"])");
    auto page = parseJson(get(kWeb + "/api-keys?limit=2&offset=0", ownerAuth).body);
    BOOST_TEST(page->getValue<int>("total") == 3);
    BOOST_TEST(page->getArray("api_keys")->size() == 2u);
    auto rest = parseJson(get(kWeb + "/api-keys?limit=2&offset=2", ownerAuth).body);
    BOOST_TEST(rest->getArray("api_keys")->size() == 1u);
    BOOST_TEST(get(kWeb + "/api-keys?limit=abc", ownerAuth).status == 400);
    BOOST_TEST(get(kWeb + "/api-keys?limit=0", ownerAuth).status == 400);
    BOOST_TEST(get(kWeb + "/api-keys?offset=-1", ownerAuth).status == 400);
}

BOOST_AUTO_TEST_CASE(read_service_key_may_get_its_service_in_both_forms_but_not_patch) {
    const auto key = createKey("web", R"(["read:service"])")->getValue<std::string>("key");
    for (const auto& auth : {xApiKey(key), bearer(key)}) {
        auto r = get(kWeb, auth);
        BOOST_TEST(r.status == 200, r.body);
        BOOST_TEST(parseJson(r.body)->getObject("service")->getValue<std::string>("slug") == "web");
        BOOST_TEST(get(kWeb + "/plans", auth).status == 200);
        auto refused = patch(kWeb, R"({"name":"hijacked"})", auth);
        BOOST_TEST(refused.status == 403);
        BOOST_TEST(parseJson(refused.body)->getValue<std::string>("error") == "forbidden");
    }
    BOOST_TEST(parseJson(get(kWeb, ownerAuth).body)->getObject("service")->getValue<std::string>("name") ==
               "Service web");
}

BOOST_AUTO_TEST_CASE(a_key_cannot_touch_another_service_or_the_organization) {
    const auto key = createKey("web", R"(["read:service","write:service"])")->getValue<std::string>("key");
    const auto other = "/api/v1/organizations/acme/services/other";
    BOOST_TEST(get(other, xApiKey(key)).status == 404);
    BOOST_TEST(patch(other, R"({"name":"hijacked"})", xApiKey(key)).status == 404);
    BOOST_TEST(del(other, xApiKey(key)).status == 404);
    BOOST_TEST(get("/api/v1/organizations/acme/services", xApiKey(key)).status == 403);
    BOOST_TEST(post("/api/v1/organizations/acme/services",
                    R"({"slug":"new","name":"n","service_type":"api","redirect_uris":[]})", xApiKey(key))
                   .status == 403);
    BOOST_TEST(del(kWeb, xApiKey(key)).status == 403);
    BOOST_TEST(get("/api/v1/me", xApiKey(key)).status == 403);
    BOOST_TEST(parseJson(get(other, ownerAuth).body)->getObject("service")->getValue<std::string>("name") ==
               "Service other");
    BOOST_TEST(get(kWeb, ownerAuth).status == 200);
}

BOOST_AUTO_TEST_CASE(keys_never_manage_keys_or_client_secrets) {
    const auto key = createKey("web", R"(["read:service","write:service"])")->getValue<std::string>("key");
    BOOST_TEST(post(kWeb + "/api-keys", R"({"name":"k","permissions":["write:service"]})", xApiKey(key)).status == 403);
    BOOST_TEST(get(kWeb + "/api-keys", xApiKey(key)).status == 403);
    BOOST_TEST(post(kWeb + "/client-secret", "", xApiKey(key)).status == 403);
    BOOST_TEST(context->db->services().countApiKeys(serviceId) == 1);
}

BOOST_AUTO_TEST_CASE(write_service_key_may_patch_its_service_and_plans) {
    const auto key = createKey("web", R"(["write:service"])")->getValue<std::string>("key");
    auto r = patch(kWeb, R"({"name":"Renamed by key"})", bearer(key));
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(parseJson(get(kWeb, ownerAuth).body)->getObject("service")->getValue<std::string>("name") ==
               "Renamed by key");
    BOOST_TEST(post(kWeb + "/plans", R"({"name":"basic","price_cents":0,"currency":"eur"})", bearer(key)).status == 201);
    BOOST_TEST(get(kWeb, bearer(key)).status == 403); // write does not imply read
}

BOOST_AUTO_TEST_CASE(write_subscriptions_key_may_create_and_cancel_subscriptions) {
    const auto planId = createPlan("web", "pro");
    const auto writer = createKey("web", R"(["write:subscriptions"])")->getValue<std::string>("key");
    const auto reader = createKey("web", R"(["read:service","read:subscriptions"])")->getValue<std::string>("key");
    const auto body = R"({"plan_id":")" + planId + R"(","email":"member@example.com"})";
    BOOST_TEST(post(kWeb + "/subscriptions", body, xApiKey(reader)).status == 403);
    auto created = post(kWeb + "/subscriptions", body, xApiKey(writer));
    BOOST_TEST(created.status == 201, created.body);
    const auto id = parseJson(created.body)->getValue<std::string>("id");
    auto listed = get(kWeb + "/subscriptions", xApiKey(reader));
    BOOST_TEST(listed.status == 200, listed.body);
    BOOST_TEST(parseJson(listed.body)->getArray("subscriptions")->size() == 1u);
    BOOST_TEST(del(kWeb + "/subscriptions/" + id, xApiKey(reader)).status == 403);
    auto cancelled = del(kWeb + "/subscriptions/" + id, xApiKey(writer));
    BOOST_TEST(cancelled.status == 200, cancelled.body);
    BOOST_TEST(parseJson(cancelled.body)->getValue<std::string>("status") == "cancelled");
}

BOOST_AUTO_TEST_CASE(unlisted_permissions_grant_nothing_yet) {
    const auto key = createKey("web", R"(["read:users","write:users","read:analytics"])")->getValue<std::string>("key");
    BOOST_TEST(get(kWeb, xApiKey(key)).status == 403);
    BOOST_TEST(get(kWeb + "/subscriptions", xApiKey(key)).status == 403);
    BOOST_TEST(patch(kWeb, R"({"name":"x"})", xApiKey(key)).status == 403);
}

BOOST_AUTO_TEST_CASE(an_expired_key_is_401) {
    const auto created = createKey("web", R"(["read:service"])");
    const auto key = created->getValue<std::string>("key");
    BOOST_TEST(get(kWeb, xApiKey(key)).status == 200);
    auto record = stored(created->getValue<std::string>("id"));
    record.expiresAt = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()) -
                       std::chrono::seconds(1);
    restore(record);
    auto r = get(kWeb, xApiKey(key));
    BOOST_TEST(r.status == 401);
    BOOST_TEST(parseJson(r.body)->getValue<std::string>("error") == "unauthenticated");
    BOOST_TEST(get(kWeb, bearer(key)).status == 401);
}

BOOST_AUTO_TEST_CASE(a_deleted_key_is_refused_at_once) {
    const auto created = createKey("web", R"(["read:service"])");
    const auto key = created->getValue<std::string>("key");
    BOOST_TEST(get(kWeb, xApiKey(key)).status == 200);
    BOOST_TEST(del(kWeb + "/api-keys/" + created->getValue<std::string>("id"), ownerAuth).status == 204);
    BOOST_TEST(get(kWeb, xApiKey(key)).status == 401);
    BOOST_TEST(get(kWeb, bearer(key)).status == 401);
}

BOOST_AUTO_TEST_CASE(forged_or_malformed_keys_are_401) {
    const auto key = createKey("web", R"(["read:service"])")->getValue<std::string>("key");
    auto forged = key;
    forged.back() = forged.back() == 'A' ? 'B' : 'A';
    BOOST_TEST(get(kWeb, xApiKey(forged)).status == 401);
    BOOST_TEST(get(kWeb, xApiKey("ak_")).status == 401);
    BOOST_TEST(get(kWeb, xApiKey("ak_00000000_" + key.substr(12))).status == 401);
    BOOST_TEST(get(kWeb, bearer("ak_nonsense")).status == 401);
}

BOOST_AUTO_TEST_CASE(last_used_at_is_set_after_use) {
    const auto created = createKey("web", R"(["read:service"])");
    const auto id = created->getValue<std::string>("id");
    BOOST_TEST(parseJson(get(kWeb + "/api-keys/" + id, ownerAuth).body)->isNull("last_used_at"));
    BOOST_TEST(get(kWeb, xApiKey(created->getValue<std::string>("key"))).status == 200);
    const auto after = parseJson(get(kWeb + "/api-keys/" + id, ownerAuth).body);
    BOOST_TEST(!after->isNull("last_used_at"));
    BOOST_TEST(after->getValue<std::string>("last_used_at").back() == 'Z');
}

BOOST_AUTO_TEST_SUITE_END()
