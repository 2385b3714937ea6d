// SPDX-License-Identifier: Apache-2.0
// Non-recursive walks over libxml2 trees (private to libsaml).
#pragma once

#include <libxml/tree.h>

namespace authcore::saml::detail {

/// Visits `root` and its descendants in document order without recursion, so
/// tree depth never matters to the stack; stops when `visit` returns false.
/// Only element children are entered (never entity declarations behind
/// entity-reference nodes).
template <typename Visit>
void walkSubtree(xmlNodePtr root, Visit&& visit) {
  xmlNodePtr node = root;
  while (node != nullptr) {
    if (!visit(node)) return;
    if (node->type == XML_ELEMENT_NODE && node->children != nullptr) {
      node = node->children;
      continue;
    }
    while (node != root && node->next == nullptr) node = node->parent;
    if (node == root) return;
    node = node->next;
  }
}

}  // namespace authcore::saml::detail
