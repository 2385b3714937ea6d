// SPDX-License-Identifier: Apache-2.0
// UTF-8 validation, decoding and encoding for the lexer and the JSON writer.
#include "parser/utf8.hpp"

#include <cstdio>

namespace authcore::graphql::detail {

namespace {

bool isContinuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

// Bounds of the second byte depend on the lead byte: they exclude overlong forms,
// UTF-16 surrogates (ED A0..BF) and code points above U+10FFFF (Unicode table 3-7).
struct LeadRule {
  std::size_t length;
  unsigned char secondMin;
  unsigned char secondMax;
};

LeadRule leadRule(unsigned char lead) {
  if (lead < 0x80) return {1, 0, 0};
  if (lead >= 0xC2 && lead <= 0xDF) return {2, 0x80, 0xBF};
  if (lead == 0xE0) return {3, 0xA0, 0xBF};
  if (lead == 0xED) return {3, 0x80, 0x9F};
  if (lead >= 0xE1 && lead <= 0xEF) return {3, 0x80, 0xBF};
  if (lead == 0xF0) return {4, 0x90, 0xBF};
  if (lead >= 0xF1 && lead <= 0xF3) return {4, 0x80, 0xBF};
  if (lead == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};
}

}  // namespace

std::size_t utf8SequenceLength(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  const LeadRule rule = leadRule(static_cast<unsigned char>(text[pos]));
  if (rule.length <= 1) return rule.length;
  if (text.size() - pos < rule.length) return 0;
  const auto second = static_cast<unsigned char>(text[pos + 1]);
  if (second < rule.secondMin || second > rule.secondMax) return 0;
  for (std::size_t i = 2; i < rule.length; ++i) {
    if (!isContinuation(static_cast<unsigned char>(text[pos + i]))) return 0;
  }
  return rule.length;
}

std::optional<std::size_t> firstInvalidUtf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t length = utf8SequenceLength(text, pos);
    if (length == 0) return pos;
    pos += length;
  }
  return std::nullopt;
}

char32_t decodeUtf8(std::string_view text, std::size_t pos) {
  const std::size_t length = utf8SequenceLength(text, pos);
  if (length == 0) return U'\uFFFD';
  static constexpr unsigned char kLeadMask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t codePoint = static_cast<unsigned char>(text[pos]) & kLeadMask[length];
  for (std::size_t i = 1; i < length; ++i) {
    codePoint = (codePoint << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3F);
  }
  return codePoint;
}

void appendUtf8(std::string& out, char32_t codePoint) {
  auto put = [&out](char32_t byte) { out.push_back(static_cast<char>(byte)); };
  if (codePoint < 0x80) {
    put(codePoint);
  } else if (codePoint < 0x800) {
    put(0xC0 | (codePoint >> 6));
    put(0x80 | (codePoint & 0x3F));
  } else if (codePoint < 0x10000) {
    put(0xE0 | (codePoint >> 12));
    put(0x80 | ((codePoint >> 6) & 0x3F));
    put(0x80 | (codePoint & 0x3F));
  } else {
    put(0xF0 | (codePoint >> 18));
    put(0x80 | ((codePoint >> 12) & 0x3F));
    put(0x80 | ((codePoint >> 6) & 0x3F));
    put(0x80 | (codePoint & 0x3F));
  }
}

std::string codePointName(char32_t codePoint) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(codePoint));
  return buffer;
}

}  // namespace authcore::graphql::detail
