// SPDX-License-Identifier: Apache-2.0
// What a caller may read across organizations: pages of organizations, a
// user's memberships, and an organization's audit events.
#include <authcore/error.hpp>
#include <authcore/services/organization_service.hpp>

#include <algorithm>

namespace authcore {
namespace {

int pageSize(std::optional<int> requested) {
    const int size = requested.value_or(OrganizationService::kDefaultPageSize);
    if (size < 0 || size > OrganizationService::kMaxPageSize)
        throw Error(ErrorCode::InvalidInput,
                    "first must be between 0 and " + std::to_string(OrganizationService::kMaxPageSize));
    return size;
}

} // namespace

OrganizationPage OrganizationService::page(const Principal& actor, std::optional<int> first,
                                           const std::string& afterSlug) {
    const auto wanted = static_cast<std::size_t>(pageSize(first));
    auto all = list(actor);
    // Sorted here, not by the store's collation, so cursors compare as they sort.
    std::sort(all.begin(), all.end(), [](const Organization& a, const Organization& b) { return a.slug < b.slug; });
    const auto start = std::upper_bound(all.begin(), all.end(), afterSlug,
                                        [](const std::string& slug, const Organization& org) { return slug < org.slug; });
    OrganizationPage page;
    const auto available = static_cast<std::size_t>(all.end() - start);
    page.hasNextPage = available > wanted;
    page.organizations.assign(std::make_move_iterator(start),
                              std::make_move_iterator(start + static_cast<long>(std::min(available, wanted))));
    return page;
}

std::vector<UserMembership> OrganizationService::membershipsOf(const Principal& actor, const std::string& userId) {
    const bool everything = actor.systemAdmin || actor.userId == userId;
    std::vector<UserMembership> out;
    for (auto& org : orgs_.listForUser(userId)) {
        if (!everything && !orgs_.findMembership(org.id, actor.userId)) continue;
        const auto membership = orgs_.findMembership(org.id, userId);
        if (!membership) continue; // left the organization meanwhile
        out.push_back(UserMembership{std::move(org), membership->role});
    }
    return out;
}

AuditEventPage OrganizationService::auditEvents(const Principal& actor, const std::string& slug,
                                                std::optional<int> first, const std::string& afterId) {
    const auto org = authorize(actor, slug, Role::Admin);
    const int wanted = pageSize(first);
    // One more than asked tells whether another page follows.
    auto events = audit_.list(org.id, afterId, wanted + 1);
    AuditEventPage page;
    page.hasNextPage = static_cast<int>(events.size()) > wanted;
    events.resize(std::min(events.size(), static_cast<std::size_t>(wanted)));
    page.events = std::move(events);
    return page;
}

} // namespace authcore
