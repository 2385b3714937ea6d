// SPDX-License-Identifier: Apache-2.0
// HTTP-POST binding: base64 form values with line breaks, strictness and limits.
#include <authcore/saml/post_binding.hpp>

#include <boost/test/unit_test.hpp>

namespace saml = authcore::saml;
using saml::Errc;

BOOST_AUTO_TEST_SUITE(saml_post_binding)

BOOST_AUTO_TEST_CASE(wrapped_base64_decodes) {
  // "<samlp:AuthnRequest/>" wrapped at 8 columns with CRLF and a trailing newline.
  const auto xml = saml::decodePostParameter("PHNhbWxw\r\nOkF1dGhu\r\nUmVxdWVz\r\ndC8+\n");
  BOOST_REQUIRE_MESSAGE(xml.has_value(), xml.error().message);
  BOOST_CHECK_EQUAL(*xml, "<samlp:AuthnRequest/>");
}

BOOST_AUTO_TEST_CASE(non_base64_characters_are_refused) {
  for (const char* value : {"PHNhbWxw*", "PHNh bWxw-_", "PHNhbWxw===", "PH=NhbWxw", "", "   ", "PHNhbWx"}) {
    const auto xml = saml::decodePostParameter(value);
    BOOST_CHECK_MESSAGE(!xml.has_value() && xml.error().code == Errc::BindingInvalid, value);
  }
}

BOOST_AUTO_TEST_CASE(oversized_values_are_too_large) {
  saml::BindingLimits limits;
  limits.maxEncodedBytes = 8;
  BOOST_CHECK(saml::decodePostParameter("PHNhbWxwOkF1", limits).error().code == Errc::TooLarge);
  limits.maxEncodedBytes = 64;
  limits.maxInflatedBytes = 4;
  BOOST_CHECK(saml::decodePostParameter("PHNhbWxw", limits).error().code == Errc::TooLarge);
  limits.maxInflatedBytes = 6;
  BOOST_CHECK_EQUAL(saml::decodePostParameter("PHNhbWxw", limits).value_or(""), "<samlp");
}

BOOST_AUTO_TEST_SUITE_END()
