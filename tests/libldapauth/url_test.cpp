// SPDX-License-Identifier: Apache-2.0
// LDAP server URLs: accepted forms, default ports and every refusal.
#include <authcore/ldap/url.hpp>

#include <boost/test/unit_test.hpp>

namespace ldapauth = authcore::ldap;
using ldapauth::Errc;

namespace {

ldapauth::LdapUrl parseOk(std::string_view text) {
  auto url = ldapauth::parseLdapUrl(text);
  BOOST_REQUIRE_MESSAGE(url.has_value(), "refused " << text << ": " << url.error().message);
  return *url;
}

void checkRefused(std::string_view text, Errc code) {
  const auto url = ldapauth::parseLdapUrl(text);
  BOOST_REQUIRE_MESSAGE(!url.has_value(), "accepted " << text);
  BOOST_CHECK_MESSAGE(url.error().code == code, "wrong code for " << text << ": " << url.error().message);
  BOOST_CHECK(!url.error().message.empty());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ldap_url)

BOOST_AUTO_TEST_CASE(ldaps_defaults_to_port_636) {
  const auto url = parseOk("ldaps://ldap.example.com");
  BOOST_CHECK(url.scheme == ldapauth::Scheme::Ldaps);
  BOOST_CHECK_EQUAL(url.host, "ldap.example.com");
  BOOST_CHECK_EQUAL(url.port, 636);
}

BOOST_AUTO_TEST_CASE(ldap_defaults_to_port_389) {
  const auto url = parseOk("ldap://10.0.0.5/");
  BOOST_CHECK(url.scheme == ldapauth::Scheme::Ldap);
  BOOST_CHECK_EQUAL(url.host, "10.0.0.5");
  BOOST_CHECK_EQUAL(url.port, 389);
}

BOOST_AUTO_TEST_CASE(explicit_port_and_any_scheme_case_are_accepted) {
  const auto url = parseOk("LDAPS://dc01.corp.example:3269/");
  BOOST_CHECK(url.scheme == ldapauth::Scheme::Ldaps);
  BOOST_CHECK_EQUAL(url.port, 3269);
  BOOST_CHECK_EQUAL(parseOk("ldap://h:1").port, 1);
  BOOST_CHECK_EQUAL(parseOk("ldap://h:65535").port, 65535);
}

BOOST_AUTO_TEST_CASE(bracketed_ipv6_hosts_are_accepted_without_brackets) {
  const auto url = parseOk("ldaps://[2001:db8::1]:1636");
  BOOST_CHECK_EQUAL(url.host, "2001:db8::1");
  BOOST_CHECK_EQUAL(url.port, 1636);
  BOOST_CHECK_EQUAL(parseOk("ldap://[::1]").port, 389);
}

BOOST_AUTO_TEST_CASE(to_string_round_trips_to_the_same_url) {
  for (const auto* text : {"ldaps://ldap.example.com", "ldap://[::1]:10389/", "LDAP://h:1"}) {
    const auto url = parseOk(text);
    const auto again = parseOk(ldapauth::toString(url));
    BOOST_CHECK(again.scheme == url.scheme);
    BOOST_CHECK_EQUAL(again.host, url.host);
    BOOST_CHECK_EQUAL(again.port, url.port);
  }
  BOOST_CHECK_EQUAL(ldapauth::toString(parseOk("ldap://[::1]")), "ldap://[::1]:389");
}

BOOST_AUTO_TEST_CASE(missing_scheme_is_refused) {
  checkRefused("ldap.example.com", Errc::MissingScheme);
  checkRefused("", Errc::MissingScheme);
  checkRefused("ldap:/host", Errc::MissingScheme);
}

BOOST_AUTO_TEST_CASE(other_schemes_are_refused) {
  checkRefused("ldapi://%2Fvar%2Frun%2Fslapd.sock", Errc::UnsupportedScheme);
  checkRefused("https://ldap.example.com", Errc::UnsupportedScheme);
  checkRefused(" ldap://host", Errc::UnsupportedScheme);
  checkRefused("://host", Errc::UnsupportedScheme);
}

BOOST_AUTO_TEST_CASE(empty_host_is_refused) {
  checkRefused("ldap://", Errc::EmptyHost);
  checkRefused("ldap:///", Errc::EmptyHost);
  checkRefused("ldaps://:636", Errc::EmptyHost);
}

BOOST_AUTO_TEST_CASE(bad_hosts_are_refused) {
  checkRefused("ldap://user:secret@host", Errc::InvalidHost);
  checkRefused("ldap://ho st", Errc::InvalidHost);
  checkRefused("ldap://host%00", Errc::InvalidHost);
  checkRefused("ldap://::1", Errc::InvalidHost);
  checkRefused("ldap://[::1", Errc::InvalidHost);
  checkRefused("ldap://[not-v6]", Errc::InvalidHost);
  checkRefused("ldap://[fe80::1%25eth0]", Errc::InvalidHost);
  checkRefused("ldap://[::1]x", Errc::InvalidHost);
  checkRefused("ldap://" + std::string(254, 'a'), Errc::InvalidHost);
}

BOOST_AUTO_TEST_CASE(bad_ports_are_refused) {
  for (const auto* text : {"ldap://h:", "ldap://h:0", "ldap://h:65536", "ldap://h:99999999999",
                           "ldap://h:+1", "ldap://h:-1", "ldap://h:38a", "ldap://h: 389",
                           "ldap://[::1]:"}) {
    checkRefused(text, Errc::InvalidPort);
  }
}

BOOST_AUTO_TEST_CASE(anything_after_the_host_is_refused) {
  for (const auto* text : {"ldap://h/dc=example,dc=com", "ldap://h:389/??sub?(uid=x)",
                           "ldap://h?x", "ldap://h#frag", "ldap://h//", "ldaps://[::1]:636/x"}) {
    checkRefused(text, Errc::TrailingData);
  }
}

BOOST_AUTO_TEST_SUITE_END()
