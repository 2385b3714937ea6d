// SPDX-License-Identifier: Apache-2.0
// A GraphQL request as sent over HTTP: {"query", "variables", "operationName"}.
#pragma once

#include <authcore/graphql/json_parser.hpp>
#include <authcore/graphql/json_value.hpp>

#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authcore::graphql {

/// What Executor::execute() runs.
struct Request {
  std::string query;                         ///< the GraphQL document text
  JsonValue variables = JsonValue::object();  ///< raw variable values, an object
  std::optional<std::string> operationName;  ///< which operation, if the document has several
};

/// Reads a JSON request body. `query` must be a string; `variables` an object or
/// null/absent; `operationName` a string or null/absent; other members are
/// ignored. Fails with JsonErrc::InvalidRequest when the JSON is fine but the
/// shape is not.
tl::expected<Request, JsonError> parseRequest(std::string_view body, JsonLimits limits = {});

}  // namespace authcore::graphql
