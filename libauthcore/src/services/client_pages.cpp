// SPDX-License-Identifier: Apache-2.0
// What a caller may see of clients: Relay pages, one authorization, and
// which organization a new client of theirs belongs to.
#include <authcore/error.hpp>
#include <authcore/services/client_service.hpp>

#include <algorithm>

namespace authcore {
namespace {

// Invisible clients are skipped, so a page may take several store reads.
constexpr int kScanBatch = 200;

int pageSize(const std::optional<int>& requested, const char* name) {
    const int size = requested.value_or(ClientService::kDefaultPageSize);
    if (size < 0 || size > ClientService::kMaxPageSize)
        throw Error(ErrorCode::InvalidInput, std::string(name) + " must be between 0 and " +
                                                 std::to_string(ClientService::kMaxPageSize));
    return size;
}

} // namespace

ClientPage ClientService::page(const Principal& actor, const ClientPageRequest& request) {
    if (request.first && request.last) throw Error(ErrorCode::InvalidInput, "use first/after or last/before, not both");
    const bool backwards = request.last.has_value() || (!request.before.empty() && !request.first);
    const int wanted = backwards ? pageSize(request.last, "last") : pageSize(request.first, "first");
    // One more than asked tells whether another page follows.
    std::vector<Client> found;
    std::string cursor = backwards ? request.before : request.after;
    while (static_cast<int>(found.size()) <= wanted) {
        auto batch = backwards ? clients_.listBefore(cursor, kScanBatch) : clients_.list(cursor, kScanBatch);
        if (backwards) std::reverse(batch.begin(), batch.end());
        const bool exhausted = static_cast<int>(batch.size()) < kScanBatch;
        if (!batch.empty()) cursor = batch.back().clientId;
        for (auto& client : batch) {
            if (static_cast<int>(found.size()) > wanted) break;
            if (canSee(actor, client)) found.push_back(std::move(client));
        }
        if (exhausted) break;
    }
    ClientPage page;
    const bool more = static_cast<int>(found.size()) > wanted;
    found.resize(std::min<std::size_t>(found.size(), static_cast<std::size_t>(wanted)));
    if (backwards) std::reverse(found.begin(), found.end());
    page.clients = std::move(found);
    // The cursor's own side is assumed non-empty, as Relay allows, rather than read.
    page.hasNextPage = backwards ? !request.before.empty() : more;
    page.hasPreviousPage = backwards ? more : !request.after.empty();
    return page;
}

Authorization ClientService::authorization(const Principal& actor, const std::string& id) {
    const auto found = authorizations_.findById(id);
    const auto visible = [&](const std::string& clientId) {
        const auto client = clients_.findById(clientId);
        return client && canSee(actor, *client);
    };
    if (!found || !(visible(found->subjectClientId) || visible(found->audienceClientId)))
        throw Error(ErrorCode::NotFound, "authorization not found");
    return *found;
}

std::string ClientService::ownerOrganizationFor(const Principal& actor, const std::string& slug) {
    if (!slug.empty()) {
        const auto org = orgs_.findBySlug(slug);
        if (!org) throw Error(ErrorCode::NotFound, "organization not found");
        return org->id;
    }
    if (actor.systemAdmin) return "";
    std::string chosen;
    for (const auto& membership : orgs_.listMembershipsOfUser(actor.userId)) {
        if (membership.role < Role::Admin) continue;
        if (!chosen.empty())
            throw Error(ErrorCode::InvalidInput,
                        "you administer several organizations: name one with the X-AuthCore-Organization header");
        chosen = membership.organizationId;
    }
    if (chosen.empty()) throw Error(ErrorCode::Forbidden, "only organization owners and admins create clients");
    return chosen;
}

} // namespace authcore
