// SPDX-License-Identifier: Apache-2.0
// GET/POST /login, the authcore_session cookie, return_to and cross-site posts.
#include "appliance_fixture.hpp"

#include "routes/login_page.hpp"

#include <boost/test/unit_test.hpp>

using namespace authcore;

namespace {

struct BrowserFixture : test::ApplianceFixture {
    BrowserFixture() { createUser("alice@example.com", "alice-password"); }
    test::HttpResult postLogin(const std::string& form, const std::map<std::string, std::string>& headers = {}) {
        return test::httpRequest(port, "POST", "/login", form, headers, "application/x-www-form-urlencoded");
    }
};

std::string cookiePair(const test::HttpResult& r) {
    const auto header = r.header("Set-Cookie");
    return header.substr(0, header.find(';'));
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(appliance_browser_login, BrowserFixture)

BOOST_AUTO_TEST_CASE(login_form_is_served_with_escaped_return_to) {
    auto r = get("/login?return_to=%2Fa%22%3E%3Cscript%3E");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.header("Content-Type").find("text/html") == 0);
    BOOST_TEST(r.body.find("<script>") == std::string::npos);
    BOOST_TEST(r.body.find("/a&quot;&gt;&lt;script&gt;") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(good_login_sets_hardened_cookie_and_redirects) {
    auto r = postLogin("email=alice%40example.com&password=alice-password&return_to=%2Fconsole");
    BOOST_TEST(r.status == 302);
    BOOST_TEST(r.header("Location") == "/console");
    const auto cookie = r.header("Set-Cookie");
    BOOST_TEST(cookie.rfind("authcore_session=", 0) == 0);
    BOOST_TEST(cookie.find("HttpOnly") != std::string::npos);
    BOOST_TEST(cookie.find("SameSite=Lax") != std::string::npos);
    BOOST_TEST(cookie.find("Secure") == std::string::npos); // public_url is http here
    auto home = get("/", {{"Cookie", cookiePair(r)}});
    BOOST_TEST(home.status == 200);
    BOOST_TEST(home.body.find("alice@example.com") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_password_gets_401_form_and_no_cookie) {
    auto r = postLogin("email=alice%40example.com&password=nope-nope&return_to=%2F");
    BOOST_TEST(r.status == 401);
    BOOST_TEST(r.header("Set-Cookie").empty());
    BOOST_TEST(r.body.find("Invalid email or password") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(open_redirect_return_to_is_replaced_by_root) {
    for (const std::string target : {"https%3A%2F%2Fevil.example", "%2F%2Fevil.example", "%2F%5Cevil.example",
                                     "http%3A%2F%2F127.0.0.1%3A1.evil.example"}) {
        auto r = postLogin("email=alice%40example.com&password=alice-password&return_to=" + target);
        BOOST_TEST(r.status == 302);
        BOOST_TEST(r.header("Location") == "/");
    }
}

BOOST_AUTO_TEST_CASE(return_to_under_frontend_url_is_allowed) {
    const auto frontend = context->config.frontendUrl();
    BOOST_TEST(appliance::isSafeReturnTo(frontend + "/app?x=1", frontend));
    BOOST_TEST(!appliance::isSafeReturnTo(frontend + ".evil.example/", frontend));
    BOOST_TEST(!appliance::isSafeReturnTo("javascript:alert(1)", frontend));
}

BOOST_AUTO_TEST_CASE(cross_site_post_is_refused_and_no_session_created) {
    auto r = postLogin("email=alice%40example.com&password=alice-password", {{"Origin", "https://evil.example"}});
    BOOST_TEST(r.status == 403);
    BOOST_TEST(r.header("Set-Cookie").empty());
}

BOOST_AUTO_TEST_CASE(logout_ends_the_session) {
    auto login = postLogin("email=alice%40example.com&password=alice-password");
    const auto cookie = cookiePair(login);
    BOOST_TEST(get("/", {{"Cookie", cookie}}).status == 200);
    auto out = test::httpRequest(port, "POST", "/logout", "", {{"Cookie", cookie}});
    BOOST_TEST(out.status == 302);
    BOOST_TEST(get("/", {{"Cookie", cookie}}).status == 302);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(appliance_browser_login_secure)

BOOST_AUTO_TEST_CASE(https_public_url_marks_cookie_secure) {
    test::ApplianceFixture app(std::map<std::string, std::string>{{"AUTHCORE_PUBLIC_URL", "https://auth.example.com"}});
    app.createUser("alice@example.com", "alice-password");
    auto r = test::httpRequest(app.port, "POST", "/login", "email=alice%40example.com&password=alice-password", {},
                               "application/x-www-form-urlencoded");
    BOOST_TEST(r.status == 302);
    BOOST_TEST(r.header("Set-Cookie").find("; Secure") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
