// SPDX-License-Identifier: Apache-2.0
// Attacks on the service-as-IdP endpoints: each is refused with an error page,
// never a SAML Response, and ends or opens no session.
#include "saml_idp_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <Poco/Base64Encoder.h>

using namespace authcore::test;

namespace {

struct Configured : SamlIdpFixture {
    Configured() {
        expect(configure(true, true), 200);
        certificate = generateCertificate();
        metadataPath = saveMetadata();
        signIn("member@example.com", "member-password");
    }
    /// Our answer to a fresh pysaml2 request (redirect binding).
    HttpResult answer(const std::string& args = "") {
        return browse(targetOf(sp("authn-request --binding redirect " + args)->getValue<std::string>("url")));
    }
    std::string certificate;
};

bool carriesResponse(const HttpResult& r) { return r.body.find("SAMLResponse") != std::string::npos; }

std::string base64(const std::string& text) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << text;
    encoder.close();
    return out.str();
}

} // namespace

BOOST_AUTO_TEST_SUITE(appliance_security_saml_idp)

BOOST_AUTO_TEST_CASE(disabled_configuration_shows_an_error_page_and_no_response) {
    Configured f;
    const auto body = std::string(R"({"enabled":false,"entity_id":")") + SamlIdpFixture::kSpEntityId +
                      R"(","acs_url":")" + SamlIdpFixture::kAcsUrl +
                      R"(","name_id_format":"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",)"
                      R"("attribute_mapping":{},"sign_response":true,"sign_assertions":true})";
    SamlIdpFixture::expect(httpRequest(f.port, "PUT", SamlIdpFixture::kService + "/saml", body, f.ownerAuth), 200);
    const auto r = f.answer();
    BOOST_TEST(r.status == 403);
    BOOST_TEST(!carriesResponse(r));
    BOOST_TEST(f.browse(SamlIdpFixture::kSso).status == 403); // IdP-initiated too
}

BOOST_AUTO_TEST_CASE(missing_certificate_shows_an_error_page_and_no_response) {
    SamlIdpFixture f;
    SamlIdpFixture::expect(f.configure(true, true), 200);
    BOOST_TEST(f.get("/saml/acme/app/metadata").status == 404);
    f.signIn("member@example.com", "member-password");
    const auto r = f.browse(SamlIdpFixture::kSso);
    BOOST_TEST(r.status == 503);
    BOOST_TEST(!carriesResponse(r));
}

BOOST_AUTO_TEST_CASE(unknown_service_and_unconfigured_service_answer_the_same_404) {
    SamlIdpFixture f;
    const auto unknown = f.get("/saml/acme/nope/metadata");
    const auto unconfigured = f.get("/saml/acme/app/metadata");
    BOOST_TEST(unknown.status == 404);
    BOOST_TEST(unconfigured.status == 404);
    BOOST_TEST(unknown.body == unconfigured.body);
    BOOST_TEST(f.get("/saml/nobody/app/sso").status == 404);
}

BOOST_AUTO_TEST_CASE(replayed_authn_request_is_refused) {
    Configured f;
    const auto url = f.sp("authn-request --binding redirect")->getValue<std::string>("url");
    BOOST_TEST(f.browse(targetOf(url)).status == 200);
    const auto again = f.browse(targetOf(url));
    BOOST_TEST(again.status == 400);
    BOOST_TEST(!carriesResponse(again));
}

BOOST_AUTO_TEST_CASE(request_from_another_sp_or_for_another_acs_is_refused) {
    Configured f;
    int status = 0;
    const auto other = runCommand("/usr/bin/python3 " + shellQuote(SamlIdpFixture::sourceRoot() +
                                                                   "/tests/interop/pysaml2_sp.py") +
                                      " authn-request --state " + shellQuote(f.dir.file("other-sp")) +
                                      " --entity-id https://evil.example.com/sp --acs-url " +
                                      SamlIdpFixture::kAcsUrl + " --slo-url " + SamlIdpFixture::kSloUrl +
                                      " --idp-metadata " + shellQuote(f.metadataPath),
                                  status);
    BOOST_REQUIRE_EQUAL(status, 0);
    const auto foreign = f.browse(targetOf(parseJson(other.substr(other.find('{')))->getValue<std::string>("url")));
    BOOST_TEST(foreign.status == 400);
    BOOST_TEST(foreign.body.find("unknown_issuer") != std::string::npos);

    const auto elsewhere = runCommand("/usr/bin/python3 " + shellQuote(SamlIdpFixture::sourceRoot() +
                                                                       "/tests/interop/pysaml2_sp.py") +
                                          " authn-request --state " + shellQuote(f.dir.file("acs-sp")) +
                                          " --entity-id " + SamlIdpFixture::kSpEntityId +
                                          " --acs-url http://127.0.0.1:9/attacker/acs --slo-url " +
                                          SamlIdpFixture::kSloUrl + " --idp-metadata " + shellQuote(f.metadataPath),
                                      status);
    const auto redirected = f.browse(targetOf(parseJson(elsewhere.substr(elsewhere.find('{')))->getValue<std::string>("url")));
    BOOST_TEST(redirected.status == 400);
    BOOST_TEST(!carriesResponse(redirected));
}

BOOST_AUTO_TEST_CASE(tampered_or_stripped_request_signature_is_refused_when_signing_is_required) {
    SamlIdpFixture f;
    f.requireSpSignatures();
    auto url = f.sp("authn-request --binding redirect --sign --relay-state original")->getValue<std::string>("url");
    auto tampered = url;
    tampered.replace(tampered.find("RelayState=original"), 19, "RelayState=modified");
    const auto r = f.browse(targetOf(tampered));
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.body.find("signature_invalid") != std::string::npos);
    const auto stripped = url.substr(0, url.find("&SigAlg="));
    BOOST_TEST(f.browse(targetOf(stripped)).status == 400);
    BOOST_TEST(f.browse(targetOf(url)).status == 200); // the untouched one still works
}

BOOST_AUTO_TEST_CASE(hostile_xml_in_a_post_request_is_refused) {
    Configured f;
    const std::string xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_a\" Version=\"2.0\" "
        "IssueInstant=\"2026-01-01T00:00:00Z\"><saml:Issuer xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">&x;"
        "</saml:Issuer></samlp:AuthnRequest>";
    const auto r = httpRequest(f.port, "POST", SamlIdpFixture::kSso, "SAMLRequest=" + urlEncode(base64(xxe)),
                               f.browserHeaders(), "application/x-www-form-urlencoded");
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.body.find("root:") == std::string::npos);
    BOOST_TEST(!carriesResponse(r));
}

BOOST_AUTO_TEST_CASE(single_logout_needs_slo_url_and_a_valid_signature) {
    SamlIdpFixture f;
    f.requireSpSignatures();
    const auto form = f.browse(targetOf(f.sp("authn-request --binding redirect --sign")->getValue<std::string>("url")));
    const auto verdict = f.spAccepts(form.body, "--want-response-signed");
    const auto logout = f.sp("logout-request --name-id member@example.com --session-index " +
                             verdict->getValue<std::string>("session_index"))
                            ->getValue<std::string>("url");
    auto tampered = logout;
    const auto at = tampered.find("Signature=") + 10;
    tampered[at] = tampered[at] == 'A' ? 'B' : 'A';
    BOOST_TEST(f.browse(targetOf(tampered)).status == 400);
    BOOST_TEST(f.browse("/").status == 200); // still signed in

    const auto body = std::string(R"({"enabled":true,"entity_id":")") + SamlIdpFixture::kSpEntityId +
                      R"(","acs_url":")" + SamlIdpFixture::kAcsUrl +
                      R"(","name_id_format":"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",)"
                      R"("attribute_mapping":{},"sign_response":true,"sign_assertions":true})";
    SamlIdpFixture::expect(httpRequest(f.port, "PUT", SamlIdpFixture::kService + "/saml", body, f.ownerAuth), 200);
    const auto r = f.browse(targetOf(logout));
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.body.find("slo_url") != std::string::npos);
    BOOST_TEST(f.browse("/").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
