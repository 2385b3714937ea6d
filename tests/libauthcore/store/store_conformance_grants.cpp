// SPDX-License-Identifier: Apache-2.0
// Conformance: client redirect URIs, scopes, jwt-bearer entries and authorizations.
#include "store/store_conformance.hpp"

#include "store/store_samples.hpp"

#include <vector>

namespace authcore::test::conformance {
namespace {

using Strings = std::vector<std::string>;

void prepareClients(Database& db, std::initializer_list<const char*> clientIds) {
    db.migrate();
    db.users().insert(samples::user("usr_alice", "alice@example.com"));
    db.organizations().insertWithOwner(samples::organization("org_1", "acme"),
                                       samples::membership("", "usr_alice", Role::Owner));
    for (const std::string id : clientIds) db.clients().insert(samples::client(id, "org_1"));
}

Strings scopeNamesOf(const std::vector<ClientScope>& scopes) {
    Strings out;
    for (const auto& s : scopes) out.push_back(s.scope);
    return out;
}

Strings bearerIdsOf(const std::vector<JwtBearer>& bearers) {
    Strings out;
    for (const auto& b : bearers) out.push_back(b.id);
    return out;
}

// "subject>audience" for each authorization, in listed order.
Strings pairsOf(const std::vector<Authorization>& authorizations) {
    Strings out;
    for (const auto& a : authorizations) out.push_back(a.subjectClientId + ">" + a.audienceClientId);
    return out;
}

} // namespace

void clientsRedirectUrisRoundTrip(Database& db) {
    prepareClients(db, {"cli_plain"});
    auto& clients = db.clients();
    const auto plain = clients.findById("cli_plain");
    BOOST_TEST_REQUIRE(plain.has_value());
    BOOST_TEST(plain->redirectUris.empty());
    BOOST_TEST(!plain->publicClient);

    auto web = samples::client("cli_web", "org_1");
    web.redirectUris = {"https://app.example/cb?list=a,b,c&x=1", "https://app.example/with space/cb",
                        "https://ünïcødé.example/リダイレクト/\U0001F680", "com.example.app:/oauth2redirect",
                        R"(https://app.example/"quoted"\back\slash)", "line\nbreak, comma"};
    web.publicClient = true;
    clients.insert(web);
    const auto found = clients.findById("cli_web");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->redirectUris == web.redirectUris, boost::test_tools::per_element());
    BOOST_TEST(found->publicClient);
    const auto listed = clients.list("cli_v", 1);
    BOOST_TEST_REQUIRE(listed.size() == 1u);
    BOOST_TEST(listed[0].redirectUris == web.redirectUris, boost::test_tools::per_element());

    auto changed = *found;
    changed.redirectUris = {"http://127.0.0.1:8080/callback"};
    changed.publicClient = false;
    clients.update(changed);
    BOOST_TEST(clients.findById("cli_web")->redirectUris == changed.redirectUris, boost::test_tools::per_element());
    BOOST_TEST(!clients.findById("cli_web")->publicClient);
    changed.redirectUris.clear();
    clients.update(changed);
    BOOST_TEST(clients.findById("cli_web")->redirectUris.empty());
}

void clientScopesAddListAndCascade(Database& db) {
    prepareClients(db, {"cli_api", "cli_other"});
    auto& clients = db.clients();
    clients.addScope("cli_api", {"write", "Change things"});
    clients.addScope("cli_api", {"read", "Read things, ünïcødé \U0001F680"});
    clients.addScope("cli_other", {"read", "Other read"});
    const auto scopes = clients.listScopes("cli_api");
    BOOST_TEST(scopeNamesOf(scopes) == (Strings{"read", "write"}), boost::test_tools::per_element());
    BOOST_TEST_REQUIRE(scopes.size() == 2u);
    BOOST_TEST(scopes[0].description == "Read things, ünïcødé \U0001F680");
    BOOST_TEST(scopes[1].description == "Change things");

    BOOST_CHECK_EXCEPTION(clients.addScope("cli_api", {"read", "again"}), Error, hasCode(ErrorCode::Conflict));
    BOOST_TEST(clients.listScopes("cli_api")[0].description == scopes[0].description);
    BOOST_TEST(clients.listScopes("cli_ghost").empty());

    BOOST_TEST(clients.remove("cli_api"));
    clients.insert(samples::client("cli_api", "org_1"));
    BOOST_TEST(clients.listScopes("cli_api").empty());
    BOOST_TEST(scopeNamesOf(clients.listScopes("cli_other")) == Strings{"read"}, boost::test_tools::per_element());
}

void clientChildrenOfUnknownClientAreNotFound(Database& db) {
    prepareClients(db, {"cli_api"});
    auto& clients = db.clients();
    BOOST_CHECK_EXCEPTION(clients.addScope("cli_ghost", {"read", ""}), Error, hasCode(ErrorCode::NotFound));
    BOOST_CHECK_EXCEPTION(clients.addJwtBearer(samples::jwtBearer("jwtb_1", "cli_ghost", 0)), Error,
                          hasCode(ErrorCode::NotFound));
    BOOST_TEST(clients.listScopes("cli_ghost").empty());
    BOOST_TEST(clients.listJwtBearers("cli_ghost").empty());
    BOOST_TEST(!clients.removeJwtBearer("cli_ghost", "jwtb_1"));
}

void jwtBearersAddListRemove(Database& db) {
    prepareClients(db, {"cli_api", "cli_other"});
    auto& clients = db.clients();
    clients.addJwtBearer(samples::jwtBearer("jwtb_b", "cli_api", 20));
    clients.addJwtBearer(samples::jwtBearer("jwtb_a", "cli_api", 20));
    clients.addJwtBearer(samples::jwtBearer("jwtb_c", "cli_api", 10));
    clients.addJwtBearer(samples::jwtBearer("jwtb_o", "cli_other", 0));
    const auto listed = clients.listJwtBearers("cli_api");
    BOOST_TEST(bearerIdsOf(listed) == (Strings{"jwtb_c", "jwtb_a", "jwtb_b"}), boost::test_tools::per_element());
    const auto expected = samples::jwtBearer("jwtb_c", "cli_api", 10);
    BOOST_TEST_REQUIRE(!listed.empty());
    BOOST_TEST(listed[0].clientId == "cli_api");
    BOOST_TEST(listed[0].jwksUrl == expected.jwksUrl);
    BOOST_TEST(listed[0].iss == expected.iss);
    BOOST_TEST(listed[0].sub == expected.sub);
    BOOST_TEST(listed[0].aud == expected.aud);
    BOOST_TEST(toUnix(listed[0].createdAt) == toUnix(expected.createdAt));

    BOOST_CHECK_EXCEPTION(clients.addJwtBearer(samples::jwtBearer("jwtb_a", "cli_other", 30)), Error,
                          hasCode(ErrorCode::Conflict));
    BOOST_TEST(!clients.removeJwtBearer("cli_other", "jwtb_a"));
    BOOST_TEST(clients.removeJwtBearer("cli_api", "jwtb_a"));
    BOOST_TEST(!clients.removeJwtBearer("cli_api", "jwtb_a"));
    BOOST_TEST(bearerIdsOf(clients.listJwtBearers("cli_api")) == (Strings{"jwtb_c", "jwtb_b"}),
               boost::test_tools::per_element());

    BOOST_TEST(clients.remove("cli_api"));
    clients.insert(samples::client("cli_api", "org_1"));
    BOOST_TEST(clients.listJwtBearers("cli_api").empty());
    BOOST_TEST(bearerIdsOf(clients.listJwtBearers("cli_other")) == Strings{"jwtb_o"}, boost::test_tools::per_element());
}

void authorizationsRoundTrip(Database& db) {
    prepareClients(db, {"cli_web", "cli_api"});
    auto& authorizations = db.authorizations();
    // The store keeps scopes sorted and unique, as Authorization promises.
    authorizations.insert(samples::authorization("authz_1", "cli_web", "cli_api", {"write", "read", "write"}));
    const auto found = authorizations.find("cli_web", "cli_api");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->id == "authz_1");
    BOOST_TEST(found->subjectClientId == "cli_web");
    BOOST_TEST(found->audienceClientId == "cli_api");
    BOOST_TEST(found->scopes == (Strings{"read", "write"}), boost::test_tools::per_element());
    BOOST_TEST(toUnix(found->createdAt) == toUnix(samples::at(7)));
    BOOST_TEST(authorizations.findById("authz_1")->audienceClientId == "cli_api");
    BOOST_TEST(!authorizations.find("cli_api", "cli_web").has_value());
    BOOST_TEST(!authorizations.findById("authz_ghost").has_value());

    authorizations.updateScopes("authz_1", {"admin"});
    BOOST_TEST(authorizations.findById("authz_1")->scopes == Strings{"admin"}, boost::test_tools::per_element());
    // MySQL reports 0 changed rows for an update that changes nothing.
    BOOST_CHECK_NO_THROW(authorizations.updateScopes("authz_1", {"admin"}));
    authorizations.updateScopes("authz_1", {});
    BOOST_TEST(authorizations.findById("authz_1")->scopes.empty());
    BOOST_CHECK_EXCEPTION(authorizations.updateScopes("authz_ghost", {"read"}), Error, hasCode(ErrorCode::NotFound));

    BOOST_TEST(!authorizations.remove("cli_api", "cli_web"));
    BOOST_TEST(authorizations.remove("cli_web", "cli_api"));
    BOOST_TEST(!authorizations.remove("cli_web", "cli_api"));
    BOOST_TEST(!authorizations.findById("authz_1").has_value());
}

void authorizationsListOrder(Database& db) {
    prepareClients(db, {"cli_a", "cli_b", "cli_c", "cli_x"});
    auto& authorizations = db.authorizations();
    // Ids run against the expected order, so that an id order would show.
    authorizations.insert(samples::authorization("authz_5", "cli_x", "cli_a"));
    authorizations.insert(samples::authorization("authz_4", "cli_x", "cli_c"));
    authorizations.insert(samples::authorization("authz_3", "cli_x", "cli_b"));
    authorizations.insert(samples::authorization("authz_2", "cli_c", "cli_x"));
    authorizations.insert(samples::authorization("authz_1", "cli_a", "cli_x"));
    BOOST_TEST(pairsOf(authorizations.listBySubject("cli_x")) == (Strings{"cli_x>cli_a", "cli_x>cli_b", "cli_x>cli_c"}),
               boost::test_tools::per_element());
    BOOST_TEST(pairsOf(authorizations.listByAudience("cli_x")) == (Strings{"cli_a>cli_x", "cli_c>cli_x"}),
               boost::test_tools::per_element());
    BOOST_TEST(authorizations.listBySubject("cli_b").empty());
    BOOST_TEST(pairsOf(authorizations.listByAudience("cli_b")) == Strings{"cli_x>cli_b"},
               boost::test_tools::per_element());
    BOOST_TEST(authorizations.listByAudience("cli_ghost").empty());
}

void authorizationsConflictAndNotFound(Database& db) {
    prepareClients(db, {"cli_web", "cli_api"});
    auto& authorizations = db.authorizations();
    authorizations.insert(samples::authorization("authz_1", "cli_web", "cli_api", {"read"}));
    BOOST_CHECK_EXCEPTION(authorizations.insert(samples::authorization("authz_2", "cli_web", "cli_api", {"write"})),
                          Error, hasCode(ErrorCode::Conflict));
    BOOST_CHECK_EXCEPTION(authorizations.insert(samples::authorization("authz_1", "cli_api", "cli_web")), Error,
                          hasCode(ErrorCode::Conflict));
    BOOST_TEST(authorizations.find("cli_web", "cli_api")->scopes == Strings{"read"}, boost::test_tools::per_element());
    BOOST_CHECK_EXCEPTION(authorizations.insert(samples::authorization("authz_3", "cli_ghost", "cli_api")), Error,
                          hasCode(ErrorCode::NotFound));
    BOOST_CHECK_EXCEPTION(authorizations.insert(samples::authorization("authz_4", "cli_web", "cli_ghost")), Error,
                          hasCode(ErrorCode::NotFound));
    BOOST_TEST(authorizations.listByAudience("cli_api").size() == 1u);
    BOOST_TEST(authorizations.listBySubject("cli_web").size() == 1u);
    BOOST_TEST(!authorizations.findById("authz_2").has_value());
    BOOST_TEST(!authorizations.findById("authz_3").has_value());
}

void authorizationsCascadeWithClients(Database& db) {
    prepareClients(db, {"cli_web", "cli_api", "cli_other"});
    auto& authorizations = db.authorizations();
    authorizations.insert(samples::authorization("authz_1", "cli_web", "cli_api"));
    authorizations.insert(samples::authorization("authz_2", "cli_api", "cli_web"));
    authorizations.insert(samples::authorization("authz_3", "cli_other", "cli_api"));
    BOOST_TEST(db.clients().remove("cli_web"));
    BOOST_TEST(!authorizations.findById("authz_1").has_value());
    BOOST_TEST(!authorizations.findById("authz_2").has_value());
    BOOST_TEST(pairsOf(authorizations.listByAudience("cli_api")) == Strings{"cli_other>cli_api"},
               boost::test_tools::per_element());
    BOOST_TEST(db.clients().remove("cli_api"));
    BOOST_TEST(authorizations.listBySubject("cli_other").empty());
}

} // namespace authcore::test::conformance
