// SPDX-License-Identifier: Apache-2.0
// The BlockStringValue algorithm of the GraphQL specification.
#pragma once

#include <string>
#include <string_view>

namespace authcore::graphql::detail {

/// Dedents the raw text between `"""` delimiters (escaped `\"""` already
/// replaced): removes the common indentation of all lines but the first, and
/// leading and trailing blank lines; lines are joined with "\n".
std::string blockStringValue(std::string_view raw);

}  // namespace authcore::graphql::detail
