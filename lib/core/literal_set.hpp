// A fixed set of literal words and one scan that finds them all in a text.
// Words are grouped by their first code point, found through a flat table for
// the BMP, so a position costs one table load unless a word can start there;
// candidates are then compared in place, longest first. Shared by the trigger
// windows of dates and bylines (core/trigger_windows.hpp) and by the rule
// prefilter's atoms (rules/literal_scanner.hpp).
#ifndef ZHMETA_CORE_LITERAL_SET_HPP
#define ZHMETA_CORE_LITERAL_SET_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/utf8.hpp"

namespace zhmeta {

class LiteralSet {
 public:
  /// Adds a non-empty word and returns its index (insertion order). A word
  /// added twice gets two indices.
  std::size_t add(std::string_view word);
  std::size_t size() const noexcept { return words_.size(); }
  std::string_view word(std::size_t index) const { return words_[index]; }

  /// Calls on_word(pos, index) for every occurrence of a word in `text` that
  /// starts on a code point boundary, in text order; at one position the
  /// longer words come first, and on_word returning true skips the rest there.
  template <typename F>
  void scan(std::string_view text, F &&on_word) const;

 private:
  struct Entry {
    std::string_view word;
    std::size_t index;
  };
  const std::vector<Entry> *starting_with(char32_t cp) const {
    if (cp < 0x10000) {
      // The bit table (8 KB) stays in L1; the slot table is read only on a hit.
      if ((bmp_bits_[cp >> 6] >> (cp & 63) & 1u) == 0) return nullptr;
      return &groups_[bmp_slot_[cp] - 1u];
    }
    const auto it = other_slot_.find(cp);
    return it == other_slot_.end() ? nullptr : &groups_[it->second];
  }
  std::deque<std::string> words_;  // a deque: the views in groups_ stay valid
  std::vector<std::vector<Entry>> groups_;
  std::vector<std::uint64_t> bmp_bits_ = std::vector<std::uint64_t>(0x10000 / 64);  // some word starts with it
  std::vector<std::uint32_t> bmp_slot_;  // BMP code point -> 1 + group index, 0: none
  std::unordered_map<char32_t, std::size_t> other_slot_;
};

template <typename F>
void LiteralSet::scan(std::string_view text, F &&on_word) const {
  if (words_.empty()) return;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    char32_t cp;
    std::size_t len;
    // Fast path: a well-formed three-byte sequence (all of CJK) decoded in place.
    if ((lead & 0xF0) == 0xE0 && pos + 2 < text.size() && (static_cast<unsigned char>(text[pos + 1]) & 0xC0) == 0x80 &&
        (static_cast<unsigned char>(text[pos + 2]) & 0xC0) == 0x80) {
      cp = (static_cast<char32_t>(lead & 0x0F) << 12) |
           (static_cast<char32_t>(static_cast<unsigned char>(text[pos + 1]) & 0x3F) << 6) |
           static_cast<char32_t>(static_cast<unsigned char>(text[pos + 2]) & 0x3F);
      len = 3;
    } else if (lead < 0x80) {
      cp = lead;
      len = 1;
    } else {
      const utf8::Decoded d = utf8::decode(text, pos);
      cp = d.cp;
      len = d.len;
    }
    if (const std::vector<Entry> *entries = starting_with(cp))
      for (const Entry &e : *entries)
        if (e.word.size() <= text.size() - pos && std::memcmp(text.data() + pos, e.word.data(), e.word.size()) == 0 &&
            on_word(pos, e.index))
          break;
    pos += len;
  }
}

}  // namespace zhmeta

#endif
