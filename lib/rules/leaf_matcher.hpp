// A backtracking matcher for the patterns the extractors try anchored
// thousands of times per megabyte: a group placer's leaves, tails and rests
// (rules/group_placer.hpp), and whole rules with their capture groups at
// the start positions AnchoredRules and the opener tries pick
// (Rule::match_from). Each RE2 call costs several hundred instructions
// before it reads a byte (a cache lock, a start state), which for a leaf
// such as ` *(?:[)\]】]|(?m:$))` is most of the work; and groups cost RE2 a
// second engine after its DFA.
//
// It reads a subset of RE2's syntax and follows leftmost-first (Perl) order
// directly, which for that subset is RE2's own answer, groups included:
// literal text and escaped punctuation; character classes, class escapes
// (\p{Han}, \d, \s...) and '.', each one code point, whose membership is
// asked of RE2 once per code point and remembered (CodePointClass); ^ and $,
// also under (?m); (?:...), (?m:...) and capture groups holding alternations
// (an alternation of literal words is looked up by hash, not tried word by
// word); repetitions of one code point, greedy or lazy; and ? on a group.
// Anything else (repeated groups, \b, other flags) makes compile() return
// null, and the caller keeps RE2. A match that would take more steps than a
// budget (linear in its text up to 256 bytes, constant past that), or that
// meets a byte that is not valid UTF-8 where a class is asked, answers
// `unknown`: the caller asks RE2 then.
#ifndef ZHMETA_RULES_LEAF_MATCHER_HPP
#define ZHMETA_RULES_LEAF_MATCHER_HPP

#include <re2/re2.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace zhmeta {

/// One code point class of an RE2 pattern (`[^,。]`, `\p{Han}`, `.`),
/// with RE2's answer for each BMP code point remembered once asked. Shared by
/// every matcher in the process that reads the same class text under the
/// same options; thread-safe (the remembered answers are set with an atomic
/// or, and every thread would set the same bits).
class CodePointClass {
 public:
  /// The class for `pattern` (one class, as RE2 reads it with `options`),
  /// or null when RE2 does not compile it.
  static std::shared_ptr<const CodePointClass> shared(const std::string &pattern,
                                                      const RE2::Options &options);

  /// Whether code point `cp`, encoded in UTF-8 as `bytes`, is in the class.
  bool contains(char32_t cp, std::string_view bytes) const {
    if (cp >= kRemembered) return ask(bytes);
    std::atomic<std::uint32_t> &word = memo_[cp / kPerWord];
    const unsigned shift = 2 * (cp % kPerWord);
    const std::uint32_t known = word.load(std::memory_order_relaxed) >> shift;
    if (known & kAsked) return (known & kIn) != 0;
    const bool in = ask(bytes);
    word.fetch_or((kAsked | (in ? kIn : 0u)) << shift, std::memory_order_relaxed);
    return in;
  }

  CodePointClass(std::unique_ptr<const RE2> re);

 private:
  static constexpr char32_t kRemembered = 0x10000;  // the BMP
  // Two bits per code point, sixteen to a word: 16 KB a class rather than a
  // byte each (64 KB). A class is asked at nearly every step of a match, for
  // code points spread over all of CJK: the smaller memo misses the cache less.
  static constexpr char32_t kPerWord = 16;
  static constexpr std::uint32_t kAsked = 1, kIn = 2;  // neither: not asked yet
  bool ask(std::string_view bytes) const;

  std::unique_ptr<const RE2> re_;
  std::unique_ptr<std::atomic<std::uint32_t>[]> memo_;
};

class LeafMatcher {
 public:
  enum class Result { no, yes, unknown };

  /// A matcher for `pattern` (no captures), or null when it uses syntax this
  /// matcher does not read or `options` are not RE2's defaults in the ways
  /// that matter (UTF-8, case-sensitive, leftmost-first, Perl syntax).
  static std::unique_ptr<const LeafMatcher> compile(std::string_view pattern,
                                                    const RE2::Options &options);

  /// RE2's `Match(text, pos, end, RE2::ANCHOR_START, &m, 1)`: yes with the
  /// length of m, no, or unknown (ask RE2).
  Result prefix(std::string_view text, std::size_t pos, std::size_t end, std::size_t &length) const;
  /// RE2's `Match(text, pos, end, RE2::ANCHOR_BOTH, nullptr, 0)`, or unknown.
  Result whole(std::string_view text, std::size_t pos, std::size_t end) const;
  /// RE2's `Match(text, pos, end, whole ? RE2::ANCHOR_BOTH : RE2::ANCHOR_START,
  /// groups, ngroups)` (captures numbered as RE2 numbers them, a group that
  /// took no part null), or unknown.
  Result match(std::string_view text, std::size_t pos, std::size_t end, bool whole,
               re2::StringPiece *groups, int ngroups) const;
  int captures() const { return captures_; }

  ~LeafMatcher();
  struct Node;
  using Sequence = std::vector<Node>;

 private:
  class Parser;
  struct Run;
  struct Frame;
  LeafMatcher() = default;
  Result run(std::string_view text, std::size_t pos, std::size_t end, bool whole,
             std::size_t &matched_end, std::size_t *caps) const;
  static bool step(Run &r, const Sequence *seq, std::size_t i, std::size_t pos, const Frame *up);

  std::unique_ptr<Sequence> top_;
  int captures_ = 0;
};

/// RE2's `re.Match(text, pos, end, RE2::ANCHOR_START, &m, 1)`, with m's
/// length in `length`; `native` (null, or the same pattern read by
/// LeafMatcher) answers first, RE2 when it cannot tell.
bool anchored_prefix(const LeafMatcher *native, const RE2 &re, const re2::StringPiece &text,
                     std::size_t pos, std::size_t end, std::size_t &length);
/// RE2's `re.Match(text, pos, end, RE2::ANCHOR_BOTH, nullptr, 0)`, asked of `native` first.
bool anchored_whole(const LeafMatcher *native, const RE2 &re, const re2::StringPiece &text,
                    std::size_t pos, std::size_t end);

}  // namespace zhmeta

#endif
