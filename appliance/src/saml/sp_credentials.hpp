// SPDX-License-Identifier: Apache-2.0
// SpCredentials: this server's SAML SP signing key per SSO connection, made on
// first use (RSA 3072 self-signed), sealed at rest, opened once per process.
#pragma once

#include <authcore/crypto/envelope.hpp>
#include <authcore/saml/credential.hpp>
#include <authcore/store/sso_connection_store.hpp>
#include <authcore/time.hpp>

#include <map>
#include <mutex>
#include <string>

namespace authcore::appliance {

class SpCredentials {
public:
    SpCredentials(SsoConnectionStore& store, const crypto::Envelope& envelope, const Clock& clock,
                  int validityDays);

    /// The connection's credential, created and stored when it has none.
    /// Error(Internal) when the stored key cannot be opened.
    saml::SigningCredential forConnection(const SsoConnection& connection);

private:
    SsoSpCredential create(const SsoConnection& connection);
    saml::SigningCredential open(const SsoSpCredential& stored);

    SsoConnectionStore& store_;
    const crypto::Envelope& envelope_;
    const Clock& clock_;
    int validityDays_;
    std::mutex mutex_;
    std::map<std::string, saml::SigningCredential> opened_;
};

} // namespace authcore::appliance
