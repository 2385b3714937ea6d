// SPDX-License-Identifier: Apache-2.0
// Why a GraphQL document was refused, and its GraphQL-response form.
#pragma once

#include <authcore/graphql/location.hpp>

#include <string>

namespace authcore::graphql {

/// Reasons parse() refuses a document.
enum class Errc {
  UnexpectedCharacter,  ///< a character outside strings and comments that cannot start a token
  InvalidUtf8,          ///< the text is not well-formed UTF-8
  UnterminatedString,   ///< a string or block string reaches a line end (strings only) or the end of the text
  InvalidEscape,        ///< an unknown `\x` escape, or a malformed or lone-surrogate `\u` escape
  InvalidNumber,        ///< a numeric literal outside the Int/Float grammar: `01`, `1.`, `1e`, `1x`, `-`
  UnexpectedToken,      ///< a token (or the end of the text) where the grammar does not allow it
  DepthLimitExceeded,   ///< selection sets, list/object values or list types nest deeper than allowed
  TooManyTokens,        ///< the document has more tokens than ParseLimits::maxTokens
  TooLarge,             ///< the document has more bytes than ParseLimits::maxBytes
};

/// A refused document: the reason, a human-readable message and where it happened.
struct ParseError {
  Errc code = Errc::UnexpectedToken;
  std::string message;
  Location location;
};

/// The error as a GraphQL response error object,
/// `{"message":"...","locations":[{"line":L,"column":C}]}`, as valid JSON whatever
/// bytes the message holds (invalid UTF-8 becomes U+FFFD).
std::string toJson(const ParseError& error);

}  // namespace authcore::graphql
