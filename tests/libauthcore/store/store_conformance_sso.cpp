// SPDX-License-Identifier: Apache-2.0
// Conformance: SSO connections of organizations and the domains they claim.
#include "store/store_conformance.hpp"

#include "store/store_samples.hpp"

#include <authcore/model/sso_connection.hpp>

namespace authcore::test::conformance {
namespace {

void prepareOrganizations(Database& db) {
    db.migrate();
    db.users().insert(samples::user("usr_alice", "alice@example.com"));
    db.organizations().insertWithOwner(samples::organization("org_1", "acme"),
                                       samples::membership("", "usr_alice", Role::Owner));
    db.organizations().insertWithOwner(samples::organization("org_2", "globex"),
                                       samples::membership("", "usr_alice", Role::Owner));
}

SsoConnection ldapConnection(const std::string& id, const std::string& org, const std::string& slug,
                             std::vector<std::string> domains, long long created) {
    SsoConnection c;
    c.id = id;
    c.organizationId = org;
    c.name = "Directory " + slug;
    c.slug = slug;
    c.protocol = SsoProtocol::Ldap;
    c.domains = std::move(domains);
    c.jitProvisioning = true;
    c.defaultRole = Role::Admin;
    c.attributeMapping = {{"email", "mail"}, {"name", "cn"}, {"groups", "memberOf"}};
    c.ldap.ldapUrl = "ldaps://ldap.example.org:636";
    c.ldap.bindDn = "cn=svc,dc=example,dc=org";
    c.ldap.sealedBindPassword = "v1." + std::string(300, 's');
    c.ldap.userBaseDn = "ou=people,dc=example,dc=org";
    c.ldap.userFilter = "(uid={username})";
    c.ldap.groupScopeMapping = {{"cn=eng,ou=groups,dc=example,dc=org", "member"}, {"cn=ops,dc=example,dc=org", "x"}};
    c.ldap.startTls = false;
    c.ldap.timeoutMs = 2500;
    c.sessionTtlSeconds = 3600;
    c.createdAt = samples::at(created);
    c.updatedAt = samples::at(created);
    return c;
}

SsoConnection samlConnection(const std::string& id, const std::string& org, const std::string& slug,
                             std::vector<std::string> domains, long long created) {
    SsoConnection c;
    c.id = id;
    c.organizationId = org;
    c.name = "SAML " + slug;
    c.slug = slug;
    c.protocol = SsoProtocol::Saml;
    c.status = SsoConnectionStatus::Inactive;
    c.domains = std::move(domains);
    c.saml.idpMetadataXml = "<EntityDescriptor>" + std::string(70000, 'x') + "</EntityDescriptor>"; // > 64 KiB
    c.createdAt = samples::at(created);
    c.updatedAt = samples::at(created);
    return c;
}

} // namespace

void ssoConnectionsRoundTripEveryField(Database& db) {
    prepareOrganizations(db);
    auto& store = db.ssoConnections();
    BOOST_CHECK_EXCEPTION(store.insert(ldapConnection("sso_conn_x", "org_ghost", "x", {}, 1)), Error,
                          hasCode(ErrorCode::NotFound));
    store.insert(ldapConnection("sso_conn_1", "org_1", "acme-ldap", {"acme.com", "acme.org"}, 2));
    store.insert(samlConnection("sso_conn_2", "org_1", "acme-saml", {"acme.net"}, 3));
    const auto found = store.find("sso_conn_1");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST((found->protocol == SsoProtocol::Ldap));
    BOOST_TEST((found->defaultRole == Role::Admin));
    BOOST_TEST(found->jitProvisioning);
    BOOST_TEST((found->domains == std::vector<std::string>{"acme.com", "acme.org"}));
    BOOST_TEST(found->attributeMapping[2].attribute == "memberOf"); // order kept
    BOOST_TEST(found->ldap.sealedBindPassword == std::string("v1.") + std::string(300, 's'));
    BOOST_TEST(found->ldap.groupScopeMapping[1].field == "cn=ops,dc=example,dc=org");
    BOOST_TEST(!found->ldap.startTls);
    BOOST_TEST(found->ldap.groupBaseDn.empty());
    BOOST_TEST(found->ldap.timeoutMs == 2500);
    BOOST_TEST(found->sessionTtlSeconds == 3600);
    BOOST_TEST(!found->legacy);
    BOOST_TEST(toUnix(found->createdAt) == toUnix(samples::at(2)));
    const auto saml = store.findBySlug("acme-saml");
    BOOST_TEST_REQUIRE(saml.has_value());
    BOOST_TEST(saml->saml.idpMetadataXml.size() == 70000u + 37u);
    BOOST_TEST((saml->status == SsoConnectionStatus::Inactive));
    BOOST_TEST(saml->sessionTtlSeconds == 0); // the default
    BOOST_TEST(saml->ldap.timeoutMs == 0);
    BOOST_TEST(store.findByDomain("acme.org")->id == "sso_conn_1");
    BOOST_TEST(!store.findByDomain("globex.com").has_value());
    const auto listed = store.listByOrganization("org_1");
    BOOST_TEST_REQUIRE(listed.size() == 2u);
    BOOST_TEST(listed[0].id == "sso_conn_1");
    BOOST_TEST(store.listByOrganization("org_2").empty());
}

void ssoConnectionsUpdateReplacesDomainsAndRemoveFreesThem(Database& db) {
    prepareOrganizations(db);
    auto& store = db.ssoConnections();
    auto c = ldapConnection("sso_conn_1", "org_1", "acme-ldap", {"acme.com", "acme.org"}, 1);
    store.insert(c);
    c.domains = {"acme.io", "acme.com"};
    c.name = "Renamed";
    c.status = SsoConnectionStatus::Inactive;
    c.updatedAt = samples::at(9);
    store.update(c);
    const auto found = store.find("sso_conn_1");
    BOOST_TEST((found->domains == std::vector<std::string>{"acme.io", "acme.com"}));
    BOOST_TEST(found->name == "Renamed");
    BOOST_TEST(toUnix(found->updatedAt) == toUnix(samples::at(9)));
    BOOST_TEST(toUnix(found->createdAt) == toUnix(samples::at(1)));
    BOOST_TEST(!store.findByDomain("acme.org").has_value()); // released
    BOOST_CHECK_EXCEPTION(store.update(ldapConnection("sso_conn_ghost", "org_1", "g", {}, 1)), Error,
                          hasCode(ErrorCode::NotFound));
    BOOST_TEST(store.remove("sso_conn_1"));
    BOOST_TEST(!store.remove("sso_conn_1"));
    BOOST_TEST(!store.findByDomain("acme.io").has_value());
    store.insert(ldapConnection("sso_conn_2", "org_2", "globex", {"acme.io"}, 2)); // the domain is free again
}

void ssoConnectionsSlugAndDomainsAreUniqueEverywhere(Database& db) {
    prepareOrganizations(db);
    auto& store = db.ssoConnections();
    store.insert(ldapConnection("sso_conn_1", "org_1", "acme", {"acme.com"}, 1));
    // Another organization cannot claim the domain, nor take the slug; nothing is written.
    BOOST_CHECK_EXCEPTION(store.insert(ldapConnection("sso_conn_2", "org_2", "globex", {"globex.com", "acme.com"}, 2)),
                          Error, hasCode(ErrorCode::Conflict));
    BOOST_CHECK_EXCEPTION(store.insert(ldapConnection("sso_conn_3", "org_2", "acme", {"globex.com"}, 3)), Error,
                          hasCode(ErrorCode::Conflict));
    BOOST_TEST(store.listByOrganization("org_2").empty());
    BOOST_TEST(!store.findByDomain("globex.com").has_value());
    auto other = ldapConnection("sso_conn_4", "org_2", "globex", {"globex.com"}, 4);
    store.insert(other);
    other.domains = {"acme.com"};
    BOOST_CHECK_EXCEPTION(store.update(other), Error, hasCode(ErrorCode::Conflict));
    BOOST_TEST((store.find("sso_conn_4")->domains == std::vector<std::string>{"globex.com"})); // unchanged
}

} // namespace authcore::test::conformance
