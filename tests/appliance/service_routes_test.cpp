// SPDX-License-Identifier: Apache-2.0
// Services, plans, subscriptions and the service client secret over real HTTP.
#include "service_fixture.hpp"

#include <authcore/crypto/encoding.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>
#include <vector>

using namespace authcore;
using test::parseJson;

namespace {

struct ServicesFixture : test::ServiceFixture {
    std::string errorOf(const test::HttpResult& r) { return parseJson(r.body)->getValue<std::string>("error"); }
    std::string messageOf(const test::HttpResult& r) { return parseJson(r.body)->getValue<std::string>("message"); }
    std::string serviceIdOf(const std::string& slug) {
        return parseJson(get(kOrg + "/services/" + slug, ownerAuth).body)->getObject("service")->getValue<std::string>(
            "id");
    }
    test::HttpResult createBody(const std::string& body, const test::Headers& auth) {
        return post(kOrg + "/services", body, auth);
    }
};

const std::string kWeb = R"({"slug":"web","name":"Web","service_type":"web","redirect_uris":["https://a.example/cb"]})";

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_services, ServicesFixture)

BOOST_AUTO_TEST_CASE(create_returns_201_with_the_service_and_its_oauth_client) {
    auto r = createBody(R"({"slug":"main-app","name":"Main Application","service_type":"web",
        "github_scopes":["user:email","read:org"],"redirect_uris":["https://app.acme.com/callback"],"extra":1})",
                        adminAuth);
    BOOST_TEST(r.status == 201, r.body);
    const auto body = parseJson(r.body);
    const auto service = body->getObject("service");
    BOOST_TEST(service->getValue<std::string>("id").rfind("svc_", 0) == 0u);
    BOOST_TEST(service->getValue<std::string>("slug") == "main-app");
    BOOST_TEST(service->getValue<std::string>("service_type") == "web");
    BOOST_TEST(service->getArray("github_scopes")->size() == 2u);
    BOOST_TEST(service->getArray("redirect_uris")->getElement<std::string>(0) == "https://app.acme.com/callback");
    BOOST_TEST(service->getValue<std::string>("created_at").back() == 'Z');
    const auto clientId = body->getValue<std::string>("client_id");
    BOOST_TEST(clientId == service->getValue<std::string>("client_id"));
    const auto client = context->db->clients().findById(clientId);
    BOOST_REQUIRE(client.has_value());
    BOOST_TEST((client->type == ClientType::Service));
}

BOOST_AUTO_TEST_CASE(create_refuses_the_unauthenticated_the_member_and_the_outsider) {
    BOOST_TEST(createBody(kWeb, {}).status == 401);
    auto member = createBody(kWeb, memberAuth);
    BOOST_TEST(member.status == 403);
    BOOST_TEST(errorOf(member) == "forbidden");
    BOOST_TEST(createBody(kWeb, outsiderAuth).status == 404);
    BOOST_TEST(context->db->services().countForOrganization(context->db->organizations().findBySlug("acme")->id) == 0);
}

BOOST_AUTO_TEST_CASE(taken_slug_is_409_conflict) {
    BOOST_TEST(createBody(kWeb, ownerAuth).status == 201);
    auto again = createBody(kWeb, ownerAuth);
    BOOST_TEST(again.status == 409);
    BOOST_TEST(errorOf(again) == "conflict");
}

BOOST_AUTO_TEST_CASE(invalid_payloads_are_400_invalid_request) {
    for (const auto* body : {
             R"({"slug":"Bad Slug","name":"x","service_type":"web","redirect_uris":[]})",
             R"({"slug":"ok","name":"x","service_type":"desktop","redirect_uris":[]})",
             R"({"slug":"ok","name":"x","service_type":"web","redirect_uris":["http://app.example.com/cb"]})",
             R"({"slug":"ok","name":"x","service_type":"web"})",
             R"({"slug":"ok","name":"x","service_type":"web","redirect_uris":"https://a.example/cb"})",
             R"({"slug":"ok","name":"x","service_type":"web","redirect_uris":[],"github_scopes":[1]})",
             R"({"slug":"ok","name":"x","service_type":"web","redirect_uris":[]})" "garbage",
         }) {
        auto r = createBody(body, ownerAuth);
        BOOST_TEST(r.status == 400, body);
        BOOST_TEST(errorOf(r) == "invalid_request");
    }
    BOOST_TEST(messageOf(createBody(R"({"slug":"ok","name":"x","service_type":"web","redirect_uris":"x"})", ownerAuth))
                   .find("redirect_uris") != std::string::npos);
    BOOST_TEST(parseJson(get(kOrg + "/services", ownerAuth).body)->getArray("services")->size() == 0u);
}

BOOST_AUTO_TEST_CASE(http_redirect_uris_are_allowed_for_localhost_only) {
    auto r = createBody(R"({"slug":"cli","name":"CLI","service_type":"cli","redirect_uris":["http://localhost:8765/cb"]})",
                        ownerAuth);
    BOOST_TEST(r.status == 201, r.body);
}

BOOST_AUTO_TEST_CASE(list_returns_services_and_usage) {
    createService("one");
    createService("two");
    auto r = get(kOrg + "/services", memberAuth);
    BOOST_TEST(r.status == 200);
    const auto body = parseJson(r.body);
    BOOST_TEST(body->getArray("services")->size() == 2u);
    BOOST_TEST(body->getObject("usage")->getValue<int>("current_services") == 2);
    BOOST_TEST(body->getObject("usage")->getValue<int>("max_services") == 10);
    BOOST_TEST(get(kOrg + "/services").status == 401);
    BOOST_TEST(get(kOrg + "/services", outsiderAuth).status == 404);
}

BOOST_AUTO_TEST_CASE(get_returns_service_provider_grants_and_plans) {
    createBody(R"({"slug":"web","name":"Web","service_type":"web","google_scopes":["openid","email"],
        "redirect_uris":["https://a.example/cb"]})", ownerAuth);
    createPlan("web", "pro");
    auto r = get(kOrg + "/services/web", memberAuth);
    BOOST_TEST(r.status == 200, r.body);
    const auto body = parseJson(r.body);
    BOOST_TEST(body->getObject("service")->getValue<std::string>("slug") == "web");
    const auto grants = body->getArray("provider_grants");
    BOOST_REQUIRE(grants->size() == 1u);
    BOOST_TEST(grants->getObject(0)->getValue<std::string>("provider") == "google");
    BOOST_TEST(grants->getObject(0)->getArray("scopes")->size() == 2u);
    const auto plans = body->getArray("plans");
    BOOST_REQUIRE(plans->size() == 1u);
    BOOST_TEST(plans->getObject(0)->getValue<std::string>("name") == "pro");
}

BOOST_AUTO_TEST_CASE(unknown_service_or_another_organizations_service_is_404) {
    createService("web");
    BOOST_TEST(get(kOrg + "/services/nope", ownerAuth).status == 404);
    auto outsider = loginHeaders("outsider@example.com", "outsider-password");
    expect(post("/api/v1/organizations", R"({"slug":"other","name":"Other"})", outsider), 201);
    BOOST_TEST(get("/api/v1/organizations/other/services/web", outsider).status == 404);
    BOOST_TEST(get(kOrg + "/services/web", outsider).status == 404);
    BOOST_TEST(patch(kOrg + "/services/web", R"({"name":"x"})", outsider).status == 404);
}

BOOST_AUTO_TEST_CASE(patch_changes_only_the_given_fields) {
    const auto before = createService("web");
    auto r = patch(kOrg + "/services/web", R"({"name":"Web v2","microsoft_scopes":["User.Read"]})", adminAuth);
    BOOST_TEST(r.status == 200, r.body);
    const auto after = parseJson(r.body);
    BOOST_TEST(after->getValue<std::string>("name") == "Web v2");
    BOOST_TEST(after->getArray("microsoft_scopes")->size() == 1u);
    BOOST_TEST(after->getArray("redirect_uris")->getElement<std::string>(0) ==
               before->getArray("redirect_uris")->getElement<std::string>(0));
    BOOST_TEST(after->getValue<std::string>("slug") == "web");
}

BOOST_AUTO_TEST_CASE(patch_refuses_members_bad_uris_and_wrong_types) {
    createService("web");
    BOOST_TEST(patch(kOrg + "/services/web", R"({"name":"x"})").status == 401);
    BOOST_TEST(patch(kOrg + "/services/web", R"({"name":"x"})", memberAuth).status == 403);
    BOOST_TEST(patch(kOrg + "/services/web", R"({"redirect_uris":["http://evil.example/cb"]})", ownerAuth).status == 400);
    auto typed = patch(kOrg + "/services/web", R"({"name":42})", ownerAuth);
    BOOST_TEST(typed.status == 400);
    BOOST_TEST(messageOf(typed).find("name") != std::string::npos);
    BOOST_TEST(patch(kOrg + "/services/nope", R"({"name":"x"})", ownerAuth).status == 404);
    BOOST_TEST(parseJson(get(kOrg + "/services/web", ownerAuth).body)->getObject("service")->getValue<std::string>(
                   "name") == "Service web");
}

BOOST_AUTO_TEST_CASE(delete_is_owner_only_and_removes_client_plans_subscriptions_and_keys) {
    const auto service = createService("web");
    const auto planId = createPlan("web", "pro");
    expect(post(kOrg + "/services/web/subscriptions",
                R"({"plan_id":")" + planId + R"(","email":"member@example.com"})", ownerAuth), 201);
    const auto key = createKey("web", R"(["read:service"])")->getValue<std::string>("key");
    BOOST_TEST(del(kOrg + "/services/web").status == 401);
    BOOST_TEST(del(kOrg + "/services/web", adminAuth).status == 403);
    BOOST_TEST(del(kOrg + "/services/web", memberAuth).status == 403);

    BOOST_TEST(del(kOrg + "/services/web", ownerAuth).status == 204);
    const auto serviceId = service->getValue<std::string>("id");
    BOOST_TEST(!context->db->clients().findById(service->getValue<std::string>("client_id")).has_value());
    BOOST_TEST(context->db->services().listPlans(serviceId).empty());
    BOOST_TEST(context->db->services().listSubscriptions(planId).empty());
    BOOST_TEST(context->db->services().countApiKeys(serviceId) == 0);
    BOOST_TEST(get(kOrg + "/services/web", ownerAuth).status == 404);
    BOOST_TEST(get(kOrg + "/services/web", {{"X-API-Key", key}}).status == 401);
    BOOST_TEST(del(kOrg + "/services/web", ownerAuth).status == 404);
}

BOOST_AUTO_TEST_CASE(system_admin_sets_max_services_and_creates_past_it_get_limit_reached) {
    BOOST_TEST(patch(kOrg, R"({"max_services":1})", ownerAuth).status == 403);
    BOOST_TEST(patch(kOrg, R"({"max_services":"1"})", rootAuth).status == 400);
    BOOST_TEST(patch(kOrg, R"({"max_services":0})", rootAuth).status == 400);
    BOOST_TEST(patch(kOrg, R"({"max_services":99999999999})", rootAuth).status == 400);
    BOOST_TEST(patch("/api/v1/organizations/nope", R"({"max_services":1})", rootAuth).status == 404);
    auto set = patch(kOrg, R"({"max_services":1})", rootAuth);
    BOOST_TEST(set.status == 200, set.body);
    BOOST_TEST(parseJson(set.body)->getValue<int>("max_services") == 1);

    createService("one");
    auto r = createBody(kWeb, ownerAuth);
    BOOST_TEST(r.status == 409);
    BOOST_TEST(errorOf(r) == "limit_reached");
    BOOST_TEST(parseJson(get(kOrg + "/services", ownerAuth).body)->getObject("usage")->getValue<int>("max_services") == 1);
}

BOOST_AUTO_TEST_CASE(twenty_concurrent_creates_against_max_five_make_exactly_five) {
    expect(patch(kOrg, R"({"max_services":5})", rootAuth), 200);
    std::atomic<int> created{0}, limited{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 20; ++i)
        threads.emplace_back([&, i] {
            const auto slug = "svc-" + std::to_string(i);
            const auto r = createBody(R"({"slug":")" + slug +
                                          R"(","name":"S","service_type":"api","redirect_uris":[]})",
                                      ownerAuth);
            if (r.status == 201) ++created;
            else if (r.status == 409 && r.body.find("limit_reached") != std::string::npos) ++limited;
            else ++other;
        });
    for (auto& t : threads) t.join();
    BOOST_TEST(created.load() == 5);
    BOOST_TEST(limited.load() == 15);
    BOOST_TEST(other.load() == 0);
    const auto listed = parseJson(get(kOrg + "/services", ownerAuth).body);
    BOOST_TEST(listed->getArray("services")->size() == 5u);
    BOOST_TEST(listed->getObject("usage")->getValue<int>("current_services") == 5);
}

BOOST_AUTO_TEST_CASE(client_secret_fills_slot_one_then_two_then_409_and_works_at_the_token_endpoint) {
    const auto clientId = createService("web")->getValue<std::string>("client_id");
    const auto system = Principal::system();
    context->clients->create(system, NewClient{"orders-api", "Orders", ClientType::Application, "", "", {}, false,
                                               {{"orders:read", ""}}});
    context->clients->authorize(system, clientId, "orders-api", {"orders:read"});
    BOOST_TEST(post(kOrg + "/services/web/client-secret", "", memberAuth).status == 403);
    BOOST_TEST(post(kOrg + "/services/web/client-secret", "").status == 401);

    auto first = post(kOrg + "/services/web/client-secret", "", adminAuth);
    BOOST_TEST(first.status == 200, first.body);
    BOOST_TEST(first.header("Cache-Control") == "no-store");
    BOOST_TEST(parseJson(first.body)->getValue<int>("slot") == 1);
    auto second = post(kOrg + "/services/web/client-secret", "", ownerAuth);
    BOOST_TEST(parseJson(second.body)->getValue<int>("slot") == 2);
    auto third = post(kOrg + "/services/web/client-secret", "", ownerAuth);
    BOOST_TEST(third.status == 409);
    BOOST_TEST(errorOf(third) == "conflict");

    for (const auto& r : {first, second}) {
        const auto secret = parseJson(r.body)->getValue<std::string>("client_secret");
        const test::Headers basic{{"Authorization", "Basic " + crypto::base64Encode(clientId + ":" + secret)}};
        auto token = test::httpRequest(port, "POST", "/v1/token", "grant_type=client_credentials&audience=orders-api",
                                       basic, "application/x-www-form-urlencoded");
        BOOST_TEST(token.status == 200, token.body);
    }
}

BOOST_AUTO_TEST_CASE(plan_lifecycle_with_subscription_counts) {
    createService("web");
    auto created = post(kOrg + "/services/web/plans",
                        R"({"name":"pro","price_cents":2999,"currency":"usd","features":["api-access"],"x":true})",
                        adminAuth);
    BOOST_TEST(created.status == 201, created.body);
    const auto body = parseJson(created.body);
    BOOST_TEST(body->getValue<int>("subscription_count") == 0);
    const auto plan = body->getObject("plan");
    const auto id = plan->getValue<std::string>("id");
    BOOST_TEST(id.rfind("plan_", 0) == 0u);
    BOOST_TEST(plan->getValue<long long>("price_cents") == 2999);
    BOOST_TEST(plan->getValue<std::string>("currency") == "usd");
    BOOST_TEST(plan->getValue<std::string>("service_id").rfind("svc_", 0) == 0u);

    auto listed = get(kOrg + "/services/web/plans", memberAuth);
    BOOST_TEST(listed.status == 200);
    BOOST_TEST(listed.body.front() == '[');
    BOOST_TEST(listed.body.find("\"subscription_count\":0") != std::string::npos);

    auto updated = patch(kOrg + "/services/web/plans/" + id, R"({"name":"Pro Plus","price_cents":3999})", adminAuth);
    BOOST_TEST(updated.status == 200, updated.body);
    BOOST_TEST(parseJson(updated.body)->getObject("plan")->getValue<std::string>("name") == "Pro Plus");
    BOOST_TEST(parseJson(updated.body)->getObject("plan")->getValue<std::string>("currency") == "usd");
    BOOST_TEST(del(kOrg + "/services/web/plans/" + id, adminAuth).status == 204);
    BOOST_TEST(del(kOrg + "/services/web/plans/" + id, adminAuth).status == 404);
}

BOOST_AUTO_TEST_CASE(plan_failures_are_mapped_and_write_nothing) {
    createService("web");
    const auto id = createPlan("web", "pro");
    const auto plans = kOrg + "/services/web/plans";
    BOOST_TEST(post(plans, R"({"name":"x","price_cents":1,"currency":"usd"})").status == 401);
    BOOST_TEST(post(plans, R"({"name":"x","price_cents":1,"currency":"usd"})", memberAuth).status == 403);
    auto duplicate = post(plans, R"({"name":"pro","price_cents":1,"currency":"usd"})", ownerAuth);
    BOOST_TEST(duplicate.status == 409);
    BOOST_TEST(errorOf(duplicate) == "conflict");
    BOOST_TEST(post(plans, R"({"name":"x","price_cents":1,"currency":"USD"})", ownerAuth).status == 400);
    BOOST_TEST(post(plans, R"({"name":"x","price_cents":1,"currency":"xyz"})", ownerAuth).status == 400);
    BOOST_TEST(post(plans, R"({"name":"x","price_cents":-1,"currency":"usd"})", ownerAuth).status == 400);
    BOOST_TEST(post(plans, R"({"name":"x","price_cents":1.5,"currency":"usd"})", ownerAuth).status == 400);
    auto typed = post(plans, R"({"name":"x","price_cents":"2999","currency":"usd"})", ownerAuth);
    BOOST_TEST(typed.status == 400);
    BOOST_TEST(errorOf(typed) == "invalid_request");
    BOOST_TEST(messageOf(typed).find("price_cents") != std::string::npos);
    BOOST_TEST(patch(plans + "/" + id, R"({"price_cents":-5})", ownerAuth).status == 400);
    BOOST_TEST(patch(plans + "/" + id, R"({"name":"y"})", memberAuth).status == 403);
    BOOST_TEST(patch(plans + "/plan_nope", R"({"name":"y"})", ownerAuth).status == 404);
    BOOST_TEST(get(kOrg + "/services/nope/plans", ownerAuth).status == 404);
    const auto listed = get(plans, ownerAuth).body;
    BOOST_TEST(listed.find("\"price_cents\":2999") != std::string::npos);
    BOOST_TEST(listed.find("\"x\"") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_plan_with_active_subscriptions_cannot_be_deleted_until_they_are_cancelled) {
    createService("web");
    const auto id = createPlan("web", "pro");
    auto subscribed = post(kOrg + "/services/web/subscriptions",
                           R"({"plan_id":")" + id + R"(","email":"member@example.com"})", adminAuth);
    BOOST_TEST(subscribed.status == 201, subscribed.body);
    const auto subscription = parseJson(subscribed.body);
    BOOST_TEST(subscription->getValue<std::string>("status") == "active");
    BOOST_TEST(subscription->getValue<std::string>("user_id") == member.id);
    BOOST_TEST(subscription->getValue<std::string>("plan_id") == id);

    auto refused = del(kOrg + "/services/web/plans/" + id, ownerAuth);
    BOOST_TEST(refused.status == 409);
    BOOST_TEST(errorOf(refused) == "conflict");
    const auto still = get(kOrg + "/services/web/plans", ownerAuth).body;
    BOOST_TEST(still.find("\"subscription_count\":1") != std::string::npos, still);
    BOOST_TEST(context->db->services().findPlan(serviceIdOf("web"), id).has_value());

    const auto subId = subscription->getValue<std::string>("id");
    BOOST_TEST(del(kOrg + "/services/web/subscriptions/" + subId, memberAuth).status == 403);
    auto cancelled = del(kOrg + "/services/web/subscriptions/" + subId, ownerAuth);
    BOOST_TEST(cancelled.status == 200, cancelled.body);
    BOOST_TEST(parseJson(cancelled.body)->getValue<std::string>("status") == "cancelled");
    BOOST_TEST(del(kOrg + "/services/web/plans/" + id, ownerAuth).status == 204);
}

BOOST_AUTO_TEST_CASE(subscriptions_are_listed_and_failures_are_mapped) {
    createService("web");
    const auto id = createPlan("web", "pro");
    const auto subs = kOrg + "/services/web/subscriptions";
    BOOST_TEST(post(subs, R"({"plan_id":")" + id + R"(","email":"member@example.com"})", memberAuth).status == 403);
    BOOST_TEST(post(subs, R"({"plan_id":")" + id + R"(","email":"nobody@example.com"})", ownerAuth).status == 404);
    BOOST_TEST(post(subs, R"({"plan_id":"plan_nope","email":"member@example.com"})", ownerAuth).status == 404);
    BOOST_TEST(post(subs, R"({"email":"member@example.com"})", ownerAuth).status == 400);
    BOOST_TEST(del(subs + "/sub_nope", ownerAuth).status == 404);
    expect(post(subs, R"({"plan_id":")" + id + R"(","email":"admin@example.com"})", ownerAuth), 201);
    auto listed = get(subs, memberAuth);
    BOOST_TEST(listed.status == 200, listed.body);
    BOOST_TEST(parseJson(listed.body)->getArray("subscriptions")->size() == 1u);
    BOOST_TEST(get(subs).status == 401);
}

BOOST_AUTO_TEST_SUITE_END()
