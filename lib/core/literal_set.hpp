// A fixed set of literal words and one scan that finds them all in a text.
// Words are grouped by their first code point, found through a flat table for
// the BMP, so a position costs one table load unless a word can start there.
// Most positions that pass that test start no word at all (会 begins a dozen
// rule words and appears everywhere), so each group also keeps a 256-bit mask
// of its words' second code points (& 255): one more bit test rejects the
// position before any word is compared, and past it only the words whose
// second code point shares the text's low byte are compared. Words are
// compared longest first, the short ones (nearly all) as one masked 8-byte
// load rather than a memcmp call.
// Shared by the trigger windows of dates and bylines (core/trigger_windows.hpp),
// the rule prefilter's atoms (rules/literal_scanner.hpp) and anchored rules.
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

/// One occurrence found by LiteralSet::scan: where, and which word (its
/// index). 32-bit fields keep a document's hit lists small; whoever records
/// hits does so only for texts under 4 GiB (core/shared_literal_scan.hpp).
struct LiteralHit {
  std::uint32_t pos;
  std::uint32_t index;
};

class LiteralSet {
 public:
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  static constexpr bool kLittleEndian = true;
#else
  static constexpr bool kLittleEndian = false;  // the 4-byte fast path in scan() is skipped
#endif
  /// Adds a non-empty word (valid UTF-8) and returns its index (insertion order). A word
  /// added twice gets two indices.
  std::size_t add(std::string_view word);
  std::size_t size() const noexcept { return words_.size(); }
  std::string_view word(std::size_t index) const { return words_[index]; }
  /// Bytes of the longest word (0 for an empty set).
  std::size_t longest_word() const noexcept { return longest_word_; }

  /// Calls on_word(pos, index) for every occurrence of a word in `text` that
  /// starts on a code point boundary, in text order; at one position the
  /// longer words come first, and on_word returning true skips the rest there.
  template <typename F>
  void scan(std::string_view text, F &&on_word) const;

  /// Calls on_word(pos, index) for `hits` recorded from a scan that never
  /// stopped early (in its order), skipping the rest of a position when
  /// on_word returns true: what scan() itself would have called.
  template <typename F>
  static void replay(const std::vector<LiteralHit> &hits, F &&on_word) {
    for (std::size_t i = 0; i < hits.size(); ++i)
      if (on_word(hits[i].pos, hits[i].index))
        while (i + 1 < hits.size() && hits[i + 1].pos == hits[i].pos) ++i;
  }

 private:
  struct Entry {
    std::string_view word;
    std::size_t index;
    std::uint64_t head;       // the word's first bytes (up to 8), little-endian load order
    std::uint64_t head_mask;  // which bytes of an 8-byte load `head` covers
    unsigned bucket;          // second code point & 255; kNoSecond for a one-code-point word
  };
  static constexpr unsigned kNoSecond = 256;
  struct Group {
    // By bucket (second code point & 255), each bucket longest first; the
    // one-code-point words last. Groups of common characters hold dozens of
    // words: at a position only the bucket of the text's second code point
    // can match, and every word that can keeps its place (longest first,
    // then in the order added).
    std::vector<Entry> entries;
    // Bit (c & 255): some word's second code point is c.
    std::uint64_t second_bits[4] = {0, 0, 0, 0};
    std::size_t multi = 0;  // entries[0, multi) have two code points or more
    // Bucket k (the k-th set bit of second_bits) is entries[bucket_begin[k], bucket_begin[k + 1]).
    std::vector<std::uint32_t> bucket_begin;
    std::uint32_t buckets_before[4] = {0, 0, 0, 0};  // set bits in second_bits[0, w)
    bool may_follow(char32_t second) const {
      return (second_bits[(second >> 6) & 3] >> (second & 63) & 1u) != 0;
    }
    // The entries that may start with this group's code point and then
    // `second`, which may_follow().
    std::pair<std::size_t, std::size_t> bucket_of(char32_t second) const {
      const unsigned w = (second >> 6) & 3;
      const std::size_t k =
          buckets_before[w] + bit_count(second_bits[w] & ((std::uint64_t{1} << (second & 63)) - 1));
      return {bucket_begin[k], bucket_begin[k + 1]};
    }
  };
  static unsigned bit_count(std::uint64_t x) {
    // Portable popcount (no POPCNT instruction assumed).
    x -= (x >> 1) & 0x5555555555555555u;
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
    return static_cast<unsigned>((x * 0x0101010101010101u) >> 56);
  }
  const Group *starting_with(char32_t cp) const {
    if (cp < 0x10000) {
      // The bit table (8 KB) stays in L1; the slot table is read only on a hit.
      if ((bmp_bits_[bmp_word(cp)] >> (cp & 63) & 1u) == 0) return nullptr;
      return &groups_[bmp_slot_[cp] - 1u];
    }
    const auto it = other_slot_.find(cp);
    return it == other_slot_.end() ? nullptr : &groups_[it->second];
  }
  // Decodes the code point at text[pos]: the three-byte case (all of CJK) in
  // place, both continuation bytes checked with one comparison.
  static char32_t decode_at(std::string_view text, std::size_t pos, std::size_t &len) {
    const auto *bytes = reinterpret_cast<const unsigned char *>(text.data()) + pos;
    const unsigned lead = bytes[0];
    if (lead < 0x80) {
      len = 1;
      return lead;
    }
    if (lead - 0xE0u < 0x10u && pos + 2 < text.size() &&
        ((bytes[1] ^ 0x80u) | (bytes[2] ^ 0x80u)) < 0x40u) {
      len = 3;
      return static_cast<char32_t>(((lead & 0x0Fu) << 12) | ((bytes[1] & 0x3Fu) << 6) |
                                   (bytes[2] & 0x3Fu));
    }
    const utf8::Decoded d = utf8::decode(text, pos);
    len = d.len;
    return d.cp;
  }
  static bool matches_at(std::string_view text, std::size_t pos, const Entry &e) {
    if (e.word.size() > text.size() - pos) return false;
    if (text.size() - pos >= 8) {
      std::uint64_t loaded;
      std::memcpy(&loaded, text.data() + pos, 8);
      if ((loaded & e.head_mask) != e.head) return false;
      return e.word.size() <= 8 ||
             std::memcmp(text.data() + pos + 8, e.word.data() + 8, e.word.size() - 8) == 0;
    }
    return std::memcmp(text.data() + pos, e.word.data(), e.word.size()) == 0;
  }

  std::deque<std::string> words_;  // a deque: the views in groups_ stay valid
  std::size_t longest_word_ = 0;
  std::vector<Group> groups_;
  // Bit (cp & 63) of bmp_bits_[bmp_word(cp)]: some word starts with BMP code
  // point cp. The word is picked by the payload bits of a three-byte
  // sequence's first two bytes where a little-endian 4-byte load has them
  // (lead & 0x0F, then second byte & 0x3F from bit 8 on), so scan()'s fast loop
  // finds it with one mask of the loaded bytes rather than by assembling the
  // code point. A bijection on the BMP: cp's bits 12-15, 6-11 and 0-5. Of the
  // table's 128 KB only the 8 KB of those words a three-byte sequence can pick
  // are read.
  static constexpr std::size_t bmp_word(char32_t cp) {
    return (cp >> 12 & 0x0Fu) | (cp >> 6 & 0x3Fu) << 8;
  }
  static constexpr std::uint32_t kBmpWordMask = 0x3F0Fu;  // bmp_word() of a loaded sequence
  std::vector<std::uint64_t> bmp_bits_ = std::vector<std::uint64_t>(kBmpWordMask + 1);
  std::vector<std::uint32_t> bmp_slot_;  // BMP code point -> 1 + group index, 0: none
  std::unordered_map<char32_t, std::size_t> other_slot_;
};

template <typename F>
void LiteralSet::scan(std::string_view text, F &&on_word) const {
  if (words_.empty()) return;
  const char *const data = text.data();
  const std::uint64_t *const starts_word = bmp_bits_.data();
  // pos < four_bytes_end: a 4-byte load at pos stays inside the text.
  const std::size_t four_bytes_end = text.size() >= 4 ? text.size() - 3 : 0;
  for (std::size_t pos = 0, len = 0; pos < text.size(); pos += len) {
    // Most of the text is three-byte characters: a tight loop reads them, one
    // 4-byte load checking the sequence (1110xxxx 10xxxxxx 10xxxxxx, the lead
    // byte being the low byte) and, masked, picking the bitmap word whose bit
    // tells whether a word starts with the character; the code point is
    // assembled only where one does, to find its group.
    const Group *group = nullptr;
    char32_t cp = 0;
    if (kLittleEndian) {
      for (; pos < four_bytes_end; pos += 3) {
        std::uint32_t quad;
        std::memcpy(&quad, data + pos, 4);
        if (!utf8::three_byte_form(quad)) break;
        if (starts_word[quad & kBmpWordMask] >> (quad >> 16 & 0x3Fu) & 1u) {
          cp = utf8::three_byte_code_point(quad);
          group = &groups_[bmp_slot_[cp] - 1u];
          break;
        }
      }
    }
    if (group) {
      len = 3;
    } else {
      cp = decode_at(text, pos, len);
      group = starting_with(cp);
      if (!group) continue;
    }
    // Longer words only if the next code point may continue one of them,
    // and then only those whose second code point's bucket it is.
    bool stopped = false;
    if (group->multi > 0 && pos + len < text.size()) {
      std::size_t second_len;
      const char32_t second = decode_at(text, pos + len, second_len);
      if (group->may_follow(second)) {
        const auto [begin, end] = group->bucket_of(second);
        for (std::size_t i = begin; i < end; ++i)
          if (matches_at(text, pos, group->entries[i]) && on_word(pos, group->entries[i].index)) {
            stopped = true;
            break;
          }
      }
    }
    if (stopped) continue;
    for (std::size_t i = group->multi; i < group->entries.size(); ++i) {
      const Entry &e = group->entries[i];
      // A one-code-point word is this very character when its length is the
      // one just decoded: no two encodings of one code point have the same
      // length (an overlong or surrogate form decodes to a code point whose
      // real encoding is shorter or none). Every invalid byte decodes to
      // U+FFFD, whose words are still compared.
      const bool found = cp != 0xFFFD ? e.word.size() == len : matches_at(text, pos, e);
      if (found && on_word(pos, e.index)) break;
    }
  }
}

}  // namespace zhmeta

#endif
