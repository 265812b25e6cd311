#include "normalize/normalizer.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "normalize/fold_table.hpp"

namespace zhmeta {
namespace {

// Tone-marked vowels and ü as they appear in converter output, mapped to their
// plain letter so the syllable check below sees ASCII.
char plain_pinyin_letter(char32_t c) {
  switch (c) {
    case U'ā': case U'á': case U'ǎ': case U'à': return 'a';
    case U'ē': case U'é': case U'ě': case U'è': return 'e';
    case U'ī': case U'í': case U'ǐ': case U'ì': return 'i';
    case U'ō': case U'ó': case U'ǒ': case U'ò': return 'o';
    case U'ū': case U'ú': case U'ǔ': case U'ù': return 'u';
    case U'ü': case U'ǖ': case U'ǘ': case U'ǚ': case U'ǜ': return 'v';
    case U'ń': case U'ň': case U'ǹ': return 'n';
    default: return (c >= 'a' && c <= 'z') ? static_cast<char>(c) : '\0';
  }
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// A Mandarin syllable: optional initial + a final from the standard table.
constexpr std::array<std::string_view, 23> kInitials = {
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g",
    "k",  "h",  "j",  "q", "x", "r", "z", "c", "s", "y", "w"};
constexpr std::array<std::string_view, 38> kFinals = {
    "a",   "o",   "e",   "i",    "u",    "v",   "ai",  "ei",  "ui",  "ao",
    "ou",  "iu",  "ie",  "ve",   "ue",   "er",  "an",  "en",  "in",  "un",
    "vn",  "ang", "eng", "ing",  "ong",  "ia",  "iao", "ian", "iang", "iong",
    "ua",  "uo",  "uai", "uan",  "uang", "van", "io",  "ng"};

// Letters packed 8 bits each (at most 8 letters, all non-zero, so distinct
// strings give distinct numbers).
std::uint64_t pack_letters(std::string_view s) {
  std::uint64_t v = 0;
  for (const char c : s) v = (v << 8) | static_cast<unsigned char>(c);
  return v;
}

// Every syllable of the tables, packed and sorted, built once: a check is one
// binary search instead of comparing against every initial and final (that
// loop was a tenth of normalization time on Traditional text).
const std::vector<std::uint64_t> &pinyin_syllables() {
  static const std::vector<std::uint64_t> table = [] {
    std::vector<std::uint64_t> v;
    for (auto f : kFinals)
      if (f != "ng") v.push_back(pack_letters(f));  // zero-initial syllables: a, ai, er...
    for (auto ini : kInitials)
      for (auto f : kFinals) v.push_back(pack_letters(std::string(ini) + std::string(f)));
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  }();
  return table;
}

bool is_pinyin_syllable(std::string_view s) {
  if (s.empty() || s.size() > 8) return false;
  const auto &table = pinyin_syllables();
  return std::binary_search(table.begin(), table.end(), pack_letters(s));
}

bool is_space(char32_t c) { return c == ' ' || c == 0x3000 || c == 0xA0; }

}  // namespace

std::size_t pinyin_artifact_length(std::string_view input, std::size_t pos) noexcept {
  // "(" pinyin-letters [space] ")", e.g. (bào), (huì ), (qiao)
  utf8::Decoded open = utf8::decode(input, pos);
  if (open.cp != '(' && open.cp != 0xFF08) return 0;
  std::size_t i = pos + open.len;
  std::string letters;
  bool closed = false, toned = false;
  while (i < input.size() && letters.size() <= 6) {
    const utf8::Decoded d = utf8::decode(input, i);
    if (d.cp == ')' || d.cp == 0xFF09) {
      i += d.len;
      closed = true;
      break;
    }
    if (d.cp == ' ' && !letters.empty()) {  // "(huì )": a space only before ')'
      i += d.len;
      continue;
    }
    const char letter = plain_pinyin_letter(d.cp);
    if (letter == '\0' || (d.cp == ' ')) return 0;
    letters.push_back(letter);
    toned = toned || d.cp >= 0x80;
    i += d.len;
  }
  if (!closed || letters.empty() || !is_pinyin_syllable(letters)) return 0;
  // The toneless converter style writes a space after ')' ("僑(qiao) 聯"); the
  // tone-marked style does not, so a space after "(shì)" is the text's own.
  if (!toned && i < input.size() && input[i] == ' ') ++i;
  return i - pos;
}

void normalize(std::string_view input, Document &doc) {
  doc.original = input;
  doc.text.clear();
  doc.text.reserve(input.size());
  doc.map.clear();
  doc.lines.clear();
  doc.sentences.clear();

  std::string &out = doc.text;
  OffsetMap &map = doc.map;
  std::size_t invalid = 0, nuls = 0;
  char32_t last_emitted = 0;  // last code point written, for the pinyin check

  std::size_t i = 0;
  // A leading BOM is dropped.
  if (starts_with(input, "\xEF\xBB\xBF")) {
    map.add(0, 3, 0, false);
    i = 3;
  }
  // Unchanged input is copied in runs: `copy_from` is the first input byte not
  // yet written. `linear_from` is where the current one-to-one stretch of the
  // offset map began: copies and same-length single-character folds (most
  // Traditional->Simplified ones) extend it without touching the map, which
  // only gets an entry when a piece of another shape comes.
  std::size_t copy_from = i, linear_from = i;
  auto copy_pending = [&](std::size_t upto) {
    if (upto > copy_from) out.append(input.data() + copy_from, upto - copy_from);
    copy_from = upto;
  };
  auto close_linear = [&](std::size_t upto) {
    if (upto > linear_from) map.add(linear_from, upto - linear_from, upto - linear_from, true);
  };
  auto replace = [&](std::size_t at, std::size_t len, std::string_view with) {
    copy_pending(at);
    close_linear(at);
    out.append(with);
    // One to one only when a single code point replaces a single code point.
    const bool single = !with.empty() && utf8::decode(with, 0).len == with.size() &&
                        utf8::decode(std::string_view(input.data() + at, len), 0).len == len;
    map.add(at, len, with.size(), single);
    copy_from = linear_from = at + len;
  };
  // A one-code-point fold of the same byte length keeps the stretch linear.
  auto replace_in_place = [&](std::size_t at, std::size_t len, std::string_view with) {
    copy_pending(at);
    out.append(with);
    copy_from = at + len;
  };

  while (i < input.size()) {
    const unsigned char byte = static_cast<unsigned char>(input[i]);
    if (byte >= 0x20 && byte < 0x7F && byte != '(') {  // plain ASCII: the common case
      last_emitted = byte;
      ++i;
      continue;
    }
    if (byte < 0x80) {
      if (byte == '\r') {
        const std::size_t len = (i + 1 < input.size() && input[i + 1] == '\n') ? 2 : 1;
        replace(i, len, "\n");
        last_emitted = '\n';
        i += len;
      } else if (byte == '\n') {
        last_emitted = '\n';
        ++i;
      } else if (byte == '(') {
        const std::size_t artifact =
            utf8::is_han(last_emitted) ? pinyin_artifact_length(input, i) : 0;
        if (artifact) {
          replace(i, artifact, "");
          i += artifact;
        } else {
          last_emitted = '(';
          ++i;
        }
      } else {  // NUL, tab and other controls become a space
        if (byte == 0) ++nuls;
        replace(i, 1, " ");
        last_emitted = ' ';
        ++i;
      }
      continue;
    }
    const utf8::Decoded d = utf8::decode(input, i);
    if (!d.valid) {
      ++invalid;
      replace(i, d.len, "\xEF\xBF\xBD");
      last_emitted = utf8::kReplacement;
      i += d.len;
      continue;
    }
    if (d.cp == 0xFEFF || d.cp == 0x200B || d.cp == 0x200C || d.cp == 0x200D || d.cp == 0x2060) {
      replace(i, d.len, "");  // invisible: BOM inside the text, zero-width spaces and joiners
      i += d.len;
      continue;
    }
    if (d.cp == 0xFF08 && utf8::is_han(last_emitted)) {
      if (const std::size_t artifact = pinyin_artifact_length(input, i)) {
        replace(i, artifact, "");
        i += artifact;
        continue;
      }
    }
    const std::string_view folded = fold_code_point(d.cp);
    if (!folded.empty()) {
      if (folded.size() == d.len && utf8::decode(folded, 0).len == d.len)
        replace_in_place(i, d.len, folded);
      else
        replace(i, d.len, folded);
      last_emitted = utf8::before(folded, folded.size());
    } else {
      last_emitted = is_space(d.cp) ? U' ' : d.cp;
    }
    i += d.len;
  }
  copy_pending(input.size());
  close_linear(input.size());
  map.finish(out.size(), input.size());

  if (invalid)
    doc.warnings.push_back("invalid UTF-8: " + std::to_string(invalid) +
                           " ill-formed sequence(s) replaced by U+FFFD");
  if (nuls) doc.warnings.push_back("input contains " + std::to_string(nuls) + " NUL byte(s), read as spaces");
}

}  // namespace zhmeta
