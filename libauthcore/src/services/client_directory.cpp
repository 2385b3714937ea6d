// SPDX-License-Identifier: Apache-2.0
// Read-through cache for the token endpoint; misses (absent clients) are cached
// too, so unknown client ids cannot hammer the database.
#include <authcore/services/client_directory.hpp>

namespace authcore {

ClientDirectory::ClientDirectory(ClientStore& clients, AuthorizationStore& authorizations, const Clock& clock,
                                 std::chrono::seconds ttl)
    : clients_(clients), authorizations_(authorizations), clock_(clock), ttl_(ttl) {}

std::optional<Client> ClientDirectory::client(const std::string& clientId) {
    const auto now = clock_.now();
    {
        std::lock_guard lock(mutex_);
        auto it = clientCache_.find(clientId);
        if (it != clientCache_.end() && it->second.expiresAt > now) return it->second.value;
    }
    auto fresh = clients_.findById(clientId);
    std::lock_guard lock(mutex_);
    if (clientCache_.size() > 100000) clientCache_.clear(); // bound memory against id scanning
    clientCache_[clientId] = Cached<Client>{fresh, now + ttl_};
    return fresh;
}

std::optional<Authorization> ClientDirectory::authorization(const std::string& subject, const std::string& audience) {
    const auto now = clock_.now();
    const auto key = std::make_pair(subject, audience);
    {
        std::lock_guard lock(mutex_);
        auto it = authorizationCache_.find(key);
        if (it != authorizationCache_.end() && it->second.expiresAt > now) return it->second.value;
    }
    auto fresh = authorizations_.find(subject, audience);
    std::lock_guard lock(mutex_);
    if (authorizationCache_.size() > 100000) authorizationCache_.clear();
    authorizationCache_[key] = Cached<Authorization>{fresh, now + ttl_};
    return fresh;
}

void ClientDirectory::invalidate(const std::string& clientId) {
    std::lock_guard lock(mutex_);
    clientCache_.erase(clientId);
    std::erase_if(authorizationCache_,
                  [&](const auto& kv) { return kv.first.first == clientId || kv.first.second == clientId; });
}

} // namespace authcore
