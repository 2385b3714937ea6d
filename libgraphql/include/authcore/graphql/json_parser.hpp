// SPDX-License-Identifier: Apache-2.0
// Strict RFC 8259 JSON parser with size and depth limits, for request bodies.
#pragma once

#include <authcore/graphql/json_value.hpp>

#include <cstddef>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authcore::graphql {

/// Reasons parseJson() and parseRequest() refuse a text.
enum class JsonErrc {
  TooLarge,             ///< more bytes than JsonLimits::maxBytes
  TooDeep,              ///< arrays/objects nest deeper than JsonLimits::depth
  InvalidUtf8,          ///< the text is not well-formed UTF-8
  UnexpectedCharacter,  ///< a character the grammar does not allow here (incl. the end)
  InvalidString,        ///< unterminated string, raw control character or bad escape
  InvalidNumber,        ///< `01`, `1.`, `-`, `1e`, or a number beyond double range
  TrailingData,         ///< something other than whitespace after the value
  InvalidRequest,       ///< valid JSON but not a GraphQL request (parseRequest only)
};

/// A refused text: the reason, a message and the byte offset where it was noticed.
struct JsonError {
  JsonErrc code = JsonErrc::UnexpectedCharacter;
  std::string message;
  std::size_t offset = 0;
};

/// Resource limits for untrusted JSON.
struct JsonLimits {
  std::size_t maxBytes = 1024 * 1024;  ///< largest text
  std::size_t depth = 64;              ///< deepest nesting of arrays and objects; at most 256
};

/// Parses one JSON value (RFC 8259: no comments, no trailing commas). Integers
/// that fit 64 bits become Int, other numbers Double; `\u` escapes must pair
/// surrogates. Never throws on bad input.
tl::expected<JsonValue, JsonError> parseJson(std::string_view text, JsonLimits limits = {});

}  // namespace authcore::graphql
