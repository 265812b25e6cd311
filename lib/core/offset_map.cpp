#include "core/offset_map.hpp"

#include <algorithm>

namespace zhmeta {

void OffsetMap::finish(std::size_t norm_size, std::size_t orig_size) {
  norm_size_ = norm_size;
  orig_size_ = orig_size;
}

void OffsetMap::clear() noexcept {
  segments_.clear();
  norm_size_ = orig_size_ = 0;
}

std::size_t OffsetMap::to_original_begin(std::size_t norm) const noexcept {
  if (norm >= norm_size_) return orig_size_;
  // The non-empty segment containing `norm`: last with norm_begin <= norm, skipping
  // deletions (norm_len 0) that start at the same offset.
  auto it = std::upper_bound(segments_.begin(), segments_.end(), norm,
                             [](std::size_t n, const Segment &s) { return n < s.norm_begin; });
  if (it == segments_.begin()) return 0;
  --it;
  while (it->norm_len == 0 && it + 1 != segments_.end()) ++it;  // defensive; see above
  if (it->linear()) return it->orig_begin + (norm - it->norm_begin);
  return it->orig_begin;
}

std::size_t OffsetMap::to_original_end(std::size_t norm) const noexcept {
  if (norm == 0) return 0;
  if (norm > norm_size_) return orig_size_;
  // The segment containing byte norm-1 (non-empty by construction).
  auto it = std::upper_bound(segments_.begin(), segments_.end(), norm - 1,
                             [](std::size_t n, const Segment &s) { return n < s.norm_begin; });
  if (it == segments_.begin()) return 0;
  --it;
  while (it->norm_len == 0 && it != segments_.begin()) --it;
  if (it->linear()) return it->orig_begin + (norm - it->norm_begin);
  return it->orig_begin + it->orig_len;
}

bool OffsetMap::is_boundary(std::size_t norm) const noexcept {
  if (norm == 0 || norm >= norm_size_) return true;
  auto it = std::upper_bound(segments_.begin(), segments_.end(), norm,
                             [](std::size_t n, const Segment &s) { return n < s.norm_begin; });
  if (it == segments_.begin()) return true;
  --it;
  return it->linear() || norm == it->norm_begin || norm >= it->norm_begin + it->norm_len;
}

}  // namespace zhmeta
