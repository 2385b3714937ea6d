// SPDX-License-Identifier: Apache-2.0
// Encoding and decoding string lists stored as JSON arrays.
#include "store/text_list.hpp"

#include "store/rows.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <exception>
#include <optional>
#include <sstream>

namespace authcore::sql {
namespace {

// Our arrays are flat; the limit only bounds the parser's recursion on a
// corrupt value.
constexpr std::size_t kMaxDepth = 8;

std::optional<std::vector<std::string>> decode(const std::string& text) {
    try {
        Poco::JSON::Parser parser;
        parser.setDepth(kMaxDepth);
        const Poco::Dynamic::Var value = parser.parse(text);
        if (value.type() != typeid(Poco::JSON::Array::Ptr)) return std::nullopt;
        const auto array = value.extract<Poco::JSON::Array::Ptr>();
        std::vector<std::string> items;
        items.reserve(array->size());
        for (const auto& item : *array) {
            if (!item.isString()) return std::nullopt;
            items.push_back(item.extract<std::string>());
        }
        return items;
    } catch (const std::exception&) {
        // Poco::Exception and std errors alike: not a list we wrote.
        return std::nullopt;
    }
}

} // namespace

std::string encodeTextList(const std::vector<std::string>& items) {
    Poco::JSON::Array array;
    for (const auto& item : items) array.add(item);
    std::ostringstream out;
    array.stringify(out);
    return out.str();
}

std::vector<std::string> textListAt(const RecordSet& rows, std::size_t column, std::size_t row,
                                    std::string_view name) {
    if (rows.isNull(column, row)) return {};
    const auto text = textAt(rows, column, row);
    auto items = decode(text);
    if (!items) corruptValue(name, text);
    return std::move(*items);
}

} // namespace authcore::sql
