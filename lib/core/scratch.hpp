// Per-thread scratch lists. The stages keep their working lists per thread
// and empty them at the start of each use, so that the next article reuses
// their capacity instead of allocating them again. A list grown for a huge
// article would keep that memory for the life of the thread: measured before
// this helper, a thread held 900 MB after one 100 MB article and then a short
// one. fresh_scratch() gives such a list's memory back when the use at hand
// needs far less, and keeps it otherwise.
#ifndef ZHMETA_CORE_SCRATCH_HPP
#define ZHMETA_CORE_SCRATCH_HPP

#include <cstddef>

namespace zhmeta {

/// What a scratch list keeps whatever the text: enough for any ordinary article.
inline constexpr std::size_t kKeptScratchBytes = std::size_t{64} << 10;

/// Empties the scratch list `list` for a use on a text of `text_bytes` (or
/// whatever else bounds the use's size in bytes): it keeps its capacity
/// unless that exceeds both kKeptScratchBytes and `text_bytes`, when its
/// memory is given back. Below kKeptScratchBytes nothing is ever given back,
/// so ordinary articles never allocate a list again; past it, a list is
/// rebuilt only after a use on a text smaller than the list.
template <typename List>
List &fresh_scratch(List &list, std::size_t text_bytes) {
  const std::size_t held = list.capacity() * sizeof(typename List::value_type);
  if (held > kKeptScratchBytes && held > text_bytes)
    List().swap(list);
  else
    list.clear();
  return list;
}

}  // namespace zhmeta

#endif
