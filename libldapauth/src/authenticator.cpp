// SPDX-License-Identifier: Apache-2.0
// Search-then-bind authentication over a bounded pool of service-bound connections.
#include <authcore/ldap/authenticator.hpp>

#include <authcore/ldap/escape.hpp>

#include "connection.hpp"
#include "connection_pool.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>

namespace authcore::ldap {

namespace {

const std::vector<std::string> kUserAttributes{"uid", "mail", "displayName", "givenName", "sn", "memberOf"};

std::string firstValue(const Entry& entry, const std::string& name) {
  const auto found = entry.attributes.find(name);
  return found == entry.attributes.end() || found->second.empty() ? std::string{} : found->second.front();
}

// libldap only reads CA certificates from files (LDAP_OPT_X_TLS_CACERT wants an OpenSSL X509,
// which this library does not link, and the GnuTLS build ignores it), so the PEM goes to an
// anonymous in-memory file that libldap opens as /proc/self/fd/N: nothing touches the disk.
tl::expected<int, AuthError> writeCaFile(const std::string& pem) {
  const int fd = ::memfd_create("authcore-ldap-ca", MFD_CLOEXEC);
  if (fd < 0) {
    return tl::unexpected(
        AuthError{AuthErrc::InvalidOptions, std::string("memfd_create failed: ") + std::strerror(errno)});
  }
  if (::write(fd, pem.data(), pem.size()) != static_cast<ssize_t>(pem.size())) {
    ::close(fd);
    return tl::unexpected(AuthError{AuthErrc::InvalidOptions, "cannot write the CA certificate"});
  }
  return fd;
}

tl::expected<std::vector<LdapUrl>, AuthError> parseUrls(const AuthenticatorOptions& options) {
  if (options.urls.empty()) return tl::unexpected(AuthError{AuthErrc::InvalidOptions, "no server URL"});
  std::vector<LdapUrl> urls;
  for (const auto& text : options.urls) {
    auto url = parseLdapUrl(text);
    if (!url) return tl::unexpected(AuthError{AuthErrc::InvalidOptions, url.error().message});
    if (url->scheme == Scheme::Ldap && !options.startTls && !options.allowPlaintext) {
      return tl::unexpected(AuthError{AuthErrc::InvalidOptions,
                                      text + ": ldap:// without StartTLS needs allowPlaintext"});
    }
    urls.push_back(*url);
  }
  return urls;
}

}  // namespace

std::string_view toString(AuthErrc code) {
  switch (code) {
    case AuthErrc::InvalidOptions: return "InvalidOptions";
    case AuthErrc::EmptyPassword: return "EmptyPassword";
    case AuthErrc::InvalidCredentials: return "InvalidCredentials";
    case AuthErrc::UserNotFound: return "UserNotFound";
    case AuthErrc::AmbiguousUser: return "AmbiguousUser";
    case AuthErrc::ServiceBindFailed: return "ServiceBindFailed";
    case AuthErrc::ServerDown: return "ServerDown";
    case AuthErrc::TlsFailure: return "TlsFailure";
    case AuthErrc::Timeout: return "Timeout";
    case AuthErrc::ProtocolError: return "ProtocolError";
  }
  return "Unknown";
}

struct Authenticator::Impl {
  AuthenticatorOptions options;
  int caFd = -1;
  std::unique_ptr<ConnectionPool> pool;

  ~Impl() {
    pool.reset();
    if (caFd >= 0) ::close(caFd);
  }

  tl::expected<Entry, AuthError> findUser(Connection& connection, std::string_view username) const;
  tl::expected<void, AuthError> addGroups(Connection& connection, AuthenticatedUser& user) const;
  tl::expected<AuthenticatedUser, AuthError> attempt(Connection& connection, std::string_view username,
                                                     std::string_view password) const;
};

tl::expected<Entry, AuthError> Authenticator::Impl::findUser(Connection& connection,
                                                             std::string_view username) const {
  const std::string filter = expandFilter(options.userFilter, username);
  auto entries = connection.search(options.userBaseDn, filter, kUserAttributes, 2);
  if (!entries && entries.error().code == AuthErrc::AmbiguousUser) {
    return tl::unexpected(AuthError{AuthErrc::AmbiguousUser,
                                    "more than one entry matches the user filter under " + options.userBaseDn});
  }
  if (!entries) return tl::unexpected(entries.error());
  if (entries->empty()) {
    return tl::unexpected(AuthError{AuthErrc::UserNotFound, "no entry matches the user filter"});
  }
  if (entries->size() > 1) {
    return tl::unexpected(AuthError{AuthErrc::AmbiguousUser, "more than one entry matches the user filter: " +
                                                                 (*entries)[0].dn + " and " + (*entries)[1].dn});
  }
  return std::move(entries->front());
}

tl::expected<void, AuthError> Authenticator::Impl::addGroups(Connection& connection,
                                                             AuthenticatedUser& user) const {
  if (options.groupBaseDn.empty()) return {};
  const std::string filter = expandFilter(options.groupFilter, {{"{dn}", user.dn}, {"{uid}", user.uid}});
  auto groups = connection.search(options.groupBaseDn, filter, {"1.1"}, 0);
  if (!groups) return tl::unexpected(groups.error());
  for (auto& group : *groups) {
    if (std::find(user.groups.begin(), user.groups.end(), group.dn) == user.groups.end()) {
      user.groups.push_back(std::move(group.dn));
    }
  }
  return {};
}

tl::expected<AuthenticatedUser, AuthError> Authenticator::Impl::attempt(Connection& connection,
                                                                        std::string_view username,
                                                                        std::string_view password) const {
  auto entry = findUser(connection, username);
  if (!entry) return tl::unexpected(entry.error());
  AuthenticatedUser user{entry->dn, firstValue(*entry, "uid"), firstValue(*entry, "mail"),
                         firstValue(*entry, "displayname"), firstValue(*entry, "givenname"),
                         firstValue(*entry, "sn"), entry->attributes["memberof"]};
  // The user's bind changes the connection's identity; the pool re-binds it as the service.
  if (auto bound = connection.bind(user.dn, password); !bound) return tl::unexpected(bound.error());
  if (auto rebound = pool->bindService(connection); !rebound) return tl::unexpected(rebound.error());
  if (auto grouped = addGroups(connection, user); !grouped) return tl::unexpected(grouped.error());
  return user;
}

Authenticator::Authenticator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Authenticator::~Authenticator() = default;

tl::expected<std::unique_ptr<Authenticator>, AuthError> Authenticator::create(AuthenticatorOptions options) {
  auto urls = parseUrls(options);
  if (!urls) return tl::unexpected(urls.error());
  auto impl = std::make_unique<Impl>();
  if (!options.caCertPem.empty()) {
    auto file = writeCaFile(options.caCertPem);
    if (!file) return tl::unexpected(file.error());
    impl->caFd = *file;
  }
  const std::string caFile = impl->caFd < 0 ? "" : "/proc/self/fd/" + std::to_string(impl->caFd);
  ConnectionSettings settings{options.startTls, caFile, options.networkTimeout, options.operationTimeout};
  impl->pool = std::make_unique<ConnectionPool>(*urls, settings, options.bindDn, options.bindPassword,
                                                std::max<std::size_t>(1, options.poolSize));
  impl->options = std::move(options);
  return std::unique_ptr<Authenticator>(new Authenticator(std::move(impl)));
}

tl::expected<AuthenticatedUser, AuthError> Authenticator::authenticate(std::string_view username,
                                                                       std::string_view password) {
  // An empty simple bind is an anonymous bind that "succeeds": refuse before any traffic.
  if (password.empty()) return tl::unexpected(AuthError{AuthErrc::EmptyPassword, "empty password refused"});
  if (username.empty()) return tl::unexpected(AuthError{AuthErrc::UserNotFound, "empty username"});
  return impl_->pool->run(
      [&](Connection& connection) { return impl_->attempt(connection, username, password); });
}

tl::expected<void, AuthError> Authenticator::probe() {
  // The pool hands out service-bound connections, so a bad service password fails in run().
  auto probed = impl_->pool->run([&](Connection& connection) -> tl::expected<AuthenticatedUser, AuthError> {
    auto entries = connection.search(impl_->options.userBaseDn, "(objectClass=*)", {"1.1"}, 1);
    // More than one entry under the base is a healthy directory, not an error.
    if (!entries && entries.error().code != AuthErrc::AmbiguousUser) return tl::unexpected(entries.error());
    return AuthenticatedUser{};
  });
  if (!probed) return tl::unexpected(probed.error());
  return {};
}

}  // namespace authcore::ldap
