// SPDX-License-Identifier: Apache-2.0
// Connection: one libldap handle with TLS, timeouts, bind and search (internal to libldapauth).
#pragma once

#include <authcore/ldap/authenticator.hpp>
#include <authcore/ldap/url.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

struct ldap;

namespace authcore::ldap {

/// What every connection of an authenticator shares.
struct ConnectionSettings {
  bool startTls = true;
  std::string caCertFile;  ///< empty: the system trust store
  std::chrono::milliseconds networkTimeout{5000};
  std::chrono::milliseconds operationTimeout{10000};
};

/// One search result entry; attribute names as the server returned them, lower-cased.
struct Entry {
  std::string dn;
  std::map<std::string, std::vector<std::string>> attributes;
};

/// An open connection to one server; closed (unbind) on destruction.
class Connection {
 public:
  /// Connects to `url`, with StartTLS on ldap:// when settings.startTls.
  static tl::expected<std::unique_ptr<Connection>, AuthError> open(const LdapUrl& url,
                                                                   const ConnectionSettings& settings);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// A simple bind; the password must not be empty (checked by the caller).
  tl::expected<void, AuthError> bind(const std::string& dn, std::string_view password);
  /// A subtree search returning at most `sizeLimit` entries (more: AmbiguousUser).
  tl::expected<std::vector<Entry>, AuthError> search(const std::string& base, const std::string& filter,
                                                      const std::vector<std::string>& attributes,
                                                      int sizeLimit);

 private:
  explicit Connection(::ldap* handle, const ConnectionSettings& settings);
  tl::expected<void, AuthError> applyOptions();
  tl::expected<void, AuthError> connect(const LdapUrl& url);
  AuthError failure(int rc, std::string_view what) const;

  ::ldap* ld_;
  ConnectionSettings settings_;
};

}  // namespace authcore::ldap
