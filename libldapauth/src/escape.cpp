// SPDX-License-Identifier: Apache-2.0
// Escaping of untrusted values placed into LDAP search filters and DNs.
#include <authcore/ldap/escape.hpp>

namespace authcore::ldap {

namespace {

constexpr std::string_view kUsernamePlaceholder = "{username}";

bool isPrintableAscii(unsigned char c) {
  return c >= 0x20 && c < 0x7F;
}

void appendHexEscape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('\\');
  out.push_back(kHex[c >> 4]);
  out.push_back(kHex[c & 0x0F]);
}

bool isDnSpecial(char c) {
  switch (c) {
    case ',': case '+': case '"': case '\\': case '<': case '>': case ';': case '=':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string escapeFilterValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    // RFC 4515 requires * ( ) \ NUL; escaping every non-printable byte too keeps
    // the filter ASCII so no server-side charset handling can reinterpret it.
    if (c == '*' || c == '(' || c == ')' || c == '\\' || !isPrintableAscii(byte)) {
      appendHexEscape(out, byte);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string escapeDnValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const auto byte = static_cast<unsigned char>(c);
    const bool leading = i == 0 && (c == ' ' || c == '#');
    const bool trailing = i + 1 == value.size() && c == ' ';
    if (!isPrintableAscii(byte)) {
      appendHexEscape(out, byte);
    } else if (isDnSpecial(c) || leading || trailing) {
      out.push_back('\\');
      out.push_back(c);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string expandFilter(std::string_view filterTemplate, std::string_view username) {
  return expandFilter(filterTemplate, {{kUsernamePlaceholder, username}});
}

std::string expandFilter(std::string_view filterTemplate,
                         std::initializer_list<FilterPlaceholder> placeholders) {
  // One pass over the template: a value that itself contains "{uid}" is never expanded again.
  std::string out;
  std::size_t pos = 0;
  while (pos < filterTemplate.size()) {
    const FilterPlaceholder* match = nullptr;
    for (const auto& placeholder : placeholders) {
      if (!placeholder.name.empty() && filterTemplate.substr(pos).starts_with(placeholder.name)) {
        match = &placeholder;
        break;
      }
    }
    if (match == nullptr) {
      out.push_back(filterTemplate[pos++]);
      continue;
    }
    out.append(escapeFilterValue(match->value));
    pos += match->name.size();
  }
  return out;
}

}  // namespace authcore::ldap
