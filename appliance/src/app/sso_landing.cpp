// SPDX-License-Identifier: Apache-2.0
#include "app/sso_landing.hpp"

#include "http/exchange.hpp"
#include "routes/login_page.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {
namespace {

std::string withParameter(const std::string& url, const std::string& name, const std::string& value) {
    const auto fragment = url.find('#');
    const auto base = url.substr(0, fragment);
    const char separator = base.find('?') == std::string::npos ? '?' : '&';
    return base + separator + name + "=" + urlEncode(value);
}

} // namespace

std::string checkedReturnUrl(const std::optional<std::string>& returnUrl, const std::string& frontendUrl) {
    if (!returnUrl) return frontendUrl;
    // isSafeReturnTo also admits paths on this server; a landing must be the frontend's.
    if (returnUrl->empty() || returnUrl->front() == '/' || !isSafeReturnTo(*returnUrl, frontendUrl))
        throw Error(ErrorCode::InvalidInput, "return_url must be a URL under frontend_url (" + frontendUrl + ")");
    return *returnUrl;
}

std::string landingLocation(const std::string& returnUrl, const SsoLoginOutcome& outcome) {
    return outcome.code.empty() ? withParameter(returnUrl, "link_token", outcome.linkToken)
                                : withParameter(returnUrl, "code", outcome.code);
}

} // namespace authcore::appliance
