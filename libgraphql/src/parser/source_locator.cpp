// SPDX-License-Identifier: Apache-2.0
// Turns byte offsets into line/column locations in one forward pass.
#include "parser/source_locator.hpp"

#include <algorithm>

namespace authcore::graphql::detail {

Location SourceLocator::at(std::size_t offset) {
  offset = std::min(offset, text_.size());
  if (offset < offset_) {
    offset_ = 0;
    location_ = Location{};
  }
  for (; offset_ < offset; ++offset_) {
    const auto byte = static_cast<unsigned char>(text_[offset_]);
    const bool crlf = byte == '\r' && offset_ + 1 < text_.size() && text_[offset_ + 1] == '\n';
    if (byte == '\n' || (byte == '\r' && !crlf)) {
      ++location_.line;
      location_.column = 1;
    } else if (!crlf && (byte & 0xC0) != 0x80) {
      // Continuation bytes belong to the code point already counted.
      ++location_.column;
    }
  }
  return location_;
}

}  // namespace authcore::graphql::detail
