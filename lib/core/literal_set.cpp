#include "core/literal_set.hpp"

#include <algorithm>

namespace zhmeta {

std::size_t LiteralSet::add(std::string_view word) {
  const std::size_t index = words_.size();
  const std::string_view stored = words_.emplace_back(word);
  longest_word_ = std::max(longest_word_, stored.size());
  if (stored.empty()) return index;  // kept for its index; never found
  const utf8::Decoded first = utf8::decode(stored, 0);
  if (bmp_slot_.empty()) bmp_slot_.assign(0x10000, 0);
  std::size_t slot;
  if (first.cp < 0x10000) {
    if (bmp_slot_[first.cp] == 0) {
      groups_.emplace_back();
      bmp_slot_[first.cp] = static_cast<std::uint32_t>(groups_.size());
      bmp_bits_[bmp_word(first.cp)] |= std::uint64_t{1} << (first.cp & 63);
    }
    slot = bmp_slot_[first.cp] - 1u;
  } else {
    const auto [it, fresh] = other_slot_.emplace(first.cp, groups_.size());
    if (fresh) groups_.emplace_back();
    slot = it->second;
  }
  Entry entry{stored, index, 0, 0, kNoSecond};
  const std::size_t head_bytes = std::min<std::size_t>(stored.size(), 8);
  unsigned char bytes[8] = {}, mask[8] = {};
  std::memcpy(bytes, stored.data(), head_bytes);
  std::memset(mask, 0xFF, head_bytes);
  std::memcpy(&entry.head, bytes, 8);  // same byte order as the 8-byte load in matches_at
  std::memcpy(&entry.head_mask, mask, 8);

  Group &group = groups_[slot];
  const bool multi = first.len < stored.size();
  if (multi) {
    const char32_t second = utf8::decode(stored, first.len).cp;
    group.second_bits[(second >> 6) & 3] |= std::uint64_t{1} << (second & 63);
    entry.bucket = second & 255;
  }
  group.entries.push_back(entry);
  // By bucket, one-code-point words (kNoSecond) last; longest first within
  // one; stable, so equal lengths stay in the order added.
  std::stable_sort(group.entries.begin(), group.entries.end(), [](const Entry &a, const Entry &b) {
    return a.bucket != b.bucket ? a.bucket < b.bucket : a.word.size() > b.word.size();
  });
  group.multi =
      static_cast<std::size_t>(std::count_if(group.entries.begin(), group.entries.end(),
                                             [](const Entry &e) { return e.bucket != kNoSecond; }));
  group.bucket_begin.clear();
  for (std::size_t i = 0; i < group.multi; ++i)
    if (i == 0 || group.entries[i].bucket != group.entries[i - 1].bucket)
      group.bucket_begin.push_back(static_cast<std::uint32_t>(i));
  group.bucket_begin.push_back(static_cast<std::uint32_t>(group.multi));
  for (unsigned w = 1; w < 4; ++w)
    group.buckets_before[w] = group.buckets_before[w - 1] + bit_count(group.second_bits[w - 1]);
  return index;
}

}  // namespace zhmeta
