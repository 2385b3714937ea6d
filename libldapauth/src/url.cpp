// SPDX-License-Identifier: Apache-2.0
// Validation of the ldap:// and ldaps:// server URLs of an LDAP connection.
#include <authcore/ldap/url.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace authcore::ldap {

namespace {

constexpr std::string_view kSchemeSeparator = "://";
constexpr std::size_t kMaxHostLength = 253;
constexpr std::uint16_t kLdapPort = 389;
constexpr std::uint16_t kLdapsPort = 636;

tl::unexpected<Error> refuse(Errc code, std::string message) {
  return tl::unexpected(Error{code, std::move(message)});
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool isHostChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_';
}

tl::expected<std::uint16_t, Error> parsePort(std::string_view text) {
  // Five digits at most keeps the arithmetic below far from overflow.
  if (text.empty() || text.size() > 5 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return refuse(Errc::InvalidPort, "the port must be a decimal number from 1 to 65535");
  }
  unsigned value = 0;
  for (const char c : text) value = value * 10 + static_cast<unsigned>(c - '0');
  if (value == 0 || value > 65535) {
    return refuse(Errc::InvalidPort, "the port must be a decimal number from 1 to 65535");
  }
  return static_cast<std::uint16_t>(value);
}

// "[v6]" or "[v6]:port"; `authority` starts with '['.
tl::expected<std::string_view, Error> splitIpv6(std::string_view authority, std::string_view& port) {
  const std::size_t close = authority.find(']');
  if (close == std::string_view::npos) return refuse(Errc::InvalidHost, "unclosed '[' in host");
  const std::string address(authority.substr(1, close - 1));
  in6_addr parsed{};
  if (address.empty() || inet_pton(AF_INET6, address.c_str(), &parsed) != 1) {
    return refuse(Errc::InvalidHost, "the bracketed host is not an IPv6 address");
  }
  const std::string_view rest = authority.substr(close + 1);
  if (!rest.empty() && rest.front() != ':') {
    return refuse(Errc::InvalidHost, "unexpected characters after the IPv6 address");
  }
  port = rest.empty() ? std::string_view() : rest.substr(1);
  if (!rest.empty() && port.empty()) return refuse(Errc::InvalidPort, "empty port after ':'");
  return authority.substr(1, close - 1);
}

tl::expected<std::string_view, Error> splitHost(std::string_view authority, std::string_view& port) {
  if (!authority.empty() && authority.front() == '[') return splitIpv6(authority, port);
  if (std::count(authority.begin(), authority.end(), ':') > 1) {
    return refuse(Errc::InvalidHost, "an IPv6 host must be written in brackets");
  }
  const std::size_t colon = authority.find(':');
  const std::string_view host = authority.substr(0, colon);
  if (host.empty()) return refuse(Errc::EmptyHost, "the URL names no host");
  if (authority.find('@') != std::string_view::npos) {
    return refuse(Errc::InvalidHost, "credentials in the URL are not accepted");
  }
  if (host.size() > kMaxHostLength || !std::all_of(host.begin(), host.end(), isHostChar)) {
    return refuse(Errc::InvalidHost, "the host is not a DNS name or IPv4 address");
  }
  if (colon != std::string_view::npos) {
    port = authority.substr(colon + 1);
    if (port.empty()) return refuse(Errc::InvalidPort, "empty port after ':'");
  }
  return host;
}

std::optional<Scheme> schemeOf(std::string_view name) {
  const std::string lower = lowercase(name);
  if (lower == "ldap") return Scheme::Ldap;
  if (lower == "ldaps") return Scheme::Ldaps;
  return std::nullopt;
}

}  // namespace

tl::expected<LdapUrl, Error> parseLdapUrl(std::string_view url) {
  const std::size_t separator = url.find(kSchemeSeparator);
  if (separator == std::string_view::npos) {
    return refuse(Errc::MissingScheme, "expected ldap://host or ldaps://host");
  }
  const auto scheme = schemeOf(url.substr(0, separator));
  if (!scheme) return refuse(Errc::UnsupportedScheme, "only ldap:// and ldaps:// are supported");
  std::string_view authority = url.substr(separator + kSchemeSeparator.size());
  if (!authority.empty() && authority.back() == '/') authority.remove_suffix(1);
  if (authority.find_first_of("/?#") != std::string_view::npos) {
    return refuse(Errc::TrailingData, "nothing may follow host[:port] but a single '/'");
  }
  std::string_view portText;
  const auto host = splitHost(authority, portText);
  if (!host) return tl::unexpected(host.error());
  LdapUrl parsed{*scheme, std::string(*host), *scheme == Scheme::Ldaps ? kLdapsPort : kLdapPort};
  if (!portText.empty()) {
    const auto port = parsePort(portText);
    if (!port) return tl::unexpected(port.error());
    parsed.port = *port;
  }
  return parsed;
}

std::string toString(const LdapUrl& url) {
  const bool ipv6 = url.host.find(':') != std::string::npos;
  return std::string(url.scheme == Scheme::Ldaps ? "ldaps://" : "ldap://") +
         (ipv6 ? "[" + url.host + "]" : url.host) + ":" + std::to_string(url.port);
}

}  // namespace authcore::ldap
