// SPDX-License-Identifier: Apache-2.0
// Linear segment matching: a few dozen routes, no need for a trie.
#include "http/router.hpp"

namespace authcore::appliance {
namespace {

std::vector<std::string> split(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 1;
    while (start <= path.size()) {
        auto end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        parts.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
             std::map<std::string, std::string>& params) {
    if (pattern.size() != path.size()) return false;
    std::map<std::string, std::string> captured;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const auto& p = pattern[i];
        if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
            if (path[i].empty()) return false;
            captured[p.substr(1, p.size() - 2)] = path[i];
        } else if (p != path[i]) {
            return false;
        }
    }
    params = std::move(captured);
    return true;
}

} // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
    auto segments = split(pattern);
    routes_.push_back(Route{std::move(method), std::move(pattern), std::move(segments), std::move(handler)});
}

const Handler* Router::match(Exchange& exchange, bool& methodAllowed) const {
    methodAllowed = false;
    const auto path = split(exchange.path());
    const auto& method = exchange.method() == "HEAD" ? std::string("GET") : exchange.method();
    for (const auto& route : routes_) {
        std::map<std::string, std::string> params;
        if (!matches(route.segments, path, params)) continue;
        if (route.method != method) {
            methodAllowed = true;
            continue;
        }
        exchange.params = std::move(params);
        exchange.route = route.pattern;
        return &route.handler;
    }
    return nullptr;
}

std::vector<std::string> Router::describe() const {
    std::vector<std::string> out;
    out.reserve(routes_.size());
    for (const auto& route : routes_) out.push_back(route.method + " " + route.pattern);
    return out;
}

} // namespace authcore::appliance
