// SPDX-License-Identifier: Apache-2.0
// Conformance: upstream identities and the all-or-nothing link of a first login.
#include "store/store_conformance.hpp"

#include "store/store_samples.hpp"

namespace authcore::test::conformance {
namespace {

ExternalIdentity identity(const std::string& provider, const std::string& subject, const std::string& userId,
                          long long offset = 0) {
    return {provider, subject, userId, userId + "@upstream.example", samples::at(offset)};
}

Client userClient(const std::string& userId) {
    auto client = samples::client(userId, "");
    client.type = ClientType::User;
    client.ownerUserId = userId;
    client.secret1 = {};
    return client;
}

} // namespace

void identitiesLinkRoundTrip(Database& db) {
    db.migrate();
    db.users().insert(samples::user("usr_alice", "alice@example.com"));
    auto& identities = db.identities();
    identities.link({identity("github", "42", "usr_alice", 5), std::nullopt, std::nullopt});
    identities.link({identity("oidc:https://idp.example", "abc", "usr_alice", 1), std::nullopt, userClient("usr_alice")});

    const auto found = identities.find("github", "42");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->userId == "usr_alice");
    BOOST_TEST(found->email == "usr_alice@upstream.example");
    BOOST_TEST(toUnix(found->createdAt) == toUnix(samples::at(5)));
    BOOST_TEST(!identities.find("github", "43").has_value());
    BOOST_TEST(!identities.find("google", "42").has_value());
    const auto listed = identities.listForUser("usr_alice");
    BOOST_TEST_REQUIRE(listed.size() == 2u);
    BOOST_TEST(listed[0].provider == "oidc:https://idp.example");
    BOOST_TEST((db.clients().findById("usr_alice")->type == ClientType::User));

    BOOST_CHECK_EXCEPTION(identities.link({identity("github", "42", "usr_alice"), std::nullopt, std::nullopt}), Error,
                          hasCode(ErrorCode::Conflict));
    BOOST_CHECK_EXCEPTION(identities.link({identity("github", "7", "usr_ghost"), std::nullopt, std::nullopt}), Error,
                          hasCode(ErrorCode::NotFound));
}

void identitiesLinkIsAtomic(Database& db) {
    db.migrate();
    db.users().insert(samples::user("usr_alice", "alice@example.com"));
    db.identities().link({identity("github", "1", "usr_alice"), std::nullopt, std::nullopt});

    // A new user whose identity is taken: neither the user nor its client lands.
    BOOST_CHECK_EXCEPTION(db.identities().link({identity("github", "1", "usr_bob"),
                                                samples::user("usr_bob", "bob@example.com"), userClient("usr_bob")}),
                          Error, hasCode(ErrorCode::Conflict));
    BOOST_TEST(!db.users().findById("usr_bob").has_value());
    BOOST_TEST(!db.clients().findById("usr_bob").has_value());

    // A new user whose client id is taken: neither the user nor its identity lands.
    db.clients().insert(userClient("usr_alice"));
    auto carol = samples::user("usr_carol", "carol@example.com");
    auto clash = userClient("usr_alice");
    BOOST_CHECK_EXCEPTION(db.identities().link({identity("github", "3", "usr_carol"), carol, clash}), Error,
                          hasCode(ErrorCode::Conflict));
    BOOST_TEST(!db.users().findById("usr_carol").has_value());
    BOOST_TEST(!db.identities().find("github", "3").has_value());

    // A new user whose email is taken: nothing lands.
    BOOST_CHECK_EXCEPTION(db.identities().link({identity("github", "4", "usr_dave"),
                                                samples::user("usr_dave", "ALICE@example.com"), userClient("usr_dave")}),
                          Error, hasCode(ErrorCode::Conflict));
    BOOST_TEST(!db.identities().find("github", "4").has_value());
    BOOST_TEST(!db.clients().findById("usr_dave").has_value());

    // A complete first login lands as a whole.
    db.identities().link({identity("google", "9", "usr_erin"), samples::user("usr_erin", "erin@example.com"),
                          userClient("usr_erin")});
    BOOST_TEST(db.identities().find("google", "9")->userId == "usr_erin");
    BOOST_TEST(db.users().findById("usr_erin")->email == "erin@example.com");
    BOOST_TEST(db.clients().findById("usr_erin")->ownerUserId == "usr_erin");
}

} // namespace authcore::test::conformance
