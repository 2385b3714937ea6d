// SPDX-License-Identifier: Apache-2.0
// Server options from the configuration.
#include "app/server_setup.hpp"

#include <algorithm>
#include <thread>

namespace authcore::appliance {

ServerOptions serverOptionsFrom(const Config& config) {
    ServerOptions options;
    options.address = config.get("http.address");
    options.port = static_cast<unsigned short>(config.getInt("http.port"));
    const int threads = config.getInt("http.threads");
    // Requests block on the database and on argon2, and each keep-alive
    // connection holds a thread while open, so far more threads than cores pay off.
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    options.threads = threads > 0 ? threads : std::max(32, 8 * cores);
    options.tlsCert = config.get("tls.cert");
    options.tlsKey = config.get("tls.key");
    options.policy.maxBodyBytes = static_cast<std::size_t>(config.getInt("http.max_body_bytes"));
    options.policy.maxHeaderBytes = static_cast<std::size_t>(config.getInt("http.max_header_bytes"));
    options.policy.trustedProxies = config.getList("http.trusted_proxies");
    return options;
}

} // namespace authcore::appliance
