// SPDX-License-Identifier: Apache-2.0
// Conformance: upgrading a database that version 1 of the schema created.
#include "store/store_conformance.hpp"

#include "store/store_samples.hpp"

#include <Poco/Data/Statement.h>

#include <vector>

namespace authcore::test::conformance {
namespace {

using Poco::Data::Keywords::now;

// Migration 1 as released, frozen here: the schema a version-1 deployment
// has. {key} as in the store's dialects. Secondary indexes are left out:
// migration 2 does not depend on them.
const std::vector<std::string> kVersion1Tables{
    "schema_migrations (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)",
    "users (id {key} NOT NULL PRIMARY KEY, email {key} NOT NULL UNIQUE, name TEXT NOT NULL, "
    "password_hash TEXT NOT NULL, email_verified INTEGER NOT NULL, system_admin INTEGER NOT NULL, "
    "created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
    "organizations (id {key} NOT NULL PRIMARY KEY, slug {key} NOT NULL UNIQUE, name TEXT NOT NULL, "
    "max_services INTEGER NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
    "memberships (organization_id {key} NOT NULL, user_id {key} NOT NULL, role {key} NOT NULL, "
    "created_at BIGINT NOT NULL, PRIMARY KEY (organization_id, user_id), "
    "FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE, "
    "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE)",
    "clients (client_id {key} NOT NULL PRIMARY KEY, description TEXT NOT NULL, client_type {key} NOT NULL, "
    "owner_organization_id {key}, owner_user_id {key}, secret1_hash TEXT NOT NULL, secret1_updated_at BIGINT, "
    "secret2_hash TEXT NOT NULL, secret2_updated_at BIGINT, created_at BIGINT NOT NULL, "
    "FOREIGN KEY (owner_organization_id) REFERENCES organizations (id) ON DELETE CASCADE, "
    "FOREIGN KEY (owner_user_id) REFERENCES users (id))",
    "signing_keys (kid {key} NOT NULL PRIMARY KEY, algorithm {key} NOT NULL, status {key} NOT NULL, "
    "public_jwk TEXT NOT NULL, sealed_private_key TEXT NOT NULL, created_at BIGINT NOT NULL, retired_at BIGINT)",
    "audit_events (id {key} NOT NULL PRIMARY KEY, at BIGINT NOT NULL, organization_id {key} NOT NULL, "
    "actor {key} NOT NULL, action {key} NOT NULL, target TEXT NOT NULL, outcome {key} NOT NULL)",
    "browser_sessions (id_hash {key} NOT NULL PRIMARY KEY, user_id {key} NOT NULL, created_at BIGINT NOT NULL, "
    "expires_at BIGINT NOT NULL, FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE)",
};

// Rows a version-1 deployment may hold; times are samples::at(0).
const std::vector<std::string> kVersion1Rows{
    "INSERT INTO users VALUES ('usr_old', 'old@example.com', 'Old Timer', 'hash', 1, 0, 1700000000, 1700000000)",
    "INSERT INTO organizations VALUES ('org_old', 'old', 'Old Org', 3, 1700000000, 1700000000)",
    "INSERT INTO memberships VALUES ('org_old', 'usr_old', 'owner', 1700000000)",
    "INSERT INTO clients VALUES ('cli_old', 'legacy client', 'service', 'org_old', NULL, 'aaaa', 1700000000, '', "
    "NULL, 1700000000)",
    "INSERT INTO browser_sessions VALUES ('hash_old', 'usr_old', 1700000000, 1700001000)",
    "INSERT INTO schema_migrations VALUES (1, 1700000000)",
};

std::string expandKeys(std::string sql, bool mysql) {
    const std::string key = mysql ? "VARCHAR(255)" : "TEXT";
    for (auto pos = sql.find("{key}"); pos != std::string::npos; pos = sql.find("{key}", pos + key.size()))
        sql.replace(pos, 5, key);
    return sql;
}

// Creates the version-1 schema with its rows, then closes `raw` so that it
// holds no lock while the store migrates.
void createVersion1(Database& db, Poco::Data::Session& raw, const std::vector<std::string>& extra = {}) {
    const bool mysql = db.dialect() == "mysql";
    const std::string options = mysql ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" : "";
    for (const auto& table : kVersion1Tables) raw << "CREATE TABLE " + expandKeys(table, mysql) + options, now;
    for (const auto& row : kVersion1Rows) raw << row, now;
    for (const auto& sql : extra) raw << sql, now;
    raw.close();
}

void expectVersion1RowsKept(Database& db) {
    BOOST_TEST(db.users().findById("usr_old")->name == "Old Timer");
    BOOST_TEST(db.organizations().findBySlug("old")->id == "org_old");
    BOOST_TEST((db.organizations().findMembership("org_old", "usr_old")->role == Role::Owner));
    BOOST_TEST(db.sessions().find("hash_old").has_value());
    const auto client = db.clients().findById("cli_old");
    BOOST_TEST_REQUIRE(client.has_value());
    BOOST_TEST(client->description == "legacy client");
    BOOST_TEST(client->secret1.hash == "aaaa");
    BOOST_TEST(toUnix(*client->secret1.updatedAt) == toUnix(samples::at()));
    BOOST_TEST(client->redirectUris.empty());
    BOOST_TEST(!client->publicClient);
}

} // namespace

void migrationsUpgradeVersion1KeepsRows(Database& db, Poco::Data::Session& raw) {
    createVersion1(db, raw);
    BOOST_TEST(db.schemaVersion() == 1);
    BOOST_TEST(Database::latestSchemaVersion() == 9);
    BOOST_TEST(db.migrate() == 8);
    BOOST_TEST(db.schemaVersion() == 9);
    BOOST_TEST(db.migrate() == 0);
    expectVersion1RowsKept(db);

    // What migration 2 added works on the old rows.
    auto client = *db.clients().findById("cli_old");
    client.redirectUris = {"https://old.example/cb"};
    client.publicClient = true;
    db.clients().update(client);
    BOOST_TEST(db.clients().findById("cli_old")->redirectUris == client.redirectUris, boost::test_tools::per_element());
    BOOST_TEST(db.clients().findById("cli_old")->publicClient);
    db.clients().addScope("cli_old", {"read", "Read"});
    BOOST_TEST(db.clients().listScopes("cli_old").size() == 1u);
    db.tokens().insertRefreshToken(samples::refreshToken("hash_new", "fam_1", "usr_old", 100));
    BOOST_TEST(db.tokens().markRefreshTokenUsed("hash_new", samples::at(1)));
}

void migrationsCompleteInterruptedVersion2(Database& db, Poco::Data::Session& raw) {
    // MySQL commits each DDL statement: a migration 2 cut short may have
    // left a column behind without recording the version.
    createVersion1(db, raw, {"ALTER TABLE clients ADD COLUMN redirect_uris TEXT"});
    BOOST_TEST(db.schemaVersion() == 1);
    BOOST_TEST(db.migrate() == Database::latestSchemaVersion() - 1);
    BOOST_TEST(db.schemaVersion() == Database::latestSchemaVersion());
    expectVersion1RowsKept(db);
    auto client = samples::client("cli_new", "org_old");
    client.redirectUris = {"https://new.example/cb"};
    client.publicClient = true;
    db.clients().insert(client);
    BOOST_TEST(db.clients().findById("cli_new")->publicClient);
}

} // namespace authcore::test::conformance
