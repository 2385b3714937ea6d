// SPDX-License-Identifier: Apache-2.0
// Base64, URL percent-encoding and raw DEFLATE for the SAML bindings.
#include "binding/binding_codec.hpp"

#include <zlib.h>

#include <array>
#include <climits>
#include <memory>

namespace authcore::saml::detail {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

tl::unexpected<Error> invalid(std::string message) {
  return tl::unexpected(Error{Errc::BindingInvalid, std::move(message)});
}

int base64Value(char c) {
  const auto at = kAlphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Decodes complete groups of four; `compact` holds no whitespace and has a length
// that is a multiple of four.
tl::expected<std::string, Error> decodeGroups(std::string_view compact) {
  std::string out;
  out.reserve(compact.size() / 4 * 3);
  for (std::size_t at = 0; at < compact.size(); at += 4) {
    const bool last = at + 4 == compact.size();
    const std::size_t padding = last ? (compact[at + 3] == '=') + (compact[at + 2] == '=') : 0;
    if (padding == 1 && compact[at + 2] == '=') return invalid("misplaced base64 padding");
    unsigned value = 0;
    for (std::size_t i = 0; i < 4 - padding; ++i) {
      const int digit = base64Value(compact[at + i]);
      if (digit < 0) return invalid("a character outside the base64 alphabet");
      value |= static_cast<unsigned>(digit) << (18 - 6 * i);
    }
    // Unused low bits must be zero, so each value has exactly one encoding.
    if ((padding == 1 && (value & 0xFFu) != 0) || (padding == 2 && (value & 0xFFFFu) != 0)) {
      return invalid("non-canonical base64 padding bits");
    }
    out += static_cast<char>(value >> 16);
    if (padding < 2) out += static_cast<char>((value >> 8) & 0xFFu);
    if (padding < 1) out += static_cast<char>(value & 0xFFu);
  }
  return out;
}

struct InflateEnd {
  void operator()(z_stream* stream) const noexcept { inflateEnd(stream); }
};

}  // namespace

std::string base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t at = 0; at < bytes.size(); at += 3) {
    const std::size_t take = std::min<std::size_t>(3, bytes.size() - at);
    unsigned value = 0;
    for (std::size_t i = 0; i < take; ++i) {
      value |= static_cast<unsigned>(static_cast<unsigned char>(bytes[at + i])) << (16 - 8 * i);
    }
    for (std::size_t i = 0; i < 4; ++i) {
      out += i <= take ? kAlphabet[(value >> (18 - 6 * i)) & 0x3Fu] : '=';
    }
  }
  return out;
}

tl::expected<std::string, Error> base64Decode(std::string_view text, bool skipWhitespace) {
  std::string compact;
  compact.reserve(text.size());
  for (char c : text) {
    if (skipWhitespace && isSpace(c)) continue;
    compact += c;
  }
  if (compact.empty()) return invalid("empty base64 value");
  if (compact.size() % 4 != 0) return invalid("base64 length is not a multiple of four");
  const auto firstPad = compact.find('=');
  if (firstPad != std::string::npos && firstPad < compact.size() - 2) {
    return invalid("misplaced base64 padding");
  }
  return decodeGroups(compact);
}

std::string urlEncode(std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || c == '-' || c == '_' || c == '.' ||
                            c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0Fu];
    }
  }
  return out;
}

tl::expected<std::string, Error> urlDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] == '+') {
      out += ' ';
    } else if (text[at] != '%') {
      out += text[at];
    } else {
      if (at + 2 >= text.size()) return invalid("truncated %-escape");
      const int high = hexValue(text[at + 1]);
      const int low = hexValue(text[at + 2]);
      if (high < 0 || low < 0) return invalid("bad %-escape");
      out += static_cast<char>(high * 16 + low);
      at += 2;
    }
  }
  return out;
}

tl::expected<std::string, Error> deflateRaw(std::string_view bytes) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return tl::unexpected(Error{Errc::CryptoFailure, "deflateInit2 failed"});
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(bytes.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) return tl::unexpected(Error{Errc::CryptoFailure, "deflate failed"});
  return out;
}

tl::expected<std::string, Error> inflateRaw(std::string_view bytes, std::size_t maxOutput) {
  if (bytes.size() > UINT_MAX) return tl::unexpected(Error{Errc::TooLarge, "deflated data too large"});
  z_stream stream{};
  if (inflateInit2(&stream, -15) != Z_OK) return invalid("inflateInit2 failed");
  const std::unique_ptr<z_stream, InflateEnd> guard(&stream);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  std::array<char, 16 * 1024> chunk{};
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
    stream.avail_out = static_cast<uInt>(chunk.size());
    status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) return invalid("corrupt or truncated DEFLATE data");
    const std::size_t produced = chunk.size() - stream.avail_out;
    if (out.size() + produced > maxOutput) {
      return tl::unexpected(Error{Errc::TooLarge, "inflated message exceeds " +
                                                      std::to_string(maxOutput) + " bytes"});
    }
    out.append(chunk.data(), produced);
  }
  if (stream.avail_in != 0) return invalid("bytes after the end of the DEFLATE stream");
  return out;
}

}  // namespace authcore::saml::detail
