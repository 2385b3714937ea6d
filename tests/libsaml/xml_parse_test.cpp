// SPDX-License-Identifier: Apache-2.0
// Hardened XML parsing: XXE, entity bombs, DTDs, limits, malformed input, text reads.
#include <authcore/saml/xml_document.hpp>

#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace saml = authcore::saml;
using saml::Errc;

namespace {

constexpr const char* kProtocolNs = "urn:oasis:names:tc:SAML:2.0:protocol";
constexpr const char* kAssertionNs = "urn:oasis:names:tc:SAML:2.0:assertion";

saml::Error parseFails(std::string_view xml, saml::ParseLimits limits = {}) {
  auto doc = saml::XmlDocument::parse(xml, limits);
  BOOST_REQUIRE_MESSAGE(!doc.has_value(), "parse unexpectedly succeeded: " << xml.substr(0, 80));
  BOOST_CHECK(!doc.error().message.empty());
  return doc.error();
}

saml::XmlDocument parseOk(std::string_view xml, saml::ParseLimits limits = {}) {
  auto doc = saml::XmlDocument::parse(xml, limits);
  BOOST_REQUIRE_MESSAGE(doc.has_value(), "parse failed: " << doc.error().message);
  return std::move(*doc);
}

std::string nameIdDocument(std::string_view nameIdContent) {
  return std::string("<samlp:Response xmlns:samlp=\"") + kProtocolNs + "\" xmlns:saml=\"" +
         kAssertionNs + "\"><saml:Assertion><saml:Subject><saml:NameID>" +
         std::string(nameIdContent) + "</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>";
}

std::string nestedElements(std::size_t depth) {
  std::string xml;
  for (std::size_t i = 0; i < depth; ++i) xml += "<a>";
  for (std::size_t i = 0; i < depth; ++i) xml += "</a>";
  return xml;
}

// A file whose content must never show up in any parse result or error.
struct SecretFile {
  SecretFile() { std::ofstream(path) << content; }
  ~SecretFile() { std::remove(path.c_str()); }
  SecretFile(const SecretFile&) = delete;
  SecretFile& operator=(const SecretFile&) = delete;
  std::string path = "/tmp/authcore-saml-secret-" + std::to_string(::getpid()) + ".txt";
  std::string content = "AUTHCORE-SECRET-MARKER-91c2";
};

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_xml_parse)

BOOST_AUTO_TEST_CASE(saml_response_parses_and_reads_the_name_id) {
  const auto doc = parseOk("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
                           nameIdDocument("user@example.com"));
  BOOST_CHECK_EQUAL(doc.rootName(), "Response");
  BOOST_CHECK_EQUAL(doc.rootNamespace(), kProtocolNs);
  BOOST_CHECK_EQUAL(doc.canonicalText("NameID", kAssertionNs).value_or("<none>"), "user@example.com");
}

BOOST_AUTO_TEST_CASE(comment_inside_name_id_does_not_truncate_it) {
  const auto doc = parseOk(nameIdDocument("user@evil.com<!---->.good.com"));
  BOOST_CHECK_EQUAL(doc.canonicalText("NameID", kAssertionNs).value_or("<none>"),
                    "user@evil.com.good.com");
}

BOOST_AUTO_TEST_CASE(cdata_references_and_processing_instructions_read_whole) {
  const auto doc = parseOk(nameIdDocument("user@evil.com<![CDATA[.go]]><?pi x?>od&#46;c&amp;m"));
  BOOST_CHECK_EQUAL(doc.canonicalText("NameID", kAssertionNs).value_or("<none>"),
                    "user@evil.com.good.c&m");
}

BOOST_AUTO_TEST_CASE(text_lookup_matches_namespace_and_first_element) {
  const auto doc = parseOk(std::string("<r xmlns:a=\"urn:a\" xmlns:b=\"urn:b\">"
                                       "<b:Id>wrong-ns</b:Id><Id>no-ns</Id><a:Id>first</a:Id><a:Id>second</a:Id></r>"));
  BOOST_CHECK_EQUAL(doc.canonicalText("Id", "urn:a").value_or("<none>"), "first");
  BOOST_CHECK_EQUAL(doc.canonicalText("Id", "").value_or("<none>"), "no-ns");
  BOOST_CHECK(!doc.canonicalText("Id", "urn:c").has_value());
  BOOST_CHECK(!doc.canonicalText("Missing", "urn:a").has_value());
  BOOST_CHECK_EQUAL(parseOk("<r><e/></r>").canonicalText("e", "").value_or("<none>"), "");
}

BOOST_AUTO_TEST_CASE(external_entity_is_refused_and_never_read) {
  const SecretFile secret;
  const std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n  <!ENTITY xxe SYSTEM \"file://" +
                          secret.path + "\">\n]>\n" + nameIdDocument("&xxe;");
  const auto error = parseFails(xml);
  BOOST_CHECK(error.code == Errc::DtdForbidden);
  BOOST_CHECK_EQUAL(error.message.find(secret.content), std::string::npos);
}

BOOST_AUTO_TEST_CASE(etc_passwd_entity_is_refused) {
  const auto error = parseFails(
      "<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><foo>&xxe;</foo>");
  BOOST_CHECK(error.code == Errc::DtdForbidden);
  BOOST_CHECK_EQUAL(error.message.find("root:"), std::string::npos);
}

BOOST_AUTO_TEST_CASE(billion_laughs_is_refused_quickly) {
  std::string xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  for (int i = 1; i <= 9; ++i) {
    xml += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) xml += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    xml += "\">";
  }
  xml += "]><lolz>&lol9;</lolz>";
  const auto start = std::chrono::steady_clock::now();
  const auto error = parseFails(xml);
  BOOST_CHECK(error.code == Errc::DtdForbidden);
  BOOST_CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500));
}

BOOST_AUTO_TEST_CASE(every_kind_of_doctype_is_refused) {
  for (const char* xml : {
           "<!DOCTYPE r><r/>",
           "<!DOCTYPE r SYSTEM \"http://127.0.0.1:1/r.dtd\"><r/>",
           "<!DOCTYPE r PUBLIC \"-//A//DTD R//EN\" \"r.dtd\"><r/>",
           "<!DOCTYPE r [<!ELEMENT r EMPTY>]><r/>",
           "<!DOCTYPE r [<!ATTLIST r ID ID #IMPLIED>]><r ID=\"x\"/>",
           "<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/\"> %p;]><r/>",
       }) {
    BOOST_CHECK_MESSAGE(parseFails(xml).code == Errc::DtdForbidden, xml);
  }
}

BOOST_AUTO_TEST_CASE(depth_limit_is_inclusive) {
  parseOk(nestedElements(64));
  BOOST_CHECK(parseFails(nestedElements(65)).code == Errc::TooDeep);
  saml::ParseLimits limits;
  limits.maxDepth = 3;
  parseOk(nestedElements(3), limits);
  BOOST_CHECK(parseFails(nestedElements(4), limits).code == Errc::TooDeep);
}

BOOST_AUTO_TEST_CASE(very_deep_nesting_is_refused_by_our_limit) {
  const auto start = std::chrono::steady_clock::now();
  BOOST_CHECK(parseFails(nestedElements(100000)).code == Errc::TooDeep);
  BOOST_CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500));
}

BOOST_AUTO_TEST_CASE(element_count_limit_stops_the_parse) {
  std::string xml = "<r>";
  for (int i = 0; i < 20000; ++i) xml += "<e/>";
  BOOST_CHECK(parseFails(xml + "</r>").code == Errc::TooManyNodes);
  saml::ParseLimits limits;
  limits.maxNodes = 3;
  parseOk("<r><e/><e/></r>", limits);
  BOOST_CHECK(parseFails("<r><e/><e/><e/></r>", limits).code == Errc::TooManyNodes);
}

BOOST_AUTO_TEST_CASE(node_limit_counts_comments_and_text_too) {
  saml::ParseLimits limits;
  limits.maxNodes = 3;
  parseOk("<r>a<!--c--></r>", limits);
  BOOST_CHECK(parseFails("<r>a<!--c-->b</r>", limits).code == Errc::TooManyNodes);
  BOOST_CHECK(parseFails("<!--1--><!--2--><!--3--><r/>", limits).code == Errc::TooManyNodes);
}

BOOST_AUTO_TEST_CASE(size_limit_is_checked_first) {
  saml::ParseLimits limits;
  limits.maxBytes = 10;
  parseOk("<r>12</r>", limits);
  BOOST_CHECK(parseFails("<r>123456</r>", limits).code == Errc::TooLarge);
  BOOST_CHECK(parseFails(std::string(1024 * 1024 + 1, ' ')).code == Errc::TooLarge);
}

BOOST_AUTO_TEST_CASE(malformed_input_is_refused_with_libxml2_reason) {
  for (const std::string& xml : std::vector<std::string>{"", "   ", "not xml", "<a>", "<a></b>", "<a/><b/>",
                                "<a>&undefined;</a>", "<a x='1' x='2'/>", "<p:a/>",
                                std::string("<a>\0</a>", 8), "<a>\xFF</a>"}) {
    const auto error = parseFails(xml);
    BOOST_CHECK_MESSAGE(error.code == Errc::Malformed, "for " << xml << ": " << error.message);
  }
  BOOST_CHECK_NE(parseFails("<a>\n<b></a>").message.find("line 2"), std::string::npos);
}

BOOST_AUTO_TEST_CASE(documents_parse_independently_after_a_refusal) {
  parseFails("<!DOCTYPE r><r/>");
  parseFails("<a></b>");
  BOOST_CHECK_EQUAL(parseOk(nameIdDocument("x")).rootName(), "Response");
}

BOOST_AUTO_TEST_SUITE_END()
