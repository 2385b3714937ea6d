// SPDX-License-Identifier: Apache-2.0
// ConnectionPool: a bounded set of service-bound connections shared by threads.
#include "connection_pool.hpp"

namespace authcore::ldap {

namespace {

// Errors after which the connection's state is unknown or broken.
bool breaksConnection(AuthErrc code) {
  return code == AuthErrc::ServerDown || code == AuthErrc::Timeout || code == AuthErrc::TlsFailure ||
         code == AuthErrc::ProtocolError || code == AuthErrc::ServiceBindFailed;
}

}  // namespace

ConnectionPool::ConnectionPool(std::vector<LdapUrl> urls, ConnectionSettings settings, std::string bindDn,
                               std::string bindPassword, std::size_t maxSize)
    : urls_(std::move(urls)), settings_(std::move(settings)), bindDn_(std::move(bindDn)),
      bindPassword_(std::move(bindPassword)), maxSize_(maxSize) {}

tl::expected<void, AuthError> ConnectionPool::bindService(Connection& connection) const {
  auto bound = connection.bind(bindDn_, bindPassword_);
  if (!bound && bound.error().code == AuthErrc::InvalidCredentials) {
    return tl::unexpected(AuthError{AuthErrc::ServiceBindFailed, "the service account's bind was refused"});
  }
  return bound;
}

tl::expected<std::unique_ptr<Connection>, AuthError> ConnectionPool::openWithFailover() const {
  AuthError last{AuthErrc::ServerDown, "no server"};
  std::string messages;
  for (const auto& url : urls_) {
    auto connection = Connection::open(url, settings_);
    if (connection) {
      auto bound = bindService(**connection);
      if (bound) return connection;
      if (bound.error().code == AuthErrc::ServiceBindFailed) return tl::unexpected(bound.error());
      last = bound.error();
    } else {
      last = connection.error();
    }
    messages += (messages.empty() ? "" : "; ") + toString(url) + ": " + last.message;
  }
  return tl::unexpected(AuthError{last.code, messages});
}

tl::expected<ConnectionPool::Lease, AuthError> ConnectionPool::acquire() {
  const auto limit = (settings_.networkTimeout + settings_.operationTimeout) * static_cast<int>(urls_.size());
  {
    std::unique_lock lock(mutex_);
    if (!available_.wait_for(lock, limit, [this] { return !idle_.empty() || open_ < maxSize_; })) {
      return tl::unexpected(AuthError{AuthErrc::Timeout, "all pooled LDAP connections stayed busy"});
    }
    if (!idle_.empty()) {
      Lease lease{std::move(idle_.back()), true};
      idle_.pop_back();
      return lease;
    }
    ++open_;
  }
  auto connection = openWithFailover();
  if (!connection) {
    std::lock_guard lock(mutex_);
    --open_;
    available_.notify_one();
    return tl::unexpected(connection.error());
  }
  return Lease{std::move(*connection), false};
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  if (connection) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
  }
  available_.notify_one();
}

tl::expected<AuthenticatedUser, AuthError> ConnectionPool::run(const Work& work) {
  for (int attempt = 0;; ++attempt) {
    auto lease = acquire();
    if (!lease) return tl::unexpected(lease.error());
    auto result = work(*lease->connection);
    if (result) {
      release(std::move(lease->connection));
      return result;
    }
    const AuthErrc code = result.error().code;
    // A refused user bind leaves the connection anonymous: re-bind it or drop it.
    bool keep = !breaksConnection(code) &&
                (code != AuthErrc::InvalidCredentials || bindService(*lease->connection).has_value());
    release(keep ? std::move(lease->connection) : nullptr);
    // A pooled connection the server closed meanwhile is replaced once.
    if (lease->reused && code == AuthErrc::ServerDown && attempt == 0) continue;
    return result;
  }
}

}  // namespace authcore::ldap
