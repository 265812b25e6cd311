#include "core/trigger_windows.hpp"

#include <string.h>  // memrchr (GNU)

#include <algorithm>
#include <cstring>

#include "core/scratch.hpp"
#include "core/swar.hpp"
#include "core/utf8.hpp"

namespace zhmeta {
namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool separator_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return true;  // the end of the text ends a word too
  const char c = text[pos];
  if (c == ' ' || c == '/' || c == '|' || c == ':' || c == ')' || c == '\n') return true;
  return text.substr(pos).rfind("丨", 0) == 0;
}

}  // namespace

void TriggerWindows::add(std::string_view term, bool alone_needs_separator) {
  if (term.empty()) return;
  const bool alone = utf8::decode(term, 0).len == term.size();
  terms_.add(term);
  needs_separator_.push_back(alone && alone_needs_separator);
}

void TriggerWindows::find(std::string_view text, std::size_t before, std::size_t after,
                          std::vector<Window> &out,
                          const std::vector<LiteralHit> *word_hits) const {
  fresh_scratch(out, text.size());  // callers keep it per thread
  auto open = [&](std::size_t at, std::size_t len) {
    // Clip to the line (looking no further than the window), then snap to
    // code point boundaries. Bounded scans keep a 1 MB line linear.
    // (memrchr/memchr: triggers can be dense, and each looks up to
    // before + after bytes around itself.)
    std::size_t b = at > before ? at - before : 0;
    if (const void *nl = memrchr(text.data() + b, '\n', at - b))
      b = static_cast<std::size_t>(static_cast<const char *>(nl) - text.data()) + 1;
    while (b < at && is_continuation(text[b])) ++b;
    std::size_t e = std::min(text.size(), at + len + after);
    bool cut = e < text.size();
    if (const void *nl = std::memchr(text.data() + at, '\n', e - at)) {
      e = static_cast<std::size_t>(static_cast<const char *>(nl) - text.data());
      cut = false;
    }
    if (cut && text[e] == '\n') cut = false;
    while (e < text.size() && is_continuation(text[e])) ++e;
    if (!out.empty() && b <= out.back().end) {
      if (e > out.back().end) {
        out.back().end = e;
        out.back().cut = cut;
      }
    } else {
      out.push_back({b, e, cut});
    }
  };
  // Triggers in text order: the words, then the digit pairs merged in.
  // (position, length); scratch kept per thread: a page has dozens, and a
  // fresh list grew through as many allocations each time.
  thread_local std::vector<std::pair<std::size_t, std::size_t>> triggers;
  fresh_scratch(triggers, text.size());
  auto on_word = [&](std::size_t pos, std::size_t index) {
    const std::size_t len = terms_.word(index).size();
    if (needs_separator_[index] && !separator_at(text, pos + len))
      return false;  // a shorter one may do
    triggers.emplace_back(pos, len);
    return true;
  };
  if (word_hits)
    LiteralSet::replay(*word_hits, on_word);
  else
    terms_.scan(text, on_word);
  if (digit_separators_) {
    const std::size_t words = triggers.size();
    for (std::size_t pos = 0; pos + 2 < text.size(); ++pos) {
      // Eight bytes at a time past text without a digit (most of a Chinese
      // text, even after its punctuation has become ASCII).
      while (pos + 8 + 2 < text.size() &&
             swar::bytes_between(swar::load8(text.data() + pos), '0', '9') == 0)
        pos += 8;
      if (is_digit(text[pos]) &&
          (text[pos + 1] == '-' || text[pos + 1] == '/' || text[pos + 1] == '.' ||
           text[pos + 1] == ':') &&
          is_digit(text[pos + 2]))
        triggers.emplace_back(pos, 3);
    }
    std::inplace_merge(triggers.begin(), triggers.begin() + static_cast<std::ptrdiff_t>(words),
                       triggers.end());
  }
  for (const auto &[pos, len] : triggers) open(pos, len);
}

}  // namespace zhmeta
