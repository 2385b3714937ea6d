// SPDX-License-Identifier: Apache-2.0
// ConnectionPool: a bounded set of service-bound connections shared by threads (internal).
#pragma once

#include "connection.hpp"

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace authcore::ldap {

class ConnectionPool {
 public:
  using Work = std::function<tl::expected<AuthenticatedUser, AuthError>(Connection&)>;

  ConnectionPool(std::vector<LdapUrl> urls, ConnectionSettings settings, std::string bindDn,
                 std::string bindPassword, std::size_t maxSize);

  /// Runs `work` on a service-bound connection (reused, or opened with failover over the
  /// URLs). A connection that failed below LDAP (down, timeout, TLS) is dropped; a reused
  /// connection found dead is replaced once.
  tl::expected<AuthenticatedUser, AuthError> run(const Work& work);
  /// Binds `connection` as the service account (anonymous when no bind DN is set).
  tl::expected<void, AuthError> bindService(Connection& connection) const;

 private:
  struct Lease {
    std::unique_ptr<Connection> connection;
    bool reused = false;
  };
  tl::expected<Lease, AuthError> acquire();
  tl::expected<std::unique_ptr<Connection>, AuthError> openWithFailover() const;
  void release(std::unique_ptr<Connection> connection);

  std::vector<LdapUrl> urls_;
  ConnectionSettings settings_;
  std::string bindDn_;
  std::string bindPassword_;
  std::size_t maxSize_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;  ///< idle plus leased connections
};

}  // namespace authcore::ldap
