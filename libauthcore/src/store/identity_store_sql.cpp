// SPDX-License-Identifier: Apache-2.0
// Upstream identities in the SQL store.
#include "store/identity_store_sql.hpp"

#include "store/client_store_sql.hpp"
#include "store/organization_store_sql.hpp"
#include "store/rows.hpp"
#include "store/user_store_sql.hpp"

namespace authcore::sql {
namespace {

const std::string kSelectIdentities =
    "SELECT provider, subject, user_id, email, created_at FROM external_identities ";

ExternalIdentity identityAt(const RecordSet& rows, std::size_t row) {
    return {textAt(rows, 0, row), textAt(rows, 1, row), textAt(rows, 2, row), textAt(rows, 3, row),
            timeAt(rows, 4, row)};
}

} // namespace

std::optional<ExternalIdentity> IdentityStoreSql::find(const std::string& provider, const std::string& subject) {
    return selectOne(executor_, kSelectIdentities + "WHERE provider = ? AND subject = ?", {provider, subject},
                     identityAt);
}

std::vector<ExternalIdentity> IdentityStoreSql::listForUser(const std::string& userId) {
    return selectRows(executor_, kSelectIdentities + "WHERE user_id = ? ORDER BY created_at, provider, subject",
                      {userId}, identityAt);
}

void IdentityStoreSql::link(const IdentityLink& link) {
    const auto& identity = link.identity;
    executor_.transact("this identity, the user's email or client id", [&](Session& session) {
        if (link.newUser) insertUserRow(session, *link.newUser);
        // An unknown user or organization is NotFound, not the foreign key's generic Conflict.
        requireRow(session, "users", "id", identity.userId, "user");
        if (link.newMembership) {
            requireRow(session, "organizations", "id", link.newMembership->organizationId, "organization");
            insertMembershipRow(session, *link.newMembership);
        }
        session << "INSERT INTO external_identities (provider, subject, user_id, email, created_at) "
                   "VALUES (?, ?, ?, ?, ?)",
            kw::bind(identity.provider), kw::bind(identity.subject), kw::bind(identity.userId),
            kw::bind(identity.email), kw::bind(unixSeconds(identity.createdAt)), kw::now;
        if (link.newClient) insertClientRow(session, *link.newClient);
    });
}

} // namespace authcore::sql
