// SPDX-License-Identifier: Apache-2.0
// A service as SAML IdP end to end: a real SP (Debian pysaml2) sends
// AuthnRequests, the browser signs in through /login, pysaml2 accepts our
// Responses, xmlsec1 verifies their signatures, and single logout round-trips.
#include "saml_idp_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>

using namespace authcore::test;

namespace {

constexpr const char* kMember = "member@example.com";
constexpr const char* kMemberPassword = "member-password";

/// Finishes an SP-initiated login whose first answer is `first`: without a
/// session we send the browser to /login, which brings it back to our form.
HttpResult finishLogin(SamlIdpFixture& f, const HttpResult& first) {
    if (first.status != 302) return first;
    const auto login = first.header("Location");
    BOOST_REQUIRE_MESSAGE(login.rfind("/login?return_to=", 0) == 0, "unexpected redirect " + login);
    f.signIn(kMember, kMemberPassword);
    return f.browse(queryOf("http://x" + login).at("return_to"));
}

/// Walks an SP-initiated login from the SP's redirect URL to our POST form.
HttpResult redirectLogin(SamlIdpFixture& f, const std::string& spUrl) {
    return finishLogin(f, f.browse(targetOf(spUrl)));
}

std::string spWants(bool signResponse, bool signAssertions) {
    return std::string(signResponse ? " --want-response-signed" : "") +
           (signAssertions ? " --want-assertions-signed" : "");
}

struct Ready : SamlIdpFixture {
    explicit Ready(bool signResponse = true, bool signAssertions = true, const std::string& extra = "") {
        expect(configure(signResponse, signAssertions, extra), 200);
        certificate = generateCertificate();
        metadataPath = saveMetadata();
    }
    std::string certificate;
};

int xmlsecVerify(SamlIdpFixture& f, const std::string& xml, const std::string& certificate) {
    std::ofstream(f.dir.file("verify.xml")) << xml;
    std::ofstream(f.dir.file("idp.crt")) << certificate;
    int status = 0;
    runCommand("/usr/bin/xmlsec1 --verify --pubkey-cert-pem " + shellQuote(f.dir.file("idp.crt")) +
                   " --id-attr:ID urn:oasis:names:tc:SAML:2.0:protocol:Response"
                   " --id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion " +
                   shellQuote(f.dir.file("verify.xml")),
               status);
    return status;
}

} // namespace

BOOST_AUTO_TEST_SUITE(appliance_saml_idp_flow)

BOOST_AUTO_TEST_CASE(pysaml2_accepts_our_response_for_every_signing_choice) {
    struct Case {
        bool signResponse, signAssertions;
        const char* binding; // unsigned requests, both bindings
    };
    for (const auto& c : {Case{true, true, "redirect"}, Case{true, false, "post"}, Case{false, true, "redirect"},
                          Case{false, false, "post"}}) {
        BOOST_TEST_CONTEXT("sign_response " << c.signResponse << ", sign_assertions " << c.signAssertions << ", "
                                            << c.binding) {
            Ready f(c.signResponse, c.signAssertions);
            const auto request = f.sp(std::string("authn-request --relay-state rs-1 --binding ") + c.binding);
            const auto form = std::string(c.binding) == "post"
                                  ? finishLogin(f, f.postForm(SamlIdpFixture::kSso, request->getObject("fields")))
                                  : redirectLogin(f, request->getValue<std::string>("url"));
            BOOST_REQUIRE_EQUAL(form.status, 200);
            BOOST_TEST(formAction(form.body) == SamlIdpFixture::kAcsUrl);
            BOOST_TEST(formValue(form.body, "RelayState") == "rs-1");
            BOOST_TEST(form.header("Cache-Control").find("no-store") != std::string::npos);
            const auto verdict = f.spAccepts(form.body, spWants(c.signResponse, c.signAssertions));
            BOOST_TEST(verdict->getValue<std::string>("name_id") == kMember);
            BOOST_TEST(verdict->getValue<bool>("response_signed") == c.signResponse);
            // Never unsigned: with neither flag set the assertion is signed.
            BOOST_TEST(verdict->getValue<bool>("assertion_signed") == (c.signAssertions || !c.signResponse));
            const auto attributes = verdict->getObject("attributes");
            BOOST_TEST(attributes->getArray("mail")->getElement<std::string>(0) == kMember);
            BOOST_TEST(attributes->getArray("role")->getElement<std::string>(0) == "member");
            BOOST_TEST(attributes->getArray("uid")->getElement<std::string>(0) == f.member.id);
        }
    }
}

BOOST_AUTO_TEST_CASE(signed_post_binding_request_is_verified_and_answered) {
    SamlIdpFixture f;
    f.requireSpSignatures();
    const auto request = f.sp("authn-request --binding post --sign");
    const auto form = f.postForm(SamlIdpFixture::kSso, request->getObject("fields"));
    BOOST_REQUIRE_EQUAL(form.status, 200);
    BOOST_TEST(f.spAccepts(form.body, spWants(true, true))->getValue<std::string>("name_id") == kMember);

    const auto redirect = f.sp("authn-request --binding redirect --sign");
    const auto second = f.browse(targetOf(redirect->getValue<std::string>("url")));
    BOOST_REQUIRE_EQUAL(second.status, 200);
    BOOST_TEST(f.spAccepts(second.body, spWants(true, true))->getValue<std::string>("name_id") == kMember);

    const auto unsigned_ = f.sp("authn-request --binding redirect");
    const auto refused = f.browse(targetOf(unsigned_->getValue<std::string>("url")));
    BOOST_TEST(refused.status == 400);
    BOOST_TEST(formValue(refused.body, "SAMLResponse").empty());
}

BOOST_AUTO_TEST_CASE(xmlsec1_verifies_our_signatures_with_the_published_certificate) {
    Ready f(true, true);
    const auto request = f.sp("authn-request --binding redirect");
    const auto form = redirectLogin(f, request->getValue<std::string>("url"));
    BOOST_REQUIRE_EQUAL(form.status, 200);
    const auto xml = decodeBase64(formValue(form.body, "SAMLResponse"));
    BOOST_TEST(xmlsecVerify(f, xml, f.certificate) == 0);
    auto tampered = xml;
    const auto at = tampered.find(kMember);
    BOOST_REQUIRE(at != std::string::npos);
    tampered.replace(at, 6, "mallor");
    BOOST_TEST(xmlsecVerify(f, tampered, f.certificate) != 0);
}

BOOST_AUTO_TEST_CASE(single_logout_round_trip_ends_the_idp_session) {
    Ready f;
    const auto request = f.sp("authn-request --binding redirect");
    const auto form = redirectLogin(f, request->getValue<std::string>("url"));
    const auto verdict = f.spAccepts(form.body, spWants(true, true));
    const auto logout = f.sp("logout-request --name-id " + std::string(kMember) + " --session-index " +
                             verdict->getValue<std::string>("session_index"));
    const auto answer = f.browse(targetOf(logout->getValue<std::string>("url")));
    BOOST_REQUIRE_EQUAL(answer.status, 302);
    const auto location = answer.header("Location");
    BOOST_REQUIRE(location.rfind(SamlIdpFixture::kSloUrl, 0) == 0);
    const auto done = f.sp("accept-logout-response --query " + shellQuote(location.substr(location.find('?') + 1)));
    BOOST_TEST(done->getValue<std::string>("status") == "urn:oasis:names:tc:SAML:2.0:status:Success");
    BOOST_TEST(f.browse("/").status == 302); // the IdP session is over: back to /login
}

BOOST_AUTO_TEST_CASE(single_logout_over_http_post_with_an_enveloped_signature) {
    SamlIdpFixture f;
    f.requireSpSignatures();
    const auto form = f.browse(targetOf(f.sp("authn-request --binding redirect --sign")->getValue<std::string>("url")));
    const auto verdict = f.spAccepts(form.body, spWants(true, true));
    const auto logout = f.sp("logout-request --binding post --relay-state bye --name-id " + std::string(kMember) +
                             " --session-index " + verdict->getValue<std::string>("session_index"));
    const auto answer = f.postForm("/saml/acme/app/slo", logout->getObject("fields"));
    BOOST_REQUIRE_EQUAL(answer.status, 302);
    const auto location = answer.header("Location");
    BOOST_REQUIRE(location.rfind(SamlIdpFixture::kSloUrl, 0) == 0);
    BOOST_TEST(queryOf(location).at("RelayState") == "bye");
    const auto done = f.sp("accept-logout-response --query " + shellQuote(location.substr(location.find('?') + 1)));
    BOOST_TEST(done->getValue<std::string>("status") == "urn:oasis:names:tc:SAML:2.0:status:Success");
    BOOST_TEST(f.browse("/").status == 302);
}

BOOST_AUTO_TEST_CASE(passive_request_without_a_session_gets_a_signed_no_passive_status) {
    Ready f;
    const auto request = f.sp("authn-request --binding redirect --passive");
    const auto form = f.browse(targetOf(request->getValue<std::string>("url")));
    BOOST_REQUIRE_EQUAL(form.status, 200); // no sign-in page
    const auto xml = decodeBase64(formValue(form.body, "SAMLResponse"));
    BOOST_TEST(xml.find("urn:oasis:names:tc:SAML:2.0:status:NoPassive") != std::string::npos);
    BOOST_TEST(xml.find("Assertion") == std::string::npos);
    BOOST_TEST(xmlsecVerify(f, xml, f.certificate) == 0);
    f.spAccepts(form.body, spWants(true, false), false);
    BOOST_TEST(f.lastSpOutput.find("NoPassive") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(force_authn_makes_a_signed_in_user_sign_in_again) {
    Ready f;
    f.signIn(kMember, kMemberPassword);
    const auto before = f.session;
    const auto request = f.sp("authn-request --binding redirect --force-authn");
    const auto first = f.browse(targetOf(request->getValue<std::string>("url")));
    BOOST_REQUIRE_EQUAL(first.status, 302);
    BOOST_TEST(first.header("Location").rfind("/login?return_to=", 0) == 0);
    const auto form = finishLogin(f, first);
    BOOST_TEST(f.session != before);
    BOOST_TEST(f.spAccepts(form.body, spWants(true, true))->getValue<std::string>("name_id") == kMember);
}

BOOST_AUTO_TEST_CASE(idp_initiated_sso_posts_an_unsolicited_response) {
    Ready f;
    f.signIn(kMember, kMemberPassword);
    const auto form = f.browse(SamlIdpFixture::kSso);
    BOOST_REQUIRE_EQUAL(form.status, 200);
    const auto xml = decodeBase64(formValue(form.body, "SAMLResponse"));
    BOOST_TEST(xml.find("InResponseTo") == std::string::npos);
    BOOST_TEST(xml.find(std::string("Destination=\"") + SamlIdpFixture::kAcsUrl + "\"") != std::string::npos);
    BOOST_TEST(xmlsecVerify(f, xml, f.certificate) == 0);
}

BOOST_AUTO_TEST_CASE(metadata_lists_the_next_certificate_during_rollover) {
    Ready f;
    const auto before = f.get("/saml/acme/app/metadata");
    BOOST_TEST(before.header("Content-Type").find("application/samlmetadata+xml") == 0);
    const auto next = SamlIdpFixture::expect(f.post(SamlIdpFixture::kService + "/saml/certificate/next", "", f.ownerAuth), 200);
    const auto nextPem = parseJson(next.body)->getValue<std::string>("public_key");
    const auto during = f.get("/saml/acme/app/metadata").body;
    auto count = [](const std::string& text) {
        std::size_t n = 0;
        for (auto at = text.find("KeyDescriptor use=\"signing\""); at != std::string::npos;
             at = text.find("KeyDescriptor use=\"signing\"", at + 1))
            ++n;
        return n;
    };
    BOOST_TEST(count(before.body) == 1u);
    BOOST_TEST(count(during) == 2u);
    SamlIdpFixture::expect(f.post(SamlIdpFixture::kService + "/saml/certificate/next/activate", "", f.ownerAuth), 200);
    f.metadataPath = f.saveMetadata();
    // Responses are now signed with the new key, and the SP trusts it from metadata.
    const auto request = f.sp("authn-request --binding redirect");
    const auto form = redirectLogin(f, request->getValue<std::string>("url"));
    BOOST_TEST(f.spAccepts(form.body, spWants(true, true))->getValue<std::string>("name_id") == kMember);
    BOOST_TEST(xmlsecVerify(f, decodeBase64(formValue(form.body, "SAMLResponse")), nextPem) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
