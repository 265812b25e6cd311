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
// speakers rules against whole-text runs over the sample articles,
// test_dates.cpp and test_bylines.cpp those of the dates and bylines rules
// (run on windows of the text). A rule without `anchor:` (a user rule, say)
// runs unanchored over the whole text.
#ifndef ZHMETA_RULES_ANCHORED_RULES_HPP
#define ZHMETA_RULES_ANCHORED_RULES_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/literal_set.hpp"
#include "core/profile.hpp"
#include "rules/gazetteer_scan.hpp"
#include "rules/pattern_syntax.hpp"
#include "rules/rule_pack.hpp"
#include "rules/start_filter.hpp"

namespace zhmeta {

class AnchoredRules {
 public:
  /// Reads the `anchor:`/`lead:` declarations of `rules` (words from `pack`).
  AnchoredRules(const RulePack &pack, const RuleSet &rules);

  /// Positions each rule is tried at in one text, ascending (scratch for find()).
  struct Candidates {
    std::vector<std::vector<std::size_t>> starts;  // by rule index
    std::vector<std::size_t> behind;               // scratch: positions back of one anchor
  };
  /// Scans `text` once for every anchor word and fills `out`. `word_hits`:
  /// the anchor words' hits in `text` from a shared scan
  /// (core/shared_literal_scan.hpp), or null to scan for them here.
  void find(std::string_view text, Candidates &out,
            const std::vector<LiteralHit> *word_hits = nullptr) const;

  /// Every rule's anchor words, for a shared scan.
  const LiteralSet &words() const noexcept { return words_; }

  /// False when rule `index` cannot match the text `candidates` were found in
  /// (it declares anchors and none occurs): no need to look further.
  bool may_run(int index, const Candidates &candidates) const {
    const auto i = static_cast<std::size_t>(index);
    return !anchored_[i] || !candidates.starts[i].empty();
  }

  /// True when rule `index` declares anchors (it is tried only next to them).
  bool is_anchored(int index) const { return anchored_[static_cast<std::size_t>(index)]; }

  /// Calls f(const RuleMatch&) for every match of rule `index` in `text`,
  /// in text order (`candidates` from find() on the same text).
  template <typename F>
  void for_each_match(int index, std::string_view text, const Candidates &candidates, F &&f) const {
    for_each_match(index, text, 0, text.size(), candidates, f);
  }
  /// The same within text[from, to) only (`from`, `to` code point
  /// boundaries): the matches of RuleSet::for_each_match(index, text, from, to),
  /// for callers that run rules on windows of the text.
  template <typename F>
  void for_each_match(int index, std::string_view text, std::size_t from, std::size_t to,
                      const Candidates &candidates, F &&f) const;

 private:
  void add_word(std::string_view word, std::size_t rule,
                std::unordered_map<std::string_view, std::size_t> &index);
  void add_occurrence(std::string_view text, std::size_t pos, std::uint64_t rules,
                      Candidates &out) const;

  const RuleSet &rules_;
  std::vector<bool> anchored_;                             // by rule index
  std::vector<std::pair<std::size_t, std::size_t>> lead_;  // by rule index: MIN, MAX characters
  // By rule index: the code points a match can begin with, for rules tried
  // before their anchor words (lead > 0), where most tries fail.
  std::vector<StartFilter> start_filters_;
  // By rule index: the words of a rule that is only an alternation of words
  // (pattern::literal_alternatives), in its order, else empty. Such a rule's
  // anchored match is the first of them that begins at the position: no RE2
  // call, and every capture (it can only wrap the whole) is the match.
  std::vector<std::vector<std::string>> literal_words_;
  // A rule whose pattern opens with an alternation of literal words before
  // its first capture boundary (persons.title_before: an office, then
  // 候选人 or a surname) can only match where one of those words is followed
  // by a code point the rest of the pattern may begin with. Lead-0 rules are
  // tried at every anchor word and most tries fail there: this test, a table
  // lookup and a bit test or two, spares them the RE2 call.
  // The same holds for a first piece whose alternatives have a length known
  // where the match begins (pattern::FirstPiece): persons' NAME_LEFT, a line
  // start or one punctuation mark before a surname (persons.cue_after,
  // title_after, appointed_as...), whose tries mostly fail for want of one.
  struct OpenerThenRest {
    CodePointLengths opener_lengths;  // the opening words' lengths by first code point
    StartFilter rest;                 // the code points the rest may begin with
    bool by_piece = false;            // true: `piece` says what opens, not opener_lengths
    pattern::FirstPiece piece;
    bool may_match_at(std::string_view seen, std::size_t start) const noexcept {
      if (by_piece) return piece_then_rest_at(seen, start);
      char32_t first;
      // Other characters are rare here: RE2 decides.
      if (!StartFilter::one_or_three_byte_at(seen, start, first)) return true;
      for (std::uint64_t lengths = opener_lengths.of(first); lengths != 0; lengths &= lengths - 1) {
        const std::size_t after = start + static_cast<std::size_t>(__builtin_ctzll(lengths));
        // The rest cannot match empty (its filter is selective): it needs a
        // code point before the end of what the match may see.
        if (after < seen.size() && rest.may_begin_at(seen, after)) return true;
      }
      return false;
    }
    bool piece_then_rest_at(std::string_view seen, std::size_t start) const noexcept {
      // The rest begins where the piece ends: at `after`, before the end of
      // what the match may see (the rest cannot match empty).
      auto rest_at = [&](std::size_t after) {
        return after < seen.size() && rest.may_begin_at(seen, after);
      };
      if (piece.empty_at_line_start && (start == 0 || seen[start - 1] == '\n') && rest_at(start))
        return true;
      if (piece.one_code_point) {
        char32_t cp;
        if (!StartFilter::one_or_three_byte_at(seen, start, cp)) return true;  // RE2 decides
        if (rest_at(start + (cp < 0x80 ? 1 : 3))) return true;
      }
      for (const std::string &word : piece.words)
        if (seen.compare(start, word.size(), word) == 0 && rest_at(start + word.size()))
          return true;
      return false;
    }
  };
  std::vector<std::unique_ptr<const OpenerThenRest>>
      opener_then_rest_;  // by rule index; null: none
  static std::unique_ptr<const OpenerThenRest> opener_then_rest(std::string_view pattern);
  std::size_t max_lead_ = 0;               // the largest MAX of any rule
  LiteralSet words_;                       // every rule's anchor words, each once
  std::vector<std::uint64_t> word_rules_;  // by word index: bit i, rule i has it
  std::string scan_scope_;                 // profile label: "<kind>.anchors"
};

// ---- template implementation ----

template <typename F>
void AnchoredRules::for_each_match(int index, std::string_view text, std::size_t from,
                                   std::size_t to, const Candidates &candidates, F &&f) const {
  // A rule without anchors searches the range as RuleSet::for_each_match does.
  if (!anchored_[static_cast<std::size_t>(index)])
    return rules_.for_each_match(index, text, from, to, f);
  const std::vector<std::size_t> &starts = candidates.starts[static_cast<std::size_t>(index)];
  const auto first_start = std::lower_bound(starts.begin(), starts.end(), from);
  // No start to try in the range: return before setting up a match.
  if (first_start == starts.end() || *first_start >= to) return;
  const Rule &rule = rules_.rules()[static_cast<std::size_t>(index)];
  ZHMETA_PROFILE_SCOPE(rule.id, to - from);
  RuleMatch m(rule, text);
  const BorrowedGroups borrowed(m.groups_,
                                static_cast<std::size_t>(rule.re->NumberOfCapturingGroups()) + 1);
  const int ngroups = static_cast<int>(m.groups_.size());
  // As in RuleSet::for_each_match, nothing after `to` is seen.
  const re2::StringPiece piece(text.data(), to);
  const std::string_view seen(text.data(), to);
  const StartFilter &filter = start_filters_[static_cast<std::size_t>(index)];
  const bool filtered = filter.selective();
  const OpenerThenRest *const opener_then_rest =
      opener_then_rest_[static_cast<std::size_t>(index)].get();
  const std::vector<std::string> &words = literal_words_[static_cast<std::size_t>(index)];
  std::size_t pos = from;
  re2::StringPiece whole;
  for (auto it = first_start; it != starts.end() && *it < to; ++it) {
    const std::size_t start = *it;
    if (start < pos) continue;
    // A bit test instead of an RE2 call where no match can begin.
    if (filtered && !filter.may_begin_at(seen, start)) continue;
    if (opener_then_rest && !opener_then_rest->may_match_at(seen, start)) continue;
    if (!words.empty()) {  // leftmost-first: the earliest word of the alternation found here
      // `seen` ends at `to`, so a word running past it compares unequal.
      const auto word = std::find_if(words.begin(), words.end(), [&](const std::string &w) {
        return seen.compare(start, w.size(), w) == 0;
      });
      if (word == words.end()) continue;
      whole = re2::StringPiece(text.data() + start, word->size());
      std::fill(m.groups_.begin(), m.groups_.end(), whole);
      f(static_cast<const RuleMatch &>(m));
      pos = next_search_from(text, start, start + word->size(), to);
      continue;
    }
    // Where the match ends, from the DFA alone; then the groups of exactly
    // that match (what RE2 itself does after an unanchored search).
    if (!rule.match_from(piece, start, to, m.groups_.data(), ngroups)) continue;
    const std::size_t end = start + m.groups_[0].size();
    f(static_cast<const RuleMatch &>(m));
    pos = next_search_from(text, start, end, to);
  }
}

}  // namespace zhmeta

#endif
