// SPDX-License-Identifier: Apache-2.0
// libxml2 parse of untrusted XML with DTDs refused and limits enforced (private).
#include "core/hardened_parser.hpp"

#include "core/xml_tree.hpp"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <optional>
#include <string>

namespace authcore::saml::detail {

namespace {

// No XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR, XML_PARSE_DTDVALID,
// XML_PARSE_XINCLUDE or XML_PARSE_HUGE: entities stay unexpanded, no DTD is
// fetched, and libxml2's own hard limits stay on.
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_NOXINCNODE;

// What one parse has seen; reached from the SAX callbacks through ctxt->_private,
// so concurrent parses never share state.
struct ParseState {
  ParseLimits limits;
  std::size_t depth = 0;
  std::size_t elements = 0;
  std::optional<Error> error;

  void fail(Errc code, std::string message) {
    if (!error) error = Error{code, std::move(message)};
  }
};

struct ParserCtxtFree {
  void operator()(xmlParserCtxt* ctxt) const noexcept { xmlFreeParserCtxt(ctxt); }
};

// libxml2 passes ctxt->userData, which it initialises to the context itself.
ParseState& stateOf(void* ctx) {
  return *static_cast<ParseState*>(static_cast<xmlParserCtxtPtr>(ctx)->_private);
}

void stop(void* ctx, Errc code, std::string message) {
  stateOf(ctx).fail(code, std::move(message));
  xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx));
}

std::string describe(const xmlError& error) {
  std::string message = error.message != nullptr ? error.message : "not well-formed XML";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return "line " + std::to_string(error.line) + ": " + message;
}

void onStructuredError(void* ctx, xmlErrorPtr error) {
  if (ctx == nullptr || error == nullptr || error->level < XML_ERR_ERROR) return;
  stateOf(ctx).fail(Errc::Malformed, describe(*error));
}

// Called when "<!DOCTYPE name ..." has been read and before any "[...]" internal
// subset, so no entity declaration is ever processed: stop right here.
void onDoctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  stop(ctx, Errc::DtdForbidden, "documents with a DOCTYPE are not accepted");
}

xmlParserInputPtr onResolveEntity(void*, const xmlChar*, const xmlChar*) {
  return nullptr;
}

void onStartElement(void* ctx, const xmlChar* localName, const xmlChar* prefix,
                    const xmlChar* uri, int namespaceCount, const xmlChar** namespaces,
                    int attributeCount, int defaultedCount, const xmlChar** attributes) {
  ParseState& state = stateOf(ctx);
  if (++state.depth > state.limits.maxDepth) {
    return stop(ctx, Errc::TooDeep,
                "elements nest deeper than " + std::to_string(state.limits.maxDepth));
  }
  if (++state.elements > state.limits.maxNodes) {
    return stop(ctx, Errc::TooManyNodes,
                "more than " + std::to_string(state.limits.maxNodes) + " nodes");
  }
  xmlSAX2StartElementNs(ctx, localName, prefix, uri, namespaceCount, namespaces, attributeCount,
                        defaultedCount, attributes);
}

void onEndElement(void* ctx, const xmlChar* localName, const xmlChar* prefix, const xmlChar* uri) {
  --stateOf(ctx).depth;
  xmlSAX2EndElementNs(ctx, localName, prefix, uri);
}

// After xmlCtxtUseOptions, which may rewrite the handler table.
void installHooks(xmlParserCtxt& ctxt) {
  xmlSAXHandler& sax = *ctxt.sax;
  sax.serror = onStructuredError;
  sax.internalSubset = onDoctype;
  sax.externalSubset = onDoctype;
  sax.resolveEntity = onResolveEntity;
  sax.startElementNs = onStartElement;
  sax.endElementNs = onEndElement;
  ctxt.replaceEntities = 0;
  ctxt.loadsubset = 0;
  ctxt.validate = 0;
}

std::size_t countNodes(xmlDoc& doc) {
  std::size_t nodes = 0;
  for (xmlNodePtr top = doc.children; top != nullptr; top = top->next) {
    walkSubtree(top, [&nodes](xmlNodePtr) {
      ++nodes;
      return true;
    });
  }
  return nodes;
}

tl::unexpected<Error> refuse(Errc code, std::string message) {
  return tl::unexpected(Error{code, std::move(message)});
}

}  // namespace

tl::expected<XmlDocPtr, Error> parseHardened(std::string_view xml, const ParseLimits& limits) {
  if (xml.size() > limits.maxBytes || xml.size() > static_cast<std::size_t>(INT_MAX)) {
    return refuse(Errc::TooLarge, "document of " + std::to_string(xml.size()) +
                                      " bytes exceeds the limit of " +
                                      std::to_string(limits.maxBytes));
  }
  if (xml.empty()) return refuse(Errc::Malformed, "empty document");
  std::unique_ptr<xmlParserCtxt, ParserCtxtFree> ctxt(
      xmlCreateMemoryParserCtxt(xml.data(), static_cast<int>(xml.size())));
  if (!ctxt) return refuse(Errc::Malformed, "libxml2 could not create a parser");
  xmlCtxtUseOptions(ctxt.get(), kParseOptions);
  installHooks(*ctxt);
  ParseState state{limits, 0, 0, std::nullopt};
  ctxt->_private = &state;
  xmlParseDocument(ctxt.get());
  XmlDocPtr doc(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  if (state.error) return tl::unexpected(std::move(*state.error));
  if (!ctxt->wellFormed || !doc) return refuse(Errc::Malformed, "not well-formed XML");
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    return refuse(Errc::DtdForbidden, "documents with a DOCTYPE are not accepted");
  }
  if (countNodes(*doc) > limits.maxNodes) {
    return refuse(Errc::TooManyNodes, "more than " + std::to_string(limits.maxNodes) + " nodes");
  }
  return doc;
}

}  // namespace authcore::saml::detail
