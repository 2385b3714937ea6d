// SPDX-License-Identifier: Apache-2.0
// A list of strings kept in one TEXT column, as a JSON array of strings.
#pragma once

#include "store/poco_data.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace authcore::sql {

/// Compact JSON array text of `items`, e.g. `["a","b c"]`; `[]` when empty.
std::string encodeTextList(const std::vector<std::string>& items);

/// The list stored in `column`: empty for NULL (rows from before the column
/// existed); corruptValue(`name`) when the text is not a JSON array of strings.
std::vector<std::string> textListAt(const RecordSet& rows, std::size_t column, std::size_t row,
                                    std::string_view name);

} // namespace authcore::sql
