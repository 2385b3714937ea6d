// SPDX-License-Identifier: Apache-2.0
// Conformance: users, organizations, memberships, sessions, migrations, concurrency.
#include "store/store_conformance.hpp"

#include "store/store_samples.hpp"

#include <atomic>
#include <thread>
#include <vector>

namespace authcore::test::conformance {
namespace {

std::vector<std::string> slugsOf(const std::vector<Organization>& orgs) {
    std::vector<std::string> out;
    for (const auto& org : orgs) out.push_back(org.slug);
    return out;
}

std::vector<std::string> userIdsOf(const std::vector<Membership>& memberships) {
    std::vector<std::string> out;
    for (const auto& m : memberships) out.push_back(m.userId);
    return out;
}

void insertUsers(Database& db, std::initializer_list<const char*> ids) {
    for (const std::string id : ids) db.users().insert(samples::user(id, id + "@example.com"));
}

} // namespace

void usersRoundTrip(Database& db) {
    db.migrate();
    auto& users = db.users();
    BOOST_TEST(users.count() == 0);
    auto alice = samples::user("usr_alice", "Alice@Example.COM");
    alice.emailVerified = true;
    alice.name = "Zoë Ålice \U0001F680"; // four-byte UTF-8 needs utf8mb4 on MySQL
    users.insert(alice);
    const auto found = users.findById("usr_alice");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->email == "alice@example.com");
    BOOST_TEST(found->name == alice.name);
    BOOST_TEST(found->passwordHash == alice.passwordHash);
    BOOST_TEST(found->emailVerified);
    BOOST_TEST(!found->systemAdmin);
    BOOST_TEST(toUnix(found->createdAt) == toUnix(alice.createdAt));
    BOOST_TEST(users.findByEmail("ALICE@example.com")->id == "usr_alice");
    BOOST_TEST(!users.findById("usr_nobody").has_value());

    auto changed = *found;
    changed.email = "Alice.B@example.com";
    changed.name = "Alice B";
    changed.systemAdmin = true;
    changed.createdAt = samples::at(999);
    changed.updatedAt = samples::at(60);
    users.update(changed);
    const auto after = users.findById("usr_alice");
    BOOST_TEST(after->email == "alice.b@example.com");
    BOOST_TEST(after->name == "Alice B");
    BOOST_TEST(after->systemAdmin);
    BOOST_TEST(toUnix(after->updatedAt) == toUnix(samples::at(60)));
    BOOST_TEST(toUnix(after->createdAt) == toUnix(alice.createdAt));
    BOOST_TEST(!users.findByEmail("alice@example.com").has_value());
    insertUsers(db, {"usr_bob"});
    BOOST_TEST(users.count() == 2);
}

void usersDuplicateEmailConflicts(Database& db) {
    db.migrate();
    auto& users = db.users();
    users.insert(samples::user("usr_alice", "alice@example.com"));
    BOOST_CHECK_EXCEPTION(users.insert(samples::user("usr_other", "ALICE@example.com")), Error,
                          [](const Error& e) {
                              return e.code() == ErrorCode::Conflict &&
                                     std::string(e.what()).find("already exists") != std::string::npos;
                          });
    BOOST_TEST(users.count() == 1);
    auto bob = samples::user("usr_bob", "bob@example.com");
    users.insert(bob);
    bob.email = "alice@example.com";
    BOOST_CHECK_EXCEPTION(users.update(bob), Error, hasCode(ErrorCode::Conflict));
    BOOST_TEST(users.findById("usr_bob")->email == "bob@example.com");
}

void usersUpdateOfMissingIsNotFound(Database& db) {
    db.migrate();
    BOOST_CHECK_EXCEPTION(db.users().update(samples::user("usr_ghost", "ghost@example.com")), Error,
                          hasCode(ErrorCode::NotFound));
    // MySQL reports 0 changed rows for an update that changes nothing.
    const auto alice = samples::user("usr_alice", "alice@example.com");
    db.users().insert(alice);
    BOOST_CHECK_NO_THROW(db.users().update(alice));
}

void organizationsRoundTrip(Database& db) {
    db.migrate();
    insertUsers(db, {"usr_alice", "usr_bob"});
    auto& orgs = db.organizations();
    const auto beta = samples::organization("org_b", "beta");
    orgs.insertWithOwner(beta, samples::membership("", "usr_alice", Role::Owner));
    orgs.insertWithOwner(samples::organization("org_a", "alpha"), samples::membership("", "usr_bob", Role::Owner));
    const auto found = orgs.findById("org_b");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->slug == "beta");
    BOOST_TEST(found->name == beta.name);
    BOOST_TEST(found->maxServices == 7);
    BOOST_TEST(toUnix(found->createdAt) == toUnix(beta.createdAt));
    BOOST_TEST(toUnix(found->updatedAt) == toUnix(beta.updatedAt));
    BOOST_TEST(orgs.findBySlug("alpha")->id == "org_a");
    BOOST_TEST(!orgs.findBySlug("gamma").has_value());
    BOOST_TEST(slugsOf(orgs.listAll()) == (std::vector<std::string>{"alpha", "beta"}), boost::test_tools::per_element());
    BOOST_TEST(slugsOf(orgs.listForUser("usr_alice")) == std::vector<std::string>{"beta"}, boost::test_tools::per_element());
    orgs.upsertMembership(samples::membership("org_a", "usr_alice", Role::Member));
    BOOST_TEST(slugsOf(orgs.listForUser("usr_alice")) == (std::vector<std::string>{"alpha", "beta"}),
               boost::test_tools::per_element());
    const auto owner = orgs.findMembership("org_b", "usr_alice");
    BOOST_TEST_REQUIRE(owner.has_value());
    BOOST_TEST((owner->role == Role::Owner));
}

void organizationsSlugConflicts(Database& db) {
    db.migrate();
    insertUsers(db, {"usr_alice", "usr_bob"});
    auto& orgs = db.organizations();
    orgs.insertWithOwner(samples::organization("org_1", "acme"), samples::membership("", "usr_alice", Role::Owner));
    BOOST_CHECK_EXCEPTION(
        orgs.insertWithOwner(samples::organization("org_2", "acme"), samples::membership("", "usr_bob", Role::Owner)),
        Error, [](const Error& e) {
            return e.code() == ErrorCode::Conflict && std::string(e.what()).find("already exists") != std::string::npos;
        });
    BOOST_TEST(!orgs.findById("org_2").has_value());
    BOOST_TEST(orgs.listMembershipsOfUser("usr_bob").empty());
}

void organizationsInsertWithOwnerIsAtomic(Database& db) {
    db.migrate();
    auto& orgs = db.organizations();
    // The owner does not exist: the membership insert fails after the
    // organization row was written in the same transaction.
    BOOST_CHECK_THROW(
        orgs.insertWithOwner(samples::organization("org_1", "acme"), samples::membership("", "usr_ghost", Role::Owner)),
        Error);
    BOOST_TEST(!orgs.findById("org_1").has_value());
    BOOST_TEST(!orgs.findBySlug("acme").has_value());
    BOOST_TEST(orgs.listAll().empty());
}

void membershipsUpsertRemoveAndOrder(Database& db) {
    db.migrate();
    insertUsers(db, {"usr_1", "usr_2", "usr_3"});
    auto& orgs = db.organizations();
    orgs.insertWithOwner(samples::organization("org_1", "acme"), samples::membership("", "usr_1", Role::Owner));
    orgs.upsertMembership(samples::membership("org_1", "usr_3", Role::Member, 10));
    orgs.upsertMembership(samples::membership("org_1", "usr_2", Role::Admin, 10));
    BOOST_TEST(userIdsOf(orgs.listMemberships("org_1")) == (std::vector<std::string>{"usr_1", "usr_2", "usr_3"}),
               boost::test_tools::per_element());
    orgs.upsertMembership(samples::membership("org_1", "usr_3", Role::Admin, 99));
    const auto changed = orgs.findMembership("org_1", "usr_3");
    BOOST_TEST_REQUIRE(changed.has_value());
    BOOST_TEST((changed->role == Role::Admin));
    BOOST_TEST(toUnix(changed->createdAt) == toUnix(samples::at(10)));
    BOOST_TEST(orgs.listMembershipsOfUser("usr_3").size() == 1u);
    BOOST_TEST(orgs.removeMembership("org_1", "usr_2"));
    BOOST_TEST(!orgs.removeMembership("org_1", "usr_2"));
    BOOST_TEST(!orgs.findMembership("org_1", "usr_2").has_value());
    BOOST_TEST(orgs.listMemberships("org_1").size() == 2u);
}

void sessionsInsertFindRemovePurge(Database& db) {
    db.migrate();
    insertUsers(db, {"usr_alice"});
    auto& sessions = db.sessions();
    sessions.insert(samples::browserSession("hash_1", "usr_alice", 10));
    sessions.insert(samples::browserSession("hash_2", "usr_alice", 100));
    sessions.insert(samples::browserSession("hash_3", "usr_alice", 1000));
    const auto found = sessions.find("hash_1");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->userId == "usr_alice");
    BOOST_TEST(toUnix(found->expiresAt) == toUnix(samples::at(10)));
    BOOST_TEST(!sessions.find("hash_missing").has_value());
    BOOST_CHECK_EXCEPTION(sessions.insert(samples::browserSession("hash_1", "usr_alice", 5)), Error,
                          hasCode(ErrorCode::Conflict));
    BOOST_CHECK_THROW(sessions.insert(samples::browserSession("hash_9", "usr_ghost", 5)), Error);
    BOOST_TEST(sessions.purgeExpired(samples::at(100)) == 2);
    BOOST_TEST(!sessions.find("hash_2").has_value());
    BOOST_TEST(sessions.find("hash_3").has_value());
    BOOST_TEST(sessions.remove("hash_3"));
    BOOST_TEST(!sessions.remove("hash_3"));
    insertUsers(db, {"usr_bob"});
    sessions.insert(samples::browserSession("hash_4", "usr_alice", 1000));
    sessions.insert(samples::browserSession("hash_5", "usr_alice", 1000));
    sessions.insert(samples::browserSession("hash_6", "usr_bob", 1000));
    BOOST_TEST(sessions.removeForUser("usr_alice") == 2);
    BOOST_TEST(!sessions.find("hash_4").has_value());
    BOOST_TEST(sessions.find("hash_6").has_value());
}

void membershipsKeepAnOwner(Database& db) {
    using Change = OrganizationStore::MembershipChange;
    db.migrate();
    insertUsers(db, {"usr_a", "usr_b", "usr_c"});
    auto& orgs = db.organizations();
    orgs.insertWithOwner(samples::organization("org_1", "one"), samples::membership("", "usr_a", Role::Owner));
    orgs.insertMembership(samples::membership("org_1", "usr_b", Role::Owner));
    BOOST_CHECK_EXCEPTION(orgs.insertMembership(samples::membership("org_1", "usr_b", Role::Member)), Error,
                          hasCode(ErrorCode::Conflict));
    BOOST_TEST((orgs.findMembership("org_1", "usr_b")->role == Role::Owner)); // not overwritten
    BOOST_TEST((orgs.changeMembershipKeepingOwner("org_1", "usr_c", Role::Admin) == Change::NotFound));
    // Two owners demote each other at the same time: exactly one may succeed.
    std::atomic<int> done{0}, lastOwner{0};
    std::thread first([&] { (orgs.changeMembershipKeepingOwner("org_1", "usr_a", Role::Admin) == Change::Done ? done : lastOwner)++; });
    std::thread second([&] { (orgs.changeMembershipKeepingOwner("org_1", "usr_b", std::nullopt) == Change::Done ? done : lastOwner)++; });
    first.join();
    second.join();
    BOOST_TEST(done.load() == 1);
    BOOST_TEST(lastOwner.load() == 1);
    int owners = 0;
    for (const auto& m : orgs.listMemberships("org_1")) owners += m.role == Role::Owner;
    BOOST_TEST(owners == 1);
}

void migrationsApplyOnceAndReportLatest(Database& db) {
    BOOST_TEST(db.schemaVersion() == 0);
    BOOST_TEST(db.migrate() == Database::latestSchemaVersion());
    BOOST_TEST(db.schemaVersion() == Database::latestSchemaVersion());
    BOOST_TEST(db.migrate() == 0);
    BOOST_TEST(db.schemaVersion() == Database::latestSchemaVersion());
    BOOST_TEST(db.ping());
}

void concurrentInsertsAllLand(Database& db) {
    db.migrate();
    constexpr int kThreads = 12;
    constexpr int kPerThread = 15;
    std::vector<std::thread> threads;
    std::vector<int> failures(kThreads, 0);
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&db, &failures, t] {
            for (int i = 0; i < kPerThread; ++i) {
                const auto id = "usr_" + std::to_string(t) + "_" + std::to_string(i);
                try {
                    db.users().insert(samples::user(id, id + "@example.com"));
                } catch (const Error&) {
                    ++failures[static_cast<std::size_t>(t)];
                }
            }
        });
    for (auto& thread : threads) thread.join();
    for (const int failed : failures) BOOST_TEST(failed == 0);
    BOOST_TEST(db.users().count() == kThreads * kPerThread);
}

} // namespace authcore::test::conformance
