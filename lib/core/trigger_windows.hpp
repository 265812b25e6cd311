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
#include <vector>

#include "core/literal_set.hpp"

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
  /// trigger, in text order. Linear in the text size. `word_hits`: the trigger
  /// words' hits in `text` from a shared scan (core/shared_literal_scan.hpp),
  /// or null to scan for them here.
  void find(std::string_view text, std::size_t before, std::size_t after, std::vector<Window> &out,
            const std::vector<LiteralHit> *word_hits = nullptr) const;

  /// The trigger words, for a shared scan.
  const LiteralSet &words() const noexcept { return terms_; }

 private:
  LiteralSet terms_;
  std::vector<bool> needs_separator_;  // by term index
  bool digit_separators_ = false;
};

}  // namespace zhmeta

#endif
