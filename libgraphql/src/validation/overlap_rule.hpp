// SPDX-License-Identifier: Apache-2.0
// The "overlapping fields can be merged" rule (spec 5.3.2).
#pragma once

#include "validation/validation_context.hpp"

namespace authcore::graphql::detail {

/// Reports fields of `selections` (through fragments) that share a response key
/// but differ in name, arguments or result shape, and recurses into their merged
/// subselections. Each key group is compared against its first field, so the
/// cost grows linearly with the number of fields rather than quadratically.
void checkOverlappingFields(ValidationContext& context, const SchemaType& parent,
                            const std::vector<Selection>& selections);

}  // namespace authcore::graphql::detail
