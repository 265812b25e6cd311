#include "core/literal_set.hpp"

#include <algorithm>

namespace zhmeta {

std::size_t LiteralSet::add(std::string_view word) {
  const std::size_t index = words_.size();
  const std::string_view stored = words_.emplace_back(word);
  if (stored.empty()) return index;  // kept for its index; never found
  const char32_t first = utf8::decode(stored, 0).cp;
  if (bmp_slot_.empty()) bmp_slot_.assign(0x10000, 0);
  std::size_t group;
  if (first < 0x10000) {
    if (bmp_slot_[first] == 0) {
      groups_.emplace_back();
      bmp_slot_[first] = static_cast<std::uint32_t>(groups_.size());
      bmp_bits_[first >> 6] |= std::uint64_t{1} << (first & 63);
    }
    group = bmp_slot_[first] - 1u;
  } else {
    const auto [it, fresh] = other_slot_.emplace(first, groups_.size());
    if (fresh) groups_.emplace_back();
    group = it->second;
  }
  auto &entries = groups_[group];
  entries.push_back({stored, index});
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry &a, const Entry &b) { return a.word.size() > b.word.size(); });
  return index;
}

}  // namespace zhmeta
