// SPDX-License-Identifier: Apache-2.0
// Connection: one libldap handle with TLS, timeouts, bind and search.
#include "connection.hpp"

#include <algorithm>
#include <cctype>

#include <csignal>
#include <ldap.h>
#include <pthread.h>
#include <sys/socket.h>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace authcore::ldap {

namespace {

timeval toTimeval(std::chrono::milliseconds duration) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(duration.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>(duration.count() % 1000 * 1000);
  return tv;
}

// libldap's TLS handshake blocks on the socket without a timeout (unless built with
// LDAP_USE_NON_BLOCKING_TLS), so a watchdog shuts the socket down when the handshake
// outlives the network timeout: the blocked read returns and a silent server cannot hang us.
class HandshakeWatchdog {
 public:
  HandshakeWatchdog(LDAP* ld, std::chrono::milliseconds limit) {
    int fd = -1;
    if (ldap_get_option(ld, LDAP_OPT_DESC, &fd) != LDAP_OPT_SUCCESS || fd < 0) return;
    thread_ = std::thread([this, fd, limit] {
      std::unique_lock lock(mutex_);
      if (!finished_.wait_for(lock, limit, [this] { return done_; })) {
        expired_ = true;
        ::shutdown(fd, SHUT_RD);  // not the write side: a write there would raise SIGPIPE
      }
    });
  }
  ~HandshakeWatchdog() { finish(); }
  HandshakeWatchdog(const HandshakeWatchdog&) = delete;
  HandshakeWatchdog& operator=(const HandshakeWatchdog&) = delete;

  /// Stops the watchdog; true when it had already cut the connection.
  bool finish() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    finished_.notify_all();
    if (thread_.joinable()) thread_.join();
    return expired_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable finished_;
  bool done_ = false;
  bool expired_ = false;
  std::thread thread_;
};

// Writing to a connection the server has closed (e.g. the TLS close_notify when unbinding)
// raises SIGPIPE, which kills a process that did not ignore it. A library must not change
// process-wide signal handling, so SIGPIPE is blocked in this thread for the duration of a
// libldap call and a SIGPIPE raised meanwhile is consumed.
class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    wasPending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
  }
  ~SigpipeGuard() {
    if (!wasPending_) {
      const timespec now{};
      while (sigtimedwait(&pipe_, nullptr, &now) == SIGPIPE) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;

 private:
  sigset_t pipe_{};
  sigset_t old_{};
  bool wasPending_ = false;
};

std::string lowerCase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool mentionsTls(std::string_view text) {
  for (const std::string_view word : {"TLS", "SSL", "certificate", "hostname"}) {
    if (text.find(word) != std::string_view::npos) return true;
  }
  return false;
}

AuthErrc codeFor(int rc) {
  switch (rc) {
    case LDAP_INVALID_CREDENTIALS: return AuthErrc::InvalidCredentials;
    case LDAP_SERVER_DOWN: case LDAP_CONNECT_ERROR: case LDAP_UNAVAILABLE: case LDAP_BUSY:
      return AuthErrc::ServerDown;
    case LDAP_TIMEOUT: case LDAP_TIMELIMIT_EXCEEDED: return AuthErrc::Timeout;
    case LDAP_SIZELIMIT_EXCEEDED: return AuthErrc::AmbiguousUser;
    default: return AuthErrc::ProtocolError;
  }
}

Entry readEntry(LDAP* ld, LDAPMessage* message) {
  Entry entry;
  if (char* dn = ldap_get_dn(ld, message)) {
    entry.dn = dn;
    ldap_memfree(dn);
  }
  BerElement* ber = nullptr;
  for (char* name = ldap_first_attribute(ld, message, &ber); name != nullptr;
       name = ldap_next_attribute(ld, message, ber)) {
    auto& values = entry.attributes[lowerCase(name)];
    if (berval** list = ldap_get_values_len(ld, message, name)) {
      for (berval** value = list; *value != nullptr; ++value) {
        values.emplace_back((*value)->bv_val, (*value)->bv_len);
      }
      ldap_value_free_len(list);
    }
    ldap_memfree(name);
  }
  if (ber != nullptr) ber_free(ber, 0);
  return entry;
}

}  // namespace

Connection::Connection(LDAP* handle, const ConnectionSettings& settings) : ld_(handle), settings_(settings) {}

Connection::~Connection() {
  const SigpipeGuard guard;
  ldap_unbind_ext_s(ld_, nullptr, nullptr);
}

tl::expected<std::unique_ptr<Connection>, AuthError> Connection::open(const LdapUrl& url,
                                                                      const ConnectionSettings& settings) {
  LDAP* handle = nullptr;
  // Always a TCP connection first and TLS on top of it (ldap_install_tls for ldaps://), so
  // that a handshake or certificate failure is told apart from an unreachable server.
  LdapUrl tcp = url;
  tcp.scheme = Scheme::Ldap;
  const std::string text = toString(tcp);
  if (ldap_initialize(&handle, text.c_str()) != LDAP_SUCCESS || handle == nullptr) {
    return tl::unexpected(AuthError{AuthErrc::InvalidOptions, "libldap refused the URL " + text});
  }
  std::unique_ptr<Connection> connection(new Connection(handle, settings));
  if (auto connected = connection->connect(url); !connected) return tl::unexpected(connected.error());
  return connection;
}

tl::expected<void, AuthError> Connection::applyOptions() {
  const int version = LDAP_VERSION3;
  const int demand = LDAP_OPT_X_TLS_DEMAND;
  const int tls12 = LDAP_OPT_X_TLS_PROTOCOL_TLS1_2;
  const int noCtxServer = 0;
  const timeval network = toTimeval(settings_.networkTimeout);
  const timeval operation = toTimeval(settings_.operationTimeout);
  const int timeLimit = static_cast<int>(std::max<long long>(1, settings_.operationTimeout.count() / 1000));
  ldap_set_option(ld_, LDAP_OPT_PROTOCOL_VERSION, &version);
  ldap_set_option(ld_, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
  ldap_set_option(ld_, LDAP_OPT_NETWORK_TIMEOUT, &network);
  ldap_set_option(ld_, LDAP_OPT_TIMEOUT, &operation);
  ldap_set_option(ld_, LDAP_OPT_TIMELIMIT, &timeLimit);
  // Options on this handle and a context of its own, so that one connection's CA never
  // leaks into another's and libldap's global defaults (ldap.conf) do not apply.
  if (!settings_.caCertFile.empty() &&
      ldap_set_option(ld_, LDAP_OPT_X_TLS_CACERTFILE, settings_.caCertFile.c_str()) != LDAP_OPT_SUCCESS) {
    return tl::unexpected(AuthError{AuthErrc::InvalidOptions, "libldap refused the CA certificate file"});
  }
  ldap_set_option(ld_, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand);
  ldap_set_option(ld_, LDAP_OPT_X_TLS_PROTOCOL_MIN, &tls12);
  if (const int rc = ldap_set_option(ld_, LDAP_OPT_X_TLS_NEWCTX, &noCtxServer); rc != LDAP_OPT_SUCCESS) {
    return tl::unexpected(
        AuthError{AuthErrc::TlsFailure, "cannot create a TLS context (bad CA certificate?)"});
  }
  return {};
}

tl::expected<void, AuthError> Connection::connect(const LdapUrl& url) {
  const SigpipeGuard guard;
  if (auto applied = applyOptions(); !applied) return applied;
  if (const int rc = ldap_connect(ld_); rc != LDAP_SUCCESS) return tl::unexpected(failure(rc, "connect"));
  HandshakeWatchdog watchdog(ld_, settings_.networkTimeout + settings_.operationTimeout);
  int rc = LDAP_SUCCESS;
  if (url.scheme == Scheme::Ldaps) {
    rc = ldap_install_tls(ld_);
  } else if (settings_.startTls) {
    rc = ldap_start_tls_s(ld_, nullptr, nullptr);
  }
  const bool timedOut = watchdog.finish();
  if (rc != LDAP_SUCCESS) {
    AuthError error = failure(rc, url.scheme == Scheme::Ldaps ? "TLS handshake" : "StartTLS");
    if (error.code != AuthErrc::Timeout) error.code = timedOut ? AuthErrc::Timeout : AuthErrc::TlsFailure;
    return tl::unexpected(error);
  }
  return {};
}

AuthError Connection::failure(int rc, std::string_view what) const {
  std::string message = std::string(what) + ": " + ldap_err2string(rc);
  char* diagnostic = nullptr;
  if (ldap_get_option(ld_, LDAP_OPT_DIAGNOSTIC_MESSAGE, &diagnostic) == LDAP_OPT_SUCCESS &&
      diagnostic != nullptr) {
    if (*diagnostic != '\0') message += std::string(" (") + diagnostic + ")";
    ldap_memfree(diagnostic);
  }
  AuthErrc code = codeFor(rc);
  if (rc == LDAP_CONNECT_ERROR && mentionsTls(message)) code = AuthErrc::TlsFailure;
  return AuthError{code, message};
}

tl::expected<void, AuthError> Connection::bind(const std::string& dn, std::string_view password) {
  const SigpipeGuard guard;
  berval credentials{};
  credentials.bv_val = const_cast<char*>(password.data());
  credentials.bv_len = password.size();
  const int rc = ldap_sasl_bind_s(ld_, dn.c_str(), LDAP_SASL_SIMPLE, &credentials, nullptr, nullptr, nullptr);
  if (rc != LDAP_SUCCESS) return tl::unexpected(failure(rc, "bind as " + dn));
  return {};
}

tl::expected<std::vector<Entry>, AuthError> Connection::search(const std::string& base,
                                                               const std::string& filter,
                                                               const std::vector<std::string>& attributes,
                                                               int sizeLimit) {
  const SigpipeGuard guard;
  std::vector<char*> names;
  for (const auto& name : attributes) names.push_back(const_cast<char*>(name.c_str()));
  names.push_back(nullptr);
  timeval timeout = toTimeval(settings_.operationTimeout);
  LDAPMessage* result = nullptr;
  const int rc = ldap_search_ext_s(ld_, base.c_str(), LDAP_SCOPE_SUBTREE, filter.c_str(), names.data(), 0,
                                   nullptr, nullptr, &timeout, sizeLimit, &result);
  std::vector<Entry> entries;
  for (LDAPMessage* message = result != nullptr ? ldap_first_entry(ld_, result) : nullptr; message != nullptr;
       message = ldap_next_entry(ld_, message)) {
    entries.push_back(readEntry(ld_, message));
  }
  if (result != nullptr) ldap_msgfree(result);
  if (rc != LDAP_SUCCESS) return tl::unexpected(failure(rc, "search under " + base));
  return entries;
}

}  // namespace authcore::ldap
