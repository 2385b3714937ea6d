// SPDX-License-Identifier: Apache-2.0
// ClientDirectory: the token endpoint's read-through cache of clients and
// authorizations. Changes made on this node invalidate at once; other nodes
// see them within `ttl`.
#pragma once

#include <authcore/model/authorization.hpp>
#include <authcore/model/client.hpp>
#include <authcore/store/authorization_store.hpp>
#include <authcore/store/client_store.hpp>
#include <authcore/time.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace authcore {

class ClientDirectory {
public:
    ClientDirectory(ClientStore& clients, AuthorizationStore& authorizations, const Clock& clock,
                    std::chrono::seconds ttl = std::chrono::seconds{5});
    std::optional<Client> client(const std::string& clientId);
    std::optional<Authorization> authorization(const std::string& subject, const std::string& audience);
    /// Drops everything cached about the client (as subject or audience).
    void invalidate(const std::string& clientId);

private:
    template <class T>
    struct Cached {
        std::optional<T> value;
        Timestamp expiresAt{};
    };
    ClientStore& clients_;
    AuthorizationStore& authorizations_;
    const Clock& clock_;
    std::chrono::seconds ttl_;
    std::mutex mutex_;
    std::map<std::string, Cached<Client>> clientCache_;
    std::map<std::pair<std::string, std::string>, Cached<Authorization>> authorizationCache_;
};

} // namespace authcore
