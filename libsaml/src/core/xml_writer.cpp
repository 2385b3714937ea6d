// SPDX-License-Identifier: Apache-2.0
// Building outbound SAML documents with the libxml2 tree API.
#include "core/xml_writer.hpp"

#include <openssl/rand.h>

#include <array>
#include <ctime>
#include <memory>

namespace authcore::saml::detail {

std::string formatInstant(std::chrono::system_clock::time_point instant) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(
      std::chrono::floor<std::chrono::seconds>(instant));
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  std::array<char, 32> text{};
  const std::size_t length = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &parts);
  return std::string(text.data(), length);
}

std::string randomId() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "_";
  for (unsigned char byte : bytes) {
    id += kHex[byte >> 4];
    id += kHex[byte & 0x0f];
  }
  return id;
}

xmlNodePtr addTextChild(xmlNodePtr parent, xmlNsPtr ns, const char* name, std::string_view text) {
  const std::string value(text);
  // xmlNewTextChild escapes; xmlNewChild would parse entity references in the value.
  return xmlNewTextChild(parent, ns, BAD_CAST name, BAD_CAST value.c_str());
}

void setAttribute(xmlNodePtr node, const char* name, std::string_view value) {
  const std::string text(value);
  xmlSetProp(node, BAD_CAST name, BAD_CAST text.c_str());
}

tl::expected<std::string, Error> serialize(xmlDocPtr doc) {
  xmlChar* buffer = nullptr;
  int size = 0;
  xmlDocDumpFormatMemoryEnc(doc, &buffer, &size, "UTF-8", 0);
  if (buffer == nullptr || size <= 0) {
    xmlFree(buffer);
    return tl::unexpected(Error{Errc::CryptoFailure, "libxml2 could not serialise the document"});
  }
  std::string text(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(size));
  xmlFree(buffer);
  return text;
}

}  // namespace authcore::saml::detail
