// SPDX-License-Identifier: Apache-2.0
// The schema, as an append-only list of migrations.
#include "store/migrations.hpp"

namespace authcore::sql {
namespace {

// {key}: a string that is a key, unique or indexed (see Dialect::expand).
TableSpec usersTable() {
    return {"users",
            "id {key} NOT NULL PRIMARY KEY, email {key} NOT NULL UNIQUE, name TEXT NOT NULL, "
            "password_hash TEXT NOT NULL, email_verified INTEGER NOT NULL, system_admin INTEGER NOT NULL, "
            "created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL",
            {}};
}

TableSpec organizationsTable() {
    return {"organizations",
            "id {key} NOT NULL PRIMARY KEY, slug {key} NOT NULL UNIQUE, name TEXT NOT NULL, "
            "max_services INTEGER NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL",
            {}};
}

TableSpec membershipsTable() {
    return {"memberships",
            "organization_id {key} NOT NULL, user_id {key} NOT NULL, role {key} NOT NULL, created_at BIGINT NOT NULL, "
            "PRIMARY KEY (organization_id, user_id), "
            "FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE, "
            "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE",
            {{"memberships_user", "user_id"}}};
}

TableSpec clientsTable() {
    return {"clients",
            "client_id {key} NOT NULL PRIMARY KEY, description TEXT NOT NULL, client_type {key} NOT NULL, "
            "owner_organization_id {key}, owner_user_id {key}, "
            "secret1_hash TEXT NOT NULL, secret1_updated_at BIGINT, secret2_hash TEXT NOT NULL, secret2_updated_at BIGINT, "
            "created_at BIGINT NOT NULL, "
            "FOREIGN KEY (owner_organization_id) REFERENCES organizations (id) ON DELETE CASCADE, "
            "FOREIGN KEY (owner_user_id) REFERENCES users (id)",
            {{"clients_owner_organization", "owner_organization_id"}, {"clients_owner_user", "owner_user_id"}}};
}

TableSpec signingKeysTable() {
    return {"signing_keys",
            "kid {key} NOT NULL PRIMARY KEY, algorithm {key} NOT NULL, status {key} NOT NULL, "
            "public_jwk TEXT NOT NULL, sealed_private_key TEXT NOT NULL, created_at BIGINT NOT NULL, retired_at BIGINT",
            {}};
}

TableSpec auditEventsTable() {
    // organization_id is '' outside any organization and has no foreign key:
    // the log outlives what it mentions.
    return {"audit_events",
            "id {key} NOT NULL PRIMARY KEY, at BIGINT NOT NULL, organization_id {key} NOT NULL, actor {key} NOT NULL, "
            "action {key} NOT NULL, target TEXT NOT NULL, outcome {key} NOT NULL",
            {{"audit_events_organization", "organization_id, id"}}};
}

TableSpec browserSessionsTable() {
    return {"browser_sessions",
            "id_hash {key} NOT NULL PRIMARY KEY, user_id {key} NOT NULL, created_at BIGINT NOT NULL, "
            "expires_at BIGINT NOT NULL, FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE",
            {{"browser_sessions_user", "user_id"}, {"browser_sessions_expiry", "expires_at"}}};
}

} // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list{
        {1, "users, organizations, memberships, clients, signing keys, audit log, browser sessions",
         {usersTable(), organizationsTable(), membershipsTable(), clientsTable(), signingKeysTable(),
          auditEventsTable(), browserSessionsTable()},
         {}},
    };
    return list;
}

} // namespace authcore::sql
