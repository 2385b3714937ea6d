// SPDX-License-Identifier: Apache-2.0
// Entry point of the SDL parser: text to type-system syntax tree.
#pragma once

#include <authcore/graphql/parse_error.hpp>
#include <authcore/graphql/parser.hpp>
#include <authcore/graphql/sdl_ast.hpp>

#include <string_view>

#include <tl/expected.hpp>

namespace authcore::graphql {

/// Limits for schema text: it comes from the program, not from clients, so only
/// the nesting depth is as tight as for queries.
inline constexpr ParseLimits kSchemaParseLimits{25, 1000000, 16 * 1024 * 1024};

/// Parses a type system document (schema, scalar, type, interface, union, enum,
/// input and directive definitions, their descriptions and `extend` forms).
/// Executable definitions are refused. Never throws on bad input.
tl::expected<SchemaDocument, ParseError> parseSchema(std::string_view text,
                                                     ParseLimits limits = kSchemaParseLimits);

}  // namespace authcore::graphql
