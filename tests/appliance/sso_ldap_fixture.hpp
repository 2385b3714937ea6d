// SPDX-License-Identifier: Apache-2.0
// LdapFixture: the appliance with organization `acme` and an LDAP SSO
// connection `dir` (JIT, group_scope_mapping staff -> admin, devs -> deploy)
// to a private slapd, and the browser's login and code exchange.
#pragma once

#include "service_fixture.hpp"

#include "libldapauth/directory_fixture.hpp"

#include <Poco/JSON/Object.h>

#include <optional>
#include <sstream>
#include <string>

namespace authcore::test {

inline const std::string kRefusedBody = "invalid username or password";

struct LdapFixture : ServiceFixture {
    LdapFixture() : directory(directoryLdif()) {
        const auto created = expect(post(kOrg + "/sso/connections", connectionJson(kServicePassword), ownerAuth), 201);
        connectionId = parseJson(created.body)->getValue<std::string>("id");
        organizationId = context->db->organizations().findBySlug("acme")->id;
    }

    std::string connectionJson(const std::string& bindPassword) const {
        Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
        body.set("name", "Directory");
        body.set("protocol", "ldap");
        body.set("slug", "dir");
        Poco::JSON::Array domains;
        domains.add("example.org");
        body.set("domains", domains);
        body.set("jit_provisioning", true);
        body.set("ldap_url", directory.ldapUrl());
        body.set("ca_cert_pem", directory.caPem());
        body.set("bind_dn", kServiceDn);
        body.set("bind_password", bindPassword);
        body.set("user_base_dn", kPeople);
        body.set("group_base_dn", kGroups);
        Poco::JSON::Object mapping(Poco::JSON_PRESERVE_KEY_ORDER);
        mapping.set(kStaffDn, "admin");
        mapping.set(kDevsDn, "deploy");
        body.set("group_scope_mapping", mapping);
        std::ostringstream out;
        body.stringify(out);
        return out.str();
    }
    static std::string credentials(const std::string& username, const std::string& password) {
        Poco::JSON::Object body;
        body.set("username", username);
        body.set("password", password);
        std::ostringstream out;
        body.stringify(out);
        return out.str();
    }
    HttpResult login(const std::string& username, const std::string& password, const std::string& slug = "dir") {
        return post("/auth/sso/" + slug + "/ldap/login", credentials(username, password));
    }
    /// Logs in and exchanges the code; returns the access token.
    std::string accessToken(const std::string& username, const std::string& password) {
        const auto r = expect(login(username, password), 200);
        const auto code = parseJson(r.body)->getValue<std::string>("code");
        const auto exchanged = expect(post("/auth/sso/exchange", R"({"code": ")" + code + "\"}"), 200);
        return parseJson(exchanged.body)->getValue<std::string>("access_token");
    }
    std::optional<Role> roleOf(const std::string& email) {
        const auto user = context->db->users().findByEmail(email);
        if (!user) return std::nullopt;
        const auto membership = context->db->organizations().findMembership(organizationId, user->id);
        return membership ? std::optional(membership->role) : std::nullopt;
    }
    std::size_t activeSessions() { return context->db->ssoSessions().listActive(organizationId, context->clock.now()).size(); }
    static std::string message(const HttpResult& r) { return parseJson(r.body)->getValue<std::string>("message"); }

    SlapdServer directory;
    std::string connectionId;
    std::string organizationId;
};

} // namespace authcore::test
