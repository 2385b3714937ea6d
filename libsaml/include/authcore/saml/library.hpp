// SPDX-License-Identifier: Apache-2.0
// The one explicit initialisation of libxml2 and xmlsec1 (OpenSSL backend).
#pragma once

#include <string>

namespace authcore::saml {

/// Initialises libxml2 and xmlsec1 with its OpenSSL backend for as long as it
/// lives, and applies the process-wide libxml2 hardening every libsaml parse relies
/// on: no entity substitution, no external DTD loading, an external entity loader
/// that refuses everything, and libxml2/xmlsec diagnostics silenced (libraries do
/// not log). The host creates exactly one, before any other libsaml call, and
/// destroys it only when the process is done with libxml2: the destructor shuts
/// xmlsec down and calls xmlCleanupParser(). No libsaml object may outlive it.
class Library {
public:
  /// @throws std::logic_error if another Library is alive.
  /// @throws std::runtime_error if xmlsec cannot start or is not ABI compatible.
  Library();
  ~Library();

  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
  Library(Library&&) = delete;
  Library& operator=(Library&&) = delete;

  /// True while a Library object exists.
  static bool alive() noexcept;

  /// The xmlsec1 version libsaml was built against and checked at start-up, e.g. "1.2.37".
  static std::string xmlsecVersion();

  /// The libxml2 version in use at run time, e.g. "2.9.14".
  static std::string libxml2Version();

  /// The xmlsec crypto backend, "openssl".
  static std::string cryptoBackend();
};

}  // namespace authcore::saml
