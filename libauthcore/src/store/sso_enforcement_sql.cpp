// SPDX-License-Identifier: Apache-2.0
// SSO enforcement policies in the SQL store (part of SsoConnectionStoreSql).
#include "store/sso_connection_store_sql.hpp"

#include "store/rows.hpp"
#include "store/text_list.hpp"

namespace authcore::sql {
namespace {

std::vector<std::string> roleNames(const std::vector<Role>& roles) {
    std::vector<std::string> names;
    for (const auto role : roles) names.emplace_back(roleName(role));
    return names;
}

SsoEnforcement enforcementAt(const RecordSet& rows, std::size_t row) {
    SsoEnforcement e{textAt(rows, 0, row), integerAt(rows, 1, row) != 0, {}, timeAt(rows, 3, row)};
    for (const auto& name : textListAt(rows, 2, row, "sso_enforcement.exempt_roles")) {
        const auto role = parseRole(name);
        if (!role) corruptValue("sso_enforcement.exempt_roles", name);
        e.exemptRoles.push_back(*role);
    }
    return e;
}

} // namespace

std::optional<SsoEnforcement> SsoConnectionStoreSql::findEnforcement(const std::string& organizationId) {
    return sql::selectOne(executor_,
                          "SELECT organization_id, enforced, exempt_roles, updated_at FROM sso_enforcement "
                          "WHERE organization_id = ?",
                          {organizationId}, enforcementAt);
}

void SsoConnectionStoreSql::putEnforcement(const SsoEnforcement& e) {
    executor_.transact("an SSO enforcement policy for this organization", [&](Session& session) {
        requireRow(session, "organizations", "id", e.organizationId, "organization");
        // Delete and insert in one transaction: portable across SQLite and
        // MariaDB, which spell an upsert differently.
        session << "DELETE FROM sso_enforcement WHERE organization_id = ?", kw::bind(e.organizationId), kw::now;
        const Poco::Int64 enforced = e.enforced ? 1 : 0;
        session << "INSERT INTO sso_enforcement (organization_id, enforced, exempt_roles, updated_at) "
                   "VALUES (?, ?, ?, ?)",
            kw::bind(e.organizationId), kw::bind(enforced), kw::bind(encodeTextList(roleNames(e.exemptRoles))),
            kw::bind(unixSeconds(e.updatedAt)), kw::now;
    });
}

} // namespace authcore::sql
