#include "rules/literal_scanner.hpp"

#include <unicode/uchar.h>

#include <algorithm>

#include "core/utf8.hpp"

namespace zhmeta {
namespace {

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

LiteralScanner::LiteralScanner(const std::vector<std::string> &words)
    : words_(words), first_(0x10000 / 64, 0) {
  index_.reserve(words_.size());
  for (std::size_t i = 0; i < words_.size(); ++i) {
    const std::string_view word = words_[i];
    if (word.empty() || word.size() >= 64) {  // never produced by FilteredRE2; keep the RE2 path
      usable_ = false;
      continue;
    }
    for (std::size_t pos = 0; pos < word.size();) {
      const utf8::Decoded d = utf8::decode(word, pos);
      if (!d.valid || (d.cp >= 'A' && d.cp <= 'Z') ||
          (d.cp >= 0x80 && (u_tolower(static_cast<UChar32>(d.cp)) != static_cast<UChar32>(d.cp) ||
                            u_toupper(static_cast<UChar32>(d.cp)) != static_cast<UChar32>(d.cp))))
        usable_ = false;
      pos += d.len;
    }
    index_.emplace(word, static_cast<int>(i));
    longest_ = std::max(longest_, word.size());
    const char32_t first = utf8::decode(word, 0).cp;
    lengths_[first] |= std::uint64_t{1} << word.size();
    if (first <= 0xFFFF) first_[first >> 6] |= std::uint64_t{1} << (first & 63);
  }
}

void LiteralScanner::find(std::string_view text, std::vector<int> &found) const {
  if (std::none_of(text.begin(), text.end(), is_upper_ascii)) return scan(text, found);
  thread_local std::string lowered;  // ASCII lowercasing keeps every offset
  lowered.assign(text.data(), text.size());
  for (char &c : lowered)
    if (is_upper_ascii(c)) c = static_cast<char>(c - 'A' + 'a');
  scan(lowered, found);
}

void LiteralScanner::scan(std::string_view text, std::vector<int> &found) const {
  const std::size_t first_found = found.size();
  for (std::size_t pos = 0; pos < text.size();) {
    const utf8::Decoded d = utf8::decode(text, pos);
    const std::size_t here = pos;
    pos += d.len;
    if (d.cp <= 0xFFFF && (first_[d.cp >> 6] >> (d.cp & 63) & 1u) == 0) continue;
    const auto lengths = lengths_.find(d.cp);
    if (lengths == lengths_.end()) continue;
    const std::size_t room = std::min(longest_, text.size() - here);
    for (std::size_t length = d.len; length <= room; ++length) {
      if ((lengths->second >> length & 1u) == 0) continue;
      const std::size_t end = here + length;
      if (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) continue;
      const auto it = index_.find(text.substr(here, length));
      if (it != index_.end()) found.push_back(it->second);
    }
  }
  std::sort(found.begin() + static_cast<std::ptrdiff_t>(first_found), found.end());
  found.erase(std::unique(found.begin() + static_cast<std::ptrdiff_t>(first_found), found.end()), found.end());
}

}  // namespace zhmeta
