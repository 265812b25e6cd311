// Looking up gazetteer terms at a position of a text: the longest term that
// starts at, or ends at, a byte offset; and optional gazetteers. Work is bounded by the gazetteer's
// longest term (each distinct term length is probed once), so callers stay linear in the text.
#ifndef ZHMETA_RULES_GAZETTEER_SCAN_HPP
#define ZHMETA_RULES_GAZETTEER_SCAN_HPP

#include <algorithm>
#include <cstddef>
#include <string_view>

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
inline std::size_t term_ending_at(const Gazetteer &gazetteer, std::string_view text, std::size_t end,
                                  std::size_t floor = 0) {
  if (end <= floor || end > text.size() || !gazetteer.may_end_with(utf8::before(text, end))) return 0;
  for (const std::size_t length : gazetteer.lengths_longest_first())  // the first found is the longest
    if (length <= end - floor && (static_cast<unsigned char>(text[end - length]) & 0xC0) != 0x80 &&
        gazetteer.contains(text.substr(end - length, length)))
      return length;
  return 0;
}

/// Byte length of the longest term of `gazetteer` that starts at `begin` and
/// ends at or before `limit` (0 when none).
inline std::size_t term_starting_at(const Gazetteer &gazetteer, std::string_view text, std::size_t begin,
                                    std::size_t limit = std::string_view::npos) {
  const std::size_t stop = std::min(limit, text.size());
  if (begin >= stop || !gazetteer.may_start_with(utf8::decode(text, begin).cp)) return 0;
  for (const std::size_t length : gazetteer.lengths_longest_first()) {
    const std::size_t end = begin + length;
    if (end <= stop && (end == text.size() || (static_cast<unsigned char>(text[end]) & 0xC0) != 0x80) &&
        gazetteer.contains(text.substr(begin, length)))
      return length;
  }
  return 0;
}

}  // namespace zhmeta

#endif
