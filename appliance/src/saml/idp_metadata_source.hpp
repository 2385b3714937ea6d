// SPDX-License-Identifier: Apache-2.0
// IdpMetadataSource: the IdP metadata of a SAML SSO connection, parsed once and
// kept; fetched from `idp_metadata_url` and refreshed in the background of
// requests, so an IdP that rolls its certificate over is followed.
#pragma once

#include <authcore/model/sso_connection.hpp>
#include <authcore/saml/idp_metadata_reader.hpp>
#include <authcore/services/http_client.hpp>
#include <authcore/time.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace authcore::appliance {

struct IdpMetadataOptions {
    std::chrono::seconds refreshAfter{3600}; ///< a fetched document is fetched again after this
    std::chrono::seconds retryAfter{60};     ///< after a failed refresh, the old one is kept this long before retrying
    std::size_t maxDocumentBytes = 1024 * 1024;
};

class IdpMetadataSource {
public:
    IdpMetadataSource(HttpClient& http, const Clock& clock, IdpMetadataOptions options = {});

    /// The connection's IdP, from its stored XML or its URL. A failed refresh
    /// keeps the last good document until it expires (validUntil); without one,
    /// Error(UpstreamError) for a fetch failure and InvalidInput for a document
    /// that is not usable IdP metadata.
    std::shared_ptr<const saml::IdpDescriptor> descriptor(const SsoConnection& connection);

    /// Reads the metadata afresh (no cache), for the connection test; same errors.
    saml::IdpDescriptor load(const SsoConnection& connection);

private:
    struct Entry {
        std::shared_ptr<const saml::IdpDescriptor> descriptor;
        std::string source; ///< the XML or URL it came from: a change invalidates
        Timestamp refreshAt{};
    };
    std::string fetch(const std::string& url);
    saml::IdpDescriptor parse(const std::string& xml);

    HttpClient& http_;
    const Clock& clock_;
    IdpMetadataOptions options_;
    std::mutex mutex_;
    std::map<std::string, Entry> entries_;
};

} // namespace authcore::appliance
