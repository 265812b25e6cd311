// Running a kind's rules only where they can match: next to the words they
// declare as anchors.
//
// A rule may say `emit anchor:WORDS lead:N`: every match of it contains a word
// of WORDS (`@gazetteer`, or literals `a|b|c`) that starts at most N characters
// after the match begins (lead:0, the default: the match begins with the word;
// lead:M..N: at least M and at most N characters after it).
// One scan of the text finds every occurrence of every rule's anchor words,
// overlapping ones included; each rule is then tried, anchored, only at the
// positions from which a match could reach one of its occurrences, instead of
// scanning the whole text unanchored. Persons and speakers rules start with or
// end near gazetteer words, so that is a few tries per occurrence where a
// whole-text pass per rule (or one RE2::Set over all of them, whose automaton
// has to track every rule's partial matches at once) read every byte again.
//
// The matches, and their order, are exactly those of an unanchored,
// leftmost-first, non-overlapping run of the rule over the whole text
// (RuleSet::for_each_match) as long as the declaration holds: every position
// a match can start at is tried, in text order, skipping those inside the
// previous match. test_persons.cpp checks the declarations of the persons and
// speakers rules against whole-text runs over the sample articles. A rule
// without `anchor:` (a user rule, say) runs unanchored over the whole text.
#ifndef ZHMETA_EXTRACT_PERSONS_ANCHORED_RULES_HPP
#define ZHMETA_EXTRACT_PERSONS_ANCHORED_RULES_HPP

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "core/profile.hpp"
#include "rules/rule_pack.hpp"

namespace zhmeta {

/// One match of a rule, read like RuleMatch; offsets are absolute in the text.
class AnchoredMatch {
 public:
  AnchoredMatch(const Rule &rule, std::string_view text) : rule_(&rule), text_(text) {}
  const Rule &rule() const { return *rule_; }
  std::size_t begin() const { return offset(0); }
  std::size_t end() const { return offset(0) + groups_[0].size(); }
  /// The named group's text, empty when the group did not take part.
  std::string_view group(std::string_view name) const;
  bool has(std::string_view name) const { return group_index(name) >= 0 && !group(name).empty(); }
  std::size_t group_begin(std::string_view name) const;
  std::size_t group_end(std::string_view name) const { return group_begin(name) + group(name).size(); }

 private:
  friend class AnchoredRules;
  int group_index(std::string_view name) const;
  std::size_t offset(int index) const {
    return static_cast<std::size_t>(groups_[static_cast<std::size_t>(index)].data() - text_.data());
  }
  const Rule *rule_;
  std::string_view text_;
  std::vector<re2::StringPiece> groups_;
};

class AnchoredRules {
 public:
  /// Reads the `anchor:`/`lead:` declarations of `rules` (words from `pack`).
  AnchoredRules(const RulePack &pack, const RuleSet &rules);

  /// Positions each rule is tried at in one text, ascending (scratch for find()).
  struct Candidates {
    std::vector<std::vector<std::size_t>> starts;  // by rule index
  };
  /// Scans `text` once for every anchor word and fills `out`.
  void find(std::string_view text, Candidates &out) const;

  /// False when rule `index` cannot match the text `candidates` were found in
  /// (it declares anchors and none occurs): no need to look further.
  bool may_run(int index, const Candidates &candidates) const {
    const auto i = static_cast<std::size_t>(index);
    return !anchored_[i] || !candidates.starts[i].empty();
  }

  /// Calls f(const AnchoredMatch&) for every match of rule `index` in `text`,
  /// in text order (`candidates` from find() on the same text).
  template <typename F>
  void for_each_match(int index, std::string_view text, const Candidates &candidates, F &&f) const;

 private:
  struct Anchor {
    std::string_view word;
    std::uint64_t rules = 0;  // bit i: rule i has this anchor word
  };
  void add_word(std::string_view word, std::size_t rule);
  void add_occurrence(std::string_view text, std::size_t pos, std::uint64_t rules, Candidates &out) const;

  const RuleSet &rules_;
  std::vector<bool> anchored_;        // by rule index
  std::vector<std::pair<std::size_t, std::size_t>> lead_;  // by rule index: MIN, MAX characters
  std::deque<std::string> storage_;   // the anchor words (anchors_ views into it)
  std::vector<Anchor> anchors_;       // grouped by key_of(), longest first
  // Key of a word: its first two code points (21 bits each); a word of one
  // character has kNoSecond as the second. Open addressing, key -> the run
  // [first, last) of anchors_ with that key.
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t first = 0, last = 0;
    bool used = false;
  };
  static std::uint64_t key_of(std::string_view word);
  std::size_t slot_of(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> slot_shift_);
  }
  std::size_t find_slot(std::uint64_t key) const;  // slots_.size() when absent
  std::vector<Slot> slots_;
  int slot_shift_ = 60;
  // First code points of the words below U+10000 as a bitmap: most characters
  // of a text start no anchor word and are passed over with one bit test.
  std::vector<std::uint64_t> first_bits_;
  // Then one-character words by their character, and longer ones by a hash
  // of their first two (pair_bit): a hash probe only when both bits are set.
  std::vector<std::uint64_t> single_bits_, pair_bits_;
  bool rare_first_ = false;  // some word starts above U+FFFF
  std::string scan_scope_;  // profile label: "<kind>.anchors"
};

// ---- template implementation ----

template <typename F>
void AnchoredRules::for_each_match(int index, std::string_view text, const Candidates &candidates, F &&f) const {
  const Rule &rule = rules_.rules()[static_cast<std::size_t>(index)];
  ZHMETA_PROFILE_SCOPE(rule.id, text.size());
  AnchoredMatch m(rule, text);
  m.groups_.resize(static_cast<std::size_t>(rule.re->NumberOfCapturingGroups()) + 1);
  const int ngroups = static_cast<int>(m.groups_.size());
  const re2::StringPiece piece(text.data(), text.size());
  auto step = [&](std::size_t b, std::size_t e) {
    if (e > b) return e;
    std::size_t p = b + 1;  // empty match: on to the next code point
    while (p < text.size() && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) ++p;
    return p;
  };
  if (!anchored_[static_cast<std::size_t>(index)]) {
    std::size_t pos = 0;
    while (pos <= text.size() &&
           rule.re->Match(piece, pos, text.size(), RE2::UNANCHORED, m.groups_.data(), ngroups)) {
      const std::size_t b = m.begin(), e = m.end();
      f(static_cast<const AnchoredMatch &>(m));
      pos = step(b, e);
    }
    return;
  }
  std::size_t pos = 0;
  re2::StringPiece whole;
  for (const std::size_t start : candidates.starts[static_cast<std::size_t>(index)]) {
    if (start < pos) continue;
    // Where the match ends, from the DFA alone; then the groups of exactly
    // that match (what RE2 itself does after an unanchored search).
    if (!rule.re->Match(piece, start, text.size(), RE2::ANCHOR_START, &whole, 1)) continue;
    const std::size_t end = start + whole.size();
    if (ngroups > 1 && !rule.re->Match(piece, start, end, RE2::ANCHOR_BOTH, m.groups_.data(), ngroups)) continue;
    if (ngroups == 1) m.groups_[0] = whole;
    f(static_cast<const AnchoredMatch &>(m));
    pos = step(start, end);
  }
}

}  // namespace zhmeta

#endif
