// SPDX-License-Identifier: Apache-2.0
// Claims: typed accessors that never coerce one JSON type into another.
#include <authcore/crypto/jwt.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;

namespace {

crypto::Claims parsed(std::string_view json) {
    auto claims = crypto::Claims::parse(json);
    BOOST_TEST_REQUIRE(claims.has_value());
    return *claims;
}

} // namespace

BOOST_AUTO_TEST_SUITE(crypto_claims)

BOOST_AUTO_TEST_CASE(non_objects_are_malformed) {
    for (const char* json : {"", "[]", "1", "\"x\"", "{", "{} {}", "{\"a\":1,}"}) {
        auto claims = crypto::Claims::parse(json);
        BOOST_TEST_REQUIRE(!claims.has_value(), json);
        BOOST_TEST((claims.error().code == Errc::Malformed));
    }
}

BOOST_AUTO_TEST_CASE(accessors_return_only_matching_types) {
    auto claims = parsed(R"({"s":"text","i":42,"b":true,"f":1.5,"n":null,"big":18446744073709551615})");
    BOOST_TEST(claims.string("s").value_or("") == "text");
    BOOST_TEST(!claims.string("i").has_value());
    BOOST_TEST(claims.integer("i").value_or(0) == 42);
    BOOST_TEST(!claims.integer("b").has_value());
    BOOST_TEST(!claims.integer("f").has_value());
    BOOST_TEST(!claims.integer("s").has_value());
    BOOST_TEST(!claims.integer("big").has_value());
    BOOST_TEST(claims.boolean("b").value_or(false));
    BOOST_TEST(!claims.boolean("i").has_value());
    BOOST_TEST(!claims.string("n").has_value());
    BOOST_TEST(claims.has("n"));
    BOOST_TEST(!claims.has("missing"));
}

BOOST_AUTO_TEST_CASE(audience_is_a_list_for_string_or_array) {
    BOOST_TEST(parsed(R"({"aud":"a"})").audience() == std::vector<std::string>{"a"});
    BOOST_TEST(parsed(R"({"aud":["a","b"]})").audience() == (std::vector<std::string>{"a", "b"}));
    BOOST_TEST(parsed(R"({"aud":["a",1]})").audience().empty());
    BOOST_TEST(parsed(R"({"aud":1})").audience().empty());
    BOOST_TEST(parsed(R"({})").audience().empty());
}

BOOST_AUTO_TEST_CASE(original_json_is_kept) {
    std::string json = R"({ "sub" : "usr_1" })";
    BOOST_TEST(parsed(json).json() == json);
}

BOOST_AUTO_TEST_SUITE_END()
