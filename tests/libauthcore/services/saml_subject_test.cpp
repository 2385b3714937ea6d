// SPDX-License-Identifier: Apache-2.0
// SamlSubjects: NameID per format and the attributes a mapping sends.
#include "token_fixture.hpp"

#include <authcore/services/organization_service.hpp>
#include <authcore/services/saml_subject.hpp>
#include <authcore/services/user_service.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;

namespace {

constexpr const char* kEmail = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
constexpr const char* kPersistent = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
constexpr const char* kTransient = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
constexpr const char* kUnspecified = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";

struct SubjectFixture : test::TokenFixture {
    SubjectFixture() {
        const auto owner = users.create(Principal::system(), NewUser{"owner@acme.test", "password-123", "", false});
        ada = users.create(Principal::system(), NewUser{"ada@acme.test", "password-123", "Ada Lovelace King", false});
        outsider = users.create(Principal::system(), NewUser{"out@evil.test", "password-123", "", false});
        const Principal ownerPrincipal{owner.id, owner.email, false};
        const auto org = orgs.create(ownerPrincipal, "acme", "Acme");
        orgs.addMember(ownerPrincipal, "acme", "ada@acme.test", Role::Admin);
        runtime.organizationId = org.id;
        runtime.organizationSlug = "acme";
        runtime.serviceId = "svc_1";
        runtime.config.entityId = "https://sp.example.com";
    }
    SamlRuntime with(const std::string& format, std::vector<SamlAttribute> mapping = {}) const {
        auto copy = runtime;
        copy.config.nameIdFormat = format;
        copy.config.attributeMapping = std::move(mapping);
        return copy;
    }

    crypto::PasswordHasher passwords{crypto::Argon2Params{1, 1024, 1}};
    UserService users{db->users(), db->sessions(), passwords, audit, clock};
    OrganizationService orgs{db->organizations(), db->users(), audit, clock};
    SamlSubjects subjects{db->organizations()};
    SamlRuntime runtime;
    User ada, outsider;
};

using Values = std::vector<std::string>;

Values attribute(const SamlSubject& subject, const std::string& name) {
    for (const auto& [attributeName, values] : subject.attributes)
        if (attributeName == name) return values;
    return {};
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(services_saml_subject, SubjectFixture)

BOOST_AUTO_TEST_CASE(name_id_follows_the_configured_format) {
    BOOST_TEST(subjects.subjectFor(with(kEmail), ada).nameId == "ada@acme.test");
    BOOST_TEST(subjects.subjectFor(with(kUnspecified), ada).nameId == ada.id);
    const auto first = subjects.subjectFor(with(kTransient), ada).nameId;
    BOOST_TEST(first != subjects.subjectFor(with(kTransient), ada).nameId);
}

BOOST_AUTO_TEST_CASE(persistent_name_id_is_stable_per_sp_and_reveals_nothing) {
    const auto id = subjects.subjectFor(with(kPersistent), ada).nameId;
    BOOST_TEST(id == subjects.subjectFor(with(kPersistent), ada).nameId);
    // 40 hex digits: neither the user id nor the email can show through.
    // (Not `find("ada")`: a, d are hex digits, so that would fail about 1 run in 100.)
    BOOST_TEST(id.size() == 40u);
    BOOST_TEST(id.find_first_not_of("0123456789abcdef") == std::string::npos);
    auto otherSp = with(kPersistent);
    otherSp.config.entityId = "https://other-sp.example.com";
    BOOST_TEST(subjects.subjectFor(otherSp, ada).nameId != id);
    BOOST_TEST(subjects.subjectFor(with(kPersistent), outsider).nameId != id);
}

BOOST_AUTO_TEST_CASE(mapping_renames_each_user_field_in_order) {
    const auto subject = subjects.subjectFor(
        with(kEmail, {{"id", "uid"}, {"email", "mail"}, {"name", "cn"}, {"given_name", "givenName"},
                      {"family_name", "sn"}, {"roles", "role"}, {"groups", "memberOf"}}),
        ada);
    BOOST_TEST(attribute(subject, "uid") == Values{ada.id});
    BOOST_TEST(attribute(subject, "mail") == Values{"ada@acme.test"});
    BOOST_TEST(attribute(subject, "cn") == Values{"Ada Lovelace King"});
    BOOST_TEST(attribute(subject, "givenName") == Values{"Ada"});
    BOOST_TEST(attribute(subject, "sn") == Values{"Lovelace King"});
    BOOST_TEST(attribute(subject, "role") == Values{"admin"});
    BOOST_TEST(attribute(subject, "memberOf") == Values{"acme"});
    BOOST_TEST_REQUIRE(subject.attributes.size() == 7u);
    BOOST_TEST(subject.attributes.front().first == "uid");
    BOOST_TEST(subject.attributes.back().first == "memberOf");
}

BOOST_AUTO_TEST_CASE(fields_without_a_value_are_left_out) {
    const auto subject = subjects.subjectFor(
        with(kEmail, {{"email", "mail"}, {"name", "cn"}, {"roles", "role"}, {"groups", "memberOf"}}), outsider);
    BOOST_TEST_REQUIRE(subject.attributes.size() == 1u); // no name, not a member
    BOOST_TEST(subject.attributes.front().first == "mail");
}

BOOST_AUTO_TEST_SUITE_END()
