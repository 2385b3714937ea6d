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

} // namespace

std::string renderLoginPage(const std::string& returnTo, const std::string& error) {
    std::string content = "<h1>Sign in to AuthCore</h1>";
    if (!error.empty()) content += "<p class=\"error\" role=\"alert\">" + htmlEscape(error) + "</p>";
    content += "<form method=\"post\" action=\"/login\">"
               "<input type=\"hidden\" name=\"return_to\" value=\"" + htmlEscape(returnTo) + "\">"
               "<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" "
               "autocomplete=\"username\" required autofocus>"
               "<label for=\"password\">Password</label><input id=\"password\" name=\"password\" "
               "type=\"password\" autocomplete=\"current-password\" required>"
               "<button type=\"submit\">Sign in</button></form>";
    return page("Sign in", content);
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
