// SPDX-License-Identifier: Apache-2.0
// ServiceCatalog: roles, API-key permissions, validation, limits and keys.
#include "token_fixture.hpp"

#include <authcore/services/organization_service.hpp>
#include <authcore/services/service_catalog.hpp>
#include <authcore/services/user_service.hpp>

#include "support/error_code.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::code;
using test::errorCodeOf;

namespace {

struct CatalogFixture : test::TokenFixture {
    CatalogFixture() {
        owner = principalOf("owner@acme.test");
        admin = principalOf("admin@acme.test");
        member = principalOf("member@acme.test");
        outsider = principalOf("out@evil.test");
        orgs.create(owner, "acme", "Acme");
        orgs.addMember(owner, "acme", "admin@acme.test", Role::Admin);
        orgs.addMember(owner, "acme", "member@acme.test", Role::Member);
    }
    Principal principalOf(const std::string& email) {
        const auto user = users.create(Principal::system(), NewUser{email, "password-123", "", false});
        return Principal{user.id, user.email, false};
    }
    NewService web(const std::string& slug = "main-app") {
        return {slug, "Main", "web", {"https://app.acme.test/cb"}, {"read:user"}, {}, {}};
    }
    Principal keyWith(const std::vector<std::string>& permissions, const std::string& service = "main-app") {
        const auto created = catalog.createApiKey(owner, "acme", service, NewApiKey{"k", permissions, std::nullopt});
        return catalog.authenticateApiKey(created.fullKey);
    }

    crypto::PasswordHasher passwords{crypto::Argon2Params{1, 1024, 1}};
    UserService users{db->users(), db->sessions(), passwords, audit, clock};
    OrganizationService orgs{db->organizations(), db->users(), audit, clock};
    ServiceCatalog catalog{db->services(), orgs,      db->organizations(), db->users(), clients,
                           directory,      hasher,    audit,               clock};
    Principal owner, admin, member, outsider;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_catalog, CatalogFixture)

BOOST_AUTO_TEST_CASE(admin_creates_a_service_with_its_client_and_members_read) {
    const auto service = catalog.create(admin, "acme", web());
    BOOST_TEST(service.clientId == "acme.main-app");
    const auto client = db->clients().findById(service.clientId);
    BOOST_TEST_REQUIRE(client.has_value());
    BOOST_TEST((client->type == ClientType::Service));
    BOOST_TEST(!client->publicClient);
    BOOST_TEST(client->redirectUris == service.redirectUris, boost::test_tools::per_element());
    BOOST_TEST(catalog.get(member, "acme", "main-app").id == service.id);
    BOOST_TEST(catalog.list(member, "acme").size() == 1u);
    BOOST_TEST(catalog.usage(member, "acme").currentServices == 1);
    BOOST_TEST(providerGrants(service).size() == 1u);
    BOOST_TEST(providerGrants(service)[0].provider == "github");
    // A mobile app's client is public: it cannot keep a secret.
    BOOST_TEST(db->clients().findById(catalog.create(owner, "acme", {"phone", "Phone", "mobile", {}, {}, {}, {}}).clientId)
                   ->publicClient);
}

BOOST_AUTO_TEST_CASE(roles_decide_who_creates_updates_and_deletes) {
    BOOST_TEST(errorCodeOf([&] { catalog.create(member, "acme", web()); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(errorCodeOf([&] { catalog.create(outsider, "acme", web()); }) == code(ErrorCode::NotFound));
    catalog.create(owner, "acme", web());
    BOOST_TEST(errorCodeOf([&] { catalog.update(member, "acme", "main-app", {"New", {}, {}, {}, {}}); }) ==
               code(ErrorCode::Forbidden));
    BOOST_TEST(catalog.update(admin, "acme", "main-app", {"New", {}, {}, {}, {}}).name == "New");
    BOOST_TEST(errorCodeOf([&] { catalog.remove(admin, "acme", "main-app"); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(errorCodeOf([&] { catalog.get(outsider, "acme", "main-app"); }) == code(ErrorCode::NotFound));
    catalog.remove(owner, "acme", "main-app");
    BOOST_TEST(!db->clients().findById("acme.main-app").has_value());
    BOOST_TEST(errorCodeOf([&] { catalog.get(member, "acme", "main-app"); }) == code(ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused_and_nothing_is_created) {
    auto bad = web("A");
    BOOST_TEST(errorCodeOf([&] { catalog.create(owner, "acme", bad); }) == code(ErrorCode::InvalidInput));
    for (const auto* slug : {"a", "-ab", "ab-", "Upper", "has_underscore", "has space"}) {
        bad = web(slug);
        BOOST_TEST(errorCodeOf([&] { catalog.create(owner, "acme", bad); }) == code(ErrorCode::InvalidInput), slug);
    }
    bad = web();
    bad.serviceType = "desktop";
    BOOST_TEST(errorCodeOf([&] { catalog.create(owner, "acme", bad); }) == code(ErrorCode::InvalidInput));
    for (const auto* uri : {"http://app.example/cb", "https://app.example/cb#frag", "/relative", "ftp://x.example/"}) {
        bad = web();
        bad.redirectUris = {uri};
        BOOST_TEST(errorCodeOf([&] { catalog.create(owner, "acme", bad); }) == code(ErrorCode::InvalidInput), uri);
    }
    bad = web();
    bad.redirectUris = {"http://localhost:3000/cb", "http://127.0.0.1/cb"};
    catalog.create(owner, "acme", bad); // local http is fine
    BOOST_TEST(catalog.list(owner, "acme").size() == 1u);
    BOOST_TEST(errorCodeOf([&] { catalog.create(owner, "acme", web("main-app")); }) == code(ErrorCode::Conflict));
}

BOOST_AUTO_TEST_CASE(the_service_limit_is_enforced_and_set_by_a_system_admin) {
    BOOST_TEST(errorCodeOf([&] { catalog.setMaxServices(owner, "acme", 1); }) == code(ErrorCode::Forbidden));
    catalog.setMaxServices(Principal::system(), "acme", 1);
    catalog.create(owner, "acme", web("one"));
    BOOST_TEST(errorCodeOf([&] { catalog.create(owner, "acme", web("two")); }) == code(ErrorCode::LimitReached));
    BOOST_TEST(!db->clients().findById("acme.two").has_value());
    BOOST_TEST(catalog.usage(owner, "acme").maxServices == 1);
    BOOST_TEST(errorCodeOf([&] { catalog.setMaxServices(Principal::system(), "acme", 0); }) ==
               code(ErrorCode::InvalidInput));
}

BOOST_AUTO_TEST_CASE(plans_validate_and_refuse_deletion_while_subscribed) {
    catalog.create(owner, "acme", web());
    const auto pro = catalog.createPlan(admin, "acme", "main-app", {"pro", 2999, "usd", {"api"}});
    BOOST_TEST(pro.subscriptionCount == 0);
    BOOST_TEST(errorCodeOf([&] { catalog.createPlan(admin, "acme", "main-app", {"pro", 1, "usd", {}}); }) ==
               code(ErrorCode::Conflict));
    for (const auto& bad : {NewPlan{"x", -1, "usd", {}}, NewPlan{"x", 1, "USD", {}}, NewPlan{"x", 1, "usx", {}},
                            NewPlan{"", 1, "eur", {}}})
        BOOST_TEST(errorCodeOf([&] { catalog.createPlan(admin, "acme", "main-app", bad); }) ==
                   code(ErrorCode::InvalidInput));
    BOOST_TEST(errorCodeOf([&] { catalog.createPlan(member, "acme", "main-app", {"m", 1, "eur", {}}); }) ==
               code(ErrorCode::Forbidden));
    const auto sub = catalog.subscribe(admin, "acme", "main-app", pro.plan.id, "member@acme.test");
    BOOST_TEST(catalog.plans(member, "acme", "main-app").at(0).subscriptionCount == 1);
    BOOST_TEST(errorCodeOf([&] { catalog.removePlan(admin, "acme", "main-app", pro.plan.id); }) ==
               code(ErrorCode::Conflict));
    BOOST_TEST(catalog.plans(member, "acme", "main-app").size() == 1u);
    catalog.cancelSubscription(admin, "acme", "main-app", sub.id);
    const auto updated = catalog.updatePlan(admin, "acme", "main-app", pro.plan.id, {"Pro Plus", 3999, {}, {}});
    BOOST_TEST(updated.plan.name == "Pro Plus");
    BOOST_TEST(updated.plan.currency == "usd");
    catalog.removePlan(admin, "acme", "main-app", pro.plan.id);
    BOOST_TEST(catalog.plans(member, "acme", "main-app").empty());
}

BOOST_AUTO_TEST_CASE(api_keys_are_shown_once_and_act_with_exactly_their_permissions) {
    catalog.create(owner, "acme", web());
    catalog.create(owner, "acme", web("other"));
    const auto created = catalog.createApiKey(admin, "acme", "main-app", {"backend", {"read:service"}, 90});
    BOOST_TEST(created.fullKey.rfind("ak_" + created.key.prefix + "_", 0) == 0u);
    BOOST_TEST(created.key.secretHash.find(created.fullKey.substr(12)) == std::string::npos);
    BOOST_TEST(created.key.expiresAt.has_value());
    const auto key = catalog.authenticateApiKey(created.fullKey);
    BOOST_TEST(key.isApiKey());
    BOOST_TEST(catalog.get(key, "acme", "main-app").slug == "main-app");
    BOOST_TEST(errorCodeOf([&] { catalog.update(key, "acme", "main-app", {"x", {}, {}, {}, {}}); }) ==
               code(ErrorCode::Forbidden));
    BOOST_TEST(errorCodeOf([&] { catalog.get(key, "acme", "other"); }) == code(ErrorCode::NotFound));
    BOOST_TEST(errorCodeOf([&] { catalog.list(key, "acme"); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(errorCodeOf([&] { catalog.createApiKey(key, "acme", "main-app", {"n", {"read:service"}, {}}); }) ==
               code(ErrorCode::Forbidden));
    const auto writer = keyWith({"write:service"});
    BOOST_TEST(catalog.update(writer, "acme", "main-app", {"Renamed", {}, {}, {}, {}}).name == "Renamed");
    BOOST_TEST(errorCodeOf([&] { catalog.remove(writer, "acme", "main-app"); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(db->services().findApiKeyByPrefix(created.key.prefix)->lastUsedAt.has_value());
}

BOOST_AUTO_TEST_CASE(bad_expired_or_deleted_keys_are_unauthenticated) {
    catalog.create(owner, "acme", web());
    const auto created = catalog.createApiKey(owner, "acme", "main-app", {"k", {"read:service"}, 1});
    auto tampered = created.fullKey;
    tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
    for (const auto& bad : {tampered, std::string("ak_"), std::string("not-a-key"), std::string("ak_zzzzzzzz_secret")})
        BOOST_TEST(errorCodeOf([&] { catalog.authenticateApiKey(bad); }) == code(ErrorCode::Unauthenticated));
    clock.advance(std::chrono::hours(25));
    BOOST_TEST(errorCodeOf([&] { catalog.authenticateApiKey(created.fullKey); }) == code(ErrorCode::Unauthenticated));
    const auto fresh = catalog.createApiKey(owner, "acme", "main-app", {"k2", {"read:service"}, std::nullopt});
    catalog.authenticateApiKey(fresh.fullKey);
    catalog.removeApiKey(admin, "acme", "main-app", fresh.key.id);
    BOOST_TEST(errorCodeOf([&] { catalog.authenticateApiKey(fresh.fullKey); }) == code(ErrorCode::Unauthenticated));
}

BOOST_AUTO_TEST_CASE(key_permissions_are_validated_and_lists_page) {
    catalog.create(owner, "acme", web());
    for (const auto& bad : {std::vector<std::string>{}, std::vector<std::string>{"admin:all"},
                            std::vector<std::string>{"read:users", "read:users"}})
        BOOST_TEST(errorCodeOf([&] { catalog.createApiKey(owner, "acme", "main-app", {"k", bad, {}}); }) ==
                   code(ErrorCode::InvalidInput));
    BOOST_TEST(errorCodeOf([&] { catalog.createApiKey(owner, "acme", "main-app", {"k", {"read:users"}, 0}); }) ==
               code(ErrorCode::InvalidInput));
    for (int i = 0; i < 3; ++i) catalog.createApiKey(owner, "acme", "main-app", {"k", apiKeyPermissionNames(), {}});
    const auto page = catalog.apiKeys(member, "acme", "main-app", 2, 0);
    BOOST_TEST(page.keys.size() == 2u);
    BOOST_TEST(page.total == 3);
    BOOST_TEST(errorCodeOf([&] { catalog.apiKeys(member, "acme", "main-app", 0, 0); }) == code(ErrorCode::InvalidInput));
    BOOST_TEST(errorCodeOf([&] { catalog.removeApiKey(member, "acme", "main-app", page.keys[0].id); }) ==
               code(ErrorCode::Forbidden));
}

BOOST_AUTO_TEST_CASE(client_secret_fills_slot_one_then_two_then_conflicts) {
    catalog.create(owner, "acme", web());
    BOOST_TEST(catalog.generateClientSecret(admin, "acme", "main-app").slot == 1);
    BOOST_TEST(catalog.generateClientSecret(admin, "acme", "main-app").slot == 2);
    BOOST_TEST(errorCodeOf([&] { catalog.generateClientSecret(admin, "acme", "main-app"); }) ==
               code(ErrorCode::Conflict));
    BOOST_TEST(errorCodeOf([&] { catalog.generateClientSecret(member, "acme", "main-app"); }) ==
               code(ErrorCode::Forbidden));
    // The service's client cannot be deleted on its own.
    BOOST_TEST(errorCodeOf([&] { clients.remove(owner, "acme.main-app"); }) == code(ErrorCode::Forbidden));
}

BOOST_AUTO_TEST_CASE(subscriptions_need_write_subscriptions_and_stay_within_the_service) {
    catalog.create(owner, "acme", web());
    catalog.create(owner, "acme", web("other"));
    const auto plan = catalog.createPlan(owner, "acme", "main-app", {"pro", 100, "eur", {}});
    const auto otherPlan = catalog.createPlan(owner, "acme", "other", {"pro", 100, "eur", {}});
    const auto writer = keyWith({"write:subscriptions"});
    const auto sub = catalog.subscribe(writer, "acme", "main-app", plan.plan.id, "member@acme.test");
    BOOST_TEST((sub.status == SubscriptionStatus::Active));
    BOOST_TEST(errorCodeOf([&] { catalog.subscribe(writer, "acme", "main-app", otherPlan.plan.id, "member@acme.test"); }) ==
               code(ErrorCode::NotFound));
    BOOST_TEST(errorCodeOf([&] { catalog.subscribe(writer, "acme", "main-app", plan.plan.id, "nobody@x.test"); }) ==
               code(ErrorCode::NotFound));
    const auto reader = keyWith({"read:service"});
    BOOST_TEST(errorCodeOf([&] { catalog.subscribe(reader, "acme", "main-app", plan.plan.id, "member@acme.test"); }) ==
               code(ErrorCode::Forbidden));
    BOOST_TEST(catalog.subscriptions(keyWith({"read:subscriptions"}), "acme", "main-app").size() == 1u);
    BOOST_TEST((catalog.cancelSubscription(writer, "acme", "main-app", sub.id).status == SubscriptionStatus::Cancelled));
}

BOOST_AUTO_TEST_CASE(every_change_is_audited) {
    catalog.create(owner, "acme", web());
    catalog.createPlan(owner, "acme", "main-app", {"pro", 100, "eur", {}});
    catalog.createApiKey(owner, "acme", "main-app", {"k", {"read:service"}, {}});
    BOOST_TEST(errorCodeOf([&] { catalog.create(owner, "acme", web()); }) == code(ErrorCode::Conflict));
    audit.flush();
    const auto org = db->organizations().findBySlug("acme");
    std::vector<std::string> actions;
    for (const auto& event : db->audit().list(org->id, "", 50)) actions.push_back(event.action + ":" + event.outcome);
    for (const auto* expected : {"service.create:success", "plan.create:success", "api_key.create:success",
                                 "service.create:failure"})
        BOOST_TEST((std::find(actions.begin(), actions.end(), expected) != actions.end()), expected);
}

BOOST_AUTO_TEST_SUITE_END()
