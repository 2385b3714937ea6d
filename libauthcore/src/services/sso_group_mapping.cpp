// SPDX-License-Identifier: Apache-2.0
#include <authcore/services/sso_group_mapping.hpp>

#include <algorithm>
#include <cctype>

namespace authcore {
namespace {

std::string folded(const std::string& dn) {
    const auto first = dn.find_first_not_of(' ');
    if (first == std::string::npos) return "";
    std::string out = dn.substr(first, dn.find_last_not_of(' ') - first + 1);
    for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

} // namespace

SsoGroupGrants mapSsoGroups(const std::vector<SsoMapping>& mapping, const std::vector<std::string>& groups) {
    std::vector<std::string> held;
    held.reserve(groups.size());
    for (const auto& group : groups) held.push_back(folded(group));
    SsoGroupGrants grants;
    for (const auto& [group, value] : mapping) {
        if (std::find(held.begin(), held.end(), folded(group)) == held.end()) continue;
        if (const auto role = parseRole(value)) {
            if (!grants.role || *role > *grants.role) grants.role = role;
        } else if (std::find(grants.scopes.begin(), grants.scopes.end(), value) == grants.scopes.end()) {
            grants.scopes.push_back(value);
        }
    }
    return grants;
}

} // namespace authcore
