// SPDX-License-Identifier: Apache-2.0
// UTF-8 validation, decoding and encoding for the lexer and the JSON writer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace authcore::graphql::detail {

/// Length (1-4) of the well-formed UTF-8 sequence starting at `pos`, or 0 when the
/// bytes there are not one (overlong, surrogate, above U+10FFFF, truncated).
std::size_t utf8SequenceLength(std::string_view text, std::size_t pos);

/// Offset of the first byte that is not part of well-formed UTF-8, if any.
std::optional<std::size_t> firstInvalidUtf8(std::string_view text);

/// The code point at `pos`; the text there must be well-formed UTF-8.
char32_t decodeUtf8(std::string_view text, std::size_t pos);

/// Appends `codePoint` (a Unicode scalar value) encoded as UTF-8.
void appendUtf8(std::string& out, char32_t codePoint);

/// `U+0041` style name of a code point, as used in error messages.
std::string codePointName(char32_t codePoint);

}  // namespace authcore::graphql::detail
