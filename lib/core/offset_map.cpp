#include "core/offset_map.hpp"

#include <algorithm>

namespace zhmeta {

void OffsetMap::finish(std::size_t norm_size, std::size_t orig_size) {
  norm_size_ = norm_size;
  orig_size_ = orig_size;
  // The sentinel: where the last segment ends, in both texts.
  segments_.push_back({u32(norm_end_), u32(orig_end_)});
  // One entry per page up to the one holding norm_size, and one past it.
  const std::size_t pages = (norm_size >> kPageBits) + 2;
  page_first_.resize(pages);
  std::size_t counted = 0;  // segments with norm_begin <= the page's first byte
  for (std::size_t page = 0; page < pages; ++page) {
    const std::size_t first_byte = page << kPageBits;
    while (counted < segments_.size() && segments_[counted].norm_begin <= first_byte) ++counted;
    page_first_[page] = u32(counted);
  }
}

void OffsetMap::clear() noexcept {
  segments_.clear();
  page_first_.clear();
  norm_size_ = orig_size_ = 0;
  norm_end_ = orig_end_ = 0;
  last_linear_ = false;
}

const OffsetMap::Segment *OffsetMap::segment_after(std::size_t norm) const noexcept {
  // Callers ask for norm < norm_size_ (so both entries exist): the answer
  // lies between the counts at this page's first byte and the next page's.
  // A binary search of that range, not a walk: a run of deleted characters
  // (zero-width spaces, pinyin artifacts) puts any number of empty segments
  // on one page.
  const std::size_t page = norm >> kPageBits;
  return std::upper_bound(segments_.data() + page_first_[page],
                          segments_.data() + page_first_[page + 1], norm,
                          [](std::size_t n, const Segment &s) { return n < s.norm_begin; });
}

std::size_t OffsetMap::to_original_begin(std::size_t norm) const noexcept {
  if (norm >= norm_size_) return orig_size_;
  // The non-empty segment containing `norm`: last with norm_begin <= norm, skipping
  // deletions (norm_len 0) that start at the same offset.
  const Segment *it = segment_after(norm);
  if (it == segments_.data()) return 0;
  --it;
  const Segment *const sentinel = segments_.data() + segments_.size() - 1;
  while (it->norm_len() == 0 && it + 1 != sentinel) ++it;  // defensive; see above
  if (it->linear()) return it->orig_begin() + (norm - it->norm_begin);
  return it->orig_begin();
}

std::size_t OffsetMap::to_original_end(std::size_t norm) const noexcept {
  if (norm == 0) return 0;
  if (norm > norm_size_) return orig_size_;
  // The segment containing byte norm-1 (non-empty by construction).
  const Segment *it = segment_after(norm - 1);
  if (it == segments_.data()) return 0;
  --it;
  while (it->norm_len() == 0 && it != segments_.data()) --it;
  if (it->linear()) return it->orig_begin() + (norm - it->norm_begin);
  return it->orig_begin() + it->orig_len();
}

bool OffsetMap::is_boundary(std::size_t norm) const noexcept {
  if (norm == 0 || norm >= norm_size_) return true;
  const Segment *it = segment_after(norm);
  if (it == segments_.data()) return true;
  --it;
  return it->linear() || norm == it->norm_begin || norm >= it->norm_begin + it->norm_len();
}

}  // namespace zhmeta
