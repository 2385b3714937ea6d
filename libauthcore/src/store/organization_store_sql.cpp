// SPDX-License-Identifier: Apache-2.0
// Organizations and memberships in the SQL store.
#include "store/organization_store_sql.hpp"

#include "store/rows.hpp"

namespace authcore::sql {
namespace {

constexpr std::string_view kSlugTaken = "an organization with this slug";
constexpr std::string_view kMembershipExists = "this membership";
const std::string kOrganizationColumns =
    "SELECT o.id, o.slug, o.name, o.max_services, o.created_at, o.updated_at FROM organizations o ";
const std::string kMembershipColumns = "SELECT organization_id, user_id, role, created_at FROM memberships ";

Organization organizationAt(const RecordSet& rows, std::size_t row) {
    Organization org;
    org.id = textAt(rows, 0, row);
    org.slug = textAt(rows, 1, row);
    org.name = textAt(rows, 2, row);
    org.maxServices = static_cast<int>(integerAt(rows, 3, row));
    org.createdAt = timeAt(rows, 4, row);
    org.updatedAt = timeAt(rows, 5, row);
    return org;
}

Membership membershipAt(const RecordSet& rows, std::size_t row) {
    Membership membership;
    membership.organizationId = textAt(rows, 0, row);
    membership.userId = textAt(rows, 1, row);
    membership.role = parsedAt(rows, 2, row, "memberships.role", parseRole);
    membership.createdAt = timeAt(rows, 3, row);
    return membership;
}

const std::string kInsertMembership =
    "INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES (?, ?, ?, ?)";

void writeMembership(Session& session, const std::string& sql, const Membership& membership) {
    session << sql, kw::bind(membership.organizationId), kw::bind(membership.userId),
        kw::bind(std::string(roleName(membership.role))), kw::bind(unixSeconds(membership.createdAt)), kw::now;
}

void insertOrganization(Session& session, const Organization& org) {
    session << "INSERT INTO organizations (id, slug, name, max_services, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?)",
        kw::bind(org.id), kw::bind(org.slug), kw::bind(org.name), kw::bind(org.maxServices),
        kw::bind(unixSeconds(org.createdAt)), kw::bind(unixSeconds(org.updatedAt)), kw::now;
}

} // namespace

void insertMembershipRow(Session& session, const Membership& membership) {
    writeMembership(session, kInsertMembership, membership);
}

void OrganizationStoreSql::insertWithOwner(const Organization& org, const Membership& owner) {
    // The owner joins the organization being created, whatever organizationId it carried.
    Membership first = owner;
    first.organizationId = org.id;
    executor_.transact(kSlugTaken, [&](Session& session) {
        insertOrganization(session, org);
        writeMembership(session, kInsertMembership, first);
    });
}

std::optional<Organization> OrganizationStoreSql::findById(const std::string& id) {
    return selectOne(executor_, kOrganizationColumns + "WHERE o.id = ?", {id}, organizationAt);
}

std::optional<Organization> OrganizationStoreSql::findBySlug(const std::string& slug) {
    return selectOne(executor_, kOrganizationColumns + "WHERE o.slug = ?", {slug}, organizationAt);
}

bool OrganizationStoreSql::updateMaxServices(const std::string& id, int maxServices, Timestamp updatedAt) {
    return changeRows(executor_, "UPDATE organizations SET max_services = ?, updated_at = ? WHERE id = ?",
                      {std::to_string(maxServices), std::to_string(unixSeconds(updatedAt)), id}) > 0;
}

std::vector<Organization> OrganizationStoreSql::listForUser(const std::string& userId) {
    return organizations("JOIN memberships m ON m.organization_id = o.id WHERE m.user_id = ? ORDER BY o.slug", {userId});
}

std::vector<Organization> OrganizationStoreSql::listAll() { return organizations("ORDER BY o.slug", {}); }

std::vector<Organization> OrganizationStoreSql::organizations(const std::string& sqlTail,
                                                              const std::vector<std::string>& parameters) {
    return selectRows(executor_, kOrganizationColumns + sqlTail, parameters, organizationAt);
}

void OrganizationStoreSql::upsertMembership(const Membership& membership) {
    // Changing a role keeps the original createdAt, which orders the members.
    const auto sql = executor_.dialect().upsert(kInsertMembership, "organization_id, user_id", {"role"});
    executor_.run(kMembershipExists, [&](Session& session) { writeMembership(session, sql, membership); });
}

void OrganizationStoreSql::insertMembership(const Membership& membership) {
    executor_.run(kMembershipExists, [&](Session& session) {
        writeMembership(session, kInsertMembership, membership);
    });
}

OrganizationStore::MembershipChange OrganizationStoreSql::changeMembershipKeepingOwner(
    const std::string& organizationId, const std::string& userId, std::optional<Role> newRole) {
    auto outcome = MembershipChange::Done;
    executor_.transact(kMembershipExists, [&](Session& session) {
        // The owners and the target, locked until commit (MySQL) or under the
        // write lock (SQLite): the check below cannot be raced.
        Statement statement(session);
        statement << "SELECT user_id, role FROM memberships WHERE organization_id = ? AND (user_id = ? OR role = 'owner')" +
                         std::string(executor_.dialect().lockingRead());
        bindTexts(statement, {organizationId, userId});
        const auto rows = readRows(statement, [](const RecordSet& r, std::size_t row) {
            return std::make_pair(textAt(r, 0, row), textAt(r, 1, row));
        });
        std::optional<std::string> currentRole;
        int otherOwners = 0;
        for (const auto& [member, role] : rows) {
            if (member == userId) currentRole = role;
            else if (role == "owner") ++otherOwners;
        }
        if (!currentRole) {
            outcome = MembershipChange::NotFound;
            return;
        }
        if (*currentRole == "owner" && newRole != Role::Owner && otherOwners == 0) {
            outcome = MembershipChange::LastOwner;
            return;
        }
        if (newRole)
            session << "UPDATE memberships SET role = ? WHERE organization_id = ? AND user_id = ?",
                kw::bind(std::string(roleName(*newRole))), kw::bind(organizationId), kw::bind(userId), kw::now;
        else
            session << "DELETE FROM memberships WHERE organization_id = ? AND user_id = ?", kw::bind(organizationId),
                kw::bind(userId), kw::now;
    });
    return outcome;
}

bool OrganizationStoreSql::removeMembership(const std::string& organizationId, const std::string& userId) {
    return changeRows(executor_, "DELETE FROM memberships WHERE organization_id = ? AND user_id = ?",
                      {organizationId, userId}) > 0;
}

std::optional<Membership> OrganizationStoreSql::findMembership(const std::string& organizationId,
                                                               const std::string& userId) {
    return selectOne(executor_, kMembershipColumns + "WHERE organization_id = ? AND user_id = ?",
                     {organizationId, userId}, membershipAt);
}

std::vector<Membership> OrganizationStoreSql::listMemberships(const std::string& organizationId) {
    return memberships("WHERE organization_id = ? ORDER BY created_at, user_id", {organizationId});
}

std::vector<Membership> OrganizationStoreSql::listMembershipsOfUser(const std::string& userId) {
    return memberships("WHERE user_id = ? ORDER BY created_at, organization_id", {userId});
}

std::vector<Membership> OrganizationStoreSql::memberships(const std::string& sqlTail,
                                                          const std::vector<std::string>& parameters) {
    return selectRows(executor_, kMembershipColumns + sqlTail, parameters, membershipAt);
}

} // namespace authcore::sql
