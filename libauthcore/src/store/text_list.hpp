// SPDX-License-Identifier: Apache-2.0
// A list of strings kept in one TEXT column, as a JSON array of strings.
#pragma once

#include "store/poco_data.hpp"
#include "store/rows.hpp"

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

/// Ordered pairs (a struct with members `field` and `attribute`) as one
/// text list, field and attribute alternating.
template <class Pair>
std::string encodePairs(const std::vector<Pair>& pairs) {
    std::vector<std::string> flat;
    for (const auto& pair : pairs) {
        flat.push_back(pair.field);
        flat.push_back(pair.attribute);
    }
    return encodeTextList(flat);
}

/// The inverse of encodePairs; corruptValue(`name`) for an odd count.
template <class Pair>
std::vector<Pair> pairsAt(const RecordSet& rows, std::size_t column, std::size_t row, std::string_view name) {
    const auto flat = textListAt(rows, column, row, name);
    if (flat.size() % 2 != 0) corruptValue(name, textAt(rows, column, row));
    std::vector<Pair> pairs;
    for (std::size_t i = 0; i < flat.size(); i += 2) pairs.push_back(Pair{flat[i], flat[i + 1]});
    return pairs;
}

} // namespace authcore::sql
