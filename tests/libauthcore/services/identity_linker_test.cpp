// SPDX-License-Identifier: Apache-2.0
// IdentityLinker: which local user an upstream login becomes.
#include "support/sqlite_fixture.hpp"

#include <authcore/error.hpp>
#include <authcore/services/identity_linker.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;

namespace {

struct LinkerFixture : test::SqliteFixture {
    IdentityLinker linker{db->users(), db->identities(), db->clients(), clock};

    static UpstreamUser upstream(const std::string& subject, const std::string& email, bool verified = true) {
        return {"github", subject, email, verified, "Upstream " + subject, "", "", ""};
    }
    User existing(const std::string& id, const std::string& email) {
        User user;
        user.id = id;
        user.email = email;
        user.passwordHash = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA";
        user.createdAt = clock.now();
        user.updatedAt = clock.now();
        db->users().insert(user);
        return user;
    }
};

bool hasCode(const Error& e, ErrorCode code) { return e.code() == code; }

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_identity_linker, LinkerFixture)

BOOST_AUTO_TEST_CASE(first_login_creates_a_user_its_identity_and_its_user_client) {
    const auto user = linker.resolve(upstream("42", "New.Person@Example.org"));
    BOOST_TEST(user.id.rfind("usr_", 0) == 0u);
    BOOST_TEST(user.email == "new.person@example.org");
    BOOST_TEST(user.emailVerified);
    BOOST_TEST(user.passwordHash.empty());
    BOOST_TEST(user.name == "Upstream 42");
    BOOST_TEST(db->identities().find("github", "42")->userId == user.id);
    const auto client = db->clients().findById(user.id);
    BOOST_TEST_REQUIRE(client.has_value());
    BOOST_TEST((client->type == ClientType::User));
    BOOST_TEST(client->ownerUserId == user.id);
    BOOST_TEST(db->organizations().listMembershipsOfUser(user.id).empty());
}

BOOST_AUTO_TEST_CASE(identity_wins_over_a_changed_email) {
    const auto first = linker.resolve(upstream("42", "a@example.org"));
    const auto again = linker.resolve(upstream("42", "renamed@example.org"));
    BOOST_TEST(again.id == first.id);
    BOOST_TEST(db->users().count() == 1);
}

BOOST_AUTO_TEST_CASE(verified_email_links_the_existing_user_and_gives_it_a_user_client) {
    const auto alice = existing("usr_alice", "alice@example.org");
    const auto user = linker.resolve(upstream("7", "ALICE@example.org"));
    BOOST_TEST(user.id == alice.id);
    BOOST_TEST(db->identities().find("github", "7")->userId == alice.id);
    BOOST_TEST(db->clients().findById(alice.id).has_value());
    BOOST_TEST(db->users().count() == 1);
}

BOOST_AUTO_TEST_CASE(unverified_email_of_an_existing_user_is_forbidden_and_writes_nothing) {
    existing("usr_alice", "alice@example.org");
    BOOST_CHECK_EXCEPTION(linker.resolve(upstream("7", "alice@example.org", false)), Error,
                          [](const Error& e) { return hasCode(e, ErrorCode::Forbidden); });
    BOOST_TEST(!db->identities().find("github", "7").has_value());
    BOOST_TEST(!db->clients().findById("usr_alice").has_value());
}

BOOST_AUTO_TEST_CASE(unverified_email_of_nobody_makes_an_unverified_user) {
    const auto user = linker.resolve(upstream("8", "fresh@example.org", false));
    BOOST_TEST(!user.emailVerified);
}

BOOST_AUTO_TEST_CASE(missing_or_malformed_email_or_subject_is_invalid_input) {
    for (const auto& bad : {upstream("9", ""), upstream("9", "no-at-sign"), upstream("9", "a@b@c.example"),
                            upstream("", "ok@example.org"), upstream(std::string(300, 's'), "ok@example.org")})
        BOOST_CHECK_EXCEPTION(linker.resolve(bad), Error,
                              [](const Error& e) { return hasCode(e, ErrorCode::InvalidInput); });
    BOOST_TEST(db->users().count() == 0);
}

BOOST_AUTO_TEST_CASE(same_subject_at_another_provider_is_another_identity) {
    const auto viaGithub = linker.resolve(upstream("42", "x@example.org"));
    auto google = upstream("42", "x@example.org");
    google.provider = "google";
    BOOST_TEST(linker.resolve(google).id == viaGithub.id); // linked by the verified email
    BOOST_TEST(db->identities().listForUser(viaGithub.id).size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
