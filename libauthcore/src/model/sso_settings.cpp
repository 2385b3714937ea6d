// SPDX-License-Identifier: Apache-2.0
// Reading the composite settings of an SSO connection.
#include <authcore/model/sso_options.hpp>

#include <sstream>

namespace authcore {

std::vector<std::string> ldapUrlList(const std::string& ldapUrl) {
    std::vector<std::string> urls;
    std::istringstream in(ldapUrl);
    for (std::string url; in >> url;) urls.push_back(std::move(url));
    return urls;
}

} // namespace authcore
