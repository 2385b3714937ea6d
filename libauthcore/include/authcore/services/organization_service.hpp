// SPDX-License-Identifier: Apache-2.0
// OrganizationService: organizations and role-checked membership management.
#pragma once

#include <authcore/model/audit_event.hpp>
#include <authcore/model/membership.hpp>
#include <authcore/model/organization.hpp>
#include <authcore/model/user.hpp>
#include <authcore/services/audit_log.hpp>
#include <authcore/services/principal.hpp>
#include <authcore/store/organization_store.hpp>
#include <authcore/store/user_store.hpp>
#include <optional>
#include <string>
#include <vector>

namespace authcore {

struct Member {
    Membership membership;
    User user;
};

/// A user's place in one organization.
struct UserMembership {
    Organization organization;
    Role role = Role::Member;
};

/// One forward page (Relay) of organizations, ordered by slug.
struct OrganizationPage {
    std::vector<Organization> organizations;
    bool hasNextPage = false;
};

/// One forward page (Relay) of audit events, newest first.
struct AuditEventPage {
    std::vector<AuditEvent> events;
    bool hasNextPage = false;
};

/// A slug is 2..63 chars of [a-z0-9-], not starting or ending with '-'.
bool isValidSlug(std::string_view slug);

class OrganizationService {
public:
    OrganizationService(OrganizationStore& orgs, UserStore& users, AuditLog& audit, const Clock& clock);

    /// The caller (a user) becomes owner. Conflict when the slug is taken.
    Organization create(const Principal& actor, const std::string& slug, const std::string& name);
    /// For the CLI: the owner is named by email (NotFound if no such user).
    Organization createWithOwner(const Principal& actor, const std::string& slug, const std::string& name,
                                 const std::string& ownerEmail);
    /// Members and system admins see it; others get NotFound (existence is not revealed).
    Organization get(const Principal& actor, const std::string& slug);
    /// Organizations the caller belongs to (every one for a system admin).
    std::vector<Organization> list(const Principal& actor);
    /// Of list(actor), at most `first` (default kDefaultPageSize) with a slug
    /// after `afterSlug` ("" = from the start). InvalidInput for a count
    /// outside 0..kMaxPageSize.
    OrganizationPage page(const Principal& actor, std::optional<int> first, const std::string& afterSlug);
    static constexpr int kMaxPageSize = 500;
    static constexpr int kDefaultPageSize = 50;
    /// The user's memberships in the organizations the caller may see
    /// (all of them for the user themself or a system admin).
    std::vector<UserMembership> membershipsOf(const Principal& actor, const std::string& userId);

    /// Owner/admin only.
    std::vector<Member> listMembers(const Principal& actor, const std::string& slug);
    /// Adds an existing user by email; only owners grant `owner`. Conflict if already a member.
    Member addMember(const Principal& actor, const std::string& slug, const std::string& email, Role role);
    /// Changes a role; an admin cannot change an owner; the last owner cannot be demoted.
    Member changeRole(const Principal& actor, const std::string& slug, const std::string& userId, Role role);
    /// Removes a member; the last owner cannot be removed (Conflict).
    void removeMember(const Principal& actor, const std::string& slug, const std::string& userId);
    /// addMember for a user who is not a member yet, else changeRole, with
    /// their rules. InvalidInput (not NotFound) for an email no user has:
    /// NotFound stays the answer about the organization.
    Member setMember(const Principal& actor, const std::string& slug, const std::string& email, Role role);

    /// Owners/admins and system admins only (others as authorize()): the
    /// organization's audit events newest first, at most `first` (default
    /// kDefaultPageSize, 0..kMaxPageSize) older than event `afterId` ("" = newest).
    /// Events still buffered in the AuditLog are written first, so they show.
    AuditEventPage auditEvents(const Principal& actor, const std::string& slug, std::optional<int> first,
                               const std::string& afterId);

    /// The organization, after checking the caller holds at least `minimum`
    /// there (system admins always pass). NotFound for non-members, Forbidden
    /// for members with a lower role. Used by every organization-scoped service.
    Organization authorize(const Principal& actor, const std::string& slug, Role minimum);
    /// The caller's role, or nullopt (system admins: Owner).
    std::optional<Role> roleOf(const Principal& actor, const Organization& org);

private:
    Member toMember(const Membership& membership);
    /// Changes (role) or removes (nullopt) a membership unless it is the last owner.
    void applyKeepingOwner(const Organization& org, const std::string& userId, std::optional<Role> role);

    OrganizationStore& orgs_;
    UserStore& users_;
    AuditLog& audit_;
    const Clock& clock_;
};

} // namespace authcore
