// SPDX-License-Identifier: Apache-2.0
// ErrorCode -> HTTP status, as API.md lists them.
#include "http/error_map.hpp"

namespace authcore::appliance {

int httpStatusOf(ErrorCode code) noexcept {
    switch (code) {
    case ErrorCode::InvalidInput: return 400;
    case ErrorCode::Unauthenticated: return 401;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::SsoRequired: return 403;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::Conflict: return 409;
    case ErrorCode::LimitReached: return 409;
    case ErrorCode::PayloadTooLarge: return 413;
    case ErrorCode::RateLimited: return 429;
    case ErrorCode::UpstreamError: return 502;
    case ErrorCode::StoreUnavailable: return 503;
    case ErrorCode::Internal: return 500;
    }
    return 500;
}

} // namespace authcore::appliance
