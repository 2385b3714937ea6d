// SPDX-License-Identifier: Apache-2.0
// The common start of the protocol messages we send: root, ID, IssueInstant, Issuer.
#include "profile/message_writer.hpp"

#include "core/xml_writer.hpp"

namespace authcore::saml::detail {

tl::expected<std::string, Error> newMessageId() {
  std::string id = randomId();
  if (id.empty()) return tl::unexpected(Error{Errc::CryptoFailure, "RAND_bytes failed"});
  return id;
}

MessageWriter startMessage(const char* rootName, const std::string& id, std::chrono::system_clock::time_point now,
                           const std::string& destination, const std::string& issuer) {
  MessageWriter w;
  w.doc.reset(xmlNewDoc(BAD_CAST "1.0"));
  w.root = xmlNewDocNode(w.doc.get(), nullptr, BAD_CAST rootName, nullptr);
  xmlDocSetRootElement(w.doc.get(), w.root);
  w.samlp = xmlNewNs(w.root, BAD_CAST kProtocolNs, BAD_CAST "samlp");
  w.saml = xmlNewNs(w.root, BAD_CAST kAssertionNs, BAD_CAST "saml");
  xmlSetNs(w.root, w.samlp);
  setAttribute(w.root, "ID", id);
  setAttribute(w.root, "Version", "2.0");
  setAttribute(w.root, "IssueInstant", formatInstant(now));
  setAttribute(w.root, "Destination", destination);
  addTextChild(w.root, w.saml, "Issuer", issuer);
  return w;
}

tl::expected<BuiltMessage, Error> finishMessage(const MessageWriter& writer, std::string id) {
  auto xml = serialize(writer.doc.get());
  if (!xml) return tl::unexpected(xml.error());
  return BuiltMessage{std::move(*xml), std::move(id)};
}

}  // namespace authcore::saml::detail
