// SPDX-License-Identifier: Apache-2.0
#include "saml/idp_metadata_source.hpp"

#include <authcore/error.hpp>

namespace authcore::appliance {
namespace {

std::chrono::system_clock::time_point systemTime(Timestamp t) {
    return std::chrono::system_clock::time_point(std::chrono::duration_cast<std::chrono::system_clock::duration>(
        t.time_since_epoch()));
}

bool expired(const saml::IdpDescriptor& descriptor, Timestamp now) {
    return descriptor.validUntil && *descriptor.validUntil <= systemTime(now);
}

} // namespace

IdpMetadataSource::IdpMetadataSource(HttpClient& http, const Clock& clock, IdpMetadataOptions options)
    : http_(http), clock_(clock), options_(options) {}

std::string IdpMetadataSource::fetch(const std::string& url) {
    OutboundRequest request;
    request.url = url;
    request.headers.emplace_back("Accept", "application/samlmetadata+xml, application/xml, text/xml");
    const auto response = http_.send(request);
    if (response.status != 200)
        throw Error(ErrorCode::UpstreamError,
                    "the IdP metadata URL answered HTTP " + std::to_string(response.status));
    if (response.body.size() > options_.maxDocumentBytes)
        throw Error(ErrorCode::UpstreamError, "the IdP metadata document is too large");
    return response.body;
}

saml::IdpDescriptor IdpMetadataSource::parse(const std::string& xml) {
    saml::IdpMetadataOptions options;
    options.limits.maxBytes = options_.maxDocumentBytes;
    auto parsed = saml::parseIdpMetadata(xml, systemTime(clock_.now()), options);
    if (!parsed)
        throw Error(ErrorCode::InvalidInput, std::string("the IdP metadata is not usable: ") +
                                                 std::string(saml::errcName(parsed.error().code)) + ": " +
                                                 parsed.error().message);
    return std::move(*parsed);
}

saml::IdpDescriptor IdpMetadataSource::load(const SsoConnection& connection) {
    const auto& settings = connection.saml;
    if (!settings.idpMetadataXml.empty()) return parse(settings.idpMetadataXml);
    if (settings.idpMetadataUrl.empty())
        throw Error(ErrorCode::InvalidInput, "the connection has neither idp_metadata_xml nor idp_metadata_url");
    return parse(fetch(settings.idpMetadataUrl));
}

std::shared_ptr<const saml::IdpDescriptor> IdpMetadataSource::descriptor(const SsoConnection& connection) {
    const auto& settings = connection.saml;
    const auto source = settings.idpMetadataXml.empty() ? settings.idpMetadataUrl : settings.idpMetadataXml;
    const auto now = clock_.now();
    std::shared_ptr<const saml::IdpDescriptor> stale;
    {
        std::lock_guard lock(mutex_);
        const auto found = entries_.find(connection.id);
        if (found != entries_.end() && found->second.source == source) {
            if (now < found->second.refreshAt && !expired(*found->second.descriptor, now))
                return found->second.descriptor;
            stale = found->second.descriptor;
        }
    }
    // Fetched outside the lock: a slow IdP must not stall other connections.
    try {
        auto fresh = std::make_shared<const saml::IdpDescriptor>(load(connection));
        std::lock_guard lock(mutex_);
        entries_[connection.id] = Entry{fresh, source, now + options_.refreshAfter};
        return fresh;
    } catch (const Error&) {
        if (!stale || expired(*stale, now)) throw;
        std::lock_guard lock(mutex_);
        entries_[connection.id].refreshAt = now + options_.retryAfter;
        return stale;
    }
}

} // namespace authcore::appliance
