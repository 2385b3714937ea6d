// SPDX-License-Identifier: Apache-2.0
// Server-rendered login HTML, no scripts, so the CSP can forbid them all.
#include "routes/login_page.hpp"

#include "http/exchange.hpp"

namespace authcore::appliance {
namespace {

const char* const kStyle =
    "body{font-family:system-ui,sans-serif;background:#f4f5f7;display:flex;justify-content:center;"
    "padding-top:10vh}main{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002;"
    "width:20rem}label{display:block;margin:.8rem 0 .3rem}input{width:100%;padding:.5rem;box-sizing:border-box}"
    "button{margin-top:1.2rem;width:100%;padding:.6rem}.error{color:#b00020}";

std::string page(const std::string& title, const std::string& content) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
           "content=\"width=device-width\"><title>" + title + "</title><style>" + kStyle +
           "</style></head><body><main>" + content + "</main></body></html>";
}

/// A sign-in form: one hidden field, a user field and a password.
struct SignInForm {
    std::string heading, action, hiddenName, hiddenValue;
    std::string userField, userLabel, userType; ///< e.g. email, Email, email
};

std::string signInPage(const SignInForm& f, const std::string& error) {
    std::string content = "<h1>" + htmlEscape(f.heading) + "</h1>";
    if (!error.empty()) content += "<p class=\"error\" role=\"alert\">" + htmlEscape(error) + "</p>";
    content += "<form method=\"post\" action=\"" + htmlEscape(f.action) + "\">"
               "<input type=\"hidden\" name=\"" + f.hiddenName + "\" value=\"" + htmlEscape(f.hiddenValue) + "\">"
               "<label for=\"" + f.userField + "\">" + f.userLabel + "</label><input id=\"" + f.userField +
               "\" name=\"" + f.userField + "\" type=\"" + f.userType + "\" "
               "autocomplete=\"username\" required autofocus>"
               "<label for=\"password\">Password</label><input id=\"password\" name=\"password\" "
               "type=\"password\" autocomplete=\"current-password\" required>"
               "<button type=\"submit\">Sign in</button></form>";
    return page("Sign in", content);
}

} // namespace

std::string renderLoginPage(const std::string& returnTo, const std::string& error) {
    return signInPage({"Sign in to AuthCore", "/login", "return_to", returnTo, "email", "Email", "email"}, error);
}

std::string renderLdapLoginPage(const std::string& slug, const std::string& returnUrl, const std::string& error) {
    return signInPage({"Sign in with your directory account", "/auth/sso/" + slug + "/ldap/login", "return_url",
                       returnUrl, "username", "Username", "text"},
                      error);
}

void sendLoginHtml(Exchange& ex, int status, const std::string& html) {
    ex.noStore();
    ex.response().set("X-Frame-Options", "DENY");
    ex.response().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    ex.sendText(status, "text/html; charset=utf-8", html);
}

bool isSameOriginPost(Exchange& ex, const std::string& publicUrl) {
    // A cross-site form post carries a foreign Origin; refusing it stops login
    // CSRF without a token field the API contract does not have.
    const auto origin = ex.header("Origin");
    if (!origin || *origin == "null") return !origin.has_value();
    return *origin == publicUrl.substr(0, publicUrl.find('/', publicUrl.find("//") + 2));
}

std::string renderMessagePage(const std::string& title, const std::string& message) {
    return page(htmlEscape(title), "<h1>" + htmlEscape(title) + "</h1><p class=\"error\" role=\"alert\">" +
                                       htmlEscape(message) + "</p>");
}

std::string renderSignedInPage(const std::string& email) {
    return page("AuthCore", "<h1>AuthCore</h1><p>Signed in as <strong>" + htmlEscape(email) +
                                "</strong>.</p><form method=\"post\" action=\"/logout\">"
                                "<button type=\"submit\">Sign out</button></form>");
}

bool isSafeReturnTo(const std::string& returnTo, const std::string& frontendUrl) {
    for (unsigned char c : returnTo)
        if (c < 0x20 || c == 0x7f || c == '\\') return false;
    if (returnTo.size() > 2048) return false;
    if (!returnTo.empty() && returnTo[0] == '/') return returnTo.size() == 1 || returnTo[1] != '/';
    if (frontendUrl.empty() || returnTo.compare(0, frontendUrl.size(), frontendUrl) != 0) return false;
    if (returnTo.size() == frontendUrl.size()) return true;
    const char next = returnTo[frontendUrl.size()];
    return next == '/' || next == '?' || next == '#';
}

} // namespace authcore::appliance

namespace authcore::appliance {

std::string safeReturnTo(const std::string& requested, const std::string& frontendUrl) {
    std::string target(1, '/');
    if (isSafeReturnTo(requested, frontendUrl)) target = requested;
    return target;
}

} // namespace authcore::appliance
