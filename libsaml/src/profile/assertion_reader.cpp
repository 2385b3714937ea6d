// SPDX-License-Identifier: Apache-2.0
// Reading and checking the one Assertion of a Response once its signature verified.
#include "profile/assertion_reader.hpp"

#include "core/saml_time.hpp"
#include "core/xml_reading.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

namespace authcore::saml::detail {

namespace {

using TimePoint = std::chrono::system_clock::time_point;

constexpr std::string_view kBearer = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

tl::unexpected<Error> fail(Errc code, std::string message) {
  return tl::unexpected(Error{code, std::move(message)});
}

// An optional xs:dateTime attribute; Malformed when present but unreadable.
tl::expected<std::optional<TimePoint>, Error> timeAttribute(xmlNodePtr element, const char* name) {
  const auto text = attributeValue(element, name);
  if (!text) return std::optional<TimePoint>();
  const auto parsed = parseDateTime(*text);
  if (!parsed) return fail(Errc::Malformed, std::string(name) + " is not an xs:dateTime");
  return std::optional<TimePoint>(*parsed);
}

// The window [notBefore - skew, notOnOrAfter + skew) around `now`.
tl::expected<void, Error> checkWindow(const std::optional<TimePoint>& notBefore,
                                      const std::optional<TimePoint>& notOnOrAfter, const ResponsePolicy& policy,
                                      const char* what) {
  if (notBefore && policy.now + policy.clockSkew < *notBefore) {
    return fail(Errc::Expired, std::string(what) + " is not yet valid (NotBefore is in the future)");
  }
  if (notOnOrAfter && policy.now - policy.clockSkew >= *notOnOrAfter) {
    return fail(Errc::Expired, std::string(what) + " has expired (NotOnOrAfter has passed)");
  }
  return {};
}

tl::expected<void, Error> readHeader(xmlNodePtr assertion, const ResponsePolicy& policy, Assertion& out) {
  if (attributeValue(assertion, "Version") != "2.0") {
    return fail(Errc::UnexpectedMessage, "the Assertion's Version is not 2.0");
  }
  out.assertionId = attributeValue(assertion, "ID").value_or("");
  if (out.assertionId.empty()) return fail(Errc::MissingField, "the Assertion has no ID");
  if (!attributeValue(assertion, "IssueInstant")) return fail(Errc::MissingField, "the Assertion has no IssueInstant");
  const auto issuers = childElements(assertion, "Issuer", kAssertionNs);
  if (issuers.size() != 1) return fail(Errc::MissingField, "the Assertion needs exactly one Issuer");
  out.issuer = elementText(issuers.front());
  if (out.issuer != policy.expectedIssuer) {
    return fail(Errc::UnknownIssuer, "the Assertion's Issuer is not the configured IdP");
  }
  return {};
}

// The NameID text counts every text node, so a comment cannot truncate it.
tl::expected<void, Error> readNameId(xmlNodePtr subject, Assertion& out) {
  if (firstChildElement(subject, "EncryptedID", kAssertionNs) != nullptr) {
    return fail(Errc::UnexpectedMessage, "the Subject has an EncryptedID, which this SP cannot decrypt");
  }
  const auto nameIds = childElements(subject, "NameID", kAssertionNs);
  if (nameIds.size() != 1) return fail(Errc::MissingField, "the Subject needs exactly one NameID");
  out.nameId = elementText(nameIds.front());
  if (out.nameId.empty()) return fail(Errc::MissingField, "the NameID is empty");
  out.nameIdFormat = attributeValue(nameIds.front(), "Format");
  return {};
}

// One bearer confirmation: Recipient, time window and InResponseTo; returns its NotOnOrAfter.
tl::expected<TimePoint, Error> checkBearer(xmlNodePtr confirmation, const ResponsePolicy& policy,
                                           const std::optional<std::string>& inResponseTo) {
  const auto all = childElements(confirmation, "SubjectConfirmationData", kAssertionNs);
  if (all.size() != 1) {
    return fail(Errc::MissingField, "a bearer SubjectConfirmation needs one SubjectConfirmationData");
  }
  const xmlNodePtr data = all.front();
  const auto recipient = attributeValue(data, "Recipient");
  if (!recipient) return fail(Errc::MissingField, "the SubjectConfirmationData has no Recipient");
  if (*recipient != policy.acsUrl) return fail(Errc::DestinationMismatch, "the Recipient is not our ACS URL");
  const auto notBefore = timeAttribute(data, "NotBefore");
  const auto notOnOrAfter = notBefore ? timeAttribute(data, "NotOnOrAfter") : notBefore;
  if (!notOnOrAfter) return tl::unexpected(notOnOrAfter.error());
  if (!*notOnOrAfter) return fail(Errc::MissingField, "the SubjectConfirmationData has no NotOnOrAfter");
  auto window = checkWindow(*notBefore, *notOnOrAfter, policy, "the SubjectConfirmationData");
  if (!window) return tl::unexpected(window.error());
  if (attributeValue(data, "InResponseTo") != inResponseTo) {
    return fail(Errc::RequestUnknown, "the SubjectConfirmationData's InResponseTo differs from the Response's");
  }
  return **notOnOrAfter;
}

// The first bearer confirmation that passes is used; otherwise the first one's refusal.
tl::expected<void, Error> checkSubject(xmlNodePtr assertion, const ResponsePolicy& policy,
                                       const std::optional<std::string>& inResponseTo, Assertion& out) {
  const auto subjects = childElements(assertion, "Subject", kAssertionNs);
  if (subjects.size() != 1) return fail(Errc::MissingField, "the Assertion needs exactly one Subject");
  if (auto nameId = readNameId(subjects.front(), out); !nameId) return nameId;
  std::optional<Error> firstError;
  for (xmlNodePtr confirmation : childElements(subjects.front(), "SubjectConfirmation", kAssertionNs)) {
    if (attributeValue(confirmation, "Method") != kBearer) continue;
    auto notOnOrAfter = checkBearer(confirmation, policy, inResponseTo);
    if (notOnOrAfter) {
      out.notOnOrAfter = *notOnOrAfter;
      out.inResponseTo = inResponseTo;
      return {};
    }
    if (!firstError) firstError = std::move(notOnOrAfter.error());
  }
  if (firstError) return tl::unexpected(std::move(*firstError));
  return fail(Errc::MissingField, "the Subject has no bearer SubjectConfirmation");
}

// Every AudienceRestriction must name us (each one is a separate condition).
tl::expected<void, Error> checkAudiences(xmlNodePtr conditions, const std::string& spEntityId) {
  const auto restrictions = childElements(conditions, "AudienceRestriction", kAssertionNs);
  if (restrictions.empty()) return fail(Errc::MissingField, "the Conditions have no AudienceRestriction");
  for (xmlNodePtr restriction : restrictions) {
    const auto audiences = childElements(restriction, "Audience", kAssertionNs);
    const bool named = std::any_of(audiences.begin(), audiences.end(),
                                   [&](xmlNodePtr audience) { return elementText(audience) == spEntityId; });
    if (!named) return fail(Errc::AudienceMismatch, "an AudienceRestriction does not name this SP's entity ID");
  }
  return {};
}

tl::expected<void, Error> checkConditions(xmlNodePtr assertion, const ResponsePolicy& policy, Assertion& out) {
  const auto all = childElements(assertion, "Conditions", kAssertionNs);
  if (all.size() != 1) return fail(Errc::MissingField, "the Assertion needs exactly one Conditions");
  const auto notBefore = timeAttribute(all.front(), "NotBefore");
  const auto notOnOrAfter = notBefore ? timeAttribute(all.front(), "NotOnOrAfter") : notBefore;
  if (!notOnOrAfter) return tl::unexpected(notOnOrAfter.error());
  auto window = checkWindow(*notBefore, *notOnOrAfter, policy, "the Assertion's Conditions");
  if (!window) return window;
  if (*notOnOrAfter) out.notOnOrAfter = std::min(out.notOnOrAfter, **notOnOrAfter);
  return checkAudiences(all.front(), policy.spEntityId);
}

tl::expected<void, Error> readAuthnStatement(xmlNodePtr assertion, const ResponsePolicy& policy, Assertion& out) {
  const xmlNodePtr statement = firstChildElement(assertion, "AuthnStatement", kAssertionNs);
  if (statement == nullptr) return fail(Errc::MissingField, "the Assertion has no AuthnStatement");
  out.sessionIndex = attributeValue(statement, "SessionIndex");
  auto session = timeAttribute(statement, "SessionNotOnOrAfter");
  if (!session) return tl::unexpected(session.error());
  out.sessionNotOnOrAfter = *session;
  return checkWindow(std::nullopt, *session, policy, "the session (SessionNotOnOrAfter)");
}

// EncryptedAttribute elements are skipped: we hold no key to read them.
tl::expected<void, Error> readAttributes(xmlNodePtr assertion, Assertion& out) {
  for (xmlNodePtr statement : childElements(assertion, "AttributeStatement", kAssertionNs)) {
    for (xmlNodePtr attribute : childElements(statement, "Attribute", kAssertionNs)) {
      const auto name = attributeValue(attribute, "Name");
      if (!name || name->empty()) return fail(Errc::MissingField, "an Attribute has no Name");
      std::vector<std::string> values;
      for (xmlNodePtr value : childElements(attribute, "AttributeValue", kAssertionNs)) {
        values.push_back(elementText(value));
      }
      out.attributes.emplace_back(*name, std::move(values));
    }
  }
  return {};
}

}  // namespace

tl::expected<Assertion, Error> readVerifiedAssertion(xmlNodePtr assertion, const ResponsePolicy& policy,
                                                     const std::optional<std::string>& responseInResponseTo) {
  Assertion out;
  auto ok = readHeader(assertion, policy, out);
  if (ok) ok = checkSubject(assertion, policy, responseInResponseTo, out);
  if (ok) ok = checkConditions(assertion, policy, out);
  if (ok) ok = readAuthnStatement(assertion, policy, out);
  if (ok) ok = readAttributes(assertion, out);
  if (!ok) return tl::unexpected(std::move(ok.error()));
  return out;
}

}  // namespace authcore::saml::detail
