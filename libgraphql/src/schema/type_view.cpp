// SPDX-License-Identifier: Apache-2.0
// A possibly wrapped type seen one wrapper at a time.
#include "schema/type_view.hpp"

#include <algorithm>

namespace authcore::graphql::detail {

std::string TypeView::toString(std::string_view name) const {
  if (isNonNull()) return ofType().toString(name) + "!";
  if (isList()) return "[" + ofType().toString(name) + "]";
  return named ? named->name : std::string(name);
}

bool sameType(TypeView a, TypeView b) {
  return a.named == b.named && std::ranges::equal(a.wrappers, b.wrappers);
}

bool isSubType(const Schema& schema, TypeView sub, TypeView super) {
  if (super.isNonNull()) return sub.isNonNull() && isSubType(schema, sub.ofType(), super.ofType());
  if (sub.isNonNull()) return isSubType(schema, sub.ofType(), super);
  if (super.isList()) return sub.isList() && isSubType(schema, sub.ofType(), super.ofType());
  if (sub.isList()) return false;
  if (!sub.named || !super.named) return false;
  if (sub.named == super.named) return true;
  return super.named->isAbstract() && schema.isPossibleType(*super.named, *sub.named);
}

}  // namespace authcore::graphql::detail
