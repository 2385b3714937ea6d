// SPDX-License-Identifier: Apache-2.0
// SECURITY.md's SAML list tried against our ACS over HTTP. Every forgery gets
// 400 and leaves nothing behind: no user, no SSO session, no code.
#include "saml_sp_fixture.hpp"
#include "libsaml/wrapping_attacks.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::SamlSpFixture;
namespace fx = authcore::saml::test;
using fx::Signed;

namespace {

const std::string kVictim = "ada@acme.test";
const std::string kEvil = "admin@acme.test";

struct AttackFixture : SamlSpFixture {
    AttackFixture() : users(userCount()) {}

    /// A genuine response to a fresh login for kVictim, signed as `how`.
    saml::BuiltResponse genuine(const Started& started, Signed how) const {
        auto spec = responseSpec(started, kVictim);
        spec.attributes.clear(); // the email comes from the NameID, the element the attacks target
        spec.signAssertion = how != Signed::Response;
        spec.signResponse = how != Signed::Assertion;
        return sign(spec);
    }

    /// Posts `xml` as the answer to `started`: 400, and nothing was created.
    void refused(const std::string& what, const std::string& xml, const Started& started) {
        const auto r = postAcs(xml, started.relayState);
        BOOST_TEST(r.status == 400, what << ": " << r.status << " " << r.body);
        BOOST_TEST(r.header("Location").empty(), what);
        BOOST_TEST(userCount() == users, what);
        BOOST_TEST(sessionCount() == 0u, what);
    }
    void refused(const std::string& what, const std::string& xml) { refused(what, xml, startLogin()); }

    /// `built` with both signatures removed, edited, then the Response signed
    /// again by the IdP's key (with the xmlsec1 CLI, an independent signer).
    std::string resigned(const saml::BuiltResponse& built, const std::string& from, const std::string& to,
                         const char* signatureMethod = fx::kSigRsaSha256, const char* digest = fx::kDigestSha256) {
        auto root = fx::rootElement(built.xml);
        root = fx::withoutSignature(root);
        root = fx::replaceOnce(root, fx::signatureElement(root), "");
        root = fx::replaceOnce(root, from, to);
        return fx::signWithXmlsec1(fx::afterIssuer(root, fx::signatureTemplate(built.responseId, signatureMethod, digest)),
                                   fx::idpTestKey(0), {"Response"});
    }

    long long users;
};

} // namespace

BOOST_AUTO_TEST_SUITE(appliance_saml_sp_attacks)

BOOST_FIXTURE_TEST_CASE(the_genuine_response_is_accepted, AttackFixture) {
    // The control: the attacks below fail for their forgery, not for the setup.
    const auto started = startLogin();
    const auto r = postAcs(genuine(started, Signed::Both).xml, started.relayState);
    BOOST_TEST(r.status == 302);
    BOOST_TEST(test::queryValue(r.header("Location"), "code").size() > 20u);
}

BOOST_FIXTURE_TEST_CASE(signature_wrapping_xsw1_to_xsw8_is_refused, AttackFixture) {
    const std::vector<std::pair<std::string, std::string (*)(const fx::WrappingPieces&)>> onResponse{
        {"XSW1", fx::xsw1}, {"XSW2", fx::xsw2}};
    const std::vector<std::pair<std::string, std::string (*)(const fx::WrappingPieces&)>> onAssertion{
        {"XSW3", fx::xsw3}, {"XSW4", fx::xsw4}, {"XSW5", fx::xsw5},
        {"XSW6", fx::xsw6}, {"XSW7", fx::xsw7}, {"XSW8", fx::xsw8}};
    for (const auto& [how, attacks] : {std::pair{Signed::Response, onResponse}, std::pair{Signed::Assertion, onAssertion}}) {
        for (const auto& [name, forge] : attacks) {
            const auto started = startLogin();
            refused(name, forge(fx::wrappingPieces(genuine(started, how), how, kVictim, kEvil)), started);
        }
    }
    BOOST_TEST(!context->db->users().findByEmail(kEvil).has_value());
}

BOOST_FIXTURE_TEST_CASE(a_comment_cannot_truncate_the_name_id, AttackFixture) {
    // The IdP vouches for "admin@acme.test.evil.test"; a naive reader would see admin@acme.test.
    const auto started = startLogin();
    auto spec = responseSpec(started, kEvil + ".evil.test");
    spec.attributes.clear();
    const auto xml = fx::replaceOnce(sign(spec).xml, kEvil + ".evil.test</saml:NameID>",
                                     kEvil + "<!---->.evil.test</saml:NameID>");
    refused("comment in NameID", xml, started);
    BOOST_TEST(!context->db->users().findByEmail(kEvil).has_value());
}

BOOST_FIXTURE_TEST_CASE(unsigned_foreign_key_and_sha1_responses_are_refused, AttackFixture) {
    const auto started = startLogin();
    const auto assertionSigned = genuine(started, Signed::Assertion);
    refused("unsigned assertion",
            fx::withoutSignature(fx::rootElement(assertionSigned.xml)), started);
    const auto foreign = startLogin();
    auto spec = responseSpec(foreign, kVictim);
    refused("foreign key", sign(spec, 1).xml, foreign);
    const auto sha1 = startLogin();
    refused("SHA-1 signature",
            resigned(genuine(sha1, Signed::Both), "ada@acme.test<", "ada@acme.test<", fx::kSigRsaSha1), sha1);
    const auto sha1Digest = startLogin();
    refused("SHA-1 digest",
            resigned(genuine(sha1Digest, Signed::Both), "ada@acme.test<", "ada@acme.test<", fx::kSigRsaSha256,
                     fx::kDigestSha1),
            sha1Digest);
}

BOOST_FIXTURE_TEST_CASE(expired_and_misaddressed_responses_are_refused, AttackFixture) {
    const auto edits = std::vector<std::pair<std::string, std::function<void(saml::ResponseSpec&)>>>{
        {"expired", [](saml::ResponseSpec& s) { s.now -= std::chrono::hours(1); s.authnInstant -= std::chrono::hours(1); }},
        {"not yet valid", [](saml::ResponseSpec& s) { s.now += std::chrono::hours(1); }},
        {"wrong audience", [](saml::ResponseSpec& s) { s.audience = "https://other-sp.example/metadata"; }},
        {"wrong destination", [](saml::ResponseSpec& s) { s.destination = "https://other-sp.example/acs"; }},
        {"wrong issuer", [](saml::ResponseSpec& s) { s.issuer = "https://other-idp.example/saml"; }},
        {"unknown InResponseTo", [](saml::ResponseSpec& s) { s.inResponseTo = "_never-sent"; }},
        {"unsolicited", [](saml::ResponseSpec& s) { s.inResponseTo.reset(); }},
    };
    for (const auto& [name, edit] : edits) {
        const auto started = startLogin();
        auto spec = responseSpec(started, kVictim);
        edit(spec);
        refused(name, sign(spec).xml, started);
    }
    const auto started = startLogin();
    const auto recipient = resigned(genuine(started, Signed::Both), "Recipient=\"" + acsUrl() + "\"",
                                    "Recipient=\"https://other-sp.example/acs\"");
    refused("wrong recipient", recipient, started);
}

BOOST_FIXTURE_TEST_CASE(a_replayed_response_is_refused, AttackFixture) {
    const auto started = startLogin();
    const auto xml = genuine(started, Signed::Both).xml;
    BOOST_TEST(postAcs(xml, started.relayState).status == 302);
    const auto replay = postAcs(xml, started.relayState);
    BOOST_TEST(replay.status == 400);
    BOOST_TEST(replay.header("Location").empty());
    BOOST_TEST(sessionCount() == 1u);
    // The same assertion to a new request: the request is fresh but the assertion ID is not.
    const auto again = startLogin();
    BOOST_TEST(postAcs(xml, again.relayState).status == 400);
    BOOST_TEST(sessionCount() == 1u);
}

BOOST_FIXTURE_TEST_CASE(xxe_and_entity_expansion_are_refused, AttackFixture) {
    const auto started = startLogin();
    const auto root = fx::rootElement(genuine(started, Signed::Both).xml);
    refused("XXE",
            "<!DOCTYPE samlp:Response [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" +
                fx::replaceOnce(root, kVictim + "</saml:NameID>", "&xxe;</saml:NameID>"),
            started);
    std::string laughs = "<!DOCTYPE samlp:Response [<!ENTITY lol0 \"lol\">";
    for (int i = 1; i < 10; ++i) {
        std::string value;
        for (int j = 0; j < 10; ++j) value += "&lol" + std::to_string(i - 1) + ";";
        laughs += "<!ENTITY lol" + std::to_string(i) + " \"" + value + "\">";
    }
    refused("billion laughs", laughs + "]>" + fx::replaceOnce(root, kVictim + "</saml:NameID>", "&lol9;</saml:NameID>"),
            started);
}

BOOST_FIXTURE_TEST_CASE(a_forged_or_foreign_relay_state_is_refused, AttackFixture) {
    const auto started = startLogin();
    const auto xml = genuine(started, Signed::Both).xml;
    auto tampered = started.relayState;
    tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
    const auto r = postAcs(xml, tampered);
    BOOST_TEST(r.status == 400);
    BOOST_TEST(postAcs(xml, "").status == 400);
    BOOST_TEST(sessionCount() == 0u);
    BOOST_TEST(userCount() == users);
}

BOOST_FIXTURE_TEST_CASE(an_email_outside_the_connection_domains_is_refused, AttackFixture) {
    // acme's IdP asserting a user of another tenant.
    const auto started = startLogin();
    refused("foreign domain", sign(responseSpec(started, "ceo@beta.test")).xml, started);
    const auto noEmail = startLogin();
    auto spec = responseSpec(noEmail, "opaque-id-42");
    spec.nameIdFormat = saml::NameIdFormat::Persistent;
    spec.attributes.clear();
    refused("no email", sign(spec).xml, noEmail);
}

BOOST_AUTO_TEST_SUITE_END()
