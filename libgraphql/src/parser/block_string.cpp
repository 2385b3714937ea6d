// SPDX-License-Identifier: Apache-2.0
// The BlockStringValue algorithm of the GraphQL specification.
#include "parser/block_string.hpp"

#include <algorithm>
#include <optional>
#include <vector>

namespace authcore::graphql::detail {

namespace {

std::vector<std::string_view> splitLines(std::string_view raw) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\n' && raw[i] != '\r') continue;
    lines.push_back(raw.substr(start, i - start));
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
    start = i + 1;
  }
  lines.push_back(raw.substr(start));
  return lines;
}

std::size_t leadingWhitespace(std::string_view line) {
  const std::size_t end = line.find_first_not_of(" \t");
  return end == std::string_view::npos ? line.size() : end;
}

bool isBlank(std::string_view line) {
  return leadingWhitespace(line) == line.size();
}

}  // namespace

std::string blockStringValue(std::string_view raw) {
  std::vector<std::string_view> lines = splitLines(raw);
  std::optional<std::size_t> commonIndent;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::size_t indent = leadingWhitespace(lines[i]);
    if (indent < lines[i].size()) commonIndent = std::min(indent, commonIndent.value_or(indent));
  }
  if (commonIndent) {
    for (std::size_t i = 1; i < lines.size(); ++i) {
      lines[i].remove_prefix(std::min(*commonIndent, lines[i].size()));
    }
  }
  auto first = std::find_if_not(lines.begin(), lines.end(), isBlank);
  auto last = std::find_if_not(lines.rbegin(), std::make_reverse_iterator(first), isBlank).base();
  std::string value;
  for (auto line = first; line != last; ++line) {
    if (line != first) value.push_back('\n');
    value.append(*line);
  }
  return value;
}

}  // namespace authcore::graphql::detail
