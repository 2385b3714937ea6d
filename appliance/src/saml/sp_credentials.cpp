// SPDX-License-Identifier: Apache-2.0
#include "saml/sp_credentials.hpp"

#include <authcore/error.hpp>
#include <authcore/saml/certificate_generator.hpp>

namespace authcore::appliance {
namespace {

std::string sealContext(const std::string& connectionId) { return "sp:" + connectionId; }

} // namespace

SpCredentials::SpCredentials(SsoConnectionStore& store, const crypto::Envelope& envelope, const Clock& clock,
                             int validityDays)
    : store_(store), envelope_(envelope), clock_(clock), validityDays_(validityDays) {}

SsoSpCredential SpCredentials::create(const SsoConnection& connection) {
    saml::CertificateRequest request;
    request.commonName = "sso/" + connection.slug;
    request.notBefore = clock_.now();
    request.validity = std::chrono::hours(24) * validityDays_;
    auto generated = saml::generateSelfSignedCertificate(request);
    if (!generated)
        throw Error(ErrorCode::Internal, "SAML SP certificate generation failed: " + generated.error().message);
    SsoSpCredential credential;
    credential.connectionId = connection.id;
    credential.certificatePem = generated->certificatePem;
    credential.sealedPrivateKey = envelope_.seal(generated->privateKeyPem, sealContext(connection.id));
    credential.createdAt = clock_.now();
    return credential;
}

saml::SigningCredential SpCredentials::open(const SsoSpCredential& stored) {
    auto key = envelope_.open(stored.sealedPrivateKey, sealContext(stored.connectionId));
    if (!key) throw Error(ErrorCode::Internal, "the SAML SP signing key cannot be opened (master key changed?)");
    auto credential = saml::SigningCredential::fromPem(*key, stored.certificatePem);
    if (!credential) throw Error(ErrorCode::Internal, "the stored SAML SP signing key is unreadable");
    return std::move(*credential);
}

saml::SigningCredential SpCredentials::forConnection(const SsoConnection& connection) {
    {
        std::lock_guard lock(mutex_);
        if (const auto found = opened_.find(connection.id); found != opened_.end()) return found->second;
    }
    auto stored = store_.findSpCredential(connection.id);
    if (!stored) {
        auto made = create(connection);
        // Another node (or thread) may have won the race: everyone uses the first.
        stored = store_.insertSpCredential(made) ? made : store_.findSpCredential(connection.id);
        if (!stored) throw Error(ErrorCode::Internal, "the SAML SP signing key vanished while being made");
    }
    auto credential = open(*stored);
    std::lock_guard lock(mutex_);
    opened_.insert_or_assign(connection.id, credential);
    return credential;
}

} // namespace authcore::appliance
