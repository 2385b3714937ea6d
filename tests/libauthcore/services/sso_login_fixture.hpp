// SPDX-License-Identifier: Apache-2.0
// SsoLoginFixture: SsoLoginService over a temp SQLite store and the memory
// CodeStore, with an organization, its SAML connection and a password user.
#pragma once

#include "token_fixture.hpp"

#include <authcore/services/organization_service.hpp>
#include <authcore/services/sso_login_service.hpp>
#include <authcore/services/user_service.hpp>

#include <algorithm>
#include <string>

namespace authcore::test {

struct SsoLoginFixture : TokenFixture {
    SsoLoginFixture() {
        clients.create(Principal::system(), NewClient{"authcore-console", "Console", ClientType::Application, "", "",
                                                      {"https://auth.example.com/console/callback"}, true, {}});
        owner = users.create(Principal::system(), NewUser{"owner@acme.com", kOwnerPassword, "Owner", false});
        organizationId = orgs.create(Principal{owner.id, owner.email, false}, "acme", "Acme").id;
        connection = makeConnection("sso_conn_1", "acme-saml", {"acme.com"});
        db->ssoConnections().insert(connection);
    }

    SsoConnection makeConnection(const std::string& id, const std::string& slug, std::vector<std::string> domains) {
        SsoConnection c;
        c.id = id;
        c.organizationId = organizationId;
        c.name = "Acme " + slug;
        c.slug = slug;
        c.protocol = SsoProtocol::Saml;
        c.domains = std::move(domains);
        c.jitProvisioning = true;
        c.saml.idpMetadataUrl = "https://idp.acme.com/metadata";
        c.createdAt = c.updatedAt = clock.now();
        return c;
    }
    static SsoAssertion assertion(const std::string& subject, const std::string& email,
                                  const std::string& sessionIndex = "") {
        SsoAssertion a;
        a.subject = subject;
        if (!email.empty()) a.attributes["email"] = {email};
        a.sessionIndex = sessionIndex;
        return a;
    }
    std::map<std::string, std::string> refreshForm(const std::string& token) {
        return {{"grant_type", "refresh_token"}, {"refresh_token", token}, {"client_id", "authcore-console"}};
    }
    std::size_t activeSessions() { return db->ssoSessions().listActive(organizationId, clock.now()).size(); }
    bool audited(const std::string& action) {
        const auto events = audit.list(organizationId, "", 200);
        return std::any_of(events.begin(), events.end(), [&](const auto& e) { return e.action == action; });
    }

    static constexpr const char* kOwnerPassword = "owner-password-1";
    crypto::PasswordHasher passwords{crypto::Argon2Params{1, 1024, 1}};
    UserService users{db->users(), db->sessions(), passwords, audit, clock};
    OrganizationService orgs{db->organizations(), db->users(), audit, clock};
    SsoLoginService sso{db->users(), db->organizations(), db->identities(), db->ssoSessions(), *codes, limiter,
                        passwords,   tokens,              db->tokens(),     audit,             clock};
    User owner;
    std::string organizationId;
    SsoConnection connection;
};

} // namespace authcore::test
