// SPDX-License-Identifier: Apache-2.0
// Conformance: organizations' SSO enforcement policies.
#include "store/store_conformance.hpp"

#include "store/store_samples.hpp"

#include <authcore/model/sso_connection.hpp>

namespace authcore::test::conformance {

void ssoEnforcementPutReplacesAndFinds(Database& db) {
    db.migrate();
    db.users().insert(samples::user("usr_alice", "alice@example.com"));
    db.organizations().insertWithOwner(samples::organization("org_1", "acme"),
                                       samples::membership("", "usr_alice", Role::Owner));
    auto& store = db.ssoConnections();
    BOOST_TEST(!store.findEnforcement("org_1").has_value());

    store.putEnforcement({"org_1", true, {Role::Owner, Role::Admin}, samples::at(5)});
    auto found = store.findEnforcement("org_1");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->organizationId == "org_1");
    BOOST_TEST(found->enforced);
    BOOST_TEST((found->exemptRoles == std::vector<Role>{Role::Owner, Role::Admin}));
    BOOST_TEST(toUnix(found->updatedAt) == toUnix(samples::at(5)));

    store.putEnforcement({"org_1", false, {}, samples::at(6)});
    found = store.findEnforcement("org_1");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(!found->enforced);
    BOOST_TEST(found->exemptRoles.empty());
    BOOST_TEST(toUnix(found->updatedAt) == toUnix(samples::at(6)));

    BOOST_CHECK_EXCEPTION(store.putEnforcement({"org_ghost", true, {}, samples::at(7)}), Error,
                          hasCode(ErrorCode::NotFound));
    BOOST_TEST(!store.findEnforcement("org_ghost").has_value());
}

} // namespace authcore::test::conformance
