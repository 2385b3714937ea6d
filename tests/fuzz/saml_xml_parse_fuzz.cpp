// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: hardened XmlDocument::parse and its text reads on arbitrary bytes.
#include <authcore/saml/library.hpp>
#include <authcore/saml/xml_document.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

constexpr const char* kAssertionNs = "urn:oasis:names:tc:SAML:2.0:assertion";

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // One Library for the whole fuzzing process, as in the appliance.
  static authcore::saml::Library library;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  const auto doc = authcore::saml::XmlDocument::parse(xml);
  if (!doc) return 0;
  (void)doc->rootName();
  (void)doc->rootNamespace();
  (void)doc->canonicalText("NameID", kAssertionNs);
  (void)doc->canonicalText(doc->rootName(), doc->rootNamespace());
  return 0;
}
