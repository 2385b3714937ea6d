// SPDX-License-Identifier: Apache-2.0
// Turns byte offsets into line/column locations in one forward pass.
#pragma once

#include <authcore/graphql/location.hpp>

#include <cstddef>
#include <string_view>

namespace authcore::graphql::detail {

/// Maps byte offsets to Locations. Offsets are expected in increasing order, which
/// keeps the whole lexing pass linear; an earlier offset restarts from the top.
class SourceLocator {
public:
  explicit SourceLocator(std::string_view text) : text_(text) {}

  /// Location of the byte at `offset` (the end of the text if beyond it).
  Location at(std::size_t offset);

private:
  std::string_view text_;
  std::size_t offset_ = 0;
  Location location_;
};

}  // namespace authcore::graphql::detail
