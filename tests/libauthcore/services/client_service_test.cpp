// SPDX-License-Identifier: Apache-2.0
// ClientService: who may manage a client, and authorization scope rules.
#include "token_fixture.hpp"

#include <authcore/services/organization_service.hpp>
#include <authcore/services/user_service.hpp>

#include "support/error_code.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;

namespace {

struct ClientFixture : test::TokenFixture {
    ClientFixture() {
        const auto a = users.create(Principal::system(), NewUser{"admin@acme.test", "admin-password", "", false});
        const auto m = users.create(Principal::system(), NewUser{"member@acme.test", "member-password", "", false});
        admin = Principal{a.id, a.email, false};
        member = Principal{m.id, m.email, false};
        acme = orgs.create(admin, "acme", "Acme");
        orgs.addMember(admin, "acme", "member@acme.test", Role::Member);
    }
    crypto::PasswordHasher passwords{crypto::Argon2Params{1, 1024, 1}};
    UserService users{db->users(), db->sessions(), passwords, audit, clock};
    OrganizationService orgs{db->organizations(), db->users(), audit, clock};
    Principal admin, member;
    Organization acme;
};


} // namespace

BOOST_FIXTURE_TEST_SUITE(services_clients, ClientFixture)

BOOST_AUTO_TEST_CASE(org_admin_manages_its_clients_and_a_member_only_reads) {
    clients.create(admin, NewClient{"acme-app", "", ClientType::Application, acme.id, "", {}, false, {}});
    BOOST_TEST(clients.permissions(admin, clients.get(admin, "acme-app")).canAddClientSecret);
    const auto seen = clients.get(member, "acme-app");
    BOOST_TEST(!clients.permissions(member, seen).canDeleteClient);
    BOOST_TEST(test::errorCodeOf([&] { clients.generateSecret(member, "acme-app", 1); }) ==
               test::code(ErrorCode::Forbidden));
    BOOST_TEST(!db->clients().findById("acme-app")->secret1.isSet());
}

BOOST_AUTO_TEST_CASE(outsider_cannot_see_or_create_clients_of_an_org) {
    const auto o = users.create(Principal::system(), NewUser{"out@evil.test", "outsider-pass", "", false});
    const Principal outsider{o.id, o.email, false};
    clients.create(admin, NewClient{"acme-app", "", ClientType::Application, acme.id, "", {}, false, {}});
    BOOST_TEST(test::errorCodeOf([&] { clients.get(outsider, "acme-app"); }) ==
               test::code(ErrorCode::NotFound));
    BOOST_TEST(test::errorCodeOf([&] {
                   clients.create(outsider, NewClient{"evil", "", ClientType::Application, acme.id, "", {}, false, {}});
               }) == test::code(ErrorCode::Forbidden));
    BOOST_TEST(!db->clients().findById("evil").has_value());
    BOOST_TEST(clients.list(outsider, "", 50).empty());
}

BOOST_AUTO_TEST_CASE(user_clients_have_no_secrets_or_jwt_bearer) {
    clients.create(Principal::system(), NewClient{"user:alice", "", ClientType::User, "", admin.userId, {}, false, {}});
    const auto p = clients.permissions(admin, clients.get(admin, "user:alice"));
    BOOST_TEST(!p.canAddClientSecret);
    BOOST_TEST(!p.canAddClientAuthorization);
    BOOST_TEST(p.canDeleteClient); // its own person may
    BOOST_TEST(!clients.permissions(Principal::system(), clients.get(Principal::system(), "user:alice")).canDeleteClient);
}

BOOST_AUTO_TEST_CASE(authorized_scopes_must_be_offered_by_the_audience) {
    BOOST_TEST(test::errorCodeOf([&] {
                   clients.authorize(Principal::system(), "orders-api", "worker", {"read"});
               }) == test::code(ErrorCode::InvalidInput));
    BOOST_TEST(test::errorCodeOf([&] {
                   clients.addAuthorizedScope(Principal::system(), "worker", "orders-api", "delete-everything");
               }) == test::code(ErrorCode::InvalidInput));
    BOOST_TEST(!db->authorizations().find("orders-api", "worker").has_value());
    clients.addAuthorizedScope(Principal::system(), "worker", "orders-api", "admin");
    BOOST_TEST(db->authorizations().find("worker", "orders-api")->scopes.size() == 3u);
}

BOOST_AUTO_TEST_CASE(bad_client_ids_are_refused) {
    for (const std::string& id : std::vector<std::string>{"", "has space", std::string(129, 'a'), "semi;colon"})
        BOOST_TEST(test::errorCodeOf([&] {
                       clients.create(Principal::system(), NewClient{id, "", ClientType::Application, "", "", {}, false, {}});
                   }) == test::code(ErrorCode::InvalidInput));
    BOOST_TEST(test::errorCodeOf([&] {
                   clients.create(Principal::system(), NewClient{"worker", "", ClientType::Application, "", "", {}, false, {}});
               }) == test::code(ErrorCode::Conflict));
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

std::vector<std::string> idsOf(const ClientPage& page) {
    std::vector<std::string> ids;
    for (const auto& c : page.clients) ids.push_back(c.clientId);
    return ids;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_client_pages, ClientFixture)

BOOST_AUTO_TEST_CASE(pages_go_both_ways_over_visible_clients_only) {
    // The fixture's orders-api and worker belong to no organization: the member cannot see them.
    for (const auto* id : {"acme-a", "acme-b", "acme-c", "acme-d", "acme-e"})
        clients.create(admin, NewClient{id, "", ClientType::Application, acme.id, "", {}, false, {}});
    using V = std::vector<std::string>;
    auto first = clients.page(member, {2, "", std::nullopt, ""});
    BOOST_TEST(idsOf(first) == (V{"acme-a", "acme-b"}), boost::test_tools::per_element());
    BOOST_TEST(first.hasNextPage);
    BOOST_TEST(!first.hasPreviousPage);
    auto next = clients.page(member, {2, "acme-d", std::nullopt, ""});
    BOOST_TEST(idsOf(next) == V{"acme-e"}, boost::test_tools::per_element());
    BOOST_TEST(!next.hasNextPage);
    BOOST_TEST(next.hasPreviousPage);
    auto last = clients.page(member, {std::nullopt, "", 2, ""});
    BOOST_TEST(idsOf(last) == (V{"acme-d", "acme-e"}), boost::test_tools::per_element());
    BOOST_TEST(last.hasPreviousPage);
    BOOST_TEST(!last.hasNextPage);
    auto before = clients.page(member, {std::nullopt, "", 3, "acme-c"});
    BOOST_TEST(idsOf(before) == (V{"acme-a", "acme-b"}), boost::test_tools::per_element());
    BOOST_TEST(!before.hasPreviousPage);
    BOOST_TEST(before.hasNextPage);
    // The system sees every client, its own included.
    BOOST_TEST(clients.page(Principal::system(), {100, "", std::nullopt, ""}).clients.size() == 7u);
}

BOOST_AUTO_TEST_CASE(page_sizes_are_bounded_and_directions_exclusive) {
    BOOST_TEST(test::errorCodeOf([&] { clients.page(member, {1, "", 1, ""}); }) == test::code(ErrorCode::InvalidInput));
    BOOST_TEST(test::errorCodeOf([&] { clients.page(member, {-1, "", std::nullopt, ""}); }) ==
               test::code(ErrorCode::InvalidInput));
    BOOST_TEST(test::errorCodeOf([&] { clients.page(member, {501, "", std::nullopt, ""}); }) ==
               test::code(ErrorCode::InvalidInput));
    BOOST_TEST(clients.page(member, {0, "", std::nullopt, ""}).clients.empty());
}

BOOST_AUTO_TEST_CASE(an_authorization_is_visible_through_either_client) {
    clients.create(admin, NewClient{"acme-api", "", ClientType::Application, acme.id, "", {}, false, {{"read", ""}}});
    const auto granted = clients.authorize(Principal::system(), "worker", "acme-api", {"read"});
    BOOST_TEST(clients.authorization(member, granted.id).subjectClientId == "worker");
    const auto o = users.create(Principal::system(), NewUser{"out@evil.test", "outsider-pass", "", false});
    BOOST_TEST(test::errorCodeOf([&] { clients.authorization(Principal{o.id, o.email, false}, granted.id); }) ==
               test::code(ErrorCode::NotFound));
    BOOST_TEST(test::errorCodeOf([&] { clients.authorization(member, "authz_missing"); }) ==
               test::code(ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(new_clients_belong_to_the_callers_one_administered_organization) {
    BOOST_TEST(clients.ownerOrganizationFor(admin, "") == acme.id);
    BOOST_TEST(clients.ownerOrganizationFor(Principal::system(), "").empty());
    BOOST_TEST(clients.ownerOrganizationFor(admin, "acme") == acme.id);
    BOOST_TEST(test::errorCodeOf([&] { clients.ownerOrganizationFor(member, ""); }) ==
               test::code(ErrorCode::Forbidden));
    orgs.create(admin, "second", "Second");
    BOOST_TEST(test::errorCodeOf([&] { clients.ownerOrganizationFor(admin, ""); }) ==
               test::code(ErrorCode::InvalidInput));
    BOOST_TEST(test::errorCodeOf([&] { clients.ownerOrganizationFor(admin, "nope"); }) ==
               test::code(ErrorCode::NotFound));
}

BOOST_AUTO_TEST_SUITE_END()
