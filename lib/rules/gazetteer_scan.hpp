// Looking up gazetteer terms at a position of a text: the longest term that
// starts at, or ends at, a byte offset; and optional gazetteers. Work is bounded by the gazetteer's
// longest term (each distinct term length is probed once), so callers stay linear in the text.
#ifndef ZHMETA_RULES_GAZETTEER_SCAN_HPP
#define ZHMETA_RULES_GAZETTEER_SCAN_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/utf8.hpp"
#include "rules/rule_pack.hpp"

namespace zhmeta {

/// The gazetteer `name`, or an empty one when the pack has none (a rules
/// folder without it): extractors then simply find nothing of that kind.
inline const Gazetteer &gazetteer_or_empty(const RulePack &rules, std::string_view name) {
  static const Gazetteer empty;
  return rules.has_gazetteer(name) ? rules.gazetteer(name) : empty;
}

/// Byte length of the longest term of `gazetteer` that ends at `end` in valid
/// UTF-8 `text` and starts at or after `floor` (0 when none). Candidates start
/// on code-point boundaries.
inline std::size_t term_ending_at(const Gazetteer &gazetteer, std::string_view text,
                                  std::size_t end, std::size_t floor = 0) {
  if (end <= floor || end > text.size() || !gazetteer.may_end_with(utf8::before(text, end)))
    return 0;
  for (const std::size_t length :
       gazetteer.lengths_longest_first())  // the first found is the longest
    if (length <= end - floor && (static_cast<unsigned char>(text[end - length]) & 0xC0) != 0x80 &&
        gazetteer.contains(text.substr(end - length, length)))
      return length;
  return 0;
}

/// Byte length of the longest term of `gazetteer` that starts at `begin` and
/// ends at or before `limit` (0 when none).
inline std::size_t term_starting_at(const Gazetteer &gazetteer, std::string_view text,
                                    std::size_t begin, std::size_t limit = std::string_view::npos) {
  const std::size_t stop = std::min(limit, text.size());
  if (begin >= stop || !gazetteer.may_start_with(utf8::decode(text, begin).cp)) return 0;
  for (const std::size_t length : gazetteer.lengths_longest_first()) {
    const std::size_t end = begin + length;
    if (end <= stop &&
        (end == text.size() || (static_cast<unsigned char>(text[end]) & 0xC0) != 0x80) &&
        gazetteer.contains(text.substr(begin, length)))
      return length;
  }
  return 0;
}

/// Byte lengths of words (under 64 bytes) by a code point of the Basic
/// Multilingual Plane they begin or end with: bit n of of(cp) says some word
/// n bytes long does. Looked up through pages of 256 code points, those
/// without words sharing one empty page.
class CodePointLengths {
 public:
  /// `cp` below 0x10000, `length` below 64.
  void add(char32_t cp, std::size_t length);
  std::uint64_t of(char32_t cp) const noexcept {
    return masks_[pages_[page_of_[cp >> 8]][cp & 0xFF]];
  }
  /// True when the words had more distinct masks than a page entry tells
  /// apart: of() is then incomplete and must not be used.
  bool overflow() const noexcept { return overflow_; }

 private:
  std::vector<std::uint16_t> page_of_ = std::vector<std::uint16_t>(256, 0);  // page 0: empty
  std::vector<std::array<std::uint8_t, 256>> pages_ = {{}};  // mask index by code point
  std::vector<std::uint64_t> masks_ = {0};                   // mask 0: no word
  bool overflow_ = false;
};

/// A gazetteer with, for each code point, the byte lengths of its terms that
/// begin (end) with it: term_starting_at and term_ending_at probe every length
/// the gazetteer has (offices: five, title pieces: eight) at a character that
/// begins or ends some term, where most characters begin or end terms of one
/// or two lengths only. Same answers as those functions, fewer hash lookups.
class IndexedGazetteer {
 public:
  explicit IndexedGazetteer(const Gazetteer &gazetteer);

  const Gazetteer &gazetteer() const noexcept { return gazetteer_; }

  /// term_starting_at(gazetteer(), text, begin, limit).
  std::size_t starting_at(std::string_view text, std::size_t begin,
                          std::size_t limit = std::string_view::npos) const;

  /// term_ending_at(gazetteer(), text, end, floor).
  std::size_t ending_at(std::string_view text, std::size_t end, std::size_t floor = 0) const;

 private:
  static std::uint64_t up_to(std::size_t bytes) noexcept {  // lengths 1..bytes
    return bytes >= 63 ? ~std::uint64_t{0} : (std::uint64_t{2} << bytes) - 1;
  }
  static std::size_t highest_bit(std::uint64_t mask) noexcept {
    return 63 - static_cast<std::size_t>(__builtin_clzll(mask));
  }

  // A term of a length listed for the character it begins or ends with:
  // Gazetteer::contains would test that length and first character again,
  // so the table is asked directly (canonical(): empty when unknown; the
  // constructor falls back to the plain scans when some term's canonical form
  // is empty).
  bool known(std::string_view term) const { return !gazetteer_.canonical(term).empty(); }

  const Gazetteer &gazetteer_;
  CodePointLengths firsts_, lasts_;
  // A term of 64 bytes or more, one that is not valid UTF-8 or begins or
  // ends beyond the BMP, or too many distinct masks: the plain scans answer.
  bool general_ = false;
};

}  // namespace zhmeta

#endif
