// SPDX-License-Identifier: Apache-2.0
// JSON string escaping shared by the JSON writer and ParseError's toJson().
#include "json/json_string.hpp"

#include "parser/utf8.hpp"

#include <cstdio>

namespace authcore::graphql::detail {

namespace {

void appendEscapedControl(std::string& out, unsigned char c) {
  switch (c) {
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default: break;
  }
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
  out += buffer;
}

}  // namespace

// U+2028 and U+2029 are legal in JSON but end lines in JavaScript sources, so
// they are escaped too; invalid UTF-8 is replaced so the output always parses.
void appendJsonString(std::string& out, std::string_view text) {
  out.push_back('"');
  for (std::size_t pos = 0; pos < text.size();) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {  // the common case, kept cheap
      out.push_back(static_cast<char>(c));
      ++pos;
      continue;
    }
    const std::size_t length = utf8SequenceLength(text, pos);
    if (length == 0) {
      out += "\\ufffd";
      ++pos;
      continue;
    }
    const std::string_view sequence = text.substr(pos, length);
    pos += length;
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      appendEscapedControl(out, c);
    } else if (sequence == "\xE2\x80\xA8" || sequence == "\xE2\x80\xA9") {
      out += sequence == "\xE2\x80\xA8" ? "\\u2028" : "\\u2029";
    } else {
      out.append(sequence);
    }
  }
  out.push_back('"');
}


}  // namespace authcore::graphql::detail
