// SPDX-License-Identifier: Apache-2.0
// OrganizationStore: organizations and their memberships.
#pragma once

#include <authcore/model/membership.hpp>
#include <authcore/model/organization.hpp>
#include <optional>
#include <string>
#include <vector>

namespace authcore {

class OrganizationStore {
public:
    virtual ~OrganizationStore() = default;
    /// Inserts the organization and its first owner in one transaction.
    /// Conflict when the slug is taken.
    virtual void insertWithOwner(const Organization& org, const Membership& owner) = 0;
    virtual std::optional<Organization> findById(const std::string& id) = 0;
    virtual std::optional<Organization> findBySlug(const std::string& slug) = 0;
    /// False when the organization does not exist.
    virtual bool updateMaxServices(const std::string& id, int maxServices, Timestamp updatedAt) = 0;
    /// Organizations the user belongs to, ordered by slug.
    virtual std::vector<Organization> listForUser(const std::string& userId) = 0;
    /// Every organization, ordered by slug (for system admins).
    virtual std::vector<Organization> listAll() = 0;

    /// Inserts or changes the role of (organizationId, userId).
    virtual void upsertMembership(const Membership& membership) = 0;
    /// Adds a member; Conflict when (organizationId, userId) is already one.
    virtual void insertMembership(const Membership& membership) = 0;

    enum class MembershipChange {
        Done,      ///< the role was changed or the membership removed
        NotFound,  ///< no such membership; nothing changed
        LastOwner, ///< it would leave the organization without an owner; nothing changed
    };
    /// Changes the member's role (`newRole`) or removes the membership
    /// (nullopt), in one transaction that also checks another owner remains,
    /// so two owners demoting each other at once cannot both succeed.
    virtual MembershipChange changeMembershipKeepingOwner(const std::string& organizationId,
                                                          const std::string& userId, std::optional<Role> newRole) = 0;
    /// False when there was no such membership.
    virtual bool removeMembership(const std::string& organizationId, const std::string& userId) = 0;
    virtual std::optional<Membership> findMembership(const std::string& organizationId,
                                                     const std::string& userId) = 0;
    /// Ordered by createdAt, then userId.
    virtual std::vector<Membership> listMemberships(const std::string& organizationId) = 0;
    virtual std::vector<Membership> listMembershipsOfUser(const std::string& userId) = 0;
};

} // namespace authcore
