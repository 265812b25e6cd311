// Person-name and title grammar shared by the persons and speakers extractors.
//
// A Chinese name here is a surname from the `surnames` gazetteer (one or two
// characters) plus one or two given characters. Its length is not marked in
// the text, so it is fixed by what follows: punctuation, a list separator, an
// office word (习近平总书记), or a word from `name_followers` / `name_cues`
// (市长王勇安排… -> 王勇; 区长李伟光在… -> 李伟光). Given names never contain a
// `name_breakers` character, and a candidate that starts with a `not_names`
// word (高度, 万元, 于是…) is no name.
//
// A title is an office word (`offices`) with the organization prefix written
// before it, read backwards over `title_pieces` (市+委+组织部+部长) and, when the
// pieces are preceded by a proper name (眉山, 濮阳职业技术), over that name up to
// punctuation or a `title_stops` word.
//
// All vocabulary comes from the rule pack; the object is immutable after
// construction and every method is const and allocation-free.
#ifndef ZHMETA_EXTRACT_PERSONS_NAME_GRAMMAR_HPP
#define ZHMETA_EXTRACT_PERSONS_NAME_GRAMMAR_HPP

#include <cstddef>
#include <string_view>
#include <unordered_set>

#include "rules/gazetteer_scan.hpp"
#include "rules/rule_pack.hpp"

namespace zhmeta {

/// A rule may say `emit requires:LITERAL` (a rare construction such as a
/// dotted name, requires:·): it cannot match a text without that literal, so
/// the extractor skips its pass over such a text. One memchr-speed find
/// instead of a full regex pass for rules that rarely fire.
inline bool may_match(const Rule &rule, std::string_view text) {
  const std::string_view literal = rule.emit_value("requires");
  return literal.empty() || text.find(literal) != std::string_view::npos;
}

class NameGrammar {
 public:
  explicit NameGrammar(const RulePack &rules);

  /// Byte length of the name that starts at `pos` (its surname must start
  /// there), or 0 when no name-shaped, properly closed candidate starts there.
  /// `limit` bounds the look-ahead (end of line or sentence). With `guess`
  /// (strong evidence such as an office right before), a name that nothing
  /// known closes gets its length from its shape instead of being dropped.
  std::size_t name_at(std::string_view text, std::size_t pos, std::size_t limit, bool guess = false) const;

  /// True when `item` as a whole is name-shaped (list items between separators).
  bool is_name(std::string_view item) const;

  /// A foreign name written with a middle dot (雪克来提·扎克尔): Han runs around `·`.
  static bool is_dotted_name(std::string_view item);

  /// Where the title whose office word starts at `office_begin` begins: the
  /// organization prefix read backwards, never before `floor`.
  std::size_t title_begin(std::string_view text, std::size_t office_begin, std::size_t floor) const;

  /// Byte length of the longest office word ending at `end` (not before
  /// `floor`), or 0.
  std::size_t office_ending_at(std::string_view text, std::size_t end, std::size_t floor) const;
  /// Byte length of the longest office word starting at `pos`, or 0.
  std::size_t office_at(std::string_view text, std::size_t pos, std::size_t limit) const;

  /// Length of the surname starting at `pos` (2 characters for compound ones), or 0.
  std::size_t surname_at(std::string_view text, std::size_t pos, std::size_t limit) const;

  /// True when a word of `name_cues` starts at `pos`.
  std::size_t cue_at(std::string_view text, std::size_t pos, std::size_t limit) const;

  /// Length of the longest term of `g` that starts at `pos` (ending by `limit`), or 0.

 private:
  /// True when the text at `pos` may close a name (punctuation, follower, cue, office).
  bool closes_name(std::string_view text, std::size_t pos, std::size_t limit) const;
  bool given_name_ok(std::string_view given) const;

  IndexedGazetteer surnames_;
  IndexedGazetteer not_names_;
  IndexedGazetteer breakers_;
  IndexedGazetteer followers_;
  IndexedGazetteer cues_;
  IndexedGazetteer offices_;
  IndexedGazetteer pieces_;
  IndexedGazetteer stops_;
  // First characters of the follower and cue words (调 of 调研, 出 of 出席):
  // when nothing after a candidate closes it, a third character from this set
  // more likely starts the next word than ends the name.
  std::unordered_set<std::string_view> follower_starts_;
};

}  // namespace zhmeta

#endif
