// SPDX-License-Identifier: Apache-2.0
// Conformance: SSO sessions, SP signing credentials, and the JIT link that
// writes a user, a membership and an identity at once.
#include "store/store_conformance.hpp"

#include "store/store_samples.hpp"

#include <authcore/model/sso_connection.hpp>
#include <authcore/model/sso_session.hpp>

#include <algorithm>

namespace authcore::test::conformance {
namespace {

SsoConnection oidcConnection(const std::string& id, const std::string& slug) {
    SsoConnection c;
    c.id = id;
    c.organizationId = "org_1";
    c.name = "IdP " + slug;
    c.slug = slug;
    c.oidc = {"https://idp.example/" + slug, "client-" + slug, "sealed", "openid email groups",
              "client_secret_post", "https://app.example/" + slug + "/callback"};
    c.legacy = slug == "two";
    c.createdAt = samples::at();
    c.updatedAt = samples::at();
    return c;
}

/// Alice and Bob, organization org_1 with connections sso_conn_1 and sso_conn_2.
void prepareConnections(Database& db) {
    db.migrate();
    db.users().insert(samples::user("usr_alice", "alice@example.com"));
    db.users().insert(samples::user("usr_bob", "bob@example.com"));
    db.organizations().insertWithOwner(samples::organization("org_1", "acme"),
                                       samples::membership("", "usr_alice", Role::Owner));
    db.ssoConnections().insert(oidcConnection("sso_conn_1", "one"));
    db.ssoConnections().insert(oidcConnection("sso_conn_2", "two"));
}

SsoSession ssoSession(const std::string& id, const std::string& connectionId, const std::string& userId,
                      const std::string& subject, const std::string& sessionIndex, long long created,
                      long long expires) {
    return {id,      "org_1",      connectionId,      userId,           userId + "@example.com",
            subject, sessionIndex, "rtf_" + id, samples::at(created), samples::at(expires), ""};
}

std::vector<std::string> idsOf(const std::vector<SsoSession>& sessions) {
    std::vector<std::string> ids;
    std::transform(sessions.begin(), sessions.end(), std::back_inserter(ids), [](const auto& s) { return s.id; });
    return ids;
}

using Ids = std::vector<std::string>;

} // namespace

void ssoSessionsInsertFindListAndRemove(Database& db) {
    prepareConnections(db);
    auto& store = db.ssoSessions();
    store.insert(ssoSession("sess_1", "sso_conn_1", "usr_alice", "alice-nameid", "idx-1", 1, 100));
    auto scoped = ssoSession("sess_2", "sso_conn_1", "usr_alice", "alice-nameid", "idx-2", 2, 100);
    scoped.scope = "reports:read deploy";
    store.insert(scoped);
    store.insert(ssoSession("sess_3", "sso_conn_2", "usr_bob", "bob-nameid", "", 3, 100));
    store.insert(ssoSession("sess_old", "sso_conn_1", "usr_alice", "alice-nameid", "idx-0", 0, 10));

    const auto found = store.find("sess_2");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->organizationId == "org_1");
    BOOST_TEST(found->connectionId == "sso_conn_1");
    BOOST_TEST(found->userId == "usr_alice");
    BOOST_TEST(found->email == "usr_alice@example.com");
    BOOST_TEST(found->subject == "alice-nameid");
    BOOST_TEST(found->sessionIndex == "idx-2");
    BOOST_TEST(found->refreshFamilyId == "rtf_sess_2");
    BOOST_TEST(toUnix(found->createdAt) == toUnix(samples::at(2)));
    BOOST_TEST(toUnix(found->expiresAt) == toUnix(samples::at(100)));
    BOOST_TEST(found->scope == "reports:read deploy");
    BOOST_TEST(store.find("sess_1")->scope.empty());
    BOOST_TEST(!store.find("sess_ghost").has_value());

    // Migration 9's connection settings round-trip.
    const auto one = *db.ssoConnections().find("sso_conn_1");
    BOOST_TEST(one.oidc.scopes == "openid email groups");
    BOOST_TEST(one.oidc.tokenAuthMethod == "client_secret_post");
    BOOST_TEST(one.oidc.redirectUri == "https://app.example/one/callback");
    BOOST_TEST(!one.legacy);
    BOOST_TEST(db.ssoConnections().find("sso_conn_2")->legacy);

    // Active at 10: sess_old's expiry is not after now. Newest first.
    BOOST_TEST((idsOf(store.listActive("org_1", samples::at(10))) == Ids{"sess_3", "sess_2", "sess_1"}));
    BOOST_TEST((idsOf(store.listActive("org_1", samples::at(9))) == Ids{"sess_3", "sess_2", "sess_1", "sess_old"}));
    BOOST_TEST(store.listActive("org_2", samples::at(0)).empty());

    BOOST_TEST((idsOf(store.findBySubject("sso_conn_1", "alice-nameid", "")) == Ids{"sess_old", "sess_1", "sess_2"}));
    BOOST_TEST((idsOf(store.findBySubject("sso_conn_1", "alice-nameid", "idx-2")) == Ids{"sess_2"}));
    BOOST_TEST(store.findBySubject("sso_conn_2", "alice-nameid", "").empty());
    BOOST_TEST(store.findBySubject("sso_conn_1", "alice-nameid", "idx-9").empty());

    BOOST_TEST(store.remove("sess_1"));
    BOOST_TEST(!store.remove("sess_1"));
    BOOST_TEST(!store.find("sess_1").has_value());
    BOOST_TEST(store.purgeExpired(samples::at(10)) == 1);
    BOOST_TEST(!store.find("sess_old").has_value());
    BOOST_TEST(store.purgeExpired(samples::at(10)) == 0);
    BOOST_TEST(store.find("sess_2").has_value());
}

void ssoSessionsNeedTheirConnectionAndUserAndGoWithThem(Database& db) {
    prepareConnections(db);
    auto& store = db.ssoSessions();
    BOOST_CHECK_EXCEPTION(store.insert(ssoSession("sess_x", "sso_conn_ghost", "usr_alice", "a", "", 1, 100)), Error,
                          hasCode(ErrorCode::NotFound));
    BOOST_CHECK_EXCEPTION(store.insert(ssoSession("sess_y", "sso_conn_1", "usr_ghost", "a", "", 1, 100)), Error,
                          hasCode(ErrorCode::NotFound));
    BOOST_TEST(!store.find("sess_x").has_value());
    BOOST_TEST(!store.find("sess_y").has_value());

    store.insert(ssoSession("sess_1", "sso_conn_1", "usr_alice", "a", "", 1, 100));
    store.insert(ssoSession("sess_2", "sso_conn_2", "usr_alice", "a", "", 1, 100));
    BOOST_CHECK_EXCEPTION(store.insert(ssoSession("sess_1", "sso_conn_2", "usr_bob", "b", "", 1, 100)), Error,
                          hasCode(ErrorCode::Conflict));
    BOOST_TEST(db.ssoConnections().remove("sso_conn_1"));
    BOOST_TEST(!store.find("sess_1").has_value()); // gone with its connection
    BOOST_TEST(store.find("sess_2").has_value());
}

void ssoSpCredentialsInsertOnceAndGoWithTheirConnection(Database& db) {
    prepareConnections(db);
    auto& store = db.ssoConnections();
    BOOST_TEST(!store.findSpCredential("sso_conn_1").has_value());
    const SsoSpCredential first{"sso_conn_1", "-----BEGIN CERTIFICATE-----\nfirst", "v1." + std::string(3000, 'k'),
                                samples::at(4)};
    BOOST_TEST(store.insertSpCredential(first));
    // A second node racing to make one keeps the first.
    BOOST_TEST(!store.insertSpCredential({"sso_conn_1", "second", "v1.second", samples::at(5)}));
    const auto found = store.findSpCredential("sso_conn_1");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->certificatePem == first.certificatePem);
    BOOST_TEST(found->sealedPrivateKey == first.sealedPrivateKey);
    BOOST_TEST(toUnix(found->createdAt) == toUnix(samples::at(4)));
    BOOST_TEST(!store.findSpCredential("sso_conn_2").has_value());
    BOOST_CHECK_EXCEPTION(store.insertSpCredential({"sso_conn_ghost", "c", "k", samples::at()}), Error,
                          hasCode(ErrorCode::NotFound));
    BOOST_TEST(store.remove("sso_conn_1"));
    BOOST_TEST(!store.findSpCredential("sso_conn_1").has_value());
}

void identitiesLinkWithNewMembershipIsAtomic(Database& db) {
    prepareConnections(db);
    const ExternalIdentity carol{"sso:sso_conn_1", "carol-nameid", "usr_carol", "carol@example.com", samples::at()};
    const auto newCarol = samples::user("usr_carol", "carol@example.com");

    // An unknown organization: no user, no identity.
    const auto ghostMembership = samples::membership("org_ghost", "usr_carol", Role::Admin);
    BOOST_CHECK_EXCEPTION(db.identities().link({carol, newCarol, std::nullopt, ghostMembership}), Error,
                          hasCode(ErrorCode::NotFound));
    BOOST_TEST(!db.users().findById("usr_carol").has_value());
    BOOST_TEST(!db.identities().find("sso:sso_conn_1", "carol-nameid").has_value());

    // The identity is taken: neither the user nor the membership lands.
    db.identities().link({{"sso:sso_conn_1", "taken", "usr_bob", "bob@example.com", samples::at()}, std::nullopt,
                          std::nullopt, std::nullopt});
    auto clash = carol;
    clash.subject = "taken";
    BOOST_CHECK_EXCEPTION(
        db.identities().link({clash, newCarol, std::nullopt, samples::membership("org_1", "usr_carol", Role::Admin)}),
        Error, hasCode(ErrorCode::Conflict));
    BOOST_TEST(!db.users().findById("usr_carol").has_value());
    BOOST_TEST(!db.organizations().findMembership("org_1", "usr_carol").has_value());

    // A complete JIT provisioning lands as a whole.
    db.identities().link({carol, newCarol, std::nullopt, samples::membership("org_1", "usr_carol", Role::Admin, 3)});
    BOOST_TEST(db.users().findById("usr_carol")->email == "carol@example.com");
    const auto membership = db.organizations().findMembership("org_1", "usr_carol");
    BOOST_TEST_REQUIRE(membership.has_value());
    BOOST_TEST((membership->role == Role::Admin));
    BOOST_TEST(db.identities().find("sso:sso_conn_1", "carol-nameid")->userId == "usr_carol");
}

} // namespace authcore::test::conformance
