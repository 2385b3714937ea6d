// SPDX-License-Identifier: Apache-2.0
// Reading and checking the one Assertion of a Response once its signature verified (private).
#pragma once

#include <authcore/saml/error.hpp>
#include <authcore/saml/response_validator.hpp>

#include <libxml/tree.h>

#include <optional>
#include <string>

#include <tl/expected.hpp>

namespace authcore::saml::detail {

/// Reads `assertion`, an element a configured certificate's signature covers,
/// and checks it against `policy`: Version and ID, Issuer (UnknownIssuer), NameID
/// (MissingField; UnexpectedMessage for EncryptedID), a bearer
/// SubjectConfirmationData with Recipient = acsUrl (DestinationMismatch), a
/// NotOnOrAfter within skew (Expired) and an InResponseTo equal to
/// `responseInResponseTo` (RequestUnknown), Conditions times (Expired) and
/// audiences (AudienceMismatch), an AuthnStatement (MissingField), attributes.
/// Only direct children of `assertion` and their descendants are read.
/// responseId is left empty for the caller.
tl::expected<Assertion, Error> readVerifiedAssertion(xmlNodePtr assertion, const ResponsePolicy& policy,
                                                     const std::optional<std::string>& responseInResponseTo);

}  // namespace authcore::saml::detail
