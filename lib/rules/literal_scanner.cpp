#include "rules/literal_scanner.hpp"

#include <unicode/uchar.h>

#include <algorithm>

#include "core/utf8.hpp"

namespace zhmeta {
namespace {

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

LiteralScanner::LiteralScanner(const std::vector<std::string> &words) {
  for (const std::string &word : words) {
    if (word.empty()) usable_ = false;  // never produced by FilteredRE2; keep the RE2 path
    for (std::size_t pos = 0; pos < word.size();) {
      const utf8::Decoded d = utf8::decode(word, pos);
      if (!d.valid || (d.cp >= 'A' && d.cp <= 'Z') ||
          (d.cp >= 0x80 && (u_tolower(static_cast<UChar32>(d.cp)) != static_cast<UChar32>(d.cp) ||
                            u_toupper(static_cast<UChar32>(d.cp)) != static_cast<UChar32>(d.cp))))
        usable_ = false;
      pos += d.len;
    }
    words_.add(word);
  }
}

void LiteralScanner::find(std::string_view text, std::vector<int> &found) const {
  const std::size_t first_found = found.size();
  auto collect = [&](std::size_t, std::size_t index) {
    found.push_back(static_cast<int>(index));
    return false;  // every word counts, shorter ones at the same place too
  };
  if (std::none_of(text.begin(), text.end(), is_upper_ascii)) {
    words_.scan(text, collect);
  } else {
    thread_local std::string lowered;  // ASCII lowercasing keeps every offset
    lowered.assign(text.data(), text.size());
    for (char &c : lowered)
      if (is_upper_ascii(c)) c = static_cast<char>(c - 'A' + 'a');
    words_.scan(lowered, collect);
  }
  std::sort(found.begin() + static_cast<std::ptrdiff_t>(first_found), found.end());
  found.erase(std::unique(found.begin() + static_cast<std::ptrdiff_t>(first_found), found.end()), found.end());
}

}  // namespace zhmeta
