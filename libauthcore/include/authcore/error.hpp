// SPDX-License-Identifier: Apache-2.0
// authcore::Error: the one exception use-case services throw; mapped to HTTP once.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace authcore {

/// Why a use case refused or failed. The HTTP boundary maps each to one status.
enum class ErrorCode {
    InvalidInput,     ///< the caller sent something malformed or out of range (400)
    Unauthenticated,  ///< no or bad credentials (401)
    Forbidden,        ///< authenticated but not allowed (403)
    SsoRequired,      ///< password login refused because the org enforces SSO (403)
    NotFound,         ///< the named thing does not exist or is not visible (404)
    Conflict,         ///< a unique name is taken or the state forbids the change (409)
    LimitReached,     ///< a plan or quota limit would be exceeded (409)
    PayloadTooLarge,  ///< body over the configured limit (413)
    RateLimited,      ///< too many attempts; retry later (429)
    UpstreamError,    ///< a remote provider failed or answered nonsense (502)
    StoreUnavailable, ///< database or cache unreachable (503)
    Internal,         ///< a bug or an unexpected environment failure (500)
};

/// Stable snake_case name of a code, as sent in REST error bodies.
std::string_view errorCodeName(ErrorCode code) noexcept;

/// The exception thrown by libauthcore services. `what()` is safe to show to
/// the caller: it never carries a secret.
class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    ErrorCode code() const noexcept { return code_; }
    /// For RateLimited: seconds the caller should wait; 0 otherwise.
    int retryAfterSeconds() const noexcept { return retryAfter_; }
    Error& withRetryAfter(int seconds) noexcept { retryAfter_ = seconds; return *this; }

private:
    ErrorCode code_;
    int retryAfter_ = 0;
};

} // namespace authcore
