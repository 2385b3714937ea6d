// SPDX-License-Identifier: Apache-2.0
// Base64, URL percent-encoding and raw DEFLATE for the SAML bindings (private to libsaml).
#pragma once

#include <authcore/saml/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace authcore::saml::detail {

/// Standard base64 with padding, no line breaks.
std::string base64Encode(std::string_view bytes);

/// Strict standard base64: only the alphabet, correct padding, no whitespace unless
/// `skipWhitespace` (then ASCII whitespace anywhere is ignored). BindingInvalid otherwise.
tl::expected<std::string, Error> base64Decode(std::string_view text, bool skipWhitespace);

/// Percent-encodes everything but RFC 3986 unreserved characters, with uppercase hex.
std::string urlEncode(std::string_view text);

/// Decodes %XX escapes and '+' (a space in form encoding). BindingInvalid on a bad escape.
tl::expected<std::string, Error> urlDecode(std::string_view text);

/// Raw DEFLATE (RFC 1951, no zlib header) at the best compression level.
tl::expected<std::string, Error> deflateRaw(std::string_view bytes);

/// Inflates raw DEFLATE data, stopping with TooLarge as soon as the output would
/// exceed `maxOutput` bytes (a deflate bomb never gets inflated whole).
/// BindingInvalid for corrupt or truncated data or bytes after the end of the stream.
tl::expected<std::string, Error> inflateRaw(std::string_view bytes, std::size_t maxOutput);

}  // namespace authcore::saml::detail
