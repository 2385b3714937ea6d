// SPDX-License-Identifier: Apache-2.0
// OrganizationStoreSql: OrganizationStore on the SQL executor.
#pragma once

#include "store/executor.hpp"

#include <authcore/store/organization_store.hpp>

namespace authcore::sql {

/// The INSERT of one membership on `session`, for stores that write one inside their own transaction.
void insertMembershipRow(Session& session, const Membership& membership);

class OrganizationStoreSql final : public OrganizationStore {
public:
    explicit OrganizationStoreSql(Executor& executor) : executor_(executor) {}

    void insertWithOwner(const Organization& org, const Membership& owner) override;
    std::optional<Organization> findById(const std::string& id) override;
    std::optional<Organization> findBySlug(const std::string& slug) override;
    bool updateMaxServices(const std::string& id, int maxServices, Timestamp updatedAt) override;
    std::vector<Organization> listForUser(const std::string& userId) override;
    std::vector<Organization> listAll() override;

    void upsertMembership(const Membership& membership) override;
    void insertMembership(const Membership& membership) override;
    MembershipChange changeMembershipKeepingOwner(const std::string& organizationId, const std::string& userId,
                                                  std::optional<Role> newRole) override;
    bool removeMembership(const std::string& organizationId, const std::string& userId) override;
    std::optional<Membership> findMembership(const std::string& organizationId, const std::string& userId) override;
    std::vector<Membership> listMemberships(const std::string& organizationId) override;
    std::vector<Membership> listMembershipsOfUser(const std::string& userId) override;

private:
    std::vector<Organization> organizations(const std::string& sqlTail, const std::vector<std::string>& parameters);
    std::vector<Membership> memberships(const std::string& sqlTail, const std::vector<std::string>& parameters);

    Executor& executor_;
};

} // namespace authcore::sql
