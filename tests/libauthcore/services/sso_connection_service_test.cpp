// SPDX-License-Identifier: Apache-2.0
// SsoConnectionService: validation per field, roles, slug and domain rules,
// sealed secrets that no view carries, audit events.
#include "sso_connection_fixture.hpp"

#include "support/error_code.hpp"

#include <boost/test/unit_test.hpp>

#include <functional>

using namespace authcore;
using test::code;
using test::errorCodeOf;

using test::SsoFixture;

BOOST_FIXTURE_TEST_SUITE(services_sso_connections, SsoFixture)

BOOST_AUTO_TEST_CASE(create_applies_defaults_and_seals_the_secret) {
    const auto view = sso.create(admin, "acme", oidc());
    const auto& c = view.connection;
    BOOST_TEST(c.id.rfind("sso_conn_", 0) == 0);
    BOOST_TEST(c.slug == "okta-production");
    BOOST_TEST((c.status == SsoConnectionStatus::Active));
    BOOST_TEST((c.defaultRole == Role::Member));
    BOOST_TEST(!c.jitProvisioning);
    BOOST_TEST((c.domains == std::vector<std::string>{"acme.com"}));
    BOOST_TEST(view.hasSecret);
    BOOST_TEST(c.oidc.sealedClientSecret.empty()); // never in a view
    const auto stored = db->ssoConnections().find(c.id);
    BOOST_TEST(stored->oidc.sealedClientSecret.find("oidc-client-secret-value") == std::string::npos);
    BOOST_TEST(*envelope.open(stored->oidc.sealedClientSecret, c.id) == "oidc-client-secret-value");
    BOOST_TEST(!envelope.open(stored->oidc.sealedClientSecret, "sso_conn_other").has_value()); // bound to the id
    BOOST_TEST(sso.loginUrl(c) == "https://auth.example.com/auth/sso/okta-production/oidc/login");
}

BOOST_AUTO_TEST_CASE(no_view_carries_a_secret) {
    const auto id = sso.create(owner, "acme", ldap()).connection.id;
    sso.create(owner, "acme", oidc());
    std::vector<SsoConnectionView> views = sso.list(owner, "acme");
    views.push_back(sso.get(owner, "acme", id));
    views.push_back(*sso.findBySlug("directory"));
    views.push_back(*sso.findByDomain("acme.com"));
    for (const auto& v : views) {
        BOOST_TEST(v.connection.oidc.sealedClientSecret.empty());
        BOOST_TEST(v.connection.ldap.sealedBindPassword.empty());
        BOOST_TEST(v.hasSecret);
    }
}

BOOST_AUTO_TEST_CASE(members_are_forbidden_outsiders_and_other_organizations_not_found) {
    BOOST_TEST(errorCodeOf([&] { sso.create(member, "acme", oidc()); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(errorCodeOf([&] { sso.list(member, "acme"); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(errorCodeOf([&] { sso.list(rival, "acme"); }) == code(ErrorCode::NotFound));
    const auto id = sso.create(owner, "acme", oidc()).connection.id;
    BOOST_TEST(errorCodeOf([&] { sso.get(member, "acme", id); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(errorCodeOf([&] { sso.get(rival, "globex", id); }) == code(ErrorCode::NotFound));
    BOOST_TEST(errorCodeOf([&] { sso.remove(rival, "globex", id); }) == code(ErrorCode::NotFound));
    Principal key;
    key.apiKeyId = "key_1";
    key.apiKeyServiceId = "svc_1";
    BOOST_TEST(errorCodeOf([&] { sso.list(key, "acme"); }) == code(ErrorCode::Forbidden));
    BOOST_TEST(sso.list(owner, "acme").size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_domain_claimed_by_another_organization_is_a_conflict) {
    sso.create(owner, "acme", oidc());
    auto input = oidc("Globex SSO");
    input.domains = {"globex.com", "ACME.com"};
    BOOST_TEST(errorCodeOf([&] { sso.create(rival, "globex", input); }) == code(ErrorCode::Conflict));
    BOOST_TEST(sso.list(rival, "globex").empty()); // nothing written
    input.domains = {"globex.com"};
    const auto id = sso.create(rival, "globex", input).connection.id;
    SsoConnectionChanges grab;
    grab.domains = std::vector<std::string>{"acme.com"};
    BOOST_TEST(errorCodeOf([&] { sso.update(rival, "globex", id, grab); }) == code(ErrorCode::Conflict));
    BOOST_TEST(sso.findByDomain("acme.com")->connection.organizationId == orgs.get(owner, "acme").id);
}

BOOST_AUTO_TEST_CASE(generated_slugs_avoid_taken_ones_and_a_taken_slug_is_a_conflict) {
    BOOST_TEST(sso.create(owner, "acme", oidc("Okta!")).connection.slug == "okta");
    auto second = oidc("okta");
    second.domains = {};
    BOOST_TEST(sso.create(owner, "acme", second).connection.slug == "okta-2");
    auto explicitSlug = oidc("Other");
    explicitSlug.domains = {};
    explicitSlug.slug = "okta";
    BOOST_TEST(errorCodeOf([&] { sso.create(rival, "globex", explicitSlug); }) == code(ErrorCode::Conflict));
    auto tiny = oidc("!");
    tiny.domains = {};
    BOOST_TEST(sso.create(owner, "acme", tiny).connection.slug == "sso");
    explicitSlug.slug = "Bad Slug";
    BOOST_TEST(invalidMessage(explicitSlug).find("slug") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(each_field_is_checked_by_name_and_nothing_is_written) {
    const std::vector<std::pair<std::string, std::function<void(NewSsoConnection&)>>> cases{
        {"name", [](auto& i) { i.name = ""; }},
        {"protocol", [](auto& i) { i.protocol = "kerberos"; }},
        {"domains", [](auto& i) { i.domains = {"not a domain"}; }},
        {"domains", [](auto& i) { i.domains = {"acme.com", "ACME.com"}; }},
        {"domains", [](auto& i) { i.domains = {"localhost"}; }},
        {"default_role", [](auto& i) { i.defaultRole = Role::Owner; }},
        {"attribute_mapping", [](auto& i) { i.attributeMapping = {{"password", "pw"}}; }},
        {"attribute_mapping", [](auto& i) { i.attributeMapping = {{"email", "mail"}, {"email", "x"}}; }},
        {"attribute_mapping", [](auto& i) { i.attributeMapping = {{"email", ""}}; }},
        {"issuer_url", [](auto& i) { i.settings.issuerUrl = "http://okta.example.com"; }},
        {"issuer_url", [](auto& i) { i.settings.issuerUrl.reset(); }},
        {"client_id", [](auto& i) { i.settings.clientId = "has space"; }},
        {"client_secret", [](auto& i) { i.settings.clientSecret.reset(); }},
        {"client_secret", [](auto& i) { i.settings.clientSecret = ""; }},
        {"bind_dn", [](auto& i) { i.settings.bindDn = "cn=x"; }}, // an LDAP field on an OIDC connection
    };
    for (const auto& [field, mutate] : cases) {
        auto input = oidc();
        mutate(input);
        BOOST_TEST(invalidMessage(input).find(field) != std::string::npos, field << ": " << invalidMessage(input));
    }
    BOOST_TEST(db->ssoConnections().listByOrganization(orgs.get(owner, "acme").id).empty());
}

BOOST_AUTO_TEST_CASE(ldap_start_tls_and_filter_defaults_and_rules) {
    const auto plain = sso.create(owner, "acme", ldap()).connection;
    BOOST_TEST(plain.ldap.startTls);
    BOOST_TEST(plain.ldap.userFilter == "(|(uid={username})(mail={username}))");
    BOOST_TEST(plain.ldap.sealedBindPassword.empty());
    auto tls = ldap("ldaps://ldap.acme.test:636");
    tls.name = "Directory TLS";
    BOOST_TEST(!sso.create(owner, "acme", tls).connection.ldap.startTls);
    auto explicitPlain = ldap();
    explicitPlain.name = "Directory plain";
    explicitPlain.settings.startTls = false;
    BOOST_TEST(!sso.create(owner, "acme", explicitPlain).connection.ldap.startTls);
    const std::vector<std::pair<std::string, std::function<void(NewSsoConnection&)>>> cases{
        {"ldap_url", [](auto& i) { i.settings.ldapUrl = "https://ldap.acme.test"; }},
        {"ldap_url", [](auto& i) { i.settings.ldapUrl = "ldap://ldap.acme.test/dc=x?cn"; }},
        {"start_tls", [](auto& i) { i.settings.ldapUrl = "ldaps://x.test"; i.settings.startTls = true; }},
        {"user_filter", [](auto& i) { i.settings.userFilter = "(uid=admin)"; }},
        {"user_filter", [](auto& i) { i.settings.userFilter = "(uid={username}"; }},
        {"bind_password", [](auto& i) { i.settings.bindPassword.reset(); }},
        {"user_base_dn", [](auto& i) { i.settings.userBaseDn = "people"; }},
        {"group_filter", [](auto& i) { i.settings.groupFilter = "member={dn}"; }},
        {"group_scope_mapping", [](auto& i) { i.settings.groupScopeMapping = std::vector<SsoMapping>{{"cn=eng,dc=x", "two words"}}; }},
        {"ca_cert_pem", [](auto& i) { i.settings.caCertPem = "not a certificate"; }},
        {"issuer_url", [](auto& i) { i.settings.issuerUrl = "https://okta.example.com"; }},
    };
    for (const auto& [field, mutate] : cases) {
        auto input = ldap();
        mutate(input);
        BOOST_TEST(invalidMessage(input).find(field) != std::string::npos, field << ": " << invalidMessage(input));
    }
}

BOOST_AUTO_TEST_CASE(saml_needs_exactly_one_metadata_source_and_documents_its_defaults) {
    const auto c = sso.create(owner, "acme", saml()).connection;
    BOOST_TEST((c.protocol == SsoProtocol::Saml));
    BOOST_TEST(c.saml.acsUrl == "https://auth.example.com/auth/sso/adfs/saml/acs");
    BOOST_TEST(c.saml.spEntityId == "https://auth.example.com/auth/sso/adfs/saml/metadata");
    auto both = saml();
    both.settings.idpMetadataXml = "<md:EntityDescriptor/>";
    BOOST_TEST(invalidMessage(both).find("idp_metadata_xml") != std::string::npos);
    auto none = saml();
    none.settings.idpMetadataUrl.reset();
    BOOST_TEST(invalidMessage(none).find("idp_metadata_url") != std::string::npos);
    auto xml = saml();
    xml.settings.idpMetadataUrl.reset();
    xml.settings.idpMetadataXml = "not xml";
    BOOST_TEST(invalidMessage(xml).find("idp_metadata_xml") != std::string::npos);
    auto entity = saml();
    entity.settings.spEntityId = "no scheme";
    BOOST_TEST(invalidMessage(entity).find("sp_entity_id") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(update_keeps_secrets_unless_given_and_bad_changes_write_nothing) {
    const auto created = sso.create(owner, "acme", oidc()).connection;
    const auto sealed = db->ssoConnections().find(created.id)->oidc.sealedClientSecret;
    clock.advance(std::chrono::seconds(60));
    SsoConnectionChanges changes;
    changes.name = "Okta";
    changes.jitProvisioning = true;
    changes.defaultRole = Role::Admin;
    changes.attributeMapping = std::vector<SsoMapping>{{"email", "email"}, {"groups", "groups"}};
    const auto updated = sso.update(admin, "acme", created.id, changes).connection;
    BOOST_TEST(updated.name == "Okta");
    BOOST_TEST(updated.slug == created.slug);
    BOOST_TEST(toUnix(updated.updatedAt) == toUnix(created.createdAt) + 60);
    BOOST_TEST(db->ssoConnections().find(created.id)->oidc.sealedClientSecret == sealed);
    SsoConnectionChanges secret;
    secret.settings.clientSecret = "rotated-secret";
    sso.update(owner, "acme", created.id, secret);
    const auto resealed = db->ssoConnections().find(created.id)->oidc.sealedClientSecret;
    BOOST_TEST(*envelope.open(resealed, created.id) == "rotated-secret");
    SsoConnectionChanges bad;
    bad.name = "Renamed";
    bad.defaultRole = Role::Owner;
    BOOST_TEST(errorCodeOf([&] { sso.update(owner, "acme", created.id, bad); }) == code(ErrorCode::InvalidInput));
    bad.defaultRole.reset();
    bad.status = "paused";
    BOOST_TEST(errorCodeOf([&] { sso.update(owner, "acme", created.id, bad); }) == code(ErrorCode::InvalidInput));
    BOOST_TEST(sso.get(owner, "acme", created.id).connection.name == "Okta");
    SsoConnectionChanges ldapField;
    ldapField.settings.bindDn = "cn=x,dc=y";
    BOOST_TEST(errorCodeOf([&] { sso.update(owner, "acme", created.id, ldapField); }) == code(ErrorCode::InvalidInput));
}

BOOST_AUTO_TEST_CASE(public_lookups_see_active_connections_only) {
    const auto id = sso.create(owner, "acme", oidc()).connection.id;
    BOOST_TEST(sso.findByDomain("ACME.com")->connection.id == id);
    BOOST_TEST(sso.findBySlug("okta-production")->connection.id == id);
    BOOST_TEST(!sso.findByDomain("globex.com").has_value());
    BOOST_TEST(errorCodeOf([&] { sso.findByDomain("not a domain"); }) == code(ErrorCode::InvalidInput));
    SsoConnectionChanges off;
    off.status = "inactive";
    sso.update(owner, "acme", id, off);
    BOOST_TEST(!sso.findByDomain("acme.com").has_value());
    BOOST_TEST(!sso.findBySlug("okta-production").has_value());
}

BOOST_AUTO_TEST_CASE(delete_frees_the_domain_and_is_audited) {
    const auto id = sso.create(owner, "acme", oidc()).connection.id;
    sso.remove(admin, "acme", id);
    BOOST_TEST(errorCodeOf([&] { sso.get(owner, "acme", id); }) == code(ErrorCode::NotFound));
    BOOST_TEST(errorCodeOf([&] { sso.remove(owner, "acme", id); }) == code(ErrorCode::NotFound));
    sso.create(rival, "globex", oidc("Globex")); // acme.com is free again
    std::vector<std::string> actions;
    for (const auto& e : audit.list(orgs.get(owner, "acme").id, "", 50))
        if (e.target == id) actions.push_back(e.action + (e.outcome == "success" ? "" : " (failed)"));
    BOOST_TEST((actions == std::vector<std::string>{"sso_connection.delete", "sso_connection.create"}));
}

BOOST_AUTO_TEST_SUITE_END()
