#include "core/trigger_windows.hpp"

#include <algorithm>

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
  const utf8::Decoded first = utf8::decode(term, 0);
  auto &terms = by_first_[first.cp];
  const bool alone = first.len == term.size();
  if (first.cp < 0x10000) first_bmp_.set(first.cp);
  terms.push_back({std::string(term), alone && alone_needs_separator});
  std::stable_sort(terms.begin(), terms.end(),
                   [](const Term &a, const Term &b) { return a.text.size() > b.text.size(); });
}

void TriggerWindows::find(std::string_view text, std::size_t before, std::size_t after,
                          std::vector<Window> &out) const {
  out.clear();
  auto open = [&](std::size_t at, std::size_t len) {
    // Clip to the line (looking no further than the window), then snap to
    // code point boundaries. Bounded scans keep a 1 MB line linear.
    std::size_t b = at > before ? at - before : 0;
    for (std::size_t i = at; i > b; --i)
      if (text[i - 1] == '\n') {
        b = i;
        break;
      }
    while (b < at && is_continuation(text[b])) ++b;
    std::size_t e = std::min(text.size(), at + len + after);
    bool cut = e < text.size();
    for (std::size_t i = at; i < e; ++i)
      if (text[i] == '\n') {
        e = i;
        cut = false;
        break;
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
  for (std::size_t pos = 0; pos < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) {
      if (digit_separators_ && is_digit(text[pos]) && pos + 2 < text.size() &&
          (text[pos + 1] == '-' || text[pos + 1] == '/' || text[pos + 1] == '.' || text[pos + 1] == ':') &&
          is_digit(text[pos + 2]))
        open(pos, 3);
      ++pos;
      continue;
    }
    // Fast path: a well-formed three-byte sequence (all of CJK) whose code
    // point starts no term is skipped without a map lookup.
    if ((lead & 0xF0) == 0xE0 && pos + 2 < text.size() && is_continuation(text[pos + 1]) &&
        is_continuation(text[pos + 2])) {
      const char32_t cp = (static_cast<char32_t>(lead & 0x0F) << 12) |
                          (static_cast<char32_t>(static_cast<unsigned char>(text[pos + 1]) & 0x3F) << 6) |
                          static_cast<char32_t>(static_cast<unsigned char>(text[pos + 2]) & 0x3F);
      if (!first_bmp_.test(cp)) {
        pos += 3;
        continue;
      }
    }
    const utf8::Decoded d = utf8::decode(text, pos);
    auto it = by_first_.find(d.cp);
    if (it != by_first_.end()) {
      for (const Term &t : it->second) {
        if (text.compare(pos, t.text.size(), t.text) != 0) continue;
        if (t.needs_separator && !separator_at(text, pos + t.text.size())) continue;
        open(pos, t.text.size());
        break;
      }
    }
    pos += d.len;
  }
}

}  // namespace zhmeta
