// SPDX-License-Identifier: Apache-2.0
// OrganizationService: role rules for organizations and memberships.
#include "support/sqlite_fixture.hpp"

#include <authcore/error.hpp>
#include <authcore/services/organization_service.hpp>
#include <authcore/services/user_service.hpp>

#include "support/error_code.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;

namespace {

struct OrgFixture : test::SqliteFixture {
    crypto::PasswordHasher hasher{crypto::Argon2Params{1, 1024, 1}};
    AuditLog audit{db->audit(), clock, 1};
    UserService users{db->users(), db->sessions(), hasher, audit, clock};
    OrganizationService orgs{db->organizations(), db->users(), audit, clock};

    Principal person(const std::string& email) {
        const auto u = users.create(Principal::system(), NewUser{email, "correct horse", "", false});
        return Principal{u.id, u.email, false};
    }
};


} // namespace

BOOST_FIXTURE_TEST_SUITE(services_organizations, OrgFixture)

BOOST_AUTO_TEST_CASE(creator_becomes_owner) {
    const auto alice = person("alice@example.com");
    const auto org = orgs.create(alice, "acme", "Acme");
    BOOST_TEST((orgs.roleOf(alice, org) == Role::Owner));
    BOOST_TEST(orgs.list(alice).size() == 1u);
}

BOOST_AUTO_TEST_CASE(taken_slug_is_a_conflict_and_bad_slug_is_invalid) {
    const auto alice = person("alice@example.com");
    orgs.create(alice, "acme", "Acme");
    BOOST_TEST(test::errorCodeOf([&] { orgs.create(alice, "acme", "Again"); }) ==
               test::code(ErrorCode::Conflict));
    BOOST_TEST(test::errorCodeOf([&] { orgs.create(alice, "Bad Slug", "x"); }) ==
               test::code(ErrorCode::InvalidInput));
    BOOST_TEST(orgs.list(alice).size() == 1u);
}

BOOST_AUTO_TEST_CASE(non_member_sees_not_found_and_member_cannot_manage) {
    const auto alice = person("alice@example.com");
    const auto bob = person("bob@example.com");
    orgs.create(alice, "acme", "Acme");
    BOOST_TEST(test::errorCodeOf([&] { orgs.get(bob, "acme"); }) == test::code(ErrorCode::NotFound));
    orgs.addMember(alice, "acme", "bob@example.com", Role::Member);
    BOOST_TEST(orgs.get(bob, "acme").slug == "acme");
    BOOST_TEST(test::errorCodeOf([&] { orgs.listMembers(bob, "acme"); }) ==
               test::code(ErrorCode::Forbidden));
}

BOOST_AUTO_TEST_CASE(admin_cannot_grant_owner_or_remove_owner) {
    const auto alice = person("alice@example.com");
    const auto carol = person("carol@example.com");
    person("dave@example.com");
    orgs.create(alice, "acme", "Acme");
    orgs.addMember(alice, "acme", "carol@example.com", Role::Admin);
    BOOST_TEST(test::errorCodeOf([&] { orgs.addMember(carol, "acme", "dave@example.com", Role::Owner); }) ==
               test::code(ErrorCode::Forbidden));
    BOOST_TEST(test::errorCodeOf([&] { orgs.removeMember(carol, "acme", alice.userId); }) ==
               test::code(ErrorCode::Forbidden));
    BOOST_TEST(orgs.listMembers(alice, "acme").size() == 2u);
}

BOOST_AUTO_TEST_CASE(last_owner_cannot_leave_or_be_demoted) {
    const auto alice = person("alice@example.com");
    orgs.create(alice, "acme", "Acme");
    BOOST_TEST(test::errorCodeOf([&] { orgs.removeMember(alice, "acme", alice.userId); }) ==
               test::code(ErrorCode::Conflict));
    BOOST_TEST(test::errorCodeOf([&] { orgs.changeRole(alice, "acme", alice.userId, Role::Admin); }) ==
               test::code(ErrorCode::Conflict));
    BOOST_TEST((orgs.roleOf(alice, orgs.get(alice, "acme")) == Role::Owner));
}

BOOST_AUTO_TEST_CASE(adding_twice_is_a_conflict_and_unknown_email_not_found) {
    const auto alice = person("alice@example.com");
    person("bob@example.com");
    orgs.create(alice, "acme", "Acme");
    orgs.addMember(alice, "acme", "bob@example.com", Role::Member);
    BOOST_TEST(test::errorCodeOf([&] { orgs.addMember(alice, "acme", "bob@example.com", Role::Admin); }) ==
               test::code(ErrorCode::Conflict));
    BOOST_TEST(test::errorCodeOf([&] { orgs.addMember(alice, "acme", "nobody@example.com", Role::Member); }) ==
               test::code(ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(changes_are_audited) {
    const auto alice = person("alice@example.com");
    const auto org = orgs.create(alice, "acme", "Acme");
    audit.flush();
    const auto events = db->audit().list(org.id, "", 10);
    BOOST_REQUIRE(!events.empty());
    BOOST_TEST(events.front().action == "organization.create");
    BOOST_TEST(events.front().actor == alice.userId);
}

BOOST_AUTO_TEST_CASE(set_member_adds_then_changes_the_role_and_unknown_email_is_invalid) {
    const auto alice = person("alice@example.com");
    const auto bob = person("bob@example.com");
    orgs.create(alice, "acme", "Acme");
    BOOST_TEST((orgs.setMember(alice, "acme", "Bob@Example.com", Role::Member).membership.role == Role::Member));
    BOOST_TEST((orgs.setMember(alice, "acme", "bob@example.com", Role::Admin).membership.role == Role::Admin));
    BOOST_TEST((orgs.roleOf(bob, orgs.get(bob, "acme")) == Role::Admin));
    BOOST_TEST(orgs.listMembers(alice, "acme").size() == 2u);
    BOOST_TEST(test::errorCodeOf([&] { orgs.setMember(alice, "acme", "nobody@example.com", Role::Member); }) ==
               test::code(ErrorCode::InvalidInput));
    // The rules of addMember and changeRole hold: an admin grants no owner, the last owner stays.
    BOOST_TEST(test::errorCodeOf([&] { orgs.setMember(bob, "acme", "bob@example.com", Role::Owner); }) ==
               test::code(ErrorCode::Forbidden));
    BOOST_TEST(test::errorCodeOf([&] { orgs.setMember(alice, "acme", "alice@example.com", Role::Member); }) ==
               test::code(ErrorCode::Conflict));
    BOOST_TEST(test::errorCodeOf([&] { orgs.setMember(person("eve@example.com"), "acme", "bob@example.com",
                                                      Role::Member); }) == test::code(ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(pages_of_organizations_follow_the_slug_and_a_system_admin_sees_all) {
    const auto alice = person("alice@example.com");
    const auto bob = person("bob@example.com");
    for (const auto* slug : {"delta", "alpha", "charlie"}) orgs.create(alice, slug, slug);
    orgs.create(bob, "bravo", "Bravo");
    const auto first = orgs.page(alice, 2, "");
    BOOST_TEST_REQUIRE(first.organizations.size() == 2u);
    BOOST_TEST(first.organizations[1].slug == "charlie");
    BOOST_TEST(first.hasNextPage);
    const auto rest = orgs.page(alice, 2, "charlie");
    BOOST_TEST_REQUIRE(rest.organizations.size() == 1u);
    BOOST_TEST(rest.organizations[0].slug == "delta");
    BOOST_TEST(!rest.hasNextPage);
    BOOST_TEST(orgs.page(Principal::system(), std::nullopt, "").organizations.size() == 4u);
    BOOST_TEST(test::errorCodeOf([&] { orgs.page(alice, 501, ""); }) == test::code(ErrorCode::InvalidInput));
    BOOST_TEST(test::errorCodeOf([&] { orgs.page(alice, -1, ""); }) == test::code(ErrorCode::InvalidInput));
}

BOOST_AUTO_TEST_CASE(memberships_of_another_user_show_only_shared_organizations) {
    const auto alice = person("alice@example.com");
    const auto bob = person("bob@example.com");
    orgs.create(alice, "acme", "Acme");
    orgs.create(bob, "bobs", "Bob's");
    orgs.addMember(alice, "acme", "bob@example.com", Role::Member);
    BOOST_TEST(orgs.membershipsOf(bob, bob.userId).size() == 2u);
    const auto seen = orgs.membershipsOf(alice, bob.userId);
    BOOST_TEST_REQUIRE(seen.size() == 1u);
    BOOST_TEST(seen[0].organization.slug == "acme");
    BOOST_TEST((seen[0].role == Role::Member));
    BOOST_TEST(orgs.membershipsOf(Principal::system(), bob.userId).size() == 2u);
}

BOOST_AUTO_TEST_CASE(audit_events_are_for_owners_and_admins_and_include_buffered_ones) {
    AuditLog buffered{db->audit(), clock, 1000};
    OrganizationService service{db->organizations(), db->users(), buffered, clock};
    const auto alice = person("alice@example.com");
    const auto bob = person("bob@example.com");
    service.create(alice, "acme", "Acme");
    service.addMember(alice, "acme", "bob@example.com", Role::Member);
    BOOST_TEST(buffered.pending() == 2u);
    const auto first = service.auditEvents(alice, "acme", 1, "");
    BOOST_TEST(buffered.pending() == 0u);
    BOOST_TEST_REQUIRE(first.events.size() == 1u);
    BOOST_TEST(first.hasNextPage);
    const auto rest = service.auditEvents(alice, "acme", 10, first.events[0].id);
    BOOST_TEST_REQUIRE(rest.events.size() == 1u);
    BOOST_TEST(!rest.hasNextPage);
    BOOST_TEST(rest.events[0].id < first.events[0].id);
    BOOST_TEST(service.auditEvents(Principal::system(), "acme", std::nullopt, "").events.size() == 2u);
    BOOST_TEST(test::errorCodeOf([&] { service.auditEvents(bob, "acme", 10, ""); }) ==
               test::code(ErrorCode::Forbidden));
    BOOST_TEST(test::errorCodeOf([&] { service.auditEvents(person("eve@example.com"), "acme", 10, ""); }) ==
               test::code(ErrorCode::NotFound));
}

BOOST_AUTO_TEST_SUITE_END()
