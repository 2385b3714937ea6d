// SPDX-License-Identifier: Apache-2.0
// The audit log in the SQL store.
#include "store/audit_store_sql.hpp"

#include "store/rows.hpp"

namespace authcore::sql {
namespace {

AuditEvent eventAt(const RecordSet& rows, std::size_t row) {
    AuditEvent event;
    event.id = textAt(rows, 0, row);
    event.at = timeAt(rows, 1, row);
    event.organizationId = textAt(rows, 2, row);
    event.actor = textAt(rows, 3, row);
    event.action = textAt(rows, 4, row);
    event.target = textAt(rows, 5, row);
    event.outcome = textAt(rows, 6, row);
    return event;
}

// Event ids sort by time, so "newest first" is id order, which the
// (organization_id, id) index serves for one organization.
std::string listQuery(bool byOrganization, bool before) {
    std::string sql = "SELECT id, at, organization_id, actor, action, target, outcome FROM audit_events";
    if (byOrganization) sql += " WHERE organization_id = ?";
    if (before) sql += byOrganization ? " AND id < ?" : " WHERE id < ?";
    return sql + " ORDER BY id DESC LIMIT ?";
}

} // namespace

void AuditStoreSql::append(const std::vector<AuditEvent>& events) {
    if (events.empty()) return;
    executor_.transact("an audit event with this id", [&](Session& session) {
        for (const auto& event : events)
            session << "INSERT INTO audit_events (id, at, organization_id, actor, action, target, outcome) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                kw::bind(event.id), kw::bind(unixSeconds(event.at)), kw::bind(event.organizationId),
                kw::bind(event.actor), kw::bind(event.action), kw::bind(event.target), kw::bind(event.outcome), kw::now;
    });
}

std::vector<AuditEvent> AuditStoreSql::list(const std::string& organizationId, const std::string& beforeId,
                                            int limit) {
    if (limit <= 0) return {};
    return executor_.evaluate([&](Session& session) {
        Statement statement(session);
        statement << listQuery(!organizationId.empty(), !beforeId.empty());
        if (!organizationId.empty()) statement.addBind(kw::bind(organizationId));
        if (!beforeId.empty()) statement.addBind(kw::bind(beforeId));
        statement.addBind(kw::bind(limit));
        return readRows(statement, eventAt);
    });
}

} // namespace authcore::sql
