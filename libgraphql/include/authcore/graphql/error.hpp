// SPDX-License-Identifier: Apache-2.0
// An entry of a GraphQL response's `errors` list.
#pragma once

#include <authcore/graphql/json_value.hpp>
#include <authcore/graphql/location.hpp>

#include <string>
#include <vector>

namespace authcore::graphql {

/// A request, validation or field error, as the spec's response format has it.
struct Error {
  std::string message;
  std::vector<Location> locations;  ///< where in the document, may be empty
  JsonValue path;                   ///< field names and list indices (field errors), else null
  JsonValue extensions;             ///< an object, e.g. {"code":"FORBIDDEN"}, else null

  /// `{"message", "locations"?, "path"?, "extensions"?}`; empty parts are left out.
  JsonValue toJson() const;
};

}  // namespace authcore::graphql
