// SPDX-License-Identifier: Apache-2.0
// A SAML SSO connection end to end over real HTTP: SP metadata, the signed
// AuthnRequest, the ACS (JIT, linking, domain rule), the one-time code and its
// exchange, the API callback, IdP-initiated logout and the connection test.
#include "saml_sp_fixture.hpp"
#include "support/document_server.hpp"

#include <authcore/saml/logout.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::parseJson;
using test::SamlSpFixture;

namespace {

const std::string kAda = "ada@acme.test";

std::string jsonOf(const std::string& field, const std::string& value) {
    Poco::JSON::Object body;
    body.set(field, value);
    std::ostringstream out;
    body.stringify(out);
    return out.str();
}

/// Signs in as `email` through the IdP; the ACS's answer.
test::HttpResult ssoLogin(SamlSpFixture& f, const std::string& email) {
    const auto started = f.startLogin();
    return f.postAcs(f.sign(f.responseSpec(started, email)).xml, started.relayState);
}

std::string exchangeCode(SamlSpFixture& f, const std::string& code) {
    return f.post("/auth/sso/exchange", jsonOf("code", code)).body;
}

} // namespace

BOOST_AUTO_TEST_SUITE(appliance_saml_sp_flow)

BOOST_FIXTURE_TEST_CASE(sp_metadata_names_the_acs_slo_and_a_stable_signing_certificate, SamlSpFixture) {
    const auto r = get(kBase + "/metadata");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.header("Content-Type").find("application/samlmetadata+xml") == 0);
    BOOST_TEST(r.body.find("entityID=\"" + spEntityId() + "\"") != std::string::npos);
    BOOST_TEST(r.body.find("Location=\"" + acsUrl() + "\"") != std::string::npos);
    BOOST_TEST(r.body.find("Location=\"" + publicUrl() + kBase + "/slo\"") != std::string::npos);
    BOOST_TEST(r.body.find("AuthnRequestsSigned=\"true\"") != std::string::npos);
    BOOST_TEST(r.body.find("<ds:X509Certificate>") != std::string::npos);
    BOOST_TEST(get(kBase + "/metadata").body == r.body); // the key is made once and kept
}

BOOST_FIXTURE_TEST_CASE(unknown_inactive_and_other_protocol_slugs_answer_the_same_404, SamlSpFixture) {
    const auto oidc = post(kConnections, R"({"name":"Okta","protocol":"oidc","slug":"okta",
        "issuer_url":"https://okta.example.net","client_id":"c","client_secret":"s"})", ownerAuth);
    BOOST_REQUIRE(oidc.status == 201);
    const auto inactiveId = createConnection("sleepy", idpMetadata(), "[]", false);
    BOOST_REQUIRE(patch(kConnections + "/" + inactiveId, R"({"status":"inactive"})").status == 200);
    const auto reference = get("/auth/sso/no-such-slug/saml/metadata");
    BOOST_TEST(reference.status == 404);
    for (const std::string slug : {"no-such-slug", "okta", "sleepy"}) {
        for (const auto& r : {get("/auth/sso/" + slug + "/saml/metadata"), get("/auth/sso/" + slug + "/saml/login"),
                              get("/auth/sso/" + slug + "/saml/slo?SAMLRequest=x"),
                              post("/auth/sso/" + slug + "/saml/acs", "SAMLResponse=x")}) {
            BOOST_TEST(r.status == 404, slug);
            BOOST_TEST(r.body == reference.body, slug);
        }
    }
}

BOOST_FIXTURE_TEST_CASE(login_redirects_to_the_idp_with_a_signed_request_and_relay_state, SamlSpFixture) {
    const auto started = startLogin();
    BOOST_TEST(started.location.rfind(std::string(kIdpSso) + "?SAMLRequest=", 0) == 0);
    auto message = saml::decodeRedirect(test::rawQueryOf(started.location), "SAMLRequest");
    BOOST_REQUIRE(message.has_value());
    BOOST_REQUIRE(message->signature.has_value());
    BOOST_TEST(*message->sigAlg == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
    const auto metadata = get(kBase + "/metadata").body;
    const auto begin = metadata.find("<ds:X509Certificate>") + 20;
    auto spCertificate = saml::Certificate::fromPem(metadata.substr(begin, metadata.find('<', begin) - begin));
    BOOST_REQUIRE(spCertificate.has_value());
    BOOST_TEST(saml::verifyRedirectSignature(*message, *spCertificate).has_value());
    BOOST_TEST(started.requestXml.find("Destination=\"" + std::string(kIdpSso) + "\"") != std::string::npos);
    BOOST_TEST(started.requestXml.find("AssertionConsumerServiceURL=\"" + acsUrl() + "\"") != std::string::npos);
    BOOST_TEST(started.requestXml.find(">" + spEntityId() + "</saml:Issuer>") != std::string::npos);
    BOOST_TEST(started.relayState.find('.') != std::string::npos);
    BOOST_TEST(get(kBase + "/login?return_url=https%3A%2F%2Fevil.example%2F").status == 400);
}

BOOST_FIXTURE_TEST_CASE(first_login_provisions_the_user_and_the_code_exchanges_for_tokens, SamlSpFixture) {
    const auto users = userCount();
    const auto r = ssoLogin(*this, kAda);
    BOOST_REQUIRE_MESSAGE(r.status == 302, r.body);
    const auto location = r.header("Location");
    BOOST_TEST(location.rfind(context->config.frontendUrl(), 0) == 0);
    const auto code = test::queryValue(location, "code");
    BOOST_REQUIRE(!code.empty());
    BOOST_TEST(userCount() == users + 1);
    BOOST_TEST(sessionCount() == 1u);
    const auto user = context->db->users().findByEmail(kAda);
    BOOST_REQUIRE(user.has_value());
    BOOST_TEST(user->name == "Ada Lovelace");
    BOOST_TEST(user->passwordHash.empty());
    const auto membership = context->db->organizations().findMembership(organizationId, user->id);
    BOOST_REQUIRE(membership.has_value());
    BOOST_TEST((membership->role == Role::Member));

    const auto tokens = post("/auth/sso/exchange", jsonOf("code", code));
    BOOST_REQUIRE_MESSAGE(tokens.status == 200, tokens.body);
    const auto access = parseJson(tokens.body)->getValue<std::string>("access_token");
    const auto me = get("/api/v1/me", {{"Authorization", "Bearer " + access}});
    BOOST_TEST(me.status == 200);
    BOOST_TEST(me.body.find(kAda) != std::string::npos);
    BOOST_TEST(post("/auth/sso/exchange", jsonOf("code", code)).status == 400); // single use
}

BOOST_FIXTURE_TEST_CASE(return_url_under_the_frontend_is_where_the_browser_lands, SamlSpFixture) {
    const auto target = context->config.frontendUrl() + "/after/sso?tab=1";
    const auto started = startLogin("?return_url=" + test::urlEncode(target));
    const auto r = postAcs(sign(responseSpec(started, kAda)).xml, started.relayState);
    BOOST_REQUIRE_MESSAGE(r.status == 302, r.body);
    BOOST_TEST(r.header("Location").rfind(target + "&code=", 0) == 0);
}

BOOST_FIXTURE_TEST_CASE(a_password_user_confirms_the_link_once_then_signs_in_directly, SamlSpFixture) {
    createUser("pat@acme.test", "pat-password");
    const auto first = ssoLogin(*this, "pat@acme.test");
    BOOST_REQUIRE_MESSAGE(first.status == 302, first.body);
    const auto linkToken = test::queryValue(first.header("Location"), "link_token");
    BOOST_REQUIRE(!linkToken.empty());
    BOOST_TEST(test::queryValue(first.header("Location"), "code").empty());
    BOOST_TEST(sessionCount() == 0u);

    const auto wrong = post("/auth/sso/link/confirm", R"({"link_token":")" + linkToken + R"(","password":"nope"})");
    BOOST_TEST(wrong.status == 401);
    const auto right =
        post("/auth/sso/link/confirm", R"({"link_token":")" + linkToken + R"(","password":"pat-password"})");
    BOOST_REQUIRE_MESSAGE(right.status == 200, right.body);
    const auto code = parseJson(right.body)->getValue<std::string>("code");
    BOOST_TEST(parseJson(exchangeCode(*this, code))->has("access_token"));

    const auto second = ssoLogin(*this, "pat@acme.test");
    BOOST_REQUIRE_MESSAGE(second.status == 302, second.body);
    BOOST_TEST(!test::queryValue(second.header("Location"), "code").empty());
}

BOOST_FIXTURE_TEST_CASE(without_jit_an_unknown_user_is_forbidden_and_nothing_is_written, SamlSpFixture) {
    createConnection("beta-idp", idpMetadata(), R"(["beta.test"])", false);
    const auto users = userCount();
    const auto r = get("/auth/sso/beta-idp/saml/login");
    BOOST_REQUIRE(r.status == 302);
    auto message = saml::decodeRedirect(test::rawQueryOf(r.header("Location")), "SAMLRequest");
    BOOST_REQUIRE(message.has_value());
    const auto at = message->xml.find(" ID=\"") + 5;
    Started started{r.header("Location"), message->xml, message->xml.substr(at, message->xml.find('"', at) - at),
                    message->relayState.value_or("")};
    auto spec = responseSpec(started, "bob@beta.test");
    spec.destination = publicUrl() + "/auth/sso/beta-idp/saml/acs";
    spec.audience = publicUrl() + "/auth/sso/beta-idp/saml/metadata";
    const auto answer = test::httpRequest(port, "POST", "/auth/sso/beta-idp/saml/acs",
                                    "SAMLResponse=" + test::urlEncode(test::encodeBase64(sign(spec).xml)) +
                                        "&RelayState=" + test::urlEncode(started.relayState),
                                    {}, "application/x-www-form-urlencoded");
    BOOST_TEST(answer.status == 403);
    BOOST_TEST(userCount() == users);
}

BOOST_FIXTURE_TEST_CASE(api_callback_answers_the_identity, SamlSpFixture) {
    const auto started = startLogin();
    Poco::JSON::Object body;
    body.set("saml_response", test::encodeBase64(sign(responseSpec(started, kAda)).xml));
    body.set("relay_state", started.relayState);
    std::ostringstream json;
    body.stringify(json);
    const auto r = post("/api/v1/sso/saml/callback", json.str());
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    const auto out = parseJson(r.body);
    BOOST_TEST(out->getValue<std::string>("email") == kAda);
    BOOST_TEST(out->getValue<std::string>("name") == "Ada Lovelace");
    BOOST_TEST(out->getValue<std::string>("subject") == kAda);
    BOOST_TEST(out->getValue<std::string>("connection_id") == connectionId);
    BOOST_TEST(out->getValue<bool>("jit_provisioned"));
    BOOST_TEST(out->getValue<std::string>("user_id") == context->db->users().findByEmail(kAda)->id);
    BOOST_TEST(post("/api/v1/sso/saml/callback", json.str()).status == 400); // the request ID was consumed
}

BOOST_FIXTURE_TEST_CASE(idp_initiated_logout_ends_the_session_and_its_refresh_token, SamlSpFixture) {
    const auto r = ssoLogin(*this, kAda);
    BOOST_REQUIRE(r.status == 302);
    const auto tokens = parseJson(exchangeCode(*this, test::queryValue(r.header("Location"), "code")));
    const auto refresh = tokens->getValue<std::string>("refresh_token");
    BOOST_REQUIRE(sessionCount() == 1u);

    saml::LogoutRequestSpec spec;
    spec.issuer = kIdpEntityId;
    spec.destination = publicUrl() + kBase + "/slo";
    spec.nameId = kAda;
    spec.nameIdFormat = saml::NameIdFormat::EmailAddress;
    spec.sessionIndexes = {"_idp-session-1"};
    spec.now = std::chrono::system_clock::now();
    auto request = saml::buildLogoutRequest(spec);
    BOOST_REQUIRE(request.has_value());
    auto unsignedUrl = saml::encodeRedirect(spec.destination, "SAMLRequest", request->xml, std::nullopt, nullptr);
    BOOST_TEST(get(kBase + "/slo?" + test::rawQueryOf(*unsignedUrl)).status == 400);
    BOOST_TEST(sessionCount() == 1u);

    const auto credential = test::generatedCredential(0);
    auto signedUrl = saml::encodeRedirect(spec.destination, "SAMLRequest", request->xml, "relay-1", &credential);
    const auto answer = get(kBase + "/slo?" + test::rawQueryOf(*signedUrl));
    BOOST_REQUIRE_MESSAGE(answer.status == 302, answer.body);
    const auto location = answer.header("Location");
    BOOST_TEST(location.rfind(std::string(kIdpSlo) + "?SAMLResponse=", 0) == 0);
    BOOST_TEST(test::queryValue(location, "RelayState") == "relay-1");
    BOOST_TEST(!test::queryValue(location, "Signature").empty());
    BOOST_TEST(sessionCount() == 0u);
    const auto refreshed = test::httpRequest(port, "POST", "/v1/token",
                                       "grant_type=refresh_token&client_id=authcore-console&refresh_token=" +
                                           test::urlEncode(refresh),
                                       {}, "application/x-www-form-urlencoded");
    BOOST_TEST(refreshed.status == 400);
    BOOST_TEST(get(kBase + "/slo?" + test::rawQueryOf(*signedUrl)).status == 400); // replayed
}

BOOST_FIXTURE_TEST_CASE(connection_test_reads_the_metadata_by_xml_or_url, SamlSpFixture) {
    const auto ok = post(kConnections + "/" + connectionId + "/test", "{}", ownerAuth);
    BOOST_REQUIRE_MESSAGE(ok.status == 200, ok.body);
    BOOST_TEST(parseJson(ok.body)->getValue<bool>("success"));
    BOOST_TEST(parseJson(ok.body)->has("response_time_ms"));

    test::DocumentServer idp(idpMetadata());
    const auto byUrl = post(kConnections, R"({"name":"By URL","protocol":"saml","slug":"by-url",
        "idp_metadata_url":")" + idp.url() + R"("})", ownerAuth);
    BOOST_REQUIRE_MESSAGE(byUrl.status == 201, byUrl.body);
    const auto id = parseJson(byUrl.body)->getValue<std::string>("id");
    const auto fetched = parseJson(post(kConnections + "/" + id + "/test", "{}", ownerAuth).body);
    BOOST_TEST(fetched->getValue<bool>("success"));
    BOOST_TEST(idp.hits() == 1);
    BOOST_TEST(get("/auth/sso/by-url/saml/login").status == 302);

    idp.serve("<not-metadata/>");
    const auto broken = parseJson(post(kConnections + "/" + id + "/test", "{}", ownerAuth).body);
    BOOST_TEST(!broken->getValue<bool>("success"));
    BOOST_TEST(broken->getValue<std::string>("message").find("metadata") != std::string::npos);
    idp.serve("gone", 500);
    const auto down = parseJson(post(kConnections + "/" + id + "/test", "{}", ownerAuth).body);
    BOOST_TEST(!down->getValue<bool>("success"));
    BOOST_TEST(down->getValue<std::string>("message").find("500") != std::string::npos);
    // The login keeps the last good document while the IdP's URL fails.
    BOOST_TEST(get("/auth/sso/by-url/saml/login").status == 302);

    const auto graphql = post("/graphql", R"({"query":"mutation { testSsoConnection(orgSlug: \"acme\", id: \")" +
                                              connectionId + R"(\") { success message responseTimeMs } }"})",
                              ownerAuth);
    BOOST_TEST(graphql.status == 200);
    BOOST_TEST(graphql.body.find("\"success\":true") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
