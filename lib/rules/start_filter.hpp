// Which code points a match of a rule can begin with, read from its pattern.
//
// Anchored rules (rules/anchored_rules.hpp) with a lead are tried at every
// position up to N characters before each anchor word, and most tries fail.
// A failing RE2::Match still costs several hundred instructions of set-up
// (locks, start state, once-flags) before its DFA reads the first byte, so
// a bit test on the code point at the position saves nearly all of it when
// no match can begin there: `(?:[^\p{Han}]|[由和与])(?P<name>{@surnames}...)`
// can only begin with a non-Han character, 由/和/与, or (at a line start,
// where `(?m:^)` lets the next piece begin the match) a surname.
//
// The analysis is conservative: it understands sequences, alternations,
// groups, quantifiers, literals, character classes with ranges, \p{Han},
// \d \s \w, the zero-width ^ $ \b \B \A \z, and flags other than (?i).
// Anything else (., other Unicode classes, case folding) makes the filter
// pass everything, so a filter never rejects a position RE2 could match at.
// test_start_filter.cpp checks the classes against RE2 on every BMP code
// point and the rules against RE2 at every position of the sample articles.
#ifndef ZHMETA_RULES_START_FILTER_HPP
#define ZHMETA_RULES_START_FILTER_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace zhmeta {

class StartFilter {
 public:
  /// The filter of `pattern` (RE2 syntax, compiled case-sensitively as UTF-8);
  /// one that passes everything when the pattern is beyond the analysis or
  /// can match the empty string.
  static StartFilter of(std::string_view pattern);

  /// False when the filter passes every position (not worth a test).
  bool selective() const noexcept { return !anywhere_.empty(); }

  /// False only if no match of the pattern, searched in `text`, can begin at
  /// text[pos] (pos < text.size(), on a code point boundary).
  bool may_begin_at(std::string_view text, std::size_t pos) const noexcept {
    if (anywhere_.empty()) return true;
    const bool line_start = pos == 0 || text[pos - 1] == '\n';
    const std::vector<std::uint64_t> &bits = line_start ? at_line_start_ : anywhere_;
    char32_t cp;
    // Two- and four-byte characters, invalid bytes: not told apart.
    if (!one_or_three_byte_at(text, pos, cp)) return true;
    return (bits[cp >> 6] >> (cp & 63) & 1u) != 0;
  }

  /// The code point at text[pos] (pos < text.size()) when it is ASCII or a
  /// well-formed three-byte character (all of Han), else false: a decode for
  /// quick rejects that leave the rare other characters to the full test.
  static bool one_or_three_byte_at(std::string_view text, std::size_t pos, char32_t &cp) noexcept {
    const auto *b = reinterpret_cast<const unsigned char *>(text.data()) + pos;
    if (b[0] < 0x80) {
      cp = b[0];
      return true;
    }
    if (b[0] - 0xE0u < 0x10u && text.size() - pos >= 3 &&
        ((b[1] ^ 0x80u) | (b[2] ^ 0x80u)) < 0x40u) {
      cp = ((b[0] & 0x0Fu) << 12) | ((b[1] & 0x3Fu) << 6) | (b[2] & 0x3Fu);
      return true;
    }
    return false;
  }

  /// Whether code point `cp` may begin a match (at a line start or not); for
  /// tests. Code points beyond the BMP always may.
  bool may_begin_with(char32_t cp, bool line_start) const noexcept {
    if (anywhere_.empty() || cp > 0xFFFF) return true;
    const std::vector<std::uint64_t> &bits = line_start ? at_line_start_ : anywhere_;
    return (bits[cp >> 6] >> (cp & 63) & 1u) != 0;
  }

 private:
  // One bit per BMP code point; both empty: everything passes.
  std::vector<std::uint64_t> anywhere_, at_line_start_;
};

}  // namespace zhmeta

#endif
