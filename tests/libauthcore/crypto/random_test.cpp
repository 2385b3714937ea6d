// SPDX-License-Identifier: Apache-2.0
// Random bytes, tokens and time-ordered prefixed IDs.
#include <authcore/crypto/encoding.hpp>
#include <authcore/crypto/random.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>
#include <vector>

using namespace authcore::crypto;

namespace {

constexpr std::string_view kCrockford = "0123456789abcdefghjkmnpqrstvwxyz";

// The first 10 base32 digits hold the top 50 bits: 2 zero bits then the 48-bit time.
long long idMillis(std::string_view body) {
    long long value = 0;
    for (char c : body.substr(0, 10)) value = value * 32 + static_cast<long long>(kCrockford.find(c));
    return value;
}

long long nowMillis() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace

BOOST_AUTO_TEST_SUITE(crypto_random)

BOOST_AUTO_TEST_CASE(random_bytes_have_the_requested_length_and_differ) {
    BOOST_TEST(randomBytes(0).empty());
    BOOST_TEST(randomBytes(1000).size() == 1000u);
    BOOST_TEST(randomBytes(32) != randomBytes(32));
}

BOOST_AUTO_TEST_CASE(random_token_is_unpadded_base64url_of_256_bits) {
    auto token = randomToken();
    BOOST_TEST(token.size() == 43u);
    BOOST_TEST(base64UrlDecode(token).value_or("").size() == 32u);
    BOOST_TEST(randomToken(16).size() == 22u);
}

BOOST_AUTO_TEST_CASE(random_id_is_prefix_and_26_crockford_chars) {
    auto id = randomId("usr_");
    BOOST_TEST_REQUIRE(id.size() == 30u);
    BOOST_TEST(id.substr(0, 4) == "usr_");
    BOOST_TEST(id.substr(4).find_first_not_of(kCrockford) == std::string::npos);
    BOOST_TEST(std::string_view(kCrockford).find(id[4]) < 8u); // top two bits are zero
}

BOOST_AUTO_TEST_CASE(random_id_starts_with_the_current_millisecond) {
    auto before = nowMillis();
    auto id = randomId("");
    auto after = nowMillis();
    BOOST_TEST(idMillis(id) >= before);
    BOOST_TEST(idMillis(id) <= after);
}

BOOST_AUTO_TEST_CASE(random_ids_sort_by_creation_time) {
    auto first = randomId("org_");
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    auto second = randomId("org_");
    BOOST_TEST(first < second);
}

BOOST_AUTO_TEST_CASE(random_ids_in_one_millisecond_are_distinct) {
    std::set<std::string> ids;
    for (int i = 0; i < 1000; ++i) ids.insert(randomId("x"));
    BOOST_TEST(ids.size() == 1000u);
}

// The audit log lists newest first by id; events recorded in one millisecond
// (a create then a delete) must keep their order. 1000 in a row span few
// milliseconds, so most pairs share one: randomId would misorder about half.
BOOST_AUTO_TEST_CASE(sequenced_ids_sort_in_creation_order_within_a_millisecond) {
    std::vector<std::string> ids;
    for (int i = 0; i < 1000; ++i) ids.push_back(sequencedId("evt_"));
    BOOST_TEST(std::is_sorted(ids.begin(), ids.end()));
    BOOST_TEST(std::set<std::string>(ids.begin(), ids.end()).size() == 1000u);
    BOOST_TEST(idMillis(ids.front()) <= idMillis(ids.back()));
}

BOOST_AUTO_TEST_SUITE_END()
