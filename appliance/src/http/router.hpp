// SPDX-License-Identifier: Apache-2.0
// Router: method + path pattern (`/api/v1/organizations/{org}`) to a handler.
#pragma once

#include "http/exchange.hpp"

#include <functional>
#include <string>
#include <vector>

namespace authcore::appliance {

using Handler = std::function<void(Exchange&)>;

class Router {
public:
    /// `pattern` segments in braces capture one path segment.
    void add(std::string method, std::string pattern, Handler handler);
    /// Finds the route, fills exchange.params and exchange.route; false when
    /// nothing matches. `methodAllowed` tells whether the path exists under another method.
    const Handler* match(Exchange& exchange, bool& methodAllowed) const;
    /// Every route as "METHOD pattern", in the order they were added (for the OpenAPI check).
    std::vector<std::string> describe() const;

private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
    };
    std::vector<Route> routes_;
};

} // namespace authcore::appliance
