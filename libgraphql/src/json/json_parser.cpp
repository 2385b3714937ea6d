// SPDX-License-Identifier: Apache-2.0
// Strict recursive-descent JSON parser.
#include <authcore/graphql/json_parser.hpp>

#include "parser/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

namespace authcore::graphql {

namespace {

constexpr std::size_t kMaxJsonDepth = 256;

class JsonReader {
public:
  JsonReader(std::string_view text, std::size_t depth) : text_(text), maxDepth_(depth) {}

  tl::expected<JsonValue, JsonError> readDocument() {
    JsonValue value = readValue();
    skipSpace();
    if (!error_ && pos_ < text_.size()) fail(JsonErrc::TrailingData, "Unexpected data after the JSON value");
    if (error_) return tl::unexpected(std::move(*error_));
    return value;
  }

private:
  JsonValue readValue();
  JsonValue readArray();
  JsonValue readObject();
  JsonValue readNumber();
  std::optional<std::string> readString();
  bool readEscape(std::string& out);
  std::optional<unsigned> readHex4();
  bool readLiteral(std::string_view word);
  void skipSpace();
  bool consume(char c);
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  JsonValue fail(JsonErrc code, std::string message);

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
  std::size_t maxDepth_;
  std::optional<JsonError> error_;
};

JsonValue JsonReader::readValue() {
  skipSpace();
  switch (peek()) {
    case '{': return readObject();
    case '[': return readArray();
    case '"': {
      auto text = readString();
      return text ? JsonValue(std::move(*text)) : JsonValue();
    }
    case 't': return readLiteral("true") ? JsonValue(true) : JsonValue();
    case 'f': return readLiteral("false") ? JsonValue(false) : JsonValue();
    case 'n': readLiteral("null"); return JsonValue();
    default: break;
  }
  if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return readNumber();
  return fail(JsonErrc::UnexpectedCharacter, "Unexpected character or end of input");
}

JsonValue JsonReader::readArray() {
  if (++depth_ > maxDepth_) return fail(JsonErrc::TooDeep, "JSON nests too deeply");
  ++pos_;
  JsonArray array;
  skipSpace();
  if (!consume(']')) {
    do {
      array.push_back(readValue());
      skipSpace();
    } while (!error_ && consume(','));
    if (!error_ && !consume(']')) fail(JsonErrc::UnexpectedCharacter, "Expected ',' or ']'");
  }
  --depth_;
  return JsonValue(std::move(array));
}

JsonValue JsonReader::readObject() {
  if (++depth_ > maxDepth_) return fail(JsonErrc::TooDeep, "JSON nests too deeply");
  ++pos_;
  JsonObject object;
  skipSpace();
  if (!consume('}')) {
    do {
      skipSpace();
      if (peek() != '"') return fail(JsonErrc::UnexpectedCharacter, "Expected a member name");
      auto name = readString();
      skipSpace();
      if (!error_ && !consume(':')) return fail(JsonErrc::UnexpectedCharacter, "Expected ':'");
      JsonValue value = readValue();
      if (error_) return {};
      object.push_back(JsonMember{std::move(*name), std::move(value)});
      skipSpace();
    } while (consume(','));
    if (!consume('}')) fail(JsonErrc::UnexpectedCharacter, "Expected ',' or '}'");
  }
  --depth_;
  return JsonValue(std::move(object));
}

JsonValue JsonReader::readNumber() {
  const std::size_t start = pos_;
  auto digits = [this] {
    const std::size_t from = pos_;
    while (peek() >= '0' && peek() <= '9') ++pos_;
    return pos_ - from;
  };
  consume('-');
  const bool leadingZero = peek() == '0';
  const std::size_t integerDigits = digits();
  bool isInteger = true;
  bool ok = integerDigits > 0 && !(leadingZero && integerDigits > 1);
  if (ok && consume('.')) ok = digits() > 0, isInteger = false;
  if (ok && (peek() == 'e' || peek() == 'E')) {
    ++pos_;
    if (peek() == '+' || peek() == '-') ++pos_;
    ok = digits() > 0;
    isInteger = false;
  }
  if (!ok) return fail(JsonErrc::InvalidNumber, "Invalid number");
  const char* first = text_.data() + start;
  const char* last = text_.data() + pos_;
  if (isInteger) {
    std::int64_t integer = 0;
    if (std::from_chars(first, last, integer).ec == std::errc{}) return JsonValue(integer);
  }
  double number = 0;
  const auto result = std::from_chars(first, last, number);
  if (result.ec != std::errc{} || !std::isfinite(number)) {
    return fail(JsonErrc::InvalidNumber, "Number out of range");
  }
  return JsonValue(number);
}

// Called at the opening quote; the text is already known to be valid UTF-8.
std::optional<std::string> JsonReader::readString() {
  ++pos_;
  std::string out;
  while (pos_ < text_.size()) {
    const auto c = static_cast<unsigned char>(text_[pos_]);
    if (c == '"') {
      ++pos_;
      return out;
    }
    if (c < 0x20) break;
    if (c == '\\') {
      if (!readEscape(out)) return std::nullopt;
      continue;
    }
    out.push_back(static_cast<char>(c));
    ++pos_;
  }
  fail(JsonErrc::InvalidString, "Unterminated string or raw control character");
  return std::nullopt;
}

bool JsonReader::readEscape(std::string& out) {
  ++pos_;
  const char c = peek();
  ++pos_;
  switch (c) {
    case '"': case '\\': case '/': out.push_back(c); return true;
    case 'b': out.push_back('\b'); return true;
    case 'f': out.push_back('\f'); return true;
    case 'n': out.push_back('\n'); return true;
    case 'r': out.push_back('\r'); return true;
    case 't': out.push_back('\t'); return true;
    case 'u': break;
    default: fail(JsonErrc::InvalidString, "Invalid escape"); return false;
  }
  auto unit = readHex4();
  if (unit && *unit >= 0xD800 && *unit <= 0xDBFF && text_.substr(pos_, 2) == "\\u") {
    pos_ += 2;
    const auto low = readHex4();
    if (!low || *low < 0xDC00 || *low > 0xDFFF) unit.reset();
    else unit = 0x10000 + ((*unit - 0xD800) << 10) + (*low - 0xDC00);
  }
  if (!unit || (*unit >= 0xD800 && *unit <= 0xDFFF)) {
    fail(JsonErrc::InvalidString, "Invalid or unpaired \\u escape");
    return false;
  }
  detail::appendUtf8(out, *unit);
  return true;
}

std::optional<unsigned> JsonReader::readHex4() {
  if (text_.size() - pos_ < 4) return std::nullopt;
  unsigned value = 0;
  const auto result = std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, value, 16);
  if (result.ptr != text_.data() + pos_ + 4) return std::nullopt;
  pos_ += 4;
  return value;
}

bool JsonReader::readLiteral(std::string_view word) {
  if (text_.substr(pos_, word.size()) == word) {
    pos_ += word.size();
    return true;
  }
  fail(JsonErrc::UnexpectedCharacter, "Unexpected character");
  return false;
}

void JsonReader::skipSpace() {
  while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') ++pos_;
}

bool JsonReader::consume(char c) {
  if (error_ || peek() != c || pos_ >= text_.size()) return false;
  ++pos_;
  return true;
}

JsonValue JsonReader::fail(JsonErrc code, std::string message) {
  if (!error_) error_ = JsonError{code, std::move(message) + " at offset " + std::to_string(pos_), pos_};
  pos_ = text_.size();
  return {};
}

}  // namespace

tl::expected<JsonValue, JsonError> parseJson(std::string_view text, JsonLimits limits) {
  if (text.size() > limits.maxBytes) {
    return tl::unexpected(JsonError{JsonErrc::TooLarge, "JSON text is larger than the limit", 0});
  }
  if (const auto bad = detail::firstInvalidUtf8(text)) {
    return tl::unexpected(JsonError{JsonErrc::InvalidUtf8, "Invalid UTF-8", *bad});
  }
  return JsonReader(text, std::min(limits.depth, kMaxJsonDepth)).readDocument();
}

}  // namespace authcore::graphql
