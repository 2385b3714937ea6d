// SPDX-License-Identifier: Apache-2.0
// Text names of the model's enums, as stored and as sent on the wire.
#include <authcore/error.hpp>
#include <authcore/model/client.hpp>
#include <authcore/model/membership.hpp>
#include <authcore/model/saml.hpp>
#include <authcore/model/service.hpp>
#include <authcore/model/signing_key.hpp>
#include <authcore/model/sso_connection.hpp>
#include <authcore/result.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace authcore {
namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

template <class Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view text) {
    for (const auto& [value, name] : table)
        if (equalsIgnoreCase(name, text)) return value;
    return std::nullopt;
}

template <class Enum, std::size_t N>
std::string_view nameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
    for (const auto& [v, name] : table)
        if (v == value) return name;
    return "unknown";
}

constexpr std::array<std::pair<Role, std::string_view>, 3> kRoles{{
    {Role::Owner, "owner"}, {Role::Admin, "admin"}, {Role::Member, "member"}}};
constexpr std::array<std::pair<ClientType, std::string_view>, 3> kClientTypes{{
    {ClientType::Application, "application"}, {ClientType::User, "user"}, {ClientType::Service, "service"}}};
constexpr std::array<std::pair<ServiceType, std::string_view>, 4> kServiceTypes{{
    {ServiceType::Web, "web"}, {ServiceType::Mobile, "mobile"}, {ServiceType::Cli, "cli"}, {ServiceType::Api, "api"}}};
constexpr std::array<std::pair<SubscriptionStatus, std::string_view>, 2> kSubscriptionStatuses{{
    {SubscriptionStatus::Active, "active"}, {SubscriptionStatus::Cancelled, "cancelled"}}};
constexpr std::array<std::pair<SamlCertificateStatus, std::string_view>, 3> kSamlCertificateStatuses{{
    {SamlCertificateStatus::Active, "active"}, {SamlCertificateStatus::Next, "next"},
    {SamlCertificateStatus::Inactive, "inactive"}}};
constexpr std::array<std::pair<SsoProtocol, std::string_view>, 3> kSsoProtocols{{
    {SsoProtocol::Oidc, "oidc"}, {SsoProtocol::Saml, "saml"}, {SsoProtocol::Ldap, "ldap"}}};
constexpr std::array<std::pair<SsoConnectionStatus, std::string_view>, 2> kSsoConnectionStatuses{{
    {SsoConnectionStatus::Active, "active"}, {SsoConnectionStatus::Inactive, "inactive"}}};
constexpr std::array<std::pair<SigningAlgorithm, std::string_view>, 3> kAlgorithms{{
    {SigningAlgorithm::RS256, "RS256"}, {SigningAlgorithm::ES256, "ES256"}, {SigningAlgorithm::EdDSA, "EdDSA"}}};
constexpr std::array<std::pair<KeyStatus, std::string_view>, 3> kKeyStatuses{{
    {KeyStatus::Next, "next"}, {KeyStatus::Current, "current"}, {KeyStatus::Retired, "retired"}}};
constexpr std::array<std::pair<ErrorCode, std::string_view>, 12> kErrorCodes{{
    {ErrorCode::InvalidInput, "invalid_request"}, {ErrorCode::Unauthenticated, "unauthenticated"},
    {ErrorCode::Forbidden, "forbidden"}, {ErrorCode::SsoRequired, "sso_required"},
    {ErrorCode::NotFound, "not_found"}, {ErrorCode::Conflict, "conflict"},
    {ErrorCode::LimitReached, "limit_reached"}, {ErrorCode::PayloadTooLarge, "payload_too_large"},
    {ErrorCode::RateLimited, "rate_limited"}, {ErrorCode::UpstreamError, "upstream_error"},
    {ErrorCode::StoreUnavailable, "store_unavailable"}, {ErrorCode::Internal, "internal_error"}}};
constexpr std::array<std::pair<Errc, std::string_view>, 15> kErrcs{{
    {Errc::Malformed, "malformed"}, {Errc::UnsupportedAlgorithm, "unsupported_algorithm"},
    {Errc::AlgorithmMismatch, "algorithm_mismatch"}, {Errc::UnknownKey, "unknown_key"},
    {Errc::CriticalHeader, "critical_header"}, {Errc::SignatureInvalid, "signature_invalid"},
    {Errc::Expired, "expired"}, {Errc::NotYetValid, "not_yet_valid"},
    {Errc::IssuedInFuture, "issued_in_future"}, {Errc::MissingClaim, "missing_claim"},
    {Errc::IssuerMismatch, "issuer_mismatch"}, {Errc::AudienceMismatch, "audience_mismatch"},
    {Errc::TypeMismatch, "type_mismatch"}, {Errc::DecryptionFailed, "decryption_failed"},
    {Errc::TooLarge, "too_large"}}};

} // namespace

std::string_view roleName(Role role) noexcept { return nameOf(kRoles, role); }
std::optional<Role> parseRole(std::string_view text) noexcept { return lookup(kRoles, text); }
std::string_view clientTypeName(ClientType type) noexcept { return nameOf(kClientTypes, type); }
std::optional<ClientType> parseClientType(std::string_view text) noexcept { return lookup(kClientTypes, text); }
std::string_view serviceTypeName(ServiceType type) noexcept { return nameOf(kServiceTypes, type); }
std::optional<ServiceType> parseServiceType(std::string_view text) noexcept { return lookup(kServiceTypes, text); }
std::string_view subscriptionStatusName(SubscriptionStatus status) noexcept {
    return nameOf(kSubscriptionStatuses, status);
}
std::optional<SubscriptionStatus> parseSubscriptionStatus(std::string_view text) noexcept {
    return lookup(kSubscriptionStatuses, text);
}
std::string_view samlCertificateStatusName(SamlCertificateStatus status) noexcept {
    return nameOf(kSamlCertificateStatuses, status);
}
std::optional<SamlCertificateStatus> parseSamlCertificateStatus(std::string_view text) noexcept {
    return lookup(kSamlCertificateStatuses, text);
}
std::string_view ssoProtocolName(SsoProtocol protocol) noexcept { return nameOf(kSsoProtocols, protocol); }
std::optional<SsoProtocol> parseSsoProtocol(std::string_view text) noexcept { return lookup(kSsoProtocols, text); }
std::string_view ssoConnectionStatusName(SsoConnectionStatus status) noexcept {
    return nameOf(kSsoConnectionStatuses, status);
}
std::optional<SsoConnectionStatus> parseSsoConnectionStatus(std::string_view text) noexcept {
    return lookup(kSsoConnectionStatuses, text);
}
std::string_view algorithmName(SigningAlgorithm alg) noexcept { return nameOf(kAlgorithms, alg); }
std::optional<SigningAlgorithm> parseAlgorithm(std::string_view text) noexcept { return lookup(kAlgorithms, text); }
std::string_view keyStatusName(KeyStatus status) noexcept { return nameOf(kKeyStatuses, status); }
std::optional<KeyStatus> parseKeyStatus(std::string_view text) noexcept { return lookup(kKeyStatuses, text); }
std::string_view errorCodeName(ErrorCode code) noexcept { return nameOf(kErrorCodes, code); }
std::string_view errcName(Errc code) noexcept { return nameOf(kErrcs, code); }

} // namespace authcore
