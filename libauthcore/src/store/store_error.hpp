// SPDX-License-Identifier: Apache-2.0
// The one mapping from database exceptions to authcore::Error.
#pragma once

#include <authcore/error.hpp>

#include <string_view>

namespace authcore::sql {

struct Failure {
    Error error;
    /// The connection broke (server gone, restarted, killed the session):
    /// pooled sessions are stale and one retry on a fresh one may succeed.
    bool connectionLost = false;
};

/// Maps the exception being handled (call only inside a catch block).
/// `subject` completes "... already exists" for unique-key violations.
/// Messages never contain `secret` (the database password).
Failure classifyCurrentException(std::string_view subject, std::string_view secret);

} // namespace authcore::sql
