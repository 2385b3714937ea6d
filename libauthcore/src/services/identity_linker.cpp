// SPDX-License-Identifier: Apache-2.0
// IdentityLinker: identity first, then verified email, then a new user.
#include <authcore/crypto/random.hpp>
#include <authcore/error.hpp>
#include <authcore/services/identity_linker.hpp>
#include <authcore/services/user_service.hpp>

namespace authcore {
namespace {

constexpr std::size_t kMaxName = 200;

/// A person's own client: its id is the user id, so tokens the person
/// obtains name the same subject whichever way they were issued.
Client userClientOf(const User& user, Timestamp now) {
    Client client;
    client.clientId = user.id;
    client.description = user.email;
    client.type = ClientType::User;
    client.ownerUserId = user.id;
    client.createdAt = now;
    return client;
}

} // namespace

IdentityLinker::IdentityLinker(UserStore& users, IdentityStore& identities, ClientStore& clients, const Clock& clock)
    : users_(users), identities_(identities), clients_(clients), clock_(clock) {}

User IdentityLinker::resolve(const UpstreamUser& upstream) {
    if (upstream.subject.empty() || upstream.subject.size() > 255)
        throw Error(ErrorCode::InvalidInput, "the upstream provider gave no usable subject");
    // Two first logins of one person may race; the loser's insert conflicts
    // and the second pass finds what the winner wrote.
    for (int attempt = 0;; ++attempt) {
        try {
            if (const auto known = identities_.find(upstream.provider, upstream.subject)) {
                auto user = users_.findById(known->userId);
                if (!user) throw Error(ErrorCode::Conflict, "the linked user was just removed");
                if (auto client = missingClientOf(*user)) clients_.insert(*client);
                return *user;
            }
            return linkOrCreate(upstream);
        } catch (const Error& e) {
            if (e.code() != ErrorCode::Conflict || attempt > 0) throw;
        }
    }
}

User IdentityLinker::linkOrCreate(const UpstreamUser& upstream) {
    std::string email;
    try {
        email = normalizeEmail(upstream.email);
    } catch (const Error&) {
        throw Error(ErrorCode::InvalidInput, "the upstream provider gave no usable email");
    }
    const auto now = clock_.now();
    IdentityLink link{{upstream.provider, upstream.subject, "", email, now}, std::nullopt, std::nullopt};
    auto existing = users_.findByEmail(email);
    if (existing && !upstream.emailVerified)
        throw Error(ErrorCode::Forbidden, "an account with this email exists and the provider did not verify "
                                          "the email, so it cannot be linked");
    if (!existing) {
        User user;
        user.id = crypto::randomId("usr_");
        user.email = email;
        user.name = upstream.name.substr(0, kMaxName);
        user.emailVerified = upstream.emailVerified;
        user.createdAt = now;
        user.updatedAt = now;
        link.newUser = user;
        existing = user;
    }
    link.identity.userId = existing->id;
    link.newClient = link.newUser ? userClientOf(*existing, now) : missingClientOf(*existing);
    identities_.link(link);
    return *existing;
}

std::optional<Client> IdentityLinker::missingClientOf(const User& user) {
    if (clients_.findById(user.id)) return std::nullopt;
    return userClientOf(user, clock_.now());
}

} // namespace authcore
