// SPDX-License-Identifier: Apache-2.0
// Enveloped signatures on POST AuthnRequests made by the xmlsec1 CLI: valid ones,
// foreign keys, SHA-1, tampering and XML Signature Wrapping attempts.
#include <authcore/saml/authn_request.hpp>

#include "inbound_fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <set>

namespace saml = authcore::saml;
namespace fx = authcore::saml::test;
using saml::Errc;

namespace {

const std::string kId = fx::RequestFields().id;

saml::AuthnRequestPolicy signedPolicy() {
  saml::AuthnRequestPolicy policy = fx::authnPolicy();
  policy.spCertificate = fx::spKey().credential.certificate();
  policy.requireSignature = true;
  return policy;
}

// A request signed by `key` through xmlsec1, its Signature referencing `referenceId`.
std::string signedRequest(const fx::TestKey& key, fx::RequestFields fields = {},
                          const std::string& signatureMethod = fx::kSigRsaSha256,
                          const std::string& digestMethod = fx::kDigestSha256) {
  fields.signature = fx::signatureTemplate(fields.id, signatureMethod, digestMethod);
  return fx::signWithXmlsec1(fx::authnRequestXml(fields), key);
}

Errc postError(const std::string& xml, const saml::AuthnRequestPolicy& policy = signedPolicy()) {
  auto request = saml::readPostAuthnRequest(xml, policy);
  BOOST_REQUIRE_MESSAGE(!request.has_value(), "accepted: " << xml);
  return request.error().code;
}

// The whole ds:Signature element of a signed document.
std::string signatureElement(const std::string& xml) {
  const auto start = xml.find("<ds:Signature");
  const auto end = xml.find("</ds:Signature>") + std::string("</ds:Signature>").size();
  BOOST_REQUIRE(start != std::string::npos && end > start);
  return xml.substr(start, end - start);
}

// The root element of a signed document, without the XML declaration.
std::string withoutDeclaration(const std::string& xml) {
  return xml.substr(xml.find("<samlp:AuthnRequest"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(saml_authn_request_signature)

BOOST_AUTO_TEST_CASE(request_signed_by_xmlsec1_verifies) {
  const std::string xml = signedRequest(fx::spKey());
  BOOST_REQUIRE_NE(xml.find("<ds:SignatureValue>"), std::string::npos);
  auto request = saml::readPostAuthnRequest(xml, signedPolicy());
  BOOST_REQUIRE_MESSAGE(request.has_value(), request.error().message);
  BOOST_CHECK(request->signatureVerified);
  BOOST_CHECK_EQUAL(request->id, kId);
}

BOOST_AUTO_TEST_CASE(request_signed_with_the_certificate_in_key_info_verifies) {
  fx::RequestFields fields;
  fields.signature = fx::signatureTemplate(fields.id, fx::kSigRsaSha256, fx::kDigestSha256, true);
  const std::string xml = fx::signWithXmlsec1(fx::authnRequestXml(fields), fx::spKey(), {"AuthnRequest"}, true);
  BOOST_REQUIRE_NE(xml.find("<ds:X509Certificate>"), std::string::npos);
  BOOST_CHECK(saml::readPostAuthnRequest(xml, signedPolicy()).has_value());
}

BOOST_AUTO_TEST_CASE(tampered_request_is_invalid) {
  const std::string xml = signedRequest(fx::spKey());
  BOOST_CHECK(postError(fx::replaceOnce(xml, "AllowCreate=\"true\"", "AllowCreate=\"false\"")) ==
              Errc::SignatureInvalid);
  const std::string value = xml.substr(xml.find("<ds:SignatureValue>") + 19, 8);
  BOOST_CHECK(postError(fx::replaceOnce(xml, "<ds:SignatureValue>" + value, "<ds:SignatureValue>AAAAAAAA")) ==
              Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(request_signed_by_a_foreign_key_is_invalid_even_with_its_certificate_in_key_info) {
  BOOST_CHECK(postError(signedRequest(fx::foreignKey())) == Errc::SignatureInvalid);
  fx::RequestFields fields;
  fields.signature = fx::signatureTemplate(fields.id, fx::kSigRsaSha256, fx::kDigestSha256, true);
  const std::string xml = fx::signWithXmlsec1(fx::authnRequestXml(fields), fx::foreignKey(), {"AuthnRequest"}, true);
  BOOST_CHECK(postError(xml) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(forged_signature_never_burns_the_id) {
  std::vector<std::string> asked;
  auto policy = signedPolicy();
  policy.rememberId = [&asked](const std::string& id, std::chrono::system_clock::time_point) {
    asked.push_back(id);
    return true;
  };
  BOOST_CHECK(postError(signedRequest(fx::foreignKey()), policy) == Errc::SignatureInvalid);
  BOOST_CHECK(asked.empty());
  BOOST_CHECK(saml::readPostAuthnRequest(signedRequest(fx::spKey()), policy).has_value());
  BOOST_CHECK_EQUAL(asked.size(), 1u);
}

BOOST_AUTO_TEST_CASE(sha1_signature_or_digest_is_unsupported) {
  BOOST_CHECK(postError(signedRequest(fx::spKey(), {}, fx::kSigRsaSha1, fx::kDigestSha256)) ==
              Errc::UnsupportedAlgorithm);
  BOOST_CHECK(postError(signedRequest(fx::spKey(), {}, fx::kSigRsaSha256, fx::kDigestSha1)) ==
              Errc::UnsupportedAlgorithm);
}

BOOST_AUTO_TEST_CASE(transforms_other_than_enveloped_and_exclusive_c14n_are_unsupported) {
  const std::string xml = signedRequest(fx::spKey());
  const std::string inclusive = fx::replaceOnce(
      xml, "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
      "<ds:Transform Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/>");
  BOOST_CHECK(postError(inclusive) == Errc::UnsupportedAlgorithm);
  const std::string xslt = fx::replaceOnce(
      xml, "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
      "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"/>");
  BOOST_CHECK(postError(xslt) == Errc::UnsupportedAlgorithm);
}

BOOST_AUTO_TEST_CASE(whole_document_or_external_references_are_invalid) {
  const std::string xml = signedRequest(fx::spKey());
  BOOST_CHECK(postError(fx::replaceOnce(xml, "URI=\"#" + kId + "\"", "URI=\"\"")) == Errc::SignatureInvalid);
  BOOST_CHECK(postError(fx::replaceOnce(xml, "URI=\"#" + kId + "\"", "URI=\"http://127.0.0.1:1/x\"")) ==
              Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(signed_request_without_destination_is_refused) {
  fx::RequestFields fields;
  fields.destination.reset();
  BOOST_CHECK(postError(signedRequest(fx::spKey(), fields)) == Errc::MissingField);
}

BOOST_AUTO_TEST_CASE(signature_referencing_another_element_is_invalid) {
  fx::RequestFields fields;
  fields.extensions = "<samlp:Wrapped ID=\"_other\">payload</samlp:Wrapped>";
  fields.signature = fx::signatureTemplate("_other");
  const std::string xml = fx::signWithXmlsec1(fx::authnRequestXml(fields), fx::spKey(), {"AuthnRequest", "Wrapped"});
  BOOST_CHECK(postError(xml) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(duplicate_ids_are_refused) {
  const std::string xml = signedRequest(fx::spKey());
  const std::string copy = fx::replaceOnce(
      xml, "<samlp:NameIDPolicy", "<samlp:Extensions><samlp:Wrapped ID=\"" + kId + "\"/></samlp:Extensions><samlp:NameIDPolicy");
  BOOST_CHECK(postError(copy) == Errc::DuplicateId);
}

BOOST_AUTO_TEST_CASE(signed_request_wrapped_inside_an_unsigned_one_is_not_trusted) {
  // XSW: the attacker's root carries its own ACS-less fields and hides the signed
  // original in Extensions, hoping a verifier finds "a" valid signature.
  const std::string original = withoutDeclaration(signedRequest(fx::spKey()));
  fx::RequestFields evil;
  evil.id = "_evil";
  evil.extensions = original;
  const std::string outer = fx::replaceOnce(fx::authnRequestXml(evil), "AllowCreate=\"true\"", "AllowCreate=\"false\"");
  BOOST_CHECK(postError(outer) == Errc::SignatureMissing);
  auto lenient = signedPolicy();
  lenient.requireSignature = false;
  auto request = saml::readPostAuthnRequest(outer, lenient);
  BOOST_REQUIRE_MESSAGE(request.has_value(), request.error().message);
  BOOST_CHECK(!request->signatureVerified);
  BOOST_CHECK_EQUAL(request->id, "_evil");
}

BOOST_AUTO_TEST_CASE(signature_moved_onto_a_wrapping_request_is_invalid) {
  const std::string original = withoutDeclaration(signedRequest(fx::spKey()));
  const std::string signature = signatureElement(original);
  const std::string stripped = fx::replaceOnce(original, signature, "");
  // Same ID on the new root, original (now unsigned) inside: duplicate IDs.
  fx::RequestFields sameId;
  sameId.signature = signature;
  sameId.extensions = stripped;
  BOOST_CHECK(postError(fx::authnRequestXml(sameId)) == Errc::DuplicateId);
  // New root ID, signature still naming the original: wrong reference.
  fx::RequestFields newId = sameId;
  newId.id = "_evil";
  BOOST_CHECK(postError(fx::authnRequestXml(newId)) == Errc::SignatureInvalid);
  // Original's ID renamed away: the digest over the new root no longer matches.
  fx::RequestFields renamed = sameId;
  renamed.extensions = fx::replaceOnce(stripped, "ID=\"" + kId + "\"", "ID=\"_renamed\"");
  BOOST_CHECK(postError(fx::authnRequestXml(renamed)) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(signature_nested_below_the_root_does_not_count) {
  const std::string original = withoutDeclaration(signedRequest(fx::spKey()));
  const std::string signature = signatureElement(original);
  const std::string moved = fx::replaceOnce(
      fx::replaceOnce(original, signature, ""), "<samlp:NameIDPolicy",
      "<samlp:Extensions>" + signature + "</samlp:Extensions><samlp:NameIDPolicy");
  BOOST_CHECK(postError(moved) == Errc::SignatureMissing);
}

BOOST_AUTO_TEST_CASE(two_signatures_on_the_root_are_invalid) {
  const std::string xml = withoutDeclaration(signedRequest(fx::spKey()));
  const std::string signature = signatureElement(xml);
  BOOST_CHECK(postError(fx::replaceOnce(xml, signature, signature + signature)) == Errc::SignatureInvalid);
}

BOOST_AUTO_TEST_CASE(comment_inserted_into_a_signed_issuer_still_reads_whole) {
  // CVE-2017-11427 class: exclusive C14N drops comments, so the signature still
  // verifies, but the Issuer must not be cut at the comment.
  fx::RequestFields fields;
  fields.issuer = std::string(fx::kSpEntityId) + ".attacker.example";
  const std::string xml = signedRequest(fx::spKey(), fields);
  const std::string commented = fx::replaceOnce(xml, fields.issuer, std::string(fx::kSpEntityId) + "<!---->.attacker.example");
  auto policy = signedPolicy();
  policy.expectedIssuer = fields.issuer;
  auto request = saml::readPostAuthnRequest(commented, policy);
  BOOST_REQUIRE_MESSAGE(request.has_value(), request.error().message);
  BOOST_CHECK(request->signatureVerified);
  BOOST_CHECK_EQUAL(request->issuer, fields.issuer);
  BOOST_CHECK(postError(commented) == Errc::UnknownIssuer);
}

BOOST_AUTO_TEST_SUITE_END()
