// SPDX-License-Identifier: Apache-2.0
// The response form of an Error.
#include <authcore/graphql/error.hpp>

namespace authcore::graphql {

JsonValue Error::toJson() const {
  JsonValue out = JsonValue::object();
  out.append("message", message);
  if (!locations.empty()) {
    JsonValue list = JsonValue::array();
    for (const auto& location : locations) {
      list.push(JsonValue(JsonObject{{"line", location.line}, {"column", location.column}}));
    }
    out.append("locations", std::move(list));
  }
  if (!path.isNull()) out.append("path", path);
  if (!extensions.isNull()) out.append("extensions", extensions);
  return out;
}

}  // namespace authcore::graphql
