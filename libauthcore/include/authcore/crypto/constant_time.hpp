// SPDX-License-Identifier: Apache-2.0
// Constant-time comparison for secrets, MACs and hashes.
#pragma once

#include <string_view>

namespace authcore::crypto {

/// True when equal; time depends only on the lengths (CRYPTO_memcmp).
bool constantTimeEquals(std::string_view a, std::string_view b) noexcept;

} // namespace authcore::crypto
