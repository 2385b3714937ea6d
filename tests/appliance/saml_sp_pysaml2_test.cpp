// SPDX-License-Identifier: Apache-2.0
// A SAML SSO connection whose IdP is Debian's pysaml2 (tests/interop/pysaml2_idp.py,
// its own key): the browser's round trip through our login, pysaml2's sign-in,
// our ACS, the code exchange, and pysaml2-initiated single logout.
#include "saml_sp_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>

using namespace authcore;
using test::parseJson;

namespace {

constexpr const char* kIdpEntity = "http://127.0.0.1:9/pysaml2/idp";
constexpr const char* kIdpSso = "http://127.0.0.1:9/pysaml2/sso";
constexpr const char* kIdpSlo = "http://127.0.0.1:9/pysaml2/slo";

struct Pysaml2IdpFixture : test::SamlSpFixture {
    // As an administrator would: create the connection, hand our SP metadata to
    // the IdP, then give the connection the IdP's metadata.
    Pysaml2IdpFixture() {
        const auto id = createConnection(slug, idpMetadata(), R"(["pysaml2.test"])", true);
        std::ofstream(dir.file("sp.xml")) << get("/auth/sso/pysaml2/saml/metadata").body;
        Poco::JSON::Object body;
        body.set("idp_metadata_xml", parseJson(idp("metadata", ""))->getValue<std::string>("xml"));
        std::ostringstream json;
        body.stringify(json);
        const auto r = patch(kConnections + "/" + id, json.str());
        if (r.status != 200) throw std::runtime_error("PATCH connection: " + r.body);
    }

    /// Runs pysaml2_idp.py; its JSON answer (exit 1 throws with its error).
    std::string idp(const std::string& command, const std::string& args) {
        int status = 0;
        const auto output = test::runCommand(
            "/usr/bin/python3 " + test::shellQuote(sourceRoot() + "/tests/interop/pysaml2_idp.py") + " " + command +
                " --state " + test::shellQuote(dir.file("idp-state")) + " --entity-id " + kIdpEntity + " --sso-url " +
                kIdpSso + " --slo-url " + kIdpSlo + " --sp-metadata " + test::shellQuote(dir.file("sp.xml")) + " " +
                args,
            status);
        if (status != 0) throw std::runtime_error("pysaml2_idp.py " + command + ": " + output);
        return output.substr(output.find('{'));
    }
    static std::string sourceRoot() {
        const char* root = std::getenv("AUTHCORE_SOURCE_ROOT");
        return root ? root : ".";
    }

    /// Our login → pysaml2 signs `email` in → our ACS; the ACS's answer.
    test::HttpResult signIn(const std::string& email, const std::string& extra = "") {
        const auto login = get("/auth/sso/" + slug + "/saml/login");
        if (login.status != 302) throw std::runtime_error("login answered " + std::to_string(login.status));
        const auto answer = parseJson(idp("login", "--request-url " + test::shellQuote(login.header("Location")) +
                                                       " --user-email " + email + " --name 'Ada Lovelace' " + extra));
        lastSessionIndex = answer->getValue<std::string>("session_index");
        const auto acs = answer->getValue<std::string>("acs_url");
        if (acs != publicUrl() + "/auth/sso/" + slug + "/saml/acs") throw std::runtime_error("pysaml2 posts to " + acs);
        return test::httpRequest(port, "POST", test::targetOf(acs),
                                 "SAMLResponse=" + test::urlEncode(answer->getValue<std::string>("saml_response")) +
                                     "&RelayState=" + test::urlEncode(answer->getValue<std::string>("relay_state")),
                                 {}, "application/x-www-form-urlencoded");
    }

    std::string slug = "pysaml2";
    std::string lastSessionIndex;
};

} // namespace

BOOST_AUTO_TEST_SUITE(interop_saml_sp_pysaml2)

BOOST_FIXTURE_TEST_CASE(pysaml2_signs_a_user_in_and_the_code_becomes_tokens, Pysaml2IdpFixture) {
    const auto r = signIn("ada@pysaml2.test");
    BOOST_REQUIRE_MESSAGE(r.status == 302, r.body);
    const auto code = test::queryValue(r.header("Location"), "code");
    BOOST_REQUIRE(!code.empty());
    const auto tokens = post("/auth/sso/exchange", R"({"code":")" + code + "\"}");
    BOOST_REQUIRE_MESSAGE(tokens.status == 200, tokens.body);
    const auto me = get("/api/v1/me",
                        {{"Authorization", "Bearer " + parseJson(tokens.body)->getValue<std::string>("access_token")}});
    BOOST_TEST(me.body.find("ada@pysaml2.test") != std::string::npos);
    const auto user = context->db->users().findByEmail("ada@pysaml2.test");
    BOOST_REQUIRE(user.has_value());
    BOOST_TEST(user->name == "Ada Lovelace");
}

BOOST_FIXTURE_TEST_CASE(each_signing_choice_of_pysaml2_is_accepted, Pysaml2IdpFixture) {
    for (const std::string choice : {"--sign-response yes --sign-assertion no", "--sign-response no --sign-assertion yes"}) {
        const auto r = signIn("ada@pysaml2.test", choice);
        BOOST_TEST(r.status == 302, choice << ": " << r.body);
        BOOST_TEST(!test::queryValue(r.header("Location"), "code").empty(), choice);
    }
}

BOOST_FIXTURE_TEST_CASE(a_response_for_another_audience_is_refused, Pysaml2IdpFixture) {
    const auto users = userCount();
    const auto r = signIn("ada@pysaml2.test", "--audience https://other-sp.example/metadata");
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.body.find("audience_mismatch") != std::string::npos, r.body);
    BOOST_TEST(userCount() == users);
    BOOST_TEST(sessionCount() == 0u);
}

BOOST_FIXTURE_TEST_CASE(pysaml2_initiated_logout_ends_the_session_and_accepts_our_answer, Pysaml2IdpFixture) {
    BOOST_REQUIRE(signIn("ada@pysaml2.test").status == 302);
    BOOST_REQUIRE(sessionCount() == 1u);
    const auto request = parseJson(idp("logout-request", "--name-id ada@pysaml2.test --session-index " +
                                                              lastSessionIndex + " --destination " + publicUrl() +
                                                              "/auth/sso/" + slug + "/saml/slo"));
    const auto answer = get(test::targetOf(request->getValue<std::string>("url")));
    BOOST_REQUIRE_MESSAGE(answer.status == 302, answer.body);
    BOOST_TEST(sessionCount() == 0u);
    const auto location = answer.header("Location");
    BOOST_REQUIRE(location.rfind(std::string(kIdpSlo) + "?", 0) == 0);
    const auto verdict = parseJson(idp("accept-logout-response", "--query " + test::shellQuote(test::rawQueryOf(location))));
    BOOST_TEST(verdict->getValue<std::string>("status").find("Success") != std::string::npos);
    BOOST_TEST(verdict->getValue<std::string>("in_response_to") == request->getValue<std::string>("request_id"));
}

BOOST_AUTO_TEST_SUITE_END()
