#include "extract/persons/name_occurrences.hpp"

#include <algorithm>
#include <array>

#include "core/scratch.hpp"
#include "core/utf8.hpp"

namespace zhmeta {
namespace {

// The skip table is indexed by a two-byte block: the low six bits of each
// byte (a UTF-8 continuation byte carries no more), so Han text spreads evenly.
constexpr std::size_t kBlockKeys = 4096;

std::size_t block_key(std::string_view s, std::size_t last) {
  return (static_cast<std::size_t>(static_cast<unsigned char>(s[last - 1]) & 63u) << 6) |
         (static_cast<unsigned char>(s[last]) & 63u);
}

struct Name {
  char32_t first;  // first code point
  std::string_view text;
};

// By first code point, then longest first, then by bytes (for the binary
// search within one length).
bool operator<(const Name &a, const Name &b) {
  if (a.first != b.first) return a.first < b.first;
  if (a.text.size() != b.text.size()) return a.text.size() > b.text.size();
  return a.text < b.text;
}

bool operator==(const Name &a, const Name &b) { return a.text == b.text; }

// Length of the longest of `names` (those starting with the code point at
// `pos`, in Name order) that the text continues with at `pos`, or 0.
std::size_t longest_name_at(std::string_view text, std::size_t pos, const Name *names,
                            const Name *names_end) {
  const std::size_t room = text.size() - pos;
  while (names != names_end) {
    const std::size_t length = names->text.size();
    const Name *same_length_end = std::partition_point(
        names, names_end, [length](const Name &n) { return n.text.size() == length; });
    if (length <= room) {
      const std::string_view candidate = text.substr(pos, length);
      const Name *found =
          std::lower_bound(names, same_length_end, candidate,
                           [](const Name &n, std::string_view c) { return n.text < c; });
      if (found != same_length_end && found->text == candidate) return length;
    }
    names = same_length_end;
  }
  return 0;
}

}  // namespace

void find_name_occurrences(std::string_view text, const std::vector<std::string_view> &names,
                           std::vector<NameHit> &hits) {
  fresh_scratch(hits, text.size());  // callers keep it per thread
  thread_local std::vector<Name> sorted;
  fresh_scratch(sorted, text.size());
  for (std::string_view n : names)
    if (!n.empty()) sorted.push_back(Name{utf8::decode(n, 0).cp, n});
  if (sorted.empty()) return;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());

  // Wu-Manber: a window as long as the shortest name slides over the text;
  // the block at its end says how far the next possible name start is: no
  // name has that block in its first `window` bytes -> window - 1 bytes on;
  // a name has it ending at byte j -> window - 1 - j bytes on; 0 -> a name may
  // start here and the names with the window's first code point are tried.
  std::size_t window = sorted.front().text.size();
  for (const Name &n : sorted) window = std::min(window, n.text.size());
  std::array<unsigned char, kBlockKeys> shift;
  const auto most =
      static_cast<unsigned char>(std::min<std::size_t>(window > 1 ? window - 1 : 0, 255));
  shift.fill(most);
  if (window > 1)
    for (const Name &n : sorted)
      for (std::size_t j = std::max<std::size_t>(1, window - 1 - most); j < window; ++j) {
        unsigned char &s = shift[block_key(n.text, j)];
        s = std::min(s, static_cast<unsigned char>(window - 1 - j));
      }

  const Name *const all = sorted.data();
  const Name *const all_end = all + sorted.size();
  for (std::size_t pos = 0; pos + window <= text.size();) {
    if (window > 1) {
      if (const unsigned char skip = shift[block_key(text, pos + window - 1)]; skip > 0) {
        pos += skip;
        continue;
      }
    }
    const char32_t cp = utf8::decode(text, pos).cp;
    const Name *begin =
        std::lower_bound(all, all_end, cp, [](const Name &n, char32_t c) { return n.first < c; });
    const Name *end =
        std::upper_bound(begin, all_end, cp, [](char32_t c, const Name &n) { return c < n.first; });
    if (const std::size_t length = longest_name_at(text, pos, begin, end); length > 0) {
      hits.emplace_back(pos, pos + length);
      pos += length;
    } else {
      ++pos;
    }
  }
}

}  // namespace zhmeta
