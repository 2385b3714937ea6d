// SPDX-License-Identifier: Apache-2.0
// The single Library object: uniqueness, versions and the process-wide hardening.
#include <authcore/saml/library.hpp>
#include <authcore/saml/xml_document.hpp>

#include <boost/test/unit_test.hpp>

#include <libxml/parser.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

namespace saml = authcore::saml;

BOOST_AUTO_TEST_SUITE(saml_library)

BOOST_AUTO_TEST_CASE(second_library_throws_and_the_first_keeps_working) {
  BOOST_REQUIRE(saml::Library::alive());
  BOOST_CHECK_THROW(saml::Library second, std::logic_error);
  BOOST_CHECK(saml::Library::alive());
  BOOST_CHECK(saml::XmlDocument::parse("<a/>").has_value());
}

BOOST_AUTO_TEST_CASE(xmlsec_version_is_the_one_meson_found) {
  BOOST_CHECK_EQUAL(saml::Library::xmlsecVersion(), AUTHCORE_TEST_XMLSEC_VERSION);
}

BOOST_AUTO_TEST_CASE(libxml2_version_is_the_one_meson_found) {
  BOOST_CHECK_EQUAL(saml::Library::libxml2Version(), AUTHCORE_TEST_LIBXML2_VERSION);
}

BOOST_AUTO_TEST_CASE(crypto_backend_is_openssl) {
  BOOST_CHECK_EQUAL(saml::Library::cryptoBackend(), "openssl");
}

// Even code that asks libxml2 for entity substitution and DTD loading (as a
// careless caller elsewhere in the process might) gets nothing from disk.
BOOST_AUTO_TEST_CASE(process_wide_loader_refuses_external_entities_to_naive_parses) {
  const std::string path = "/tmp/authcore-saml-xxe-" + std::to_string(::getpid()) + ".txt";
  const std::string secret = "AUTHCORE-SECRET-MARKER-7f3a";
  std::ofstream(path) << secret;
  const std::string xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file://" + path +
                          "\">]><r>&x;</r>";
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                                XML_PARSE_NOENT | XML_PARSE_DTDLOAD);
  std::string content;
  if (doc != nullptr) {
    xmlChar* text = xmlNodeGetContent(xmlDocGetRootElement(doc));
    if (text != nullptr) content = reinterpret_cast<const char*>(text);
    xmlFree(text);
    xmlFreeDoc(doc);
  }
  std::remove(path.c_str());
  BOOST_CHECK_EQUAL(content.find(secret), std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
