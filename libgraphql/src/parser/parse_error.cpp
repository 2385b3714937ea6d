// SPDX-License-Identifier: Apache-2.0
// GraphQL response form of a ParseError.
#include <authcore/graphql/parse_error.hpp>

#include "json/json_string.hpp"

namespace authcore::graphql {

std::string toJson(const ParseError& error) {
  std::string out = "{\"message\":";
  detail::appendJsonString(out, error.message);
  out += ",\"locations\":[{\"line\":" + std::to_string(error.location.line) +
         ",\"column\":" + std::to_string(error.location.column) + "}]}";
  return out;
}

}  // namespace authcore::graphql
