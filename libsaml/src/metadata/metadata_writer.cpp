// SPDX-License-Identifier: Apache-2.0
// Pieces shared by the IdP and SP metadata builders.
#include "metadata/metadata_writer.hpp"

#include "core/xml_writer.hpp"

namespace authcore::saml::detail {

tl::expected<EntityWriter, Error> startEntity(const std::string& entityId) {
  EntityWriter w;
  w.doc.reset(xmlNewDoc(BAD_CAST "1.0"));
  if (!w.doc) return tl::unexpected(Error{Errc::CryptoFailure, "xmlNewDoc failed"});
  w.entity = xmlNewDocNode(w.doc.get(), nullptr, BAD_CAST "EntityDescriptor", nullptr);
  xmlDocSetRootElement(w.doc.get(), w.entity);
  w.md = xmlNewNs(w.entity, BAD_CAST kMetadataNs, BAD_CAST "md");
  w.ds = xmlNewNs(w.entity, BAD_CAST kDsigNs, BAD_CAST "ds");
  xmlSetNs(w.entity, w.md);
  setAttribute(w.entity, "entityID", entityId);
  return w;
}

void addSigningKey(xmlNodePtr descriptor, const EntityWriter& writer, const Certificate& certificate) {
  xmlNodePtr key = xmlNewChild(descriptor, writer.md, BAD_CAST "KeyDescriptor", nullptr);
  setAttribute(key, "use", "signing");
  xmlNodePtr keyInfo = xmlNewChild(key, writer.ds, BAD_CAST "KeyInfo", nullptr);
  xmlNodePtr x509Data = xmlNewChild(keyInfo, writer.ds, BAD_CAST "X509Data", nullptr);
  addTextChild(x509Data, writer.ds, "X509Certificate", certificate.base64Der());
}

xmlNodePtr addEndpoint(xmlNodePtr descriptor, const EntityWriter& writer, const char* element, const char* binding,
                       const std::string& location) {
  xmlNodePtr endpoint = xmlNewChild(descriptor, writer.md, BAD_CAST element, nullptr);
  setAttribute(endpoint, "Binding", binding);
  setAttribute(endpoint, "Location", location);
  return endpoint;
}

}  // namespace authcore::saml::detail
