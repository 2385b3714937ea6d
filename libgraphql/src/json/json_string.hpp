// SPDX-License-Identifier: Apache-2.0
// JSON string escaping shared by the JSON writer and ParseError's toJson().
#pragma once

#include <string>
#include <string_view>

namespace authcore::graphql::detail {

/// Appends `text` as a quoted JSON string: `"` `\` and control characters escaped,
/// U+2028/U+2029 escaped for JavaScript, invalid UTF-8 replaced by U+FFFD.
void appendJsonString(std::string& out, std::string_view text);

}  // namespace authcore::graphql::detail
