// SPDX-License-Identifier: Apache-2.0
// Stable names for libsaml's error codes.
#include <authcore/saml/error.hpp>

namespace authcore::saml {

const char* errcName(Errc code) noexcept {
  switch (code) {
    case Errc::NotInitialised: return "not_initialised";
    case Errc::TooLarge: return "too_large";
    case Errc::Malformed: return "malformed";
    case Errc::DtdForbidden: return "dtd_forbidden";
    case Errc::TooDeep: return "too_deep";
    case Errc::TooManyNodes: return "too_many_nodes";
    case Errc::BindingInvalid: return "binding_invalid";
    case Errc::UnexpectedMessage: return "unexpected_message";
    case Errc::MissingField: return "missing_field";
    case Errc::DuplicateId: return "duplicate_id";
    case Errc::SignatureMissing: return "signature_missing";
    case Errc::SignatureInvalid: return "signature_invalid";
    case Errc::UnsupportedAlgorithm: return "unsupported_algorithm";
    case Errc::UnknownIssuer: return "unknown_issuer";
    case Errc::DestinationMismatch: return "destination_mismatch";
    case Errc::Expired: return "expired";
    case Errc::Replayed: return "replayed";
    case Errc::InvalidKey: return "invalid_key";
    case Errc::CryptoFailure: return "crypto_failure";
    case Errc::StatusNotSuccess: return "status_not_success";
    case Errc::AudienceMismatch: return "audience_mismatch";
    case Errc::RequestUnknown: return "request_unknown";
  }
  return "unknown";
}

}  // namespace authcore::saml
