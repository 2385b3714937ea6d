// SPDX-License-Identifier: Apache-2.0
// Sample model values for the store conformance suite.
#pragma once

#include <authcore/model/audit_event.hpp>
#include <authcore/model/authorization.hpp>
#include <authcore/model/browser_session.hpp>
#include <authcore/model/client.hpp>
#include <authcore/model/membership.hpp>
#include <authcore/model/organization.hpp>
#include <authcore/model/refresh_token.hpp>
#include <authcore/model/signing_key.hpp>
#include <authcore/model/user.hpp>

#include <string>
#include <vector>

namespace authcore::test::samples {

/// A fixed base time plus `seconds`.
inline Timestamp at(long long seconds = 0) { return fromUnix(1'700'000'000 + seconds); }

inline User user(const std::string& id, const std::string& email) {
    User u;
    u.id = id;
    u.email = email;
    u.name = "Name of " + id;
    u.passwordHash = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA";
    u.createdAt = at();
    u.updatedAt = at();
    return u;
}

inline Organization organization(const std::string& id, const std::string& slug) {
    Organization org;
    org.id = id;
    org.slug = slug;
    org.name = "Org " + slug;
    org.maxServices = 7;
    org.createdAt = at(1);
    org.updatedAt = at(2);
    return org;
}

inline Membership membership(const std::string& organizationId, const std::string& userId, Role role,
                             long long createdOffset = 0) {
    return {organizationId, userId, role, at(createdOffset)};
}

inline Client client(const std::string& clientId, const std::string& ownerOrganizationId) {
    Client c;
    c.clientId = clientId;
    c.description = "client " + clientId;
    c.type = ClientType::Service;
    c.ownerOrganizationId = ownerOrganizationId;
    c.secret1 = {std::string(64, 'a'), at(5)};
    c.createdAt = at(3);
    return c;
}

inline SigningKey signingKey(const std::string& kid, KeyStatus status, long long createdOffset) {
    SigningKey key;
    key.kid = kid;
    key.algorithm = SigningAlgorithm::ES256;
    key.status = status;
    key.publicJwk = R"({"kty":"EC","crv":"P-256","kid":")" + kid + R"(","alg":"ES256","use":"sig"})";
    // Longer than any VARCHAR would hold comfortably: must survive as TEXT.
    key.sealedPrivateKey = "sealed:" + std::string(6000, 'k');
    key.createdAt = at(createdOffset);
    return key;
}

inline AuditEvent event(const std::string& id, const std::string& organizationId, long long offset) {
    return {id, at(offset), organizationId, "usr_actor", "organization.update", "target " + id, "success"};
}

inline BrowserSession browserSession(const std::string& idHash, const std::string& userId, long long expiresOffset) {
    return {idHash, userId, at(), at(expiresOffset)};
}

inline JwtBearer jwtBearer(const std::string& id, const std::string& clientId, long long createdOffset) {
    return {id, clientId, "https://ci.example/" + id + "/jwks.json", "https://ci.example", "repo:" + id,
            "authcore", at(createdOffset)};
}

inline Authorization authorization(const std::string& id, const std::string& subject, const std::string& audience,
                                   std::vector<std::string> scopes = {"read"}) {
    return {id, subject, audience, std::move(scopes), at(7)};
}

inline RefreshToken refreshToken(const std::string& idHash, const std::string& familyId, const std::string& userId,
                                 long long expiresOffset) {
    RefreshToken token;
    token.idHash = idHash;
    token.familyId = familyId;
    token.userId = userId;
    token.clientId = "cli_web";
    token.audience = "cli_api";
    token.scope = "openid profile";
    token.createdAt = at();
    token.expiresAt = at(expiresOffset);
    return token;
}

} // namespace authcore::test::samples
