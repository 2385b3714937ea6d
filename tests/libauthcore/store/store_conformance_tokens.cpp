// SPDX-License-Identifier: Apache-2.0
// Conformance: refresh-token families and revoked access tokens.
#include "store/store_conformance.hpp"

#include "store/store_samples.hpp"

#include <atomic>
#include <thread>
#include <vector>

namespace authcore::test::conformance {
namespace {

void prepareUser(Database& db) {
    db.migrate();
    db.users().insert(samples::user("usr_alice", "alice@example.com"));
}

// Races `callers` threads on one token; returns how many won.
int raceToUse(Database& db, const std::string& idHash, int callers, std::atomic<int>& failures) {
    std::atomic<int> winners{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < callers; ++i)
        threads.emplace_back([&db, &idHash, &winners, &failures, i] {
            try {
                if (db.tokens().markRefreshTokenUsed(idHash, samples::at(10 + i))) ++winners;
            } catch (const Error&) {
                ++failures;
            }
        });
    for (auto& thread : threads) thread.join();
    return winners.load();
}

} // namespace

void refreshTokensRoundTripAndSingleUse(Database& db) {
    prepareUser(db);
    auto& tokens = db.tokens();
    const auto original = samples::refreshToken("hash_1", "fam_1", "usr_alice", 100);
    tokens.insertRefreshToken(original);
    const auto found = tokens.findRefreshToken("hash_1");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->familyId == "fam_1");
    BOOST_TEST(found->userId == "usr_alice");
    BOOST_TEST(found->clientId == original.clientId);
    BOOST_TEST(found->audience == original.audience);
    BOOST_TEST(found->scope == original.scope);
    BOOST_TEST(toUnix(found->createdAt) == toUnix(original.createdAt));
    BOOST_TEST(toUnix(found->expiresAt) == toUnix(original.expiresAt));
    BOOST_TEST(!found->usedAt.has_value());
    BOOST_TEST(!found->revoked);
    BOOST_TEST(found->email.empty());
    BOOST_TEST(!found->authTime.has_value());
    auto withLogin = samples::refreshToken("hash_login", "fam_1", "usr_alice", 100);
    withLogin.email = "alice@example.com";
    withLogin.authTime = samples::at(-5);
    tokens.insertRefreshToken(withLogin);
    const auto login = tokens.findRefreshToken("hash_login");
    BOOST_TEST(login->email == "alice@example.com");
    BOOST_TEST(toUnix(*login->authTime) == toUnix(samples::at(-5)));
    BOOST_TEST(!tokens.findRefreshToken("hash_missing").has_value());
    BOOST_CHECK_EXCEPTION(tokens.insertRefreshToken(samples::refreshToken("hash_1", "fam_2", "usr_alice", 5)), Error,
                          hasCode(ErrorCode::Conflict));
    BOOST_CHECK_THROW(tokens.insertRefreshToken(samples::refreshToken("hash_9", "fam_9", "usr_ghost", 5)), Error);

    BOOST_TEST(tokens.markRefreshTokenUsed("hash_1", samples::at(10)));
    BOOST_TEST(!tokens.markRefreshTokenUsed("hash_1", samples::at(11)));
    BOOST_TEST(toUnix(*tokens.findRefreshToken("hash_1")->usedAt) == toUnix(samples::at(10)));
    BOOST_TEST(!tokens.markRefreshTokenUsed("hash_missing", samples::at(10)));

    auto spent = samples::refreshToken("hash_2", "fam_1", "usr_alice", 100);
    spent.usedAt = samples::at(3);
    spent.revoked = true;
    tokens.insertRefreshToken(spent);
    BOOST_TEST(toUnix(*tokens.findRefreshToken("hash_2")->usedAt) == toUnix(samples::at(3)));
    BOOST_TEST(tokens.findRefreshToken("hash_2")->revoked);
}

void refreshTokensConcurrentUseHasOneWinner(Database& db) {
    prepareUser(db);
    constexpr int kTokens = 4;
    constexpr int kCallers = 8;
    std::atomic<int> failures{0};
    for (int t = 0; t < kTokens; ++t) {
        const auto idHash = "hash_" + std::to_string(t);
        db.tokens().insertRefreshToken(samples::refreshToken(idHash, "fam_1", "usr_alice", 100));
        BOOST_TEST(raceToUse(db, idHash, kCallers, failures) == 1, "token " << idHash);
        BOOST_TEST(db.tokens().findRefreshToken(idHash)->usedAt.has_value());
    }
    BOOST_TEST(failures.load() == 0);
}

void refreshTokensRevokeFamily(Database& db) {
    prepareUser(db);
    auto& tokens = db.tokens();
    for (const auto* hash : {"hash_1", "hash_2", "hash_3"})
        tokens.insertRefreshToken(samples::refreshToken(hash, "fam_1", "usr_alice", 100));
    tokens.insertRefreshToken(samples::refreshToken("hash_4", "fam_2", "usr_alice", 100));
    BOOST_TEST(tokens.markRefreshTokenUsed("hash_1", samples::at(5)));

    BOOST_TEST(tokens.revokeFamily("fam_1") == 3);
    BOOST_TEST(tokens.revokeFamily("fam_1") == 0);
    BOOST_TEST(tokens.revokeFamily("fam_ghost") == 0);
    BOOST_TEST(!tokens.markRefreshTokenUsed("hash_2", samples::at(6)));
    const auto revoked = tokens.findRefreshToken("hash_2");
    BOOST_TEST(revoked->revoked);
    BOOST_TEST(!revoked->usedAt.has_value());
    BOOST_TEST(tokens.findRefreshToken("hash_1")->revoked);
    BOOST_TEST(!tokens.findRefreshToken("hash_4")->revoked);
    BOOST_TEST(tokens.markRefreshTokenUsed("hash_4", samples::at(6)));
}

void revokedAccessTokensIdempotent(Database& db) {
    db.migrate();
    auto& tokens = db.tokens();
    BOOST_TEST(!tokens.isAccessTokenRevoked("jti_1"));
    tokens.revokeAccessToken("jti_1", samples::at(100));
    BOOST_TEST(tokens.isAccessTokenRevoked("jti_1"));
    BOOST_CHECK_NO_THROW(tokens.revokeAccessToken("jti_1", samples::at(100)));
    BOOST_CHECK_NO_THROW(tokens.revokeAccessToken("jti_1", samples::at(200)));
    BOOST_TEST(tokens.isAccessTokenRevoked("jti_1"));
    BOOST_TEST(!tokens.isAccessTokenRevoked("jti_2"));
    // Still remembered until its first expiry: the purge at 100 drops it.
    BOOST_TEST(tokens.purgeExpired(samples::at(100)) == 1);
    BOOST_TEST(!tokens.isAccessTokenRevoked("jti_1"));
}

void tokensPurgeExpired(Database& db) {
    prepareUser(db);
    auto& tokens = db.tokens();
    tokens.insertRefreshToken(samples::refreshToken("hash_1", "fam_1", "usr_alice", 10));
    tokens.insertRefreshToken(samples::refreshToken("hash_2", "fam_1", "usr_alice", 100));
    tokens.insertRefreshToken(samples::refreshToken("hash_3", "fam_1", "usr_alice", 1000));
    tokens.revokeAccessToken("jti_1", samples::at(50));
    tokens.revokeAccessToken("jti_2", samples::at(100));
    tokens.revokeAccessToken("jti_3", samples::at(500));
    BOOST_TEST(tokens.purgeExpired(samples::at(100)) == 4);
    BOOST_TEST(!tokens.findRefreshToken("hash_1").has_value());
    BOOST_TEST(!tokens.findRefreshToken("hash_2").has_value());
    BOOST_TEST(tokens.findRefreshToken("hash_3").has_value());
    BOOST_TEST(!tokens.isAccessTokenRevoked("jti_1"));
    BOOST_TEST(!tokens.isAccessTokenRevoked("jti_2"));
    BOOST_TEST(tokens.isAccessTokenRevoked("jti_3"));
    BOOST_TEST(tokens.purgeExpired(samples::at(100)) == 0);
}

} // namespace authcore::test::conformance
