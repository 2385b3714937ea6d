// SPDX-License-Identifier: Apache-2.0
// Server options from the configuration (shared by `serve` and the tests).
#pragma once

#include "config/config.hpp"
#include "http/server.hpp"

namespace authcore::appliance {

/// http.*, tls.* keys as ServerOptions; http.threads 0 means 4 x cores.
ServerOptions serverOptionsFrom(const Config& config);

} // namespace authcore::appliance
