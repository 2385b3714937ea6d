// SPDX-License-Identifier: Apache-2.0
// The one table from authcore::ErrorCode to HTTP status (API.md).
#pragma once

#include <authcore/error.hpp>

namespace authcore::appliance {

int httpStatusOf(ErrorCode code) noexcept;

} // namespace authcore::appliance
