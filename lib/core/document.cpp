#include "core/document.hpp"

#include <algorithm>
#include <utility>

namespace zhmeta {

namespace {
template <typename Items>
std::size_t index_at(const Items &items, std::size_t pos) noexcept {
  if (items.empty()) return 0;
  auto it = std::upper_bound(items.begin(), items.end(), pos,
                             [](std::size_t p, const auto &item) { return p < item.begin; });
  return it == items.begin() ? 0 : static_cast<std::size_t>(it - items.begin()) - 1;
}
}  // namespace

std::size_t Document::sentence_at(std::size_t pos) const noexcept {
  return index_at(sentences, pos);
}
std::size_t Document::line_at(std::size_t pos) const noexcept { return index_at(lines, pos); }

void Document::recycle(std::size_t max_kept_bytes) {
  SharedLiteralScan::recycle(literal_hits, max_kept_bytes / sizeof(LiteralHit));
  const std::size_t kept = text.capacity() + map.capacity_bytes() +
                           lines.capacity() * sizeof(Line) +
                           sentences.capacity() * sizeof(Sentence);
  LiteralHits hits = std::move(literal_hits);
  if (kept > max_kept_bytes) {
    // Swapped with a fresh document, not assigned one: a std::string assigned
    // a short (inline) string keeps its own buffer, here the large one.
    Document fresh;
    std::swap(*this, fresh);
  } else {
    original = {};
    text.clear();
    map.clear();
    lines.clear();
    sentences.clear();
    warnings.clear();
  }
  literal_hits = std::move(hits);
}

}  // namespace zhmeta
