// SPDX-License-Identifier: Apache-2.0
// Reads the {"query","variables","operationName"} body of a GraphQL request.
#include <authcore/graphql/request.hpp>

namespace authcore::graphql {

namespace {

tl::unexpected<JsonError> invalid(std::string message) {
  return tl::unexpected(JsonError{JsonErrc::InvalidRequest, std::move(message), 0});
}

}  // namespace

tl::expected<Request, JsonError> parseRequest(std::string_view body, JsonLimits limits) {
  auto json = parseJson(body, limits);
  if (!json) return tl::unexpected(std::move(json.error()));
  if (!json->isObject()) return invalid("The request body must be a JSON object");
  Request request;
  const JsonValue* query = json->find("query");
  if (!query || !query->isString()) return invalid("The request must have a string \"query\"");
  request.query = query->asString();
  if (const JsonValue* variables = json->find("variables"); variables && !variables->isNull()) {
    if (!variables->isObject()) return invalid("\"variables\" must be an object");
    request.variables = *variables;
  }
  if (const JsonValue* name = json->find("operationName"); name && !name->isNull()) {
    if (!name->isString()) return invalid("\"operationName\" must be a string");
    request.operationName = name->asString();
  }
  return request;
}

}  // namespace authcore::graphql
