#include "rules/literal_scanner.hpp"

#include <unicode/uchar.h>

#include <algorithm>

#include "core/call_marks.hpp"
#include "core/utf8.hpp"

namespace zhmeta {
namespace {

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u; }

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
  // Each word once, marked as it is found: a list of every occurrence, sorted
  // and made unique afterwards, grew with the text (16 MB for a 100 MB one).
  thread_local CallMarks seen;
  seen.start(words_.size());
  const std::size_t first_found = found.size();
  auto collect = [&](std::size_t, std::size_t index) {
    if (seen.mark(index)) found.push_back(static_cast<int>(index));
    return false;  // every word counts, shorter ones at the same place too
  };
  if (std::none_of(text.begin(), text.end(), is_upper_ascii)) {
    words_.scan(text, collect);
  } else {
    // The words are lowercase: the text is lowercased (ASCII only) and
    // scanned a piece at a time. A lowercased copy of the whole text was a
    // second copy of a huge article (88 MB for a 100 MB one). Each piece
    // ends on a code point boundary and is scanned with at least the longest
    // word's bytes of what follows it, so a word starting in the piece is
    // seen whole; one starting in that overlap is seen again in the next
    // piece, which only marks it again.
    constexpr std::size_t kPieceBytes = std::size_t{64} << 10;
    const std::size_t overlap = words_.longest_word() + 3;  // + 3: room to back up to a boundary
    thread_local std::string lowered;
    auto boundary_at_or_before = [&](std::size_t pos, std::size_t floor) {
      while (pos > floor && pos < text.size() && is_continuation(text[pos])) --pos;
      return pos;
    };
    for (std::size_t begin = 0; begin < text.size();) {
      std::size_t end = boundary_at_or_before(std::min(text.size(), begin + kPieceBytes), begin);
      if (end == begin)
        end = std::min(text.size(), begin + kPieceBytes);  // no boundary: invalid bytes
      const std::size_t scan_end = boundary_at_or_before(std::min(text.size(), end + overlap), end);
      lowered.assign(text.data() + begin, scan_end - begin);
      for (char &c : lowered)
        if (is_upper_ascii(c)) c = static_cast<char>(c - 'A' + 'a');
      words_.scan(lowered, collect);
      begin = end;
    }
  }
  std::sort(found.begin() + static_cast<std::ptrdiff_t>(first_found), found.end());
}

}  // namespace zhmeta
