// SPDX-License-Identifier: Apache-2.0
// The appliance with four users (a system admin, the owner and a member of
// "acme", an outsider) and a helper that POSTs /graphql as one of them.
#pragma once

#include "appliance_fixture.hpp"

#include <Poco/JSON/Stringifier.h>

#include <map>
#include <sstream>
#include <string>

namespace authcore::test {

struct GraphqlFixture : ApplianceFixture {
    using Headers = std::map<std::string, std::string>;

    GraphqlFixture() {
        createUser("root@example.com", "root-password-1", true);
        createUser("owner@acme.test", "owner-password-1");
        createUser("member@acme.test", "member-password-1");
        createUser("outsider@evil.test", "outsider-password-1");
        root = loginHeaders("root@example.com", "root-password-1");
        owner = loginHeaders("owner@acme.test", "owner-password-1");
        member = loginHeaders("member@acme.test", "member-password-1");
        outsider = loginHeaders("outsider@evil.test", "outsider-password-1");
        const auto ownerUser = *context->db->users().findByEmail("owner@acme.test");
        const Principal ownerPrincipal{ownerUser.id, ownerUser.email, false};
        context->organizations->create(ownerPrincipal, "acme", "Acme");
        context->organizations->addMember(ownerPrincipal, "acme", "member@acme.test", Role::Member);
    }

    /// Sends one request; returns the parsed response body.
    Poco::JSON::Object::Ptr gql(const Headers& who, const std::string& query, const std::string& variables = "{}",
                                Headers extra = {}) {
        Poco::JSON::Object body;
        body.set("query", query);
        body.set("variables", parseJson(variables));
        std::ostringstream text;
        body.stringify(text);
        extra.insert(who.begin(), who.end());
        last = httpRequest(port, "POST", "/graphql", text.str(), extra);
        return parseJson(last.body);
    }
    /// extensions.code of the first error ("" without errors).
    static std::string errorCode(const Poco::JSON::Object::Ptr& response) {
        const auto errors = response->getArray("errors");
        if (!errors || errors->size() == 0) return "";
        return errors->getObject(0)->getObject("extensions")->getValue<std::string>("code");
    }
    Poco::JSON::Object::Ptr data(const Poco::JSON::Object::Ptr& response) { return response->getObject("data"); }

    Headers root, owner, member, outsider;
    HttpResult last;
};

} // namespace authcore::test
