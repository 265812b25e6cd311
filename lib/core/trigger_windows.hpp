// Where rules are worth running. Most rule patterns of a kind share a few
// literal words (every date contains 年, 月, 日 ... or a dashed number; every
// byline a role word), but RE2 cannot skip ahead to them when a pattern starts
// with a character class, so running every rule over the whole text costs one
// slow pass per rule. A TriggerWindows scans the text once for the trigger
// words and returns small windows around them (clipped to the trigger's line,
// on code point boundaries, merged when they touch); the rules then run on
// those windows only.
#ifndef ZHMETA_CORE_TRIGGER_WINDOWS_HPP
#define ZHMETA_CORE_TRIGGER_WINDOWS_HPP

#include <cstdint>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace zhmeta {

struct Window {
  std::size_t begin = 0, end = 0;
  bool cut = false;  // `end` is not the end of a line (the window was capped)
};

class TriggerWindows {
 public:
  /// A trigger word. With `alone_needs_separator`, a one-character word
  /// triggers only when a separator (space, / | 丨 : ), a line end) follows it,
  /// so common characters such as 文 do not open windows everywhere.
  void add(std::string_view term, bool alone_needs_separator = false);
  /// Also trigger on an ASCII digit followed by - / . : and a digit (2019-03-07, 10:21).
  void add_digit_separators() { digit_separators_ = true; }

  /// Windows of up to `before` bytes before and `after` bytes after each
  /// trigger, in text order. Linear in the text size.
  void find(std::string_view text, std::size_t before, std::size_t after, std::vector<Window> &out) const;

 private:
  struct Term {
    std::string text;
    bool needs_separator;
  };
  const std::vector<Term> *terms_for(char32_t first) const;

  std::vector<std::vector<Term>> groups_;  // terms by first code point, longest first
  std::vector<std::uint16_t> bmp_slot_;    // BMP code point -> 1 + index into groups_ (0: none)
  std::unordered_map<char32_t, std::size_t> other_slot_;  // the same beyond the BMP
  bool digit_separators_ = false;
};

}  // namespace zhmeta

#endif
