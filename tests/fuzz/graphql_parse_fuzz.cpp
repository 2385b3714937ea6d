// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: GraphQL parse() and the JSON form of its errors on arbitrary bytes.
#include <authcore/graphql/parser.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto document = authcore::graphql::parse(text);
  if (document) return 0;
  const auto& error = document.error();
  // Locations are 1-based and an error always says something.
  if (error.location.line == 0 || error.location.column == 0 || error.message.empty()) std::abort();
  const std::string json = authcore::graphql::toJson(error);
  if (json.front() != '{' || json.back() != '}') std::abort();
  return 0;
}
