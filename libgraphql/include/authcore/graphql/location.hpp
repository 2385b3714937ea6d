// SPDX-License-Identifier: Apache-2.0
// Position of a token or node in GraphQL source text.
#pragma once

#include <cstddef>

namespace authcore::graphql {

/// A 1-based line and column; columns count Unicode code points, lines end at
/// "\n", "\r\n" or "\r", as the GraphQL specification defines them.
struct Location {
  std::size_t line = 1;
  std::size_t column = 1;
};

}  // namespace authcore::graphql
