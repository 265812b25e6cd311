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
  if (bmp_slot_.empty()) bmp_slot_.assign(0x10000, 0);
  std::size_t slot;
  if (first.cp < 0x10000) {
    if (bmp_slot_[first.cp] == 0) {
      groups_.emplace_back();
      bmp_slot_[first.cp] = static_cast<std::uint16_t>(groups_.size());
    }
    slot = bmp_slot_[first.cp] - 1u;
  } else {
    auto [it, fresh] = other_slot_.emplace(first.cp, groups_.size());
    if (fresh) groups_.emplace_back();
    slot = it->second;
  }
  auto &terms = groups_[slot];
  const bool alone = first.len == term.size();
  terms.push_back({std::string(term), alone && alone_needs_separator});
  std::stable_sort(terms.begin(), terms.end(),
                   [](const Term &a, const Term &b) { return a.text.size() > b.text.size(); });
}

const std::vector<TriggerWindows::Term> *TriggerWindows::terms_for(char32_t first) const {
  if (first < 0x10000) {
    if (bmp_slot_.empty() || bmp_slot_[first] == 0) return nullptr;
    return &groups_[bmp_slot_[first] - 1u];
  }
  auto it = other_slot_.find(first);
  return it == other_slot_.end() ? nullptr : &groups_[it->second];
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
    // Fast path: a well-formed three-byte sequence (all of CJK) decoded in
    // place and looked up in the flat table.
    std::size_t len;
    const std::vector<Term> *terms;
    if ((lead & 0xF0) == 0xE0 && pos + 2 < text.size() && is_continuation(text[pos + 1]) &&
        is_continuation(text[pos + 2])) {
      const char32_t cp = (static_cast<char32_t>(lead & 0x0F) << 12) |
                          (static_cast<char32_t>(static_cast<unsigned char>(text[pos + 1]) & 0x3F) << 6) |
                          static_cast<char32_t>(static_cast<unsigned char>(text[pos + 2]) & 0x3F);
      len = 3;
      terms = terms_for(cp);
    } else {
      const utf8::Decoded d = utf8::decode(text, pos);
      len = d.len;
      terms = terms_for(d.cp);
    }
    if (terms) {
      for (const Term &t : *terms) {
        if (text.compare(pos, t.text.size(), t.text) != 0) continue;
        if (t.needs_separator && !separator_at(text, pos + t.text.size())) continue;
        open(pos, t.text.size());
        break;
      }
    }
    pos += len;
  }
}

}  // namespace zhmeta
