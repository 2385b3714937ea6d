// SPDX-License-Identifier: Apache-2.0
// Search-then-bind authentication against an LDAP directory, over a pool of service-bound connections.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace authcore::ldap {

/// The default user filter: a user logs in with either the uid or the mail address.
inline constexpr std::string_view kDefaultUserFilter = "(|(uid={username})(mail={username}))";
/// The default group filter: groupOfNames and groupOfUniqueNames by DN, posixGroup by uid.
inline constexpr std::string_view kDefaultGroupFilter =
    "(|(&(objectClass=groupOfNames)(member={dn}))"
    "(&(objectClass=groupOfUniqueNames)(uniqueMember={dn}))"
    "(&(objectClass=posixGroup)(memberUid={uid})))";

/// How to reach and search one directory. The bind password is kept in memory for
/// re-binding pooled connections; it never appears in an error message.
struct AuthenticatorOptions {
  std::vector<std::string> urls;  ///< ldap:// or ldaps:// URLs, tried in order (failover)
  bool startTls = true;           ///< StartTLS on ldap:// URLs (ignored for ldaps://)
  bool allowPlaintext = false;    ///< with startTls false: ldap:// without TLS; refused otherwise
  std::string caCertPem;          ///< trusted CA(s), PEM; empty: the system trust store
  std::chrono::milliseconds networkTimeout{5000};    ///< TCP connect and TLS handshake
  std::chrono::milliseconds operationTimeout{10000};  ///< each bind, search and StartTLS
  std::string bindDn;                                 ///< service account; empty: anonymous search
  std::string bindPassword;
  std::string userBaseDn;
  std::string userFilter{kDefaultUserFilter};         ///< `{username}` is replaced, escaped
  std::string groupBaseDn;                            ///< empty: groups from memberOf only
  std::string groupFilter{kDefaultGroupFilter};       ///< `{dn}` and `{uid}` are replaced, escaped
  std::size_t poolSize = 4;                           ///< service-bound connections kept at most
};

/// Why an authentication failed. Callers facing end users should collapse these.
enum class AuthErrc {
  InvalidOptions,      ///< no URL, a malformed URL, plain ldap:// not allowed, a bad CA file
  EmptyPassword,       ///< refused before any network traffic (it would be an anonymous bind)
  InvalidCredentials,  ///< the user's bind was refused (wrong password, locked account)
  UserNotFound,        ///< the user filter matched no entry
  AmbiguousUser,       ///< the user filter matched more than one entry
  ServiceBindFailed,   ///< the service account's bind was refused
  ServerDown,          ///< no server could be reached, or the connection broke
  TlsFailure,          ///< the TLS handshake or the certificate check failed
  Timeout,             ///< a server did not answer within the configured timeout
  ProtocolError,       ///< any other LDAP result (insufficient access, bad filter, ...)
};

/// The name of a code, e.g. "InvalidCredentials".
std::string_view toString(AuthErrc code);

/// A failure: the code and a message (server and libldap diagnostics, never a password).
struct AuthError {
  AuthErrc code = AuthErrc::ProtocolError;
  std::string message;
};

/// An authenticated user as the directory describes it; absent attributes are empty.
struct AuthenticatedUser {
  std::string dn;
  std::string uid;
  std::string email;        ///< first `mail` value
  std::string displayName;
  std::string givenName;
  std::string sn;
  std::vector<std::string> groups;  ///< group DNs: memberOf values, then group search results
};

/// Authenticates users by search-then-bind. Thread-safe: concurrent calls share at most
/// poolSize service-bound connections; a broken connection is dropped and replaced.
class Authenticator {
 public:
  /// Validates the options (URLs, TLS rules) and keeps the CA PEM in an in-memory file (memfd).
  static tl::expected<std::unique_ptr<Authenticator>, AuthError> create(AuthenticatorOptions options);
  ~Authenticator();
  Authenticator(const Authenticator&) = delete;
  Authenticator& operator=(const Authenticator&) = delete;

  /// Searches `username` with the service account, binds as the entry found with
  /// `password` and returns its attributes and groups. The password is not kept.
  tl::expected<AuthenticatedUser, AuthError> authenticate(std::string_view username,
                                                          std::string_view password);

  /// A connection check for administrators: the service bind, then a search of
  /// userBaseDn (at most one entry read). Errors as for authenticate.
  tl::expected<void, AuthError> probe();

 private:
  struct Impl;
  explicit Authenticator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace authcore::ldap
