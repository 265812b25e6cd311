// Rules as data: the rule-file format, its loader, and the compiled, immutable
// rule pack every extractor reads. The format is documented in rules/README.md.
//
// A pack holds, per *kind* (the folder a rule file sits in: dates, bylines,
// persons, ...), the rules of that kind compiled into RE2 objects plus one
// RE2::Set used as a prefilter (which rules match this text at all?), and the
// gazetteers (word lists, `canonical|variant|...` per line) by name. After
// loading nothing changes, so one pack serves every thread.
#ifndef ZHMETA_RULES_RULE_PACK_HPP
#define ZHMETA_RULES_RULE_PACK_HPP

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/literal_set.hpp"
#include "core/profile.hpp"
#include "core/utf8.hpp"
#include "core/word_targets.hpp"
#include "rules/group_placer.hpp"

namespace zhmeta {

/// A word list: each line `canonical|variant|variant...` (or one word).
class Gazetteer {
 public:
  /// Adds an entry. The loader calls sort_terms() once after the last add
  /// (sorting on every add made loading a large list quadratic).
  void add(std::string canonical, const std::vector<std::string> &variants);
  /// Orders terms() longest first, file order among terms of equal length.
  void sort_terms();
  /// Hash lookups: extractors probe at every character of a candidate.
  bool contains(std::string_view term) const {
    return !term.empty() && may_have_length(term.size()) &&
           may_start_with(utf8::decode(term, 0).cp) && find_term(term) != nullptr;
  }
  /// The canonical form of `term`, or an empty view when unknown.
  std::string_view canonical(std::string_view term) const;
  /// Every surface form (canonicals and variants), longest first.
  const std::vector<std::string> &terms() const { return terms_; }
  /// Canonical entries in file order.
  const std::vector<std::string> &entries() const { return entries_; }
  /// RE2 alternation `(?:...)` over terms(), longest first.
  std::string alternation() const;
  std::size_t longest_term_bytes() const { return longest_; }

  /// Quick rejects for the scans in gazetteer_scan.hpp, which probe every
  /// length at every position and mostly miss: false means no term starts
  /// (ends) with code point `c`, or none is `bytes` long. True may still miss.
  bool may_start_with(char32_t c) const noexcept { return may_hold(first_, c); }
  bool may_end_with(char32_t c) const noexcept { return may_hold(last_, c); }
  bool may_have_length(std::size_t bytes) const noexcept {
    return bytes >= 64 || (lengths_ >> bytes & 1u) != 0;
  }
  /// The distinct byte lengths of the terms, longest first: a scan for the
  /// longest term at a position probes these lengths only.
  const std::vector<std::size_t> &lengths_longest_first() const noexcept {
    return lengths_longest_first_;
  }

 private:
  // One bit per BMP code point; code points beyond the BMP always pass.
  using CodePointBits = std::vector<std::uint64_t>;
  static bool may_hold(const CodePointBits &bits, char32_t c) noexcept {
    return c > 0xFFFF || bits.empty() || (bits[c >> 6] >> (c & 63) & 1u) != 0;
  }
  CodePointBits first_, last_;
  std::uint64_t lengths_ = 0;  // bit n: some term is n bytes long (n < 64)
  std::vector<std::size_t> lengths_longest_first_;
  // term -> canonical, as views into storage_ (a deque: addresses never move),
  // in an open-addressing table probed linearly and kept at most half full:
  // a lookup is a hash of a few 8-byte words and mostly one slot, where
  // std::unordered_map hashed byte runs and walked node lists.
  struct TermSlot {
    std::string_view term, canonical;  // an empty term: a free slot
    std::uint64_t hash = 0;
  };
  static std::uint64_t term_hash(std::string_view s) noexcept {
    const char *p = s.data();
    std::size_t n = s.size();
    std::uint64_t h = (n + 1) * 0x9E3779B97F4A7C15ull, w = 0;
    for (; n > 8; p += 8, n -= 8) {
      std::memcpy(&w, p, 8);
      h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
    }
    // The last 1..8 bytes (none of an empty term), read without a memcpy call:
    // two 4-byte loads that may overlap, or three bytes; n, mixed in above,
    // tells how they overlap.
    if (n >= 4) {
      std::uint32_t lo = 0, hi = 0;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      w = lo | std::uint64_t{hi} << 32;
    } else if (n > 0) {
      const auto byte = [&](std::size_t i) {
        return std::uint64_t{static_cast<unsigned char>(p[i])};
      };
      w = byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16;
    }
    h = (h ^ w) * 0x94D049BB133111EBull;
    return h ^ (h >> 29);
  }
  const TermSlot *find_term(std::string_view term) const noexcept {
    if (slots_.empty() || term.empty()) return nullptr;
    const std::uint64_t hash = term_hash(term);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const TermSlot &slot = slots_[i];
      if (slot.term.empty()) return nullptr;
      if (slot.hash == hash && slot.term == term) return &slot;
    }
  }
  void insert_term(std::string_view term, std::string_view canonical);
  std::deque<std::string> storage_;
  std::vector<TermSlot> slots_;  // a power of two in size, or empty
  std::size_t term_count_ = 0;
  std::vector<std::string> terms_, entries_;
  std::size_t longest_ = 0;
};

/// One `example =` line: text the pattern must match, and optionally the values
/// named groups must take on the first match.
struct RuleExample {
  std::string text;
  std::vector<std::pair<std::string, std::string>> groups;
  int line = 0;
};

struct Rule {
  std::string id;        // stable, e.g. "dates.ymd"
  std::string kind;      // folder name: dates, bylines, ...
  std::string file;      // for messages
  int line = 0;          // line of `rule ID`
  std::string pattern;   // as written
  std::string expanded;  // after {DEFINE} and {@gazetteer} expansion
  int priority = 0;
  std::map<std::string, std::string, std::less<>> emit;  // declarative key:value pairs
  std::vector<RuleExample> examples;
  std::vector<std::pair<std::string, int>> counterexamples;  // text, line
  std::unique_ptr<RE2> re;
  std::map<std::string, int, std::less<>> groups;  // named group -> index
  // The same pairs, flat: RuleMatch::group(name) runs for nearly every match,
  // and a rule has a handful of groups, told apart by length before bytes.
  std::vector<std::pair<std::string, int>> group_list;
  // Places the groups without RE2's NFA when the pattern allows (null: it
  // does not, or the program is small enough for RE2's faster engines).
  std::unique_ptr<const GroupPlacer> placer;

  /// RE2's `re->Match(text, pos, end, RE2::ANCHOR_START, out, nout)`:
  /// whether a match begins at pos, with its groups (out[0] the match).
  /// Asked of the pattern read by LeafMatcher (see LazyLeafMatcher); of RE2's
  /// DFA and then match_groups() when that does not read it or cannot tell.
  bool match_from(const re2::StringPiece &text, std::size_t pos, std::size_t end,
                  re2::StringPiece *out, int nout) const;

  /// The groups of this rule's match [begin, end) in `text`: what
  /// re->Match(text, begin, end, RE2::ANCHOR_BOTH, out, nout) gives.
  /// Asked of the pattern read by LeafMatcher first, then of the placer, then of RE2.
  bool match_groups(const re2::StringPiece &text, std::size_t begin, std::size_t end,
                    re2::StringPiece *out, int nout) const;

  std::string_view emit_value(std::string_view key, std::string_view fallback = {}) const;

  /// The pattern read by LeafMatcher (built on first use), or null when it
  /// does not read it.
  const LeafMatcher *leaf_matcher() const;

 private:
  // The rule's pattern read by LeafMatcher (captures included), compiled on
  // first use. Measured on the dev pages, it answers an anchored try with its
  // groups for less than RE2's DFA followed by match_groups() costs, even
  // where it backtracks.
  struct LazyLeafMatcher {
    std::once_flag compiled;
    std::unique_ptr<const LeafMatcher> matcher;  // null: LeafMatcher does not read the pattern
  };
  // LeafMatcher's answer to re->Match(text, pos, end, whole ? ANCHOR_BOTH :
  // ANCHOR_START, out, nout); unknown when it does not read the rule.
  LeafMatcher::Result ask_leaf_matcher(const re2::StringPiece &text, std::size_t pos,
                                       std::size_t end, bool whole, re2::StringPiece *out,
                                       int nout) const;
  // match_groups() without LeafMatcher: the placer, else RE2.
  bool groups_by_placer_or_re2(const re2::StringPiece &text, std::size_t begin, std::size_t end,
                               re2::StringPiece *out, int nout) const {
    return (placer && placer->place(text, begin, end, out, nout)) ||
           re->Match(text, begin, end, RE2::ANCHOR_BOTH, out, nout);
  }
  std::unique_ptr<LazyLeafMatcher> native_ = std::make_unique<LazyLeafMatcher>();
};

/// One match of a rule; offsets are absolute in the searched text.
class RuleMatch {
 public:
  RuleMatch(const Rule &rule, std::string_view text) : rule_(&rule), text_(text) {}
  const Rule &rule() const { return *rule_; }
  std::size_t begin() const { return offset(0); }
  std::size_t end() const { return offset(0) + groups_[0].size(); }
  /// The named group's text, empty when the group did not take part.
  std::string_view group(std::string_view name) const;
  bool has(std::string_view name) const { return group_index(name) >= 0 && !group(name).empty(); }
  std::size_t group_begin(std::string_view name) const;
  std::size_t group_end(std::string_view name) const {
    return group_begin(name) + group(name).size();
  }

 private:
  friend class RuleSet;
  friend class AnchoredRules;
  int group_index(std::string_view name) const;
  std::size_t offset(int index) const {
    return static_cast<std::size_t>(groups_[static_cast<std::size_t>(index)].data() - text_.data());
  }
  const Rule *rule_;
  std::string_view text_;
  std::vector<re2::StringPiece> groups_;
};

/// Gives a RuleMatch group storage for the length of one for_each_match call,
/// taken from (and given back to) a vector the thread keeps: those calls run
/// per rule and window, thousands per document, and each used to allocate
/// one. A call made from inside another's callback finds the thread's vector
/// lent out and allocates its own, as before.
class BorrowedGroups {
 public:
  BorrowedGroups(std::vector<re2::StringPiece> &groups, std::size_t count) : groups_(groups) {
    groups_.swap(spare());
    groups_.assign(count, re2::StringPiece());
  }
  ~BorrowedGroups() { groups_.swap(spare()); }
  BorrowedGroups(const BorrowedGroups &) = delete;
  BorrowedGroups &operator=(const BorrowedGroups &) = delete;

 private:
  static std::vector<re2::StringPiece> &spare() {
    thread_local std::vector<re2::StringPiece> groups;
    return groups;
  }
  std::vector<re2::StringPiece> &groups_;
};

/// The rules of one kind, with their prefilter.
class RuleSet {
 public:
  const std::vector<Rule> &rules() const { return rules_; }
  bool empty() const { return rules_.empty(); }
  const Rule *find(std::string_view id) const;

  /// Indices of the rules that match somewhere in `text` (exact: one pass of
  /// an RE2::Set over every pattern of the kind), in ascending order. For
  /// callers that act on the answer itself (the segmenter's furniture rules).
  /// Never misses a rule: if the set cannot run (it would not compile, or
  /// RE2's DFA ran out of memory on this text) every rule is returned.
  void matching(std::string_view text, std::vector<int> &out) const;
  /// True when some rule may match somewhere in `text`: cheaper than
  /// matching() (RE2 stops at the first hit and builds no list), so callers
  /// that mostly see no match ask this first. Errs on the side of true.
  bool any_match(std::string_view text) const;
  /// Indices of the rules that *may* match in `text`, ascending: a superset
  /// of matching(), for callers that run the rules anyway. It comes from the
  /// literal words every match of a rule must contain (re2::FilteredRE2's
  /// atoms), found with one small literal automaton: several times cheaper
  /// per call than matching(), whose automaton holds every full pattern.
  /// A rule without such words (all classes, no literals) is always a candidate.
  void candidates(std::string_view text, std::vector<int> &out) const;
  /// The same for text[from, to), with the atoms' hits in the whole `text`
  /// from a shared scan (`atom_hits`, see atom_words()); null: scans here.
  /// `from` and `to` must be code point boundaries of valid UTF-8 text.
  void candidates(std::string_view text, std::size_t from, std::size_t to,
                  const std::vector<LiteralHit> *atom_hits, std::vector<int> &out) const;
  /// The prefilter's atoms for a shared scan (core/shared_literal_scan.hpp),
  /// which must ignore ASCII case: null when this kind's atoms cannot be
  /// found that way. Builds the prefilter.
  const LiteralSet *atom_words() const;
  /// The words of the rules that are nothing but an alternation of literal
  /// words (`{@meeting_suffixes}`, `出席|参加|列席`), for a shared scan that
  /// respects case: for_each_match_bounds() then reads those rules' matches
  /// off its hits instead of running RE2 over each unit. Null when the kind
  /// has no such rule.
  const LiteralSet *literal_rule_words() const;

  /// Calls f(const RuleMatch&) for each non-overlapping match of rule `index`
  /// in text[from, to); match offsets are absolute in `text`.
  template <typename F>
  void for_each_match(int index, std::string_view text, std::size_t from, std::size_t to,
                      F &&f) const;

  /// The bounds of every match of the kind's rules inside each unit of
  /// `units` (lines, say: anything with `begin` and `end` offsets into
  /// `text`), unit by unit: the literal prefilter picks the rules that can
  /// match in the unit, and only those run, over that unit alone, without
  /// capture groups (RE2's DFA finds the bounds; groups would cost a second,
  /// slower pass). Matches never cross a unit boundary. Calls
  /// f(rule_index, begin, end, unit_end), within a unit rule by rule in file order;
  /// `wanted(index)` skips rules before they run. `atom_hits` as for candidates();
  /// `literal_hits`: the hits of literal_rule_words() in `text` (null: those
  /// rules run through RE2 like the others, with the same matches).
  template <typename Units, typename F, typename Wanted>
  void for_each_match_bounds(std::string_view text, const Units &units, F &&f, Wanted &&wanted,
                             const std::vector<LiteralHit> *atom_hits = nullptr,
                             const std::vector<LiteralHit> *literal_hits = nullptr) const;

  /// The words every match of a rule begins with, for the rules that have
  /// such "openers" and are not literal rules (pattern::literal_openers;
  /// `党中央|中央…`, `(?:省|市|县)(?:委|…)`), for a shared scan that respects
  /// case. Null when no rule of the kind has openers.
  const LiteralSet *opener_words() const;

  /// What for_each_match_bounds(text, units, f, wanted, atoms, literal_hits)
  /// calls, in the same order, found without the prefilter and without an
  /// unanchored search: a literal rule's matches are read off `literal_hits`,
  /// and a rule with openers is tried, anchored, only where one of its opener
  /// words begins (`opener_hits`: the hits of opener_words() in `text`) inside
  /// the unit; the first position that matches is where RE2's leftmost search
  /// would have found it, and the next search starts at its end. A unit in
  /// which no such word occurs costs nothing. False, having called nothing,
  /// when a wanted rule is neither literal nor has openers, or hits are missing.
  template <typename Units, typename F, typename Wanted>
  bool for_each_match_bounds_from_hits(std::string_view text, const Units &units, F &&f,
                                       Wanted &&wanted, const std::vector<LiteralHit> *literal_hits,
                                       const std::vector<LiteralHit> *opener_hits) const;

  /// Whether rule `index` is a literal rule or has openers: then
  /// for_each_match_bounds_from_hits() answers for it whenever it is given
  /// the hits of literal_rule_words() and opener_words(). A kind all of whose
  /// wanted rules are so never reads atom_words()' hits from a shared scan
  /// (its for_each_match_bounds() fallback runs only when the scan gave up,
  /// and then no source has hits), so it need not have them found.
  bool found_from_hits(int index) const;

  /// Every match of every rule of the kind in text[from, to), rule by rule
  /// (only rules the prefilter lets through are run).
  template <typename F>
  void for_each_match(std::string_view text, std::size_t from, std::size_t to, F &&f) const {
    std::vector<int> hits;
    candidates(text.substr(from, to - from), hits);
    for (int index : hits) for_each_match(index, text, from, to, f);
  }

 private:
  friend class RulePackBuilder;
  struct Filter;
  void all_rules(std::vector<int> &out) const;
  // Rules that are alternations of literal words, and where each word sits.
  struct LiteralRules {
    struct Target {
      int rule;
      std::size_t alternative;  // the word's place in the rule's alternation
    };
    WordTargets<Target> words;     // each word once, with the rules it belongs to
    std::vector<char> is_literal;  // by rule
  };
  const LiteralRules *literal_rules() const;  // built on first use; null when there are none
  // Rules with openers, and which rules each opener word stands for.
  struct Openers {
    WordTargets<int> words;         // each word once, with the rules it opens
    std::vector<char> has_openers;  // by rule
  };
  const Openers *openers() const;  // built on first use; null when no rule has openers

  // The matches of literal rule `index` in text[from, to), leftmost-first as
  // RE2 would find them, from `hits` (of literal_rule_words(), sorted by
  // position) starting at hits[first].
  void literal_matches(int index, const std::vector<LiteralHit> &hits, std::size_t first,
                       std::size_t from, std::size_t to,
                       std::vector<std::pair<std::size_t, std::size_t>> &out) const;
  void candidates_from_atoms(std::vector<int> &atoms, std::vector<int> &out) const;
  bool set_ready() const;        // compiles the exact set on first use; false if it cannot run
  const Filter *filter() const;  // builds the literal prefilter on first use; null if it cannot run
  std::vector<Rule> rules_;
  // The exact set (matching(), any_match()) is built on first use: only the
  // segmenter asks exact questions. Bad patterns already fail at load, when
  // each rule compiles as its own RE2.
  mutable std::unique_ptr<re2::RE2::Set> set_;
  mutable std::once_flag set_compiled_;
  mutable bool set_usable_ = false;  // false: Compile failed, every rule is a hit
  // Built on first use too: FilteredRE2 compiles every pattern again, which
  // would double engine creation time for kinds that may never need it.
  mutable std::unique_ptr<const Filter> filter_;
  mutable std::once_flag filter_built_;
  mutable std::unique_ptr<const LiteralRules> literal_rules_;
  mutable std::once_flag literal_rules_built_;
  mutable std::unique_ptr<const Openers> openers_;
  mutable std::once_flag openers_built_;
};

class RulePack {
 public:
  /// The rules embedded at build time, plus `extra_dirs` layered on top.
  static std::shared_ptr<const RulePack> load_embedded(
      const std::vector<std::string> &extra_dirs = {});
  /// Rules from a folder (same layout as rules/), plus `extra_dirs`.
  static std::shared_ptr<const RulePack> load_dir(const std::string &dir,
                                                  const std::vector<std::string> &extra_dirs = {});
  /// From in-memory files (relative path -> content); used by the two above and tests.
  static std::shared_ptr<const RulePack> load_files(
      const std::vector<std::pair<std::string, std::string>> &files);

  /// The rules of a kind; an empty set when the pack has none.
  const RuleSet &kind(std::string_view name) const;
  /// A gazetteer by name (file stem); throws zhmeta::Error when missing.
  const Gazetteer &gazetteer(std::string_view name) const;
  bool has_gazetteer(std::string_view name) const { return gazetteers_.count(name) != 0; }
  const std::map<std::string, RuleSet, std::less<>> &kinds() const { return kinds_; }
  const std::map<std::string, Gazetteer, std::less<>> &gazetteers() const { return gazetteers_; }
  /// Expands {DEFINE} and {@gazetteer} references in a pattern, as rule files do.
  std::string expand(std::string_view pattern) const;

 private:
  friend class RulePackBuilder;
  std::map<std::string, RuleSet, std::less<>> kinds_;
  std::map<std::string, Gazetteer, std::less<>> gazetteers_;
  std::map<std::string, std::string, std::less<>> defines_;
};

// ---- template implementation ----

/// Where the search for the next non-overlapping match starts after the match
/// [begin, end): its end, or past one code point after an empty match.
inline std::size_t next_search_from(std::string_view text, std::size_t begin, std::size_t end,
                                    std::size_t limit) {
  if (end > begin) return end;
  std::size_t pos = begin + 1;
  while (pos < limit && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  return pos;
}

template <typename F>
void RuleSet::for_each_match(int index, std::string_view text, std::size_t from, std::size_t to,
                             F &&f) const {
  const Rule &rule = rules_[static_cast<std::size_t>(index)];
  ZHMETA_PROFILE_SCOPE(rule.id, to - from);
  RuleMatch m(rule, text);
  const BorrowedGroups borrowed(m.groups_,
                                static_cast<std::size_t>(rule.re->NumberOfCapturingGroups()) + 1);
  const re2::StringPiece piece(text.data(), to);
  const int ngroups = static_cast<int>(m.groups_.size());
  std::size_t pos = from;
  // The bounds from the DFA, then the groups of exactly that match (what RE2
  // itself does after an unanchored search), placed without its NFA by the
  // rule's LeafMatcher or its placer when they can. Even for a rule that has
  // neither this beats asking RE2 for the groups at once, which lets it search
  // with its submatch engines: on the windows bylines searches (most hold no
  // match) that call took 2-4 times as long as a search for the bounds.
  re2::StringPiece whole;
  while (pos <= to && rule.re->Match(piece, pos, to, RE2::UNANCHORED, &whole, 1)) {
    const std::size_t b = static_cast<std::size_t>(whole.data() - text.data()),
                      e = b + whole.size();
    if (!rule.match_groups(piece, b, e, m.groups_.data(), ngroups))
      break;  // cannot happen: RE2 just matched it
    f(static_cast<const RuleMatch &>(m));
    pos = next_search_from(text, b, e, to);
  }
}

template <typename Units, typename F, typename Wanted>
void RuleSet::for_each_match_bounds(std::string_view text, const Units &units, F &&f,
                                    Wanted &&wanted, const std::vector<LiteralHit> *atom_hits,
                                    const std::vector<LiteralHit> *literal_hits) const {
  if (rules_.empty()) return;
  thread_local std::vector<int> hits;
  thread_local std::vector<std::pair<std::size_t, std::size_t>> literal;
  const LiteralRules *literal_rules = literal_hits ? this->literal_rules() : nullptr;
  for (const auto &unit : units) {
    const std::size_t from = unit.begin, to = unit.end;
    if (to <= from || to > text.size()) continue;
    candidates(text, from, to, atom_hits, hits);
    const re2::StringPiece piece(text.data(), to);
    for (const int index : hits) {
      if (!wanted(index)) continue;
      const Rule &rule = rules_[static_cast<std::size_t>(index)];
      ZHMETA_PROFILE_SCOPE(rule.id, to - from);
      if (literal_rules && literal_rules->is_literal[static_cast<std::size_t>(index)]) {
        const auto first =
            std::lower_bound(literal_hits->begin(), literal_hits->end(), from,
                             [](const LiteralHit &hit, std::size_t pos) { return hit.pos < pos; });
        literal_matches(index, *literal_hits,
                        static_cast<std::size_t>(first - literal_hits->begin()), from, to, literal);
        for (const auto &[b, e] : literal) f(index, b, e, to);
        continue;
      }
      re2::StringPiece match;
      for (std::size_t pos = from;
           pos <= to && rule.re->Match(piece, pos, to, RE2::UNANCHORED, &match, 1);) {
        const std::size_t b = static_cast<std::size_t>(match.data() - text.data()),
                          e = b + match.size();
        f(index, b, e, to);
        pos = next_search_from(text, b, e, to);
      }
    }
  }
}

template <typename Units, typename F, typename Wanted>
bool RuleSet::for_each_match_bounds_from_hits(std::string_view text, const Units &units, F &&f,
                                              Wanted &&wanted,
                                              const std::vector<LiteralHit> *literal_hits,
                                              const std::vector<LiteralHit> *opener_hits) const {
  const Openers *openers = this->openers();
  const LiteralRules *literal = literal_hits ? literal_rules() : nullptr;
  thread_local std::vector<char> wanted_rule;
  wanted_rule.assign(rules_.size(), 0);
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    if (!wanted(static_cast<int>(i))) continue;
    const bool from_literal = literal && literal->is_literal[i];
    const bool from_openers = openers && opener_hits && openers->has_openers[i];
    if (!from_literal && !from_openers) return false;
    wanted_rule[i] = 1;
  }
  // Per unit: (rule, position) for each opener of a wanted rule, and
  // (rule, npos) for each literal rule with a hit, in rule order.
  thread_local std::vector<std::pair<int, std::size_t>> tries;
  thread_local std::vector<std::pair<std::size_t, std::size_t>> found;
  auto in_unit = [](const std::vector<LiteralHit> &hits, std::size_t from) {
    return std::lower_bound(hits.begin(), hits.end(), from,
                            [](const LiteralHit &hit, std::size_t pos) { return hit.pos < pos; });
  };
  for (const auto &unit : units) {
    const std::size_t from = unit.begin, to = unit.end;
    if (to <= from || to > text.size()) continue;
    tries.clear();
    if (openers && opener_hits)
      for (auto hit = in_unit(*opener_hits, from); hit != opener_hits->end() && hit->pos < to;
           ++hit) {
        if (hit->pos + openers->words.words().word(hit->index).size() > to) continue;
        for (const int *rule = openers->words.first(hit->index);
             rule != openers->words.last(hit->index); ++rule)
          if (wanted_rule[static_cast<std::size_t>(*rule)]) tries.emplace_back(*rule, hit->pos);
      }
    std::size_t first_literal = 0;
    if (literal) {
      const auto first = in_unit(*literal_hits, from);
      first_literal = static_cast<std::size_t>(first - literal_hits->begin());
      for (auto hit = first; hit != literal_hits->end() && hit->pos < to; ++hit)
        for (auto t = literal->words.first(hit->index); t != literal->words.last(hit->index); ++t)
          if (wanted_rule[static_cast<std::size_t>(t->rule)])
            tries.emplace_back(t->rule, std::string_view::npos);
    }
    if (tries.empty()) continue;
    std::sort(tries.begin(), tries.end());
    tries.erase(std::unique(tries.begin(), tries.end()), tries.end());
    const re2::StringPiece piece(text.data(), to);
    for (std::size_t k = 0; k < tries.size();) {
      const int index = tries[k].first;
      if (literal && literal->is_literal[static_cast<std::size_t>(index)]) {
        literal_matches(index, *literal_hits, first_literal, from, to, found);
        for (const auto &[b, e] : found) f(index, b, e, to);
        while (k < tries.size() && tries[k].first == index) ++k;
        continue;
      }
      const Rule &rule = rules_[static_cast<std::size_t>(index)];
      re2::StringPiece match;
      for (std::size_t next = from; k < tries.size() && tries[k].first == index; ++k) {
        const std::size_t pos = tries[k].second;
        if (pos < next || !rule.match_from(piece, pos, to, &match, 1)) continue;
        const std::size_t b = static_cast<std::size_t>(match.data() - text.data()),
                          e = b + match.size();
        f(index, b, e, to);
        next = next_search_from(text, b, e, to);
      }
    }
  }
  return true;
}

}  // namespace zhmeta

#endif
