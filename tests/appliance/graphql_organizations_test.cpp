// SPDX-License-Identifier: Apache-2.0
// POST /graphql over real HTTP: the organization part of the management
// schema (me, organizations, members, audit events), who may do what, and
// Relay pagination. The rules themselves are tested in OrganizationService's suite.
#include "graphql_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <set>

using namespace authcore;

namespace {

using Object = Poco::JSON::Object::Ptr;

const char* kSetMember = R"(mutation($org: ID!, $email: String!, $role: Role!) {
  setMember(orgSlug: $org, email: $email, role: $role) { role user { email } organization { slug } } })";
const char* kRemoveMember = R"(mutation($org: ID!, $id: ID!) { removeMember(orgSlug: $org, userId: $id) { success } })";
const char* kOrganizations = R"(query($first: Int, $after: String) {
  organizations(first: $first, after: $after) {
    edges { node { slug } cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } })";
const char* kAuditEvents = R"(query($org: ID!, $first: Int, $after: String) {
  auditEvents(orgSlug: $org, first: $first, after: $after) {
    edges { node { id at actor action target outcome } cursor } pageInfo { hasNextPage hasPreviousPage endCursor } } })";

std::string setMemberVars(const std::string& org, const std::string& email, const std::string& role) {
    return R"({"org":")" + org + R"(","email":")" + email + R"(","role":")" + role + "\"}";
}
std::string removeVars(const std::string& org, const std::string& userId) {
    return R"({"org":")" + org + R"(","id":")" + userId + "\"}";
}
std::string pageVars(int first, const std::string& after, const std::string& org = "") {
    std::string vars = R"({"first":)" + std::to_string(first);
    if (!after.empty()) vars += R"(,"after":")" + after + "\"";
    if (!org.empty()) vars += R"(,"org":")" + org + "\"";
    return vars + "}";
}

struct OrganizationsFixture : test::GraphqlFixture {
    std::string userId(const std::string& email) { return context->db->users().findByEmail(email)->id; }
    /// The slugs on one page of Query.organizations.
    static std::vector<std::string> slugs(const Object& connection) {
        std::vector<std::string> out;
        const auto edges = connection->getArray("edges");
        for (std::size_t i = 0; i < edges->size(); ++i)
            out.push_back(edges->getObject(i)->getObject("node")->getValue<std::string>("slug"));
        return out;
    }
    /// Every audit event of `org` as `who` sees it, walking pages of `pageSize`.
    std::vector<Object> allAuditEvents(const Headers& who, const std::string& org, int pageSize) {
        std::vector<Object> events;
        std::string after;
        for (int guard = 0; guard < 100; ++guard) {
            const auto response = gql(who, kAuditEvents, pageVars(pageSize, after, org));
            BOOST_TEST_REQUIRE(errorCode(response).empty(), last.body);
            const auto connection = data(response)->getObject("auditEvents");
            const auto edges = connection->getArray("edges");
            for (std::size_t i = 0; i < edges->size(); ++i) events.push_back(edges->getObject(i)->getObject("node"));
            const auto pageInfo = connection->getObject("pageInfo");
            BOOST_TEST(pageInfo->getValue<bool>("hasPreviousPage") == !after.empty());
            if (!pageInfo->getValue<bool>("hasNextPage")) break;
            after = pageInfo->getValue<std::string>("endCursor");
        }
        return events;
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_graphql_organizations, OrganizationsFixture)

BOOST_AUTO_TEST_CASE(me_is_the_caller_with_their_memberships) {
    const auto me = gql(member, "{ me { id email name memberships { role organization { slug name } user { email } } } }");
    BOOST_TEST_REQUIRE(errorCode(me).empty(), last.body);
    const auto user = data(me)->getObject("me");
    BOOST_TEST(user->getValue<std::string>("id") == userId("member@acme.test"));
    BOOST_TEST(user->getValue<std::string>("email") == "member@acme.test");
    const auto memberships = user->getArray("memberships");
    BOOST_TEST_REQUIRE(memberships->size() == 1u);
    BOOST_TEST(memberships->getObject(0)->getValue<std::string>("role") == "MEMBER");
    BOOST_TEST(memberships->getObject(0)->getObject("organization")->getValue<std::string>("slug") == "acme");
    BOOST_TEST(memberships->getObject(0)->getObject("user")->getValue<std::string>("email") == "member@acme.test");
    const auto outsiders = gql(outsider, "{ me { memberships { role } } }");
    BOOST_TEST(data(outsiders)->getObject("me")->getArray("memberships")->size() == 0u);
    BOOST_TEST(errorCode(gql({}, "{ me { id } }")) == "UNAUTHENTICATED");
}

BOOST_AUTO_TEST_CASE(create_organization_makes_the_caller_owner_and_a_taken_slug_is_bad_input) {
    const auto created = gql(outsider, R"(mutation { createOrganization(slug: "evil-corp", name: "Evil Corp") {
        id slug name createdAt members { role user { email } } } })");
    BOOST_TEST_REQUIRE(errorCode(created).empty(), last.body);
    const auto org = data(created)->getObject("createOrganization");
    BOOST_TEST(org->getValue<std::string>("id").rfind("org_", 0) == 0u);
    BOOST_TEST(org->getValue<std::string>("name") == "Evil Corp");
    BOOST_TEST(org->getValue<std::string>("createdAt").back() == 'Z');
    const auto members = org->getArray("members");
    BOOST_TEST_REQUIRE(members->size() == 1u);
    BOOST_TEST(members->getObject(0)->getValue<std::string>("role") == "OWNER");
    BOOST_TEST(members->getObject(0)->getObject("user")->getValue<std::string>("email") == "outsider@evil.test");

    const auto taken = gql(member, R"(mutation { createOrganization(slug: "acme", name: "Again") { id } })");
    BOOST_TEST(errorCode(taken) == "BAD_USER_INPUT");
    BOOST_TEST(last.body.find("conflict") != std::string::npos);
    BOOST_TEST(errorCode(gql(member, R"(mutation { createOrganization(slug: "Bad Slug", name: "x") { id } })")) ==
               "BAD_USER_INPUT");
    BOOST_TEST(errorCode(gql({}, R"(mutation { createOrganization(slug: "anon", name: "Anon") { id } })")) ==
               "UNAUTHENTICATED");
    BOOST_TEST(!context->db->organizations().findBySlug("anon").has_value());
    BOOST_TEST(context->db->organizations().findBySlug("acme")->name == "Acme");
}

BOOST_AUTO_TEST_CASE(members_see_the_organization_only_managers_see_its_members_and_outsiders_nothing) {
    const char* query = R"({ organization(slug: "acme") { slug name } })";
    const auto seen = gql(member, query);
    BOOST_TEST_REQUIRE(errorCode(seen).empty(), last.body);
    BOOST_TEST(data(seen)->getObject("organization")->getValue<std::string>("name") == "Acme");
    BOOST_TEST(errorCode(gql(member, R"({ organization(slug: "acme") { members { role } } })")) == "FORBIDDEN");
    BOOST_TEST(errorCode(gql(outsider, query)) == "NOT_FOUND");
    BOOST_TEST(errorCode(gql(outsider, R"({ organization(slug: "no-such-org") { slug } })")) == "NOT_FOUND");
    BOOST_TEST(errorCode(gql({}, query)) == "UNAUTHENTICATED");
    const auto asRoot = gql(root, R"({ organization(slug: "acme") { members { role user { email } } } })");
    BOOST_TEST_REQUIRE(errorCode(asRoot).empty(), last.body);
    BOOST_TEST(data(asRoot)->getObject("organization")->getArray("members")->size() == 2u);
}

BOOST_AUTO_TEST_CASE(set_member_adds_a_user_then_changes_their_role) {
    const auto added = gql(owner, kSetMember, setMemberVars("acme", "Outsider@Evil.test", "ADMIN"));
    BOOST_TEST_REQUIRE(errorCode(added).empty(), last.body);
    const auto membership = data(added)->getObject("setMember");
    BOOST_TEST(membership->getValue<std::string>("role") == "ADMIN");
    BOOST_TEST(membership->getObject("user")->getValue<std::string>("email") == "outsider@evil.test");
    BOOST_TEST(membership->getObject("organization")->getValue<std::string>("slug") == "acme");
    const auto changed = gql(owner, kSetMember, setMemberVars("acme", "outsider@evil.test", "MEMBER"));
    BOOST_TEST(data(changed)->getObject("setMember")->getValue<std::string>("role") == "MEMBER");
    const auto org = context->db->organizations().findBySlug("acme");
    BOOST_TEST(context->db->organizations().listMemberships(org->id).size() == 3u);
    BOOST_TEST((context->db->organizations().findMembership(org->id, userId("outsider@evil.test"))->role == Role::Member));
}

BOOST_AUTO_TEST_CASE(set_member_refusals_change_nothing) {
    const auto org = context->db->organizations().findBySlug("acme")->id;
    BOOST_TEST(errorCode(gql(owner, kSetMember, setMemberVars("acme", "nobody@acme.test", "MEMBER"))) == "BAD_USER_INPUT");
    BOOST_TEST(errorCode(gql(member, kSetMember, setMemberVars("acme", "outsider@evil.test", "MEMBER"))) == "FORBIDDEN");
    BOOST_TEST(errorCode(gql(outsider, kSetMember, setMemberVars("acme", "outsider@evil.test", "OWNER"))) == "NOT_FOUND");
    BOOST_TEST(errorCode(gql({}, kSetMember, setMemberVars("acme", "outsider@evil.test", "MEMBER"))) == "UNAUTHENTICATED");
    // An admin grants no owner role; the last owner is not demoted.
    gql(owner, kSetMember, setMemberVars("acme", "member@acme.test", "ADMIN"));
    BOOST_TEST(errorCode(gql(member, kSetMember, setMemberVars("acme", "outsider@evil.test", "OWNER"))) == "FORBIDDEN");
    const auto demoted = gql(owner, kSetMember, setMemberVars("acme", "owner@acme.test", "ADMIN"));
    BOOST_TEST(errorCode(demoted) == "BAD_USER_INPUT");
    BOOST_TEST(last.body.find("at least one owner") != std::string::npos);
    BOOST_TEST(!context->db->organizations().findMembership(org, userId("outsider@evil.test")).has_value());
    BOOST_TEST((context->db->organizations().findMembership(org, userId("owner@acme.test"))->role == Role::Owner));
}

BOOST_AUTO_TEST_CASE(remove_member_takes_the_organization_away_but_never_its_last_owner) {
    const auto memberId = userId("member@acme.test");
    const auto ownerId = userId("owner@acme.test");
    BOOST_TEST(errorCode(gql(member, kRemoveMember, removeVars("acme", ownerId))) == "FORBIDDEN");
    BOOST_TEST(errorCode(gql(outsider, kRemoveMember, removeVars("acme", memberId))) == "NOT_FOUND");
    BOOST_TEST(errorCode(gql({}, kRemoveMember, removeVars("acme", memberId))) == "UNAUTHENTICATED");
    BOOST_TEST(errorCode(gql(owner, kRemoveMember, removeVars("acme", "usr_nobody"))) == "NOT_FOUND");
    const auto lastOwner = gql(owner, kRemoveMember, removeVars("acme", ownerId));
    BOOST_TEST(errorCode(lastOwner) == "BAD_USER_INPUT");
    BOOST_TEST(last.body.find("at least one owner") != std::string::npos);

    const auto removed = gql(owner, kRemoveMember, removeVars("acme", memberId));
    BOOST_TEST_REQUIRE(errorCode(removed).empty(), last.body);
    BOOST_TEST(data(removed)->getObject("removeMember")->getValue<bool>("success"));
    BOOST_TEST(errorCode(gql(member, R"({ organization(slug: "acme") { slug } })")) == "NOT_FOUND");
    BOOST_TEST(context->db->organizations().listMemberships(context->db->organizations().findBySlug("acme")->id).size() ==
               1u);
}

BOOST_AUTO_TEST_CASE(organizations_page_forward_with_opaque_cursors) {
    for (const auto* slug : {"delta", "bravo", "charlie"})
        gql(owner, "mutation($s: String!) { createOrganization(slug: $s, name: $s) { id } }", R"({"s":")" + std::string(slug) + "\"}");
    gql(outsider, R"(mutation { createOrganization(slug: "zulu", name: "Zulu") { id } })");
    const auto first = data(gql(owner, kOrganizations, pageVars(2, "")))->getObject("organizations");
    BOOST_TEST((slugs(first) == std::vector<std::string>{"acme", "bravo"}));
    const auto pageInfo = first->getObject("pageInfo");
    BOOST_TEST(pageInfo->getValue<bool>("hasNextPage"));
    BOOST_TEST(!pageInfo->getValue<bool>("hasPreviousPage"));
    const auto end = pageInfo->getValue<std::string>("endCursor");
    BOOST_TEST(end.find("bravo") == std::string::npos); // opaque, not the slug itself
    const auto second = data(gql(owner, kOrganizations, pageVars(2, end)))->getObject("organizations");
    BOOST_TEST((slugs(second) == std::vector<std::string>{"charlie", "delta"}));
    BOOST_TEST(!second->getObject("pageInfo")->getValue<bool>("hasNextPage"));
    BOOST_TEST(second->getObject("pageInfo")->getValue<bool>("hasPreviousPage"));
    // A member sees their organizations only; a system admin sees every one.
    BOOST_TEST((slugs(data(gql(member, kOrganizations, pageVars(10, "")))->getObject("organizations")) ==
                std::vector<std::string>{"acme"}));
    BOOST_TEST(slugs(data(gql(root, kOrganizations, pageVars(10, "")))->getObject("organizations")).size() == 5u);
    BOOST_TEST(errorCode(gql(owner, kOrganizations, pageVars(2, "bm90LWEtY3Vyc29y"))) == "BAD_USER_INPUT");
    BOOST_TEST(errorCode(gql(owner, kOrganizations, pageVars(501, ""))) == "BAD_USER_INPUT");
    BOOST_TEST(errorCode(gql({}, kOrganizations, pageVars(2, ""))) == "UNAUTHENTICATED");
}

BOOST_AUTO_TEST_CASE(mutations_write_audit_events_that_owners_page_through_newest_first) {
    gql(owner, kSetMember, setMemberVars("acme", "outsider@evil.test", "MEMBER"));
    gql(owner, kRemoveMember, removeVars("acme", userId("outsider@evil.test")));
    const auto events = allAuditEvents(owner, "acme", 1);
    const auto whole = allAuditEvents(owner, "acme", 50);
    BOOST_TEST_REQUIRE(events.size() == whole.size());
    BOOST_TEST(events.size() >= 4u); // create, add (fixture), add and remove (GraphQL)
    std::set<std::string> seen;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto id = events[i]->getValue<std::string>("id");
        BOOST_TEST(id == whole[i]->getValue<std::string>("id"));
        if (i > 0) BOOST_TEST(id < events[i - 1]->getValue<std::string>("id")); // newest first
        seen.insert(events[i]->getValue<std::string>("action") + " " + events[i]->getValue<std::string>("target"));
        BOOST_TEST(events[i]->getValue<std::string>("outcome") == "success");
    }
    const auto outsiderId = userId("outsider@evil.test");
    BOOST_TEST(seen.count("member.add " + outsiderId) == 1u);
    BOOST_TEST(seen.count("member.remove " + outsiderId) == 1u);
    BOOST_TEST(allAuditEvents(root, "acme", 50).size() == events.size());
}

BOOST_AUTO_TEST_CASE(audit_events_are_refused_to_members_outsiders_and_anonymous) {
    BOOST_TEST(errorCode(gql(member, kAuditEvents, pageVars(10, "", "acme"))) == "FORBIDDEN");
    BOOST_TEST(errorCode(gql(outsider, kAuditEvents, pageVars(10, "", "acme"))) == "NOT_FOUND");
    BOOST_TEST(errorCode(gql({}, kAuditEvents, pageVars(10, "", "acme"))) == "UNAUTHENTICATED");
    BOOST_TEST(errorCode(gql(owner, kAuditEvents, pageVars(10, "bm90LWEtY3Vyc29y", "acme"))) == "BAD_USER_INPUT");
    BOOST_TEST(errorCode(gql(owner, kAuditEvents, pageVars(-1, "", "acme"))) == "BAD_USER_INPUT");
}

BOOST_AUTO_TEST_SUITE_END()
