// SPDX-License-Identifier: Apache-2.0
// Conformance: services with their clients, plans, subscriptions, API keys.
#include "store/store_conformance.hpp"

#include "store/store_samples.hpp"

#include <atomic>
#include <thread>
#include <vector>

namespace authcore::test::conformance {
namespace {

void prepareOrganization(Database& db) {
    db.migrate();
    db.users().insert(samples::user("usr_alice", "alice@example.com"));
    db.organizations().insertWithOwner(samples::organization("org_1", "acme"),
                                       samples::membership("", "usr_alice", Role::Owner));
}

Service service(const std::string& id, const std::string& slug) {
    Service s;
    s.id = id;
    s.organizationId = "org_1";
    s.slug = slug;
    s.name = "Service " + slug;
    s.type = ServiceType::Mobile;
    s.clientId = "acme." + slug;
    s.redirectUris = {"https://app.example/cb"};
    s.githubScopes = {"read:user"};
    s.createdAt = samples::at(1);
    s.updatedAt = samples::at(2);
    return s;
}

Client clientOf(const Service& s) {
    auto client = samples::client(s.clientId, "org_1");
    client.redirectUris = s.redirectUris;
    return client;
}

void insert(Database& db, const Service& s, int max = 10) { db.services().insertWithClient(s, clientOf(s), max); }

Plan plan(const std::string& id, const std::string& serviceId, const std::string& name) {
    return {id, serviceId, name, 2999, "usd", {"api", "support"}, samples::at(3), samples::at(3)};
}

ApiKey key(const std::string& id, const std::string& serviceId, const std::string& prefix, long long created) {
    ApiKey k;
    k.id = id;
    k.serviceId = serviceId;
    k.prefix = prefix;
    k.name = "key " + id;
    k.permissions = {"read:service"};
    k.secretHash = std::string(64, 'b');
    k.createdAt = samples::at(created);
    return k;
}

} // namespace

void servicesRoundTripWithTheirClient(Database& db) {
    prepareOrganization(db);
    insert(db, service("svc_1", "web"));
    const auto found = db.services().find("org_1", "web");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->clientId == "acme.web");
    BOOST_TEST((found->type == ServiceType::Mobile));
    BOOST_TEST(found->githubScopes == std::vector<std::string>{"read:user"}, boost::test_tools::per_element());
    BOOST_TEST(db.clients().findById("acme.web").has_value());
    BOOST_TEST(db.services().findById("svc_1")->slug == "web");
    BOOST_CHECK_EXCEPTION(insert(db, service("svc_2", "web")), Error, hasCode(ErrorCode::Conflict));
    BOOST_TEST(!db.services().findById("svc_2").has_value());

    auto changed = *found;
    changed.name = "Renamed";
    changed.redirectUris = {"https://new.example/cb"};
    db.services().update(changed);
    BOOST_TEST(db.services().findById("svc_1")->name == "Renamed");
    BOOST_TEST(db.clients().findById("acme.web")->redirectUris == changed.redirectUris,
               boost::test_tools::per_element());
    BOOST_TEST(db.services().countForOrganization("org_1") == 1);
    BOOST_TEST(db.services().listForOrganization("org_1").size() == 1u);
}

void servicesRemovalTakesEverythingWithIt(Database& db) {
    prepareOrganization(db);
    insert(db, service("svc_1", "web"));
    db.services().insertPlan(plan("plan_1", "svc_1", "pro"));
    db.services().insertSubscription({"sub_1", "plan_1", "usr_alice", SubscriptionStatus::Active, samples::at(), samples::at()});
    db.services().insertApiKey(key("key_1", "svc_1", "abcd1234", 1));
    BOOST_TEST(db.services().removeWithClient("svc_1"));
    BOOST_TEST(!db.services().findById("svc_1").has_value());
    BOOST_TEST(!db.clients().findById("acme.web").has_value());
    BOOST_TEST(!db.services().findSubscription("sub_1").has_value());
    BOOST_TEST(!db.services().findApiKeyByPrefix("abcd1234").has_value());
    BOOST_TEST(!db.services().removeWithClient("svc_1"));
}

void servicesLimitHoldsUnderConcurrentCreates(Database& db) {
    prepareOrganization(db);
    constexpr int kCallers = 20;
    std::atomic<int> created{0}, limited{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kCallers; ++i)
        threads.emplace_back([&, i] {
            try {
                insert(db, service("svc_" + std::to_string(i), "s" + std::to_string(i)), 5);
                ++created;
            } catch (const Error& e) {
                ++(e.code() == ErrorCode::LimitReached ? limited : other);
            }
        });
    for (auto& thread : threads) thread.join();
    BOOST_TEST(created.load() == 5);
    BOOST_TEST(limited.load() == kCallers - 5);
    BOOST_TEST(other.load() == 0);
    BOOST_TEST(db.services().countForOrganization("org_1") == 5);
}

void plansRefuseDeletionWhileSubscribed(Database& db) {
    prepareOrganization(db);
    insert(db, service("svc_1", "web"));
    auto& services = db.services();
    services.insertPlan(plan("plan_1", "svc_1", "pro"));
    BOOST_CHECK_EXCEPTION(services.insertPlan(plan("plan_2", "svc_1", "pro")), Error, hasCode(ErrorCode::Conflict));
    BOOST_CHECK_EXCEPTION(services.insertPlan(plan("plan_3", "svc_ghost", "pro")), Error, hasCode(ErrorCode::NotFound));
    services.insertSubscription({"sub_1", "plan_1", "usr_alice", SubscriptionStatus::Active, samples::at(), samples::at()});
    BOOST_TEST(services.activeSubscriptionCount("plan_1") == 1);
    BOOST_CHECK_EXCEPTION(services.removePlanWithoutSubscriptions("svc_1", "plan_1"), Error,
                          hasCode(ErrorCode::Conflict));
    BOOST_TEST(services.findPlan("svc_1", "plan_1").has_value());
    auto subscription = *services.findSubscription("sub_1");
    subscription.status = SubscriptionStatus::Cancelled;
    services.updateSubscription(subscription);
    BOOST_TEST(services.activeSubscriptionCount("plan_1") == 0);
    BOOST_TEST(!services.removePlanWithoutSubscriptions("svc_other", "plan_1"));
    BOOST_TEST(services.removePlanWithoutSubscriptions("svc_1", "plan_1"));
    BOOST_TEST(!services.findPlan("svc_1", "plan_1").has_value());

    auto renamed = plan("plan_4", "svc_1", "basic");
    services.insertPlan(renamed);
    renamed.priceCents = 0;
    renamed.features = {};
    services.updatePlan(renamed);
    BOOST_TEST(services.findPlan("svc_1", "plan_4")->priceCents == 0);
    BOOST_TEST(services.listPlans("svc_1").size() == 1u);
}

void apiKeysPageFindAndTouch(Database& db) {
    prepareOrganization(db);
    insert(db, service("svc_1", "web"));
    auto& services = db.services();
    for (int i = 0; i < 5; ++i)
        services.insertApiKey(key("key_" + std::to_string(i), "svc_1", "prefix0" + std::to_string(i), i));
    BOOST_CHECK_EXCEPTION(services.insertApiKey(key("key_x", "svc_1", "prefix00", 9)), Error,
                          hasCode(ErrorCode::Conflict));
    BOOST_TEST(services.countApiKeys("svc_1") == 5);
    const auto page = services.listApiKeys("svc_1", 2, 1);
    BOOST_TEST_REQUIRE(page.size() == 2u);
    BOOST_TEST(page[0].id == "key_3"); // newest first
    BOOST_TEST(services.findApiKeyByPrefix("prefix02")->id == "key_2");
    BOOST_TEST(!services.findApiKey("svc_other", "key_2").has_value());

    services.touchApiKey("key_2", samples::at(100), samples::at(40));
    BOOST_TEST(toUnix(*services.findApiKey("svc_1", "key_2")->lastUsedAt) == toUnix(samples::at(100)));
    services.touchApiKey("key_2", samples::at(130), samples::at(70)); // used 30 s ago: no write
    BOOST_TEST(toUnix(*services.findApiKey("svc_1", "key_2")->lastUsedAt) == toUnix(samples::at(100)));
    BOOST_TEST(services.removeApiKey("svc_1", "key_2"));
    BOOST_TEST(!services.findApiKeyByPrefix("prefix02").has_value());
    BOOST_TEST(!services.removeApiKey("svc_1", "key_2"));
}

} // namespace authcore::test::conformance
