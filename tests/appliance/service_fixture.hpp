// SPDX-License-Identifier: Apache-2.0
// ServiceFixture: an organization `acme` with an owner, an admin, a member, an
// outsider and a system admin, and HTTP helpers for the services API.
#pragma once

#include "appliance_fixture.hpp"

#include <map>
#include <string>

namespace authcore::test {

using Headers = std::map<std::string, std::string>;

struct ServiceFixture : ApplianceFixture {
    /// `codeStore`: as for ApplianceFixture.
    explicit ServiceFixture(std::unique_ptr<CodeStore> codeStore = nullptr)
        : ApplianceFixture({}, std::move(codeStore)) {
        owner = createUser("owner@example.com", "owner-password");
        admin = createUser("admin@example.com", "admin-password");
        member = createUser("member@example.com", "member-password");
        createUser("outsider@example.com", "outsider-password");
        createUser("root@example.com", "root-password", true);
        ownerAuth = loginHeaders("owner@example.com", "owner-password");
        adminAuth = loginHeaders("admin@example.com", "admin-password");
        memberAuth = loginHeaders("member@example.com", "member-password");
        outsiderAuth = loginHeaders("outsider@example.com", "outsider-password");
        rootAuth = loginHeaders("root@example.com", "root-password");
        expect(post("/api/v1/organizations", R"({"slug":"acme","name":"Acme"})", ownerAuth), 201);
        expect(post(kOrg + "/members", R"({"email":"admin@example.com","role":"admin"})", ownerAuth), 201);
        expect(post(kOrg + "/members", R"({"email":"member@example.com","role":"member"})", ownerAuth), 201);
    }

    static HttpResult expect(HttpResult result, int status) {
        if (result.status != status)
            throw std::runtime_error("expected " + std::to_string(status) + ", got " + std::to_string(result.status) +
                                     ": " + result.body);
        return result;
    }
    HttpResult patch(const std::string& target, const std::string& body, const Headers& headers = {}) {
        return httpRequest(port, "PATCH", target, body, headers);
    }
    HttpResult del(const std::string& target, const Headers& headers = {}) {
        return httpRequest(port, "DELETE", target, "", headers);
    }
    /// Creates service `slug` in acme as the owner; returns its JSON.
    Poco::JSON::Object::Ptr createService(const std::string& slug) {
        const auto body = R"({"slug":")" + slug + R"(","name":"Service )" + slug +
                          R"(","service_type":"web","redirect_uris":["https://app.example.com/callback"]})";
        return parseJson(expect(post(kOrg + "/services", body, ownerAuth), 201).body)->getObject("service");
    }
    /// Creates a plan in `service` as the owner; returns its id.
    std::string createPlan(const std::string& service, const std::string& name) {
        const auto body = R"({"name":")" + name + R"(","price_cents":2999,"currency":"usd","features":["api"]})";
        const auto r = expect(post(kOrg + "/services/" + service + "/plans", body, ownerAuth), 201);
        return parseJson(r.body)->getObject("plan")->getValue<std::string>("id");
    }
    /// Creates an API key of `service` with `permissions` (a JSON array); returns the create response.
    Poco::JSON::Object::Ptr createKey(const std::string& service, const std::string& permissions) {
        const auto body = R"({"name":"backend","permissions":)" + permissions + "}";
        return parseJson(expect(post(kOrg + "/services/" + service + "/api-keys", body, ownerAuth), 201).body);
    }

    const std::string kOrg = "/api/v1/organizations/acme";
    User owner, admin, member;
    Headers ownerAuth, adminAuth, memberAuth, outsiderAuth, rootAuth;
};

} // namespace authcore::test
