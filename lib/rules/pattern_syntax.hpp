// Reading the structure of an RE2 pattern without compiling it: where a
// character class, an escape or a parenthesized group ends, and what a '('
// opens. Shared by the analyses that look at a rule's pattern text
// (rules/group_placer.hpp cuts it at its captures, rules/start_filter.hpp
// finds the code points a match can begin with, organizations reads its
// alternatives). Each answers "cannot tell" (npos, Paren::kUnknown) for the
// syntax it does not follow, and its callers then leave the rule to RE2.
#ifndef ZHMETA_RULES_PATTERN_SYNTAX_HPP
#define ZHMETA_RULES_PATTERN_SYNTAX_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace zhmeta::pattern {

inline constexpr std::size_t npos = std::string_view::npos;

/// Index of the ']' closing the character class that opens at `open` in an
/// RE2 pattern (p.size() when it is not closed).
std::size_t class_end(std::string_view p, std::size_t open);

/// One past the escape that starts at p[i] == '\\'; npos for \Q...\E quoting
/// (not worth understanding here) or a trailing backslash.
std::size_t escape_end(std::string_view p, std::size_t i);

/// What the '(' at p[i] opens, and where what follows its syntax starts.
enum class Paren { kCapture, kGroup, kFlags, kUnknown };
struct ParenAt {
  Paren kind;
  std::size_t next;        // the body of a group or capture; after the ')' of (?flags)
  std::string_view flags;  // the letters of (?flags) or (?flags:...), else empty
};
ParenAt paren_at(std::string_view p, std::size_t i);

/// Index of the ')' closing the group whose body starts at `body`, or npos;
/// `has_capture` tells whether a capture opens inside it.
std::size_t group_close(std::string_view p, std::size_t body, bool &has_capture);

/// A repetition operator: ?, *, +, {n}, {n,}, {n,m}, each possibly lazy.
struct Repetition {
  std::size_t min = 1, max = 1;  // max npos: no upper bound
  bool lazy = false;
  std::size_t end = npos;  // one past the operator and its '?'; npos: none
};
/// The repetition operator at p[i]; end == npos when p[i] starts none,
/// including a '{' that RE2 reads as literal text ({,n}, {x}, an unclosed {).
Repetition repetition_at(std::string_view p, std::size_t i);

/// True when `p` is nothing but an alternation of literal words (`a|bc|d`,
/// possibly wrapped whole in `(?:...)` or `(?P<name>...)`, with RE2::QuoteMeta
/// escapes), as a gazetteer expands to; `words` then holds them in
/// alternation order, none empty.
bool literal_alternatives(std::string_view p, std::vector<std::string> &words);

/// True when every match of `p` begins with one of a few literal words (its
/// "openers": 中央 and 党中央 for `党中央|中央(?:书记处|军委)`, the level
/// words for `(?:省|市)(?:委|\p{Han}+局)`), which `words` then holds, none
/// empty and none beginning with another. Read conservatively: literal text,
/// groups, alternations and the quantifiers ? + * {n,m} are followed; a
/// class, an escape other than punctuation, '.', an assertion or anything
/// else ends the words there; flags ((?i)...) or an alternative that may
/// begin with anything give false. A rule with openers can only match where
/// one occurs, so it can be tried there, anchored, instead of searched for.
bool literal_openers(std::string_view p, std::vector<std::string> &words);

/// A pattern's first piece as an alternation of things whose length is
/// known at the start of a match (see first_piece_alternatives).
struct FirstPiece {
  bool empty_at_line_start = false;  // an alternative is `^` or `(?m:^)`
  bool one_code_point = false;       // an alternative is a class or class escape
  std::vector<std::string> words;    // the alternatives that are literal text
};
/// True when `p` (possibly wrapped whole in `(?:...)`) is an alternation each
/// of whose alternatives is the zero-width `^` or `(?m:^)`, a character class
/// or class escape (\p{Han}, \d...: exactly one code point), literal text
/// (QuoteMeta escapes allowed), or a `(?:...)` group read the same way; as
/// persons' NAME_LEFT (`(?m:^)|[^\p{Han}...]|[由和与...]`) is. Anything
/// else (a repetition, a capture, flags, `.`) gives false.
bool first_piece_alternatives(std::string_view p, FirstPiece &out);

}  // namespace zhmeta::pattern

#endif
