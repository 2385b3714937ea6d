// SPDX-License-Identifier: Apache-2.0
// Organizations and memberships, with the role rules in one place.
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/services/organization_service.hpp>
#include <authcore/services/user_service.hpp>

namespace authcore {
namespace {

Error notFound() { return Error(ErrorCode::NotFound, "organization not found"); }

} // namespace

bool isValidSlug(std::string_view slug) {
    if (slug.size() < 2 || slug.size() > 63 || slug.front() == '-' || slug.back() == '-') return false;
    for (char c : slug)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

OrganizationService::OrganizationService(OrganizationStore& orgs, UserStore& users, AuditLog& audit,
                                         const Clock& clock)
    : orgs_(orgs), users_(users), audit_(audit), clock_(clock) {}

Organization OrganizationService::create(const Principal& actor, const std::string& slug, const std::string& name) {
    if (actor.userId.empty()) throw Error(ErrorCode::InvalidInput, "an organization needs an owner");
    return createWithOwner(actor, slug, name, actor.email);
}

Organization OrganizationService::createWithOwner(const Principal& actor, const std::string& slug,
                                                  const std::string& name, const std::string& ownerEmail) {
    if (!isValidSlug(slug))
        throw Error(ErrorCode::InvalidInput, "slug must be 2-63 characters of a-z, 0-9 and '-'");
    if (name.empty() || name.size() > 200) throw Error(ErrorCode::InvalidInput, "name must be 1-200 characters");
    if (actor.userId.empty() && !actor.systemAdmin)
        throw Error(ErrorCode::Forbidden, "not allowed to create organizations");
    auto owner = users_.findByEmail(normalizeEmail(ownerEmail));
    if (!owner) throw Error(ErrorCode::NotFound, "no user with the owner's email");
    if (!actor.systemAdmin && owner->id != actor.userId)
        throw Error(ErrorCode::Forbidden, "you can only create organizations you own");
    Organization org;
    org.id = crypto::randomId("org_");
    org.slug = slug;
    org.name = name;
    org.createdAt = org.updatedAt = clock_.now();
    if (orgs_.findBySlug(slug)) throw Error(ErrorCode::Conflict, "organization slug is already taken");
    orgs_.insertWithOwner(org, Membership{org.id, owner->id, Role::Owner, org.createdAt});
    audit_.record(org.id, actor.actor(), "organization.create", org.id, true);
    return org;
}

std::optional<Role> OrganizationService::roleOf(const Principal& actor, const Organization& org) {
    if (actor.systemAdmin) return Role::Owner;
    auto membership = orgs_.findMembership(org.id, actor.userId);
    if (!membership) return std::nullopt;
    return membership->role;
}

Organization OrganizationService::authorize(const Principal& actor, const std::string& slug, Role minimum) {
    auto org = orgs_.findBySlug(slug);
    if (!org) throw notFound();
    auto role = roleOf(actor, *org);
    if (!role) throw notFound();
    if (*role < minimum)
        throw Error(ErrorCode::Forbidden, "requires the " + std::string(roleName(minimum)) + " role");
    return *org;
}

Organization OrganizationService::get(const Principal& actor, const std::string& slug) {
    return authorize(actor, slug, Role::Member);
}

std::vector<Organization> OrganizationService::list(const Principal& actor) {
    return actor.systemAdmin ? orgs_.listAll() : orgs_.listForUser(actor.userId);
}

Member OrganizationService::toMember(const Membership& membership) {
    auto user = users_.findById(membership.userId);
    if (!user) throw Error(ErrorCode::NotFound, "member not found");
    return Member{membership, *user};
}

std::vector<Member> OrganizationService::listMembers(const Principal& actor, const std::string& slug) {
    const auto org = authorize(actor, slug, Role::Admin);
    std::vector<Member> members;
    for (const auto& m : orgs_.listMemberships(org.id)) members.push_back(toMember(m));
    return members;
}

Member OrganizationService::addMember(const Principal& actor, const std::string& slug, const std::string& email,
                                      Role role) {
    const auto org = authorize(actor, slug, Role::Admin);
    if (role == Role::Owner && roleOf(actor, org) != Role::Owner)
        throw Error(ErrorCode::Forbidden, "only an owner may add owners");
    auto user = users_.findByEmail(normalizeEmail(email));
    if (!user) throw Error(ErrorCode::NotFound, "no user with this email");
    Membership membership{org.id, user->id, role, clock_.now()};
    try {
        orgs_.insertMembership(membership); // a plain insert: a concurrent add cannot be overwritten
    } catch (const Error& e) {
        if (e.code() == ErrorCode::Conflict) throw Error(ErrorCode::Conflict, "already a member");
        throw;
    }
    audit_.record(org.id, actor.actor(), "member.add", user->id, true);
    return Member{membership, *user};
}

void OrganizationService::applyKeepingOwner(const Organization& org, const std::string& userId,
                                            std::optional<Role> role) {
    switch (orgs_.changeMembershipKeepingOwner(org.id, userId, role)) {
    case OrganizationStore::MembershipChange::Done: return;
    case OrganizationStore::MembershipChange::NotFound: throw Error(ErrorCode::NotFound, "member not found");
    case OrganizationStore::MembershipChange::LastOwner:
        throw Error(ErrorCode::Conflict, "an organization must keep at least one owner");
    }
}

Member OrganizationService::changeRole(const Principal& actor, const std::string& slug, const std::string& userId,
                                       Role role) {
    const auto org = authorize(actor, slug, Role::Admin);
    auto membership = orgs_.findMembership(org.id, userId);
    if (!membership) throw Error(ErrorCode::NotFound, "member not found");
    const bool touchesOwner = role == Role::Owner || membership->role == Role::Owner;
    if (touchesOwner && roleOf(actor, org) != Role::Owner)
        throw Error(ErrorCode::Forbidden, "only an owner may grant or take the owner role");
    applyKeepingOwner(org, userId, role);
    membership->role = role;
    audit_.record(org.id, actor.actor(), "member.change_role", userId, true);
    return toMember(*membership);
}

void OrganizationService::removeMember(const Principal& actor, const std::string& slug, const std::string& userId) {
    const auto org = authorize(actor, slug, Role::Admin);
    auto membership = orgs_.findMembership(org.id, userId);
    if (!membership) throw Error(ErrorCode::NotFound, "member not found");
    if (membership->role == Role::Owner && roleOf(actor, org) != Role::Owner)
        throw Error(ErrorCode::Forbidden, "only an owner may remove an owner");
    applyKeepingOwner(org, userId, std::nullopt);
    audit_.record(org.id, actor.actor(), "member.remove", userId, true);
}

Member OrganizationService::setMember(const Principal& actor, const std::string& slug, const std::string& email,
                                      Role role) {
    const auto org = authorize(actor, slug, Role::Admin);
    const auto user = users_.findByEmail(normalizeEmail(email));
    if (!user) throw Error(ErrorCode::InvalidInput, "no user with this email");
    if (orgs_.findMembership(org.id, user->id)) return changeRole(actor, slug, user->id, role);
    return addMember(actor, slug, email, role);
}

} // namespace authcore
