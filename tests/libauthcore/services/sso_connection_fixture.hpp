// SPDX-License-Identifier: Apache-2.0
// SsoFixture: SsoConnectionService over a temp SQLite store, with organizations
// acme (owner, admin, member) and globex (rival), and inputs of each protocol.
#pragma once

#include "token_fixture.hpp"

#include <authcore/error.hpp>
#include <authcore/services/organization_service.hpp>
#include <authcore/services/sso_connection_service.hpp>
#include <authcore/services/user_service.hpp>

#include <string>

namespace authcore::test {

struct SsoFixture : TokenFixture {
    SsoFixture() {
        owner = principalOf("owner@acme.test");
        admin = principalOf("admin@acme.test");
        member = principalOf("member@acme.test");
        rival = principalOf("owner@globex.test");
        orgs.create(owner, "acme", "Acme");
        orgs.addMember(owner, "acme", "admin@acme.test", Role::Admin);
        orgs.addMember(owner, "acme", "member@acme.test", Role::Member);
        orgs.create(rival, "globex", "Globex");
    }
    Principal principalOf(const std::string& email) {
        const auto user = users.create(Principal::system(), NewUser{email, "password-123", "", false});
        return Principal{user.id, user.email, false};
    }
    static NewSsoConnection oidc(const std::string& name = "Okta Production") {
        NewSsoConnection input;
        input.name = name;
        input.protocol = "oidc";
        input.domains = {"Acme.COM"};
        input.settings.issuerUrl = "https://acme.okta.com";
        input.settings.clientId = "0oa1client";
        input.settings.clientSecret = "oidc-client-secret-value";
        return input;
    }
    static NewSsoConnection ldap(const std::string& url = "ldap://ldap.acme.test") {
        NewSsoConnection input;
        input.name = "Directory";
        input.protocol = "ldap";
        input.settings.ldapUrl = url;
        input.settings.bindDn = "cn=svc,dc=acme,dc=test";
        input.settings.bindPassword = "ldap-bind-password-value";
        input.settings.userBaseDn = "ou=people,dc=acme,dc=test";
        return input;
    }
    static NewSsoConnection saml() {
        NewSsoConnection input;
        input.name = "ADFS";
        input.protocol = "SAML";
        input.settings.idpMetadataUrl = "https://adfs.acme.test/FederationMetadata/2007-06/FederationMetadata.xml";
        return input;
    }
    /// The message of the InvalidInput `create(input)` throws; "" when it throws none (or another).
    std::string invalidMessage(const NewSsoConnection& input) {
        try {
            sso.create(owner, "acme", input);
        } catch (const Error& e) {
            return e.code() == ErrorCode::InvalidInput ? e.what() : "";
        }
        return "";
    }

    crypto::PasswordHasher passwords{crypto::Argon2Params{1, 1024, 1}};
    UserService users{db->users(), db->sessions(), passwords, audit, clock};
    OrganizationService orgs{db->organizations(), db->users(), audit, clock};
    SsoConnectionService sso{db->ssoConnections(), orgs, envelope, audit, clock, "https://auth.example.com"};
    Principal owner, admin, member, rival;
};

} // namespace authcore::test
