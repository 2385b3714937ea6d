// SPDX-License-Identifier: Apache-2.0
// IdpMetadataSource against a real loopback HTTP server and a hand-moved
// clock: metadata by URL is fetched once, refreshed after an hour, and a
// failing refresh keeps the last good document until it expires.
#include "saml_sp_fixture.hpp"
#include "support/document_server.hpp"
#include "support/manual_clock.hpp"

#include "http/outbound_client.hpp"
#include "saml/idp_metadata_source.hpp"

#include <authcore/error.hpp>

#include <boost/test/unit_test.hpp>

using namespace authcore;
using test::SamlSpFixture;

namespace {

std::string metadataWith(const std::string& ssoUrl,
                         std::optional<std::chrono::system_clock::time_point> validUntil = std::nullopt) {
    saml::IdpMetadataSpec spec;
    spec.entityId = SamlSpFixture::kIdpEntityId;
    spec.ssoUrl = ssoUrl;
    spec.signingCertificates.push_back(test::generatedCredential(0).certificate());
    spec.validUntil = validUntil;
    return *saml::buildIdpMetadata(spec);
}

struct SourceFixture {
    test::ManualClock clock{std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())};
    appliance::PocoHttpClient http;
    appliance::IdpMetadataSource source{http, clock};
    test::DocumentServer idp{metadataWith("https://idp.one.test/sso")};
    SsoConnection connection;

    SourceFixture() {
        connection.id = "sso_conn_test";
        connection.saml.idpMetadataUrl = idp.url();
    }
    std::string sso() { return *source.descriptor(connection)->ssoLocation(saml::kBindingHttpRedirect); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(appliance_idp_metadata_source)

BOOST_FIXTURE_TEST_CASE(metadata_by_url_is_fetched_once_then_refreshed_after_an_hour, SourceFixture) {
    BOOST_TEST(sso() == "https://idp.one.test/sso");
    BOOST_TEST(sso() == "https://idp.one.test/sso");
    BOOST_TEST(idp.hits() == 1);
    idp.serve(metadataWith("https://idp.two.test/sso"));
    clock.advance(std::chrono::minutes(59));
    BOOST_TEST(sso() == "https://idp.one.test/sso");
    clock.advance(std::chrono::minutes(2));
    BOOST_TEST(sso() == "https://idp.two.test/sso");
    BOOST_TEST(idp.hits() == 2);
}

BOOST_FIXTURE_TEST_CASE(a_failed_refresh_keeps_the_last_good_document_until_it_expires, SourceFixture) {
    const auto now = std::chrono::system_clock::time_point(clock.now().time_since_epoch());
    idp.serve(metadataWith("https://idp.one.test/sso", now + std::chrono::hours(3)));
    BOOST_TEST(sso() == "https://idp.one.test/sso");
    idp.serve("down for maintenance", 503);
    clock.advance(std::chrono::minutes(61));
    BOOST_TEST(sso() == "https://idp.one.test/sso"); // stale but still valid
    BOOST_TEST(idp.hits() == 2);
    BOOST_TEST(sso() == "https://idp.one.test/sso"); // no retry within a minute
    BOOST_TEST(idp.hits() == 2);
    clock.advance(std::chrono::hours(2));
    BOOST_CHECK_THROW(source.descriptor(connection), Error); // past validUntil: nothing to trust
}

BOOST_FIXTURE_TEST_CASE(without_a_good_document_errors_say_why, SourceFixture) {
    idp.serve("<html>login</html>");
    try {
        source.descriptor(connection);
        BOOST_FAIL("accepted");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::InvalidInput));
    }
    idp.serve("", 404);
    try {
        source.descriptor(connection);
        BOOST_FAIL("accepted");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::UpstreamError));
        BOOST_TEST(std::string(e.what()).find("404") != std::string::npos);
    }
}

BOOST_FIXTURE_TEST_CASE(stored_xml_is_parsed_once_and_again_when_it_changes, SourceFixture) {
    connection.saml.idpMetadataUrl.clear();
    connection.saml.idpMetadataXml = metadataWith("https://idp.xml.test/sso");
    const auto first = source.descriptor(connection);
    BOOST_TEST(source.descriptor(connection).get() == first.get());
    connection.saml.idpMetadataXml = metadataWith("https://idp.changed.test/sso");
    BOOST_TEST(sso() == "https://idp.changed.test/sso");
    BOOST_TEST(idp.hits() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
