// SPDX-License-Identifier: Apache-2.0
// renderPostForm and postFormScriptHash: the posted value, escaping, the CSP hash.
#include <authcore/saml/post_form.hpp>

#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <regex>
#include <string>

namespace saml = authcore::saml;

namespace {

std::string base64(const unsigned char* data, std::size_t size) {
  std::string out(4 * ((size + 2) / 3) + 1, '\0');
  out.resize(static_cast<std::size_t>(
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size))));
  return out;
}

std::string valueOf(const std::string& page, const std::string& name) {
  std::smatch match;
  const std::regex input("<input type=\"hidden\" name=\"" + name + "\" value=\"([^\"]*)\">");
  BOOST_REQUIRE_MESSAGE(std::regex_search(page, match, input), "no input " << name);
  return match[1];
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_post_form)

BOOST_AUTO_TEST_CASE(form_posts_the_base64_of_the_xml_to_the_action) {
  const std::string xml = "<samlp:Response ID=\"_1\">é</samlp:Response>";
  const auto page = saml::renderPostForm("https://sp.example.test/acs", "SAMLResponse", xml, std::nullopt);
  BOOST_CHECK_EQUAL(page.rfind("<!DOCTYPE html>", 0), 0U);
  BOOST_CHECK_NE(page.find("<form method=\"post\" action=\"https://sp.example.test/acs\">"), std::string::npos);
  BOOST_CHECK_EQUAL(valueOf(page, "SAMLResponse"),
                    base64(reinterpret_cast<const unsigned char*>(xml.data()), xml.size()));
  BOOST_CHECK_EQUAL(page.find("RelayState"), std::string::npos);
}

BOOST_AUTO_TEST_CASE(relay_state_is_posted_escaped) {
  const auto page = saml::renderPostForm("https://sp.example.test/acs", "SAMLRequest", "<x/>",
                                         std::string_view("a&b\"><script>alert(1)</script>"));
  BOOST_CHECK_EQUAL(valueOf(page, "RelayState"), "a&amp;b&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  BOOST_CHECK_EQUAL(count(page, "<script>"), 1U);
  BOOST_CHECK(!valueOf(page, "SAMLRequest").empty());
}

BOOST_AUTO_TEST_CASE(hostile_action_url_cannot_leave_its_attribute) {
  const auto page = saml::renderPostForm("https://sp.example.test/acs?a=1&b=\"'><img src=x onerror=alert(1)>",
                                         "SAMLResponse", "<x/>", std::nullopt);
  BOOST_CHECK_NE(page.find("action=\"https://sp.example.test/acs?a=1&amp;b=&quot;&#39;&gt;&lt;img src=x "
                           "onerror=alert(1)&gt;\""),
                 std::string::npos);
  BOOST_CHECK_EQUAL(page.find("<img"), std::string::npos);
}

BOOST_AUTO_TEST_CASE(noscript_button_submits_without_javascript) {
  const auto page = saml::renderPostForm("https://sp.example.test/acs", "SAMLResponse", "<x/>", std::nullopt);
  BOOST_CHECK(std::regex_search(page, std::regex("<noscript>.*<button type=\"submit\">.*</noscript>\\s*</form>")));
}

BOOST_AUTO_TEST_CASE(script_hash_is_the_sha256_of_the_only_inline_script) {
  const auto page = saml::renderPostForm("https://sp.example.test/acs", "SAMLResponse", "<x/>", std::nullopt);
  BOOST_REQUIRE_EQUAL(count(page, "<script"), 1U);
  const auto open = page.find("<script>") + 8;
  const std::string script = page.substr(open, page.find("</script>") - open);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(script.data()), script.size(), digest);
  BOOST_CHECK_EQUAL(saml::postFormScriptHash(), "'sha256-" + base64(digest, sizeof digest) + "'");
  BOOST_CHECK(std::regex_match(saml::postFormScriptHash(), std::regex("'sha256-[A-Za-z0-9+/]{43}='")));
}

BOOST_AUTO_TEST_SUITE_END()
