// SPDX-License-Identifier: Apache-2.0
// Filter and DN escaping: injection attempts stay inert and values round-trip.
#include <authcore/ldap/escape.hpp>
#include <authcore/ldap/version.hpp>

#include <boost/test/unit_test.hpp>

#include <ldap.h>

#include <string>
#include <vector>

namespace ldapauth = authcore::ldap;

namespace {

const std::vector<std::string> kHostileValues = {
    "*",
    "*)(uid=*))(|(uid=*",
    "admin)(|(password=*)",
    "x\\2a",
    std::string("nul\0byte", 8),
    "caf\xC3\xA9 \xFF\x01",
    "cn=admin,dc=example,dc=com",
    " #leading and trailing ",
    "a+b\"c<d>e;f=g\\h",
};

// Undoes RFC 4515 escaping (every escape is \xx hex); fails the test on anything else.
std::string unescapeFilterValue(std::string_view escaped) {
  std::string out;
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    if (escaped[i] != '\\') {
      out.push_back(escaped[i]);
      continue;
    }
    BOOST_REQUIRE_LE(i + 3, escaped.size());
    out.push_back(static_cast<char>(std::stoi(std::string(escaped.substr(i + 1, 2)), nullptr, 16)));
    i += 2;
  }
  return out;
}

// The characters that give a filter its structure (RFC 4515: only parentheses and
// the substring/presence star; '=' '&' '|' '!' are plain data inside a value),
// ignoring escaped ones.
std::string filterStructure(std::string_view filter) {
  std::string structure;
  for (std::size_t i = 0; i < filter.size(); ++i) {
    if (filter[i] == '\\') {
      i += 2;
    } else if (std::string_view("()*").find(filter[i]) != std::string_view::npos) {
      structure.push_back(filter[i]);
    }
  }
  return structure;
}

// Parses `dn` with libldap and returns the single value of its first RDN.
std::string firstRdnValue(const std::string& dn, std::size_t expectedRdns) {
  LDAPDN parsed = nullptr;
  BOOST_REQUIRE_EQUAL(ldap_str2dn(dn.c_str(), &parsed, LDAP_DN_FORMAT_LDAPV3), LDAP_SUCCESS);
  std::size_t rdns = 0;
  while (parsed[rdns] != nullptr) ++rdns;
  BOOST_CHECK_EQUAL(rdns, expectedRdns);
  BOOST_CHECK(parsed[0][1] == nullptr);  // one AVA: no '+' slipped through
  const berval& attr = parsed[0][0]->la_attr;
  BOOST_CHECK_EQUAL(std::string(attr.bv_val, attr.bv_len), "uid");
  const berval& value = parsed[0][0]->la_value;
  std::string result(value.bv_val, value.bv_len);
  ldap_dnfree(parsed);
  return result;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ldap_escape)

BOOST_AUTO_TEST_CASE(filter_specials_become_hex_escapes) {
  BOOST_CHECK_EQUAL(ldapauth::escapeFilterValue("a*b(c)d\\e"), "a\\2ab\\28c\\29d\\5ce");
  BOOST_CHECK_EQUAL(ldapauth::escapeFilterValue(std::string_view("\0", 1)), "\\00");
  BOOST_CHECK_EQUAL(ldapauth::escapeFilterValue("jdoe@example.com"), "jdoe@example.com");
  BOOST_CHECK_EQUAL(ldapauth::escapeFilterValue(""), "");
}

BOOST_AUTO_TEST_CASE(filter_escaping_makes_non_ascii_bytes_hex) {
  BOOST_CHECK_EQUAL(ldapauth::escapeFilterValue("caf\xC3\xA9\n"), "caf\\c3\\a9\\0a");
}

BOOST_AUTO_TEST_CASE(filter_injection_is_inert) {
  const std::string attack = "*)(uid=*))(|(uid=*";
  const std::string escaped = ldapauth::escapeFilterValue(attack);
  BOOST_CHECK_EQUAL(escaped, "\\2a\\29\\28uid=\\2a\\29\\29\\28|\\28uid=\\2a");
  BOOST_CHECK_EQUAL(escaped.find_first_of("()*"), std::string::npos);
}

BOOST_AUTO_TEST_CASE(expanded_filter_keeps_the_template_structure) {
  const std::string tmpl = "(&(objectClass=person)(|(uid={username})(mail={username})))";
  std::string plain = tmpl;
  for (auto pos = plain.find("{username}"); pos != std::string::npos; pos = plain.find("{username}")) {
    plain.replace(pos, 10, "x");
  }
  for (const auto& value : kHostileValues) {
    const std::string filter = ldapauth::expandFilter(tmpl, value);
    BOOST_CHECK_EQUAL(filterStructure(filter), filterStructure(plain));
  }
}

BOOST_AUTO_TEST_CASE(expand_filter_replaces_every_placeholder) {
  BOOST_CHECK_EQUAL(ldapauth::expandFilter("(|(uid={username})(cn={username}))", "a*"),
                    "(|(uid=a\\2a)(cn=a\\2a))");
  BOOST_CHECK_EQUAL(ldapauth::expandFilter("(objectClass=*)", "ignored"), "(objectClass=*)");
  BOOST_CHECK_EQUAL(ldapauth::expandFilter("{username}{username}", "()"), "\\28\\29\\28\\29");
}

BOOST_AUTO_TEST_CASE(expand_filter_does_not_expand_placeholders_inside_the_username) {
  BOOST_CHECK_EQUAL(ldapauth::expandFilter("(uid={username})", "{username}"), "(uid={username})");
}

BOOST_AUTO_TEST_CASE(filter_values_round_trip) {
  for (const auto& value : kHostileValues) {
    BOOST_CHECK(unescapeFilterValue(ldapauth::escapeFilterValue(value)) == value);
  }
}

BOOST_AUTO_TEST_CASE(dn_specials_get_a_backslash) {
  BOOST_CHECK_EQUAL(ldapauth::escapeDnValue("a,b+c\"d\\e<f>g;h=i"),
                    "a\\,b\\+c\\\"d\\\\e\\<f\\>g\\;h\\=i");
  BOOST_CHECK_EQUAL(ldapauth::escapeDnValue("Smith, John"), "Smith\\, John");
}

BOOST_AUTO_TEST_CASE(dn_leading_space_hash_and_trailing_space_are_escaped) {
  BOOST_CHECK_EQUAL(ldapauth::escapeDnValue(" x "), "\\ x\\ ");
  BOOST_CHECK_EQUAL(ldapauth::escapeDnValue("#x#"), "\\#x#");
  BOOST_CHECK_EQUAL(ldapauth::escapeDnValue(" "), "\\ ");
  BOOST_CHECK_EQUAL(ldapauth::escapeDnValue("a b"), "a b");
}

BOOST_AUTO_TEST_CASE(dn_nul_and_non_ascii_become_hex) {
  BOOST_CHECK_EQUAL(ldapauth::escapeDnValue(std::string_view("a\0b", 3)), "a\\00b");
  BOOST_CHECK_EQUAL(ldapauth::escapeDnValue("\xC3\xA9"), "\\c3\\a9");
}

BOOST_AUTO_TEST_CASE(dn_values_round_trip_through_libldap) {
  for (const auto& value : kHostileValues) {
    const std::string dn = "uid=" + ldapauth::escapeDnValue(value) + ",ou=people,dc=example,dc=com";
    BOOST_CHECK(firstRdnValue(dn, 4) == value);
  }
}

BOOST_AUTO_TEST_CASE(library_version_names_the_linked_libldap) {
  const std::string expected = std::string(LDAP_VENDOR_NAME) + " " +
                               std::to_string(LDAP_VENDOR_VERSION_MAJOR) + "." +
                               std::to_string(LDAP_VENDOR_VERSION_MINOR) + "." +
                               std::to_string(LDAP_VENDOR_VERSION_PATCH);
  BOOST_CHECK_EQUAL(ldapauth::libraryVersion(), expected);
}

BOOST_AUTO_TEST_CASE(filter_placeholders_are_all_replaced_and_escaped) {
  const std::string filter = ldapauth::expandFilter("(|(member={dn})(memberUid={uid})(x={uid}))",
                                                    {{"{dn}", "uid=a(b),dc=x"}, {"{uid}", "a*"}});
  BOOST_CHECK_EQUAL(filter, "(|(member=uid=a\\28b\\29,dc=x)(memberUid=a\\2a)(x=a\\2a))");
}

BOOST_AUTO_TEST_CASE(filter_placeholder_inside_a_value_is_not_expanded_again) {
  // A DN that contains "{uid}" must not pull the uid into the filter a second time.
  const std::string filter = ldapauth::expandFilter("(&(member={dn})(memberUid={uid}))",
                                                    {{"{dn}", "cn={uid}"}, {"{uid}", "*"}});
  BOOST_CHECK_EQUAL(filter, "(&(member=cn={uid})(memberUid=\\2a))");
}

BOOST_AUTO_TEST_SUITE_END()
