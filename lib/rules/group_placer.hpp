// Capture groups of a match without RE2's NFA.
//
// When RE2 is asked for capture groups, it finds the match bounds with its
// DFA and then runs a second engine over the match to place the groups:
// OnePass or BitState for programs of at most ~500 instructions, else the
// NFA, which costs thousands of instructions per match. Rules that inline a
// gazetteer (`{@surnames}`) are far over that size.
//
// A pattern that is a plain sequence at the level of its captures, say
//   A(?P<x>B)C(?P<y>(?P<z>D)E)
// is cut at every capture boundary into *leaves* (A, B, C, D, E), each
// compiled as its own RE2 without groups. Under leftmost-first (Perl)
// semantics the parses of a sequence are ordered lexicographically, leaf by
// leaf, so RE2's answer for a match [begin, end) is: each leaf's own
// leftmost-first match, one after the other from `begin`, provided the last
// leaf can then end exactly at `end`. When a leaf does not match, or the last
// one cannot end at `end` (RE2's parse needed an earlier leaf to give back
// text), one case is still settled here: a leaf ending in a repetition of
// one character (`\p{Han}{1,2}?`, `[^)]{0,80}?`) tries its counts in RE2's
// order until the leaves after it can end at `end`. Otherwise place()
// returns false and the caller asks RE2 for the groups. Each leaf runs with
// the same text and end position as the whole match, so assertions
// (^ $ \b) see the same context.
//
// A pattern whose captures sit under a quantifier or an alternation, or that
// the splitter does not understand (\Q...\E), gets no placer.
#ifndef ZHMETA_RULES_GROUP_PLACER_HPP
#define ZHMETA_RULES_GROUP_PLACER_HPP

#include <re2/re2.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "rules/leaf_matcher.hpp"

namespace zhmeta {

/// A pattern cut at its capture boundaries (see the file comment).
struct PatternSplit {
  /// Leaf patterns in text order, without captures; top-level flags such as
  /// `(?m)` that were in force where a leaf starts are written before it.
  std::vector<std::string> leaves;
  /// Capture i + 1 (RE2's numbering: order of the opening parenthesis) spans
  /// the leaves [first_leaf[i], end_leaf[i]).
  std::vector<std::size_t> first_leaf, end_leaf;
};

/// Splits `pattern`; false when it cannot be placed leaf by leaf: a capture
/// under a quantifier or inside an alternation or a (?:...) group, a `|` in a
/// sequence that holds captures, \Q...\E, or unbalanced parentheses.
bool split_at_captures(std::string_view pattern, PatternSplit &out);

class GroupPlacer {
 public:
  /// A placer for `re` (compiled from `pattern`), or null when the pattern
  /// cannot be split or has no captures. The leaves are compiled on first use,
  /// the patterns that serve tails (below) on first need: a rule that never
  /// matches costs no compile. Should one not compile, place() declines.
  static std::unique_ptr<const GroupPlacer> build(const RE2 &re, std::string_view pattern);

  /// Fills groups[0, ngroups) with the groups RE2 would give for
  /// `re.Match(text, begin, end, RE2::ANCHOR_BOTH, groups, ngroups)`, and
  /// returns true; or returns false (groups then undefined) when only RE2
  /// can tell, including when the pattern does not match [begin, end).
  bool place(const re2::StringPiece &text, std::size_t begin, std::size_t end,
             re2::StringPiece *groups, int ngroups) const;

  std::size_t leaf_count() const { return leaf_patterns_.size(); }

 private:
  // The leaves' own best parses one after the other (the fast path).
  bool chain(const re2::StringPiece &text, std::size_t begin, std::size_t end,
             std::size_t *bounds) const;
  // The same, but a leaf that ends in a repetition of one character tries
  // its counts in RE2's order until the leaves after it can end at `end`.
  bool chain_with_tails(const re2::StringPiece &text, std::size_t begin, std::size_t end,
                        std::size_t *bounds) const;
  bool leaves_ready() const;
  bool tails_ready() const;

  // An alternation of literal words, matched by hash lookups.
  class Words {
   public:
    explicit Words(std::vector<std::string> words);
    /// Length of RE2's anchored match at text[pos, end): the earliest word in
    /// the alternation that text[pos, end) begins with; false if none.
    bool prefix(std::string_view text, std::size_t pos, std::size_t end, std::size_t &length) const;
    /// True when text[pos, end) is one of the words.
    bool whole(std::string_view text, std::size_t pos, std::size_t end) const;

   private:
    std::vector<std::string> words_;
    std::unordered_map<std::string_view, std::size_t> index_;  // word -> its first index
    // Distinct word lengths, longest first, each with the least index among
    // words of that length or shorter: probing can stop once none of those
    // comes earlier in the alternation than the word found.
    std::vector<std::pair<std::size_t, std::size_t>> lengths_;
    std::array<std::uint64_t, 4> first_bytes_{};  // bit b: some word begins with byte b
  };
  // Leaf k's anchored match at text[pos, end) (ANCHOR_START): its length.
  bool leaf_prefix(std::size_t k, const re2::StringPiece &text, std::size_t pos, std::size_t end,
                   std::size_t &length) const;
  // True when leaf k matches text[pos, end) whole (ANCHOR_BOTH).
  bool leaf_whole(std::size_t k, const re2::StringPiece &text, std::size_t pos,
                  std::size_t end) const;

  // A leaf `P X{min,max}` (or *, +, ?; lazy or not): P, the longest run of
  // X, and the leaves after it as one pattern, compiled apart.
  struct Tail {
    std::string prefix_pattern;  // empty: P is empty
    std::string run_pattern;     // empty: the leaf has no such tail
    std::string rest_pattern;    // empty: the rest is the last leaf alone
    std::size_t min = 0, max = 0;
    bool lazy = false;
    std::unique_ptr<const RE2> prefix, run, rest;
    // The same patterns read by LeafMatcher, where it can (else null).
    std::unique_ptr<const LeafMatcher> native_prefix, native_run, native_rest;
    std::unique_ptr<const Words> literal_prefix;  // P when it is an alternation of words
  };

  RE2::Options options_;
  std::vector<std::string> leaf_patterns_;
  std::vector<std::size_t> first_leaf_, end_leaf_;  // by capture, as in PatternSplit
  bool any_tail_ = false;
  // Compiled on first use, once (call_once makes them visible to every thread).
  // Leaf k is leaves_[k], or literal_[k] when that is set (leaves_[k] is then null);
  // native_[k], when set, answers for leaves_[k] unless it cannot tell.
  mutable std::vector<std::unique_ptr<const RE2>> leaves_;
  mutable std::vector<std::unique_ptr<const LeafMatcher>> native_;
  mutable std::vector<std::unique_ptr<const Words>> literal_;
  mutable std::vector<Tail> tails_;  // by leaf
  mutable std::once_flag leaves_compiled_, tails_compiled_;
  mutable bool leaves_usable_ = false, tails_usable_ = false;
};

}  // namespace zhmeta

#endif
