// SPDX-License-Identifier: Apache-2.0
// Entry point of the GraphQL parser: text to executable-document syntax tree.
#pragma once

#include <authcore/graphql/ast.hpp>
#include <authcore/graphql/parse_error.hpp>

#include <cstddef>
#include <string_view>

#include <tl/expected.hpp>

namespace authcore::graphql {

/// Nesting beyond this is refused whatever ParseLimits::depth says, so that the
/// recursive-descent parser can never exhaust the stack.
inline constexpr std::size_t kMaxDepthCeiling = 256;

/// Resource limits applied while parsing untrusted text.
struct ParseLimits {
  /// Deepest nesting of selection sets, list and object values (counted together)
  /// and, separately, of list types; capped at kMaxDepthCeiling.
  std::size_t depth = 25;
  /// Most lexical tokens (punctuators, names, literals; not comments or commas).
  std::size_t maxTokens = 10000;
  /// Largest document in bytes.
  std::size_t maxBytes = 1024 * 1024;
};

/// Parses a GraphQL executable document (operations and fragments; type system
/// definitions are refused). Never throws on bad input: every refusal is a
/// ParseError with its Errc, message and location.
tl::expected<Document, ParseError> parse(std::string_view text, ParseLimits limits = {});

}  // namespace authcore::graphql
