#include "normalize/normalizer.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/swar.hpp"
#include "core/utf8.hpp"
#include "normalize/fold_table.hpp"

namespace zhmeta {
namespace {

// Tone-marked vowels and ü as they appear in converter output, mapped to their
// plain letter so the syllable check below sees ASCII.
char plain_pinyin_letter(char32_t c) {
  switch (c) {
    case U'ā':
    case U'á':
    case U'ǎ':
    case U'à':
      return 'a';
    case U'ē':
    case U'é':
    case U'ě':
    case U'è':
      return 'e';
    case U'ī':
    case U'í':
    case U'ǐ':
    case U'ì':
      return 'i';
    case U'ō':
    case U'ó':
    case U'ǒ':
    case U'ò':
      return 'o';
    case U'ū':
    case U'ú':
    case U'ǔ':
    case U'ù':
      return 'u';
    case U'ü':
    case U'ǖ':
    case U'ǘ':
    case U'ǚ':
    case U'ǜ':
      return 'v';
    case U'ń':
    case U'ň':
    case U'ǹ':
      return 'n';
    default:
      return (c >= 'a' && c <= 'z') ? static_cast<char>(c) : '\0';
  }
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// A Mandarin syllable: optional initial + a final from the standard table.
constexpr std::array<std::string_view, 23> kInitials = {"zh", "ch", "sh", "b", "p", "m", "f", "d",
                                                        "t",  "n",  "l",  "g", "k", "h", "j", "q",
                                                        "x",  "r",  "z",  "c", "s", "y", "w"};
constexpr std::array<std::string_view, 38> kFinals = {
    "a",   "o",   "e",    "i",    "u",  "v",  "ai",  "ei",  "ui",   "ao",  "ou",  "iu",  "ie",
    "ve",  "ue",  "er",   "an",   "en", "in", "un",  "vn",  "ang",  "eng", "ing", "ong", "ia",
    "iao", "ian", "iang", "iong", "ua", "uo", "uai", "uan", "uang", "van", "io",  "ng"};

// A syllable is any initial followed by any final of the tables, or a final
// alone (but "ng"). So a check needs only the finals, packed 8 bits a letter
// (at most 4 letters, all non-zero) in a 64-slot hash set: 256 bytes that stay
// in cache. (A set of every whole syllable was 8 KB, and its cache misses were
// a tenth of normalization time on converter-damaged pages, where a pinyin
// check runs every few characters.)
class Syllables {
 public:
  Syllables() {
    for (auto f : kFinals) add_final(pack(f));
    for (auto ini : kInitials) {
      if (ini.size() == 1)
        single_initials_ |= 1u << (ini[0] - 'a');
      else
        two_letter_initials_[two_letter_count_++] = pack(ini);
    }
  }
  /// `letters`: `count` (1..7) letters packed 8 bits each, the last in the low byte.
  bool has(std::uint64_t letters, std::size_t count) const {
    if (count <= 4 && letters != kNg && is_final(letters)) return true;
    if (count >= 2 && count <= 5) {  // one-letter initial
      const std::uint64_t initial = letters >> (8 * (count - 1));
      if (initial >= 'a' && initial <= 'z' && ((single_initials_ >> (initial - 'a')) & 1) &&
          is_final(letters & low_bytes(count - 1)))
        return true;
    }
    if (count >= 3 && count <= 6) {  // two-letter initial
      const std::uint64_t initial = letters >> (8 * (count - 2));
      for (std::size_t k = 0; k < two_letter_count_; ++k)
        if (initial == two_letter_initials_[k] && is_final(letters & low_bytes(count - 2)))
          return true;
    }
    return false;
  }

 private:
  static constexpr std::size_t kSlots = 64;  // the 38 finals, short probes
  static constexpr std::uint64_t kNg = std::uint64_t{'n'} << 8 | 'g';
  static std::uint64_t pack(std::string_view s) {
    std::uint64_t v = 0;
    for (const char c : s) v = (v << 8) | static_cast<unsigned char>(c);
    return v;
  }
  static std::uint64_t low_bytes(std::size_t n) { return (std::uint64_t{1} << (8 * n)) - 1; }
  static std::size_t slot(std::uint64_t v) {                   // v: at most 4 letters
    return static_cast<std::uint32_t>(v * 0x9E3779B1u) >> 26;  // top 6 of 32 bits
  }
  void add_final(std::uint64_t v) {
    std::size_t s = slot(v);
    while (finals_[s] != 0 && finals_[s] != v) s = (s + 1) % kSlots;
    finals_[s] = static_cast<std::uint32_t>(v);
  }
  bool is_final(std::uint64_t v) const {  // v: 1..4 letters
    for (std::size_t k = slot(v);; k = (k + 1) % kSlots) {
      if (finals_[k] == v) return true;
      if (finals_[k] == 0) return false;
    }
  }
  std::array<std::uint32_t, kSlots> finals_{};  // 0: empty
  std::uint32_t single_initials_ = 0;           // bit per letter a..z
  std::array<std::uint64_t, kInitials.size()> two_letter_initials_{};
  std::size_t two_letter_count_ = 0;
};

bool is_pinyin_syllable(std::uint64_t letters, std::size_t count) {
  static const Syllables syllables;
  return syllables.has(letters, count);
}

bool is_invisible(char32_t c) {  // BOM inside the text, zero-width spaces and joiners
  return c == 0xFEFF || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060;
}

// Printable ASCII and '\n' are copied as they are; '(' may open a pinyin
// artifact, '\r' and the other controls are replaced. One bit per byte value.
constexpr std::uint64_t kCopiedAscii[2] = {
    ((~std::uint64_t{0} << 0x20) & ~(std::uint64_t{1} << '(')) | (std::uint64_t{1} << '\n'),
    ~(std::uint64_t{1} << (0x7F - 64))};
constexpr bool copied_ascii(unsigned char b) { return (kCopiedAscii[b >> 6] >> (b & 63)) & 1; }

// What the main loop needs to know about 3-byte characters (U+0800..U+FFFF),
// built once from the fold table.
//  - One bit per character: set when it is copied as it is (it does not
//    fold, is not invisible and cannot open a pinyin artifact). Indexed by
//    the character's bytes rather than its code point, as they sit in a
//    little-endian load of four bytes (b0 the low byte): word
//    quad & 0x3F0F, i.e. (b1 & 0x3F) << 8 | (b0 & 0x0F), bit b2 & 0x3F, so a
//    test is one mask and one bit test (the table is sparse: 1,024 of its
//    16K words are used, 8 KB for CJK text). Overlong forms and surrogates
//    (ill-formed) stay clear and go to the full decoder. Stepping over most
//    Chinese text this way, without a call per character, is what makes
//    normalization fast.
//  - Per code point, its fold when that is at most 3 bytes long (nearly all
//    folds: Traditional->Simplified, full-width forms), packed with its length,
//    so a fold is one table read instead of three dependent ones in
//    fold_code_point's index, entry and string (cache misses, a tenth of
//    normalization time on Traditional text).
class CharTable {
 public:
  CharTable() {
    for (char32_t cp = 0x800; cp < 0x10000; ++cp) {
      if ((cp >= 0xD800 && cp <= 0xDFFF) || is_invisible(cp) || cp == 0xFF08) continue;
      const std::string_view folded = fold_code_point(cp);
      if (folded.empty()) {
        bits_[((cp >> 6) & 0x3F) << 8 | (cp >> 12)] |= std::uint64_t{1} << (cp & 0x3F);
      } else if (folded.size() <= 3) {
        std::uint32_t packed = static_cast<std::uint32_t>(folded.size()) << 24;
        for (std::size_t k = 0; k < folded.size(); ++k)
          packed |= std::uint32_t{static_cast<unsigned char>(folded[k])} << (8 * k);
        if (utf8::decode(folded, 0).len == folded.size()) packed |= kOneCodePoint;
        short_folds_[cp] = packed;
      }
    }
  }
  /// `quad`: four bytes from a three-byte sequence's lead, little-endian (see
  /// utf8::three_byte_form, which lets overlong forms and surrogates pass:
  /// this table leaves them out); the fourth byte is ignored.
  bool copied(std::uint32_t quad) const {
    return (bits_[quad & 0x3F0F] >> (quad >> 16 & 0x3F)) & 1;
  }
  /// The fold of `cp` (U+0800..U+FFFF) when it is 1 to 3 bytes long: its
  /// bytes (first in the low 8 bits) | length << 24 | kOneCodePoint when it is
  /// one code point; 0 when there is none or it is longer.
  std::uint32_t short_fold(char32_t cp) const { return short_folds_[cp]; }
  static constexpr std::uint32_t kOneCodePoint = 1u << 26;

 private:
  std::array<std::uint64_t, 0x3F10> bits_{};
  std::array<std::uint32_t, 0x10000> short_folds_{};
};

// The bytes at i (i + 2 < n) little-endian, b0 the low byte: one load when
// a fourth byte is there, else the three assembled. The fourth is not looked at.
std::uint32_t quad_at(const unsigned char *bytes, std::size_t i, std::size_t n) {
  if (n - i >= 4) return swar::load_le32(bytes + i);
  return std::uint32_t{bytes[i]} | std::uint32_t{bytes[i + 1]} << 8 |
         std::uint32_t{bytes[i + 2]} << 16;
}

// The first byte at or after `i` that does not start a 3-byte character
// copied as it is (see the main loop).
std::size_t skip_copied(const unsigned char *bytes, std::size_t i, std::size_t n,
                        const CharTable &table) {
  for (; i + 2 < n; i += 3) {
    const std::uint32_t quad = quad_at(bytes, i, n);
    if (!utf8::three_byte_form(quad) || !table.copied(quad)) break;
  }
  return i;
}

const CharTable &char_table() {
  static const CharTable table;
  return table;
}

bool one_code_point(std::string_view s) { return !s.empty() && utf8::decode(s, 0).len == s.size(); }

// doc.text written through a pointer: appending piece by piece through
// std::string (a call and a capacity check each) was a fifth of the time.
// Sized to the input plus a margin up front (normalization rarely grows text),
// doubled when a fold or U+FFFD would overflow it; trimmed by finish().
class Output {
 public:
  Output(std::string &s, std::size_t expected) : s_(s) {
    s_.clear();
    s_.resize(expected + 64);
    data_ = s_.data();
  }
  void append(const char *p, std::size_t n) {
    if (n > s_.size() - size_) grow(n);
    std::memcpy(data_ + size_, p, n);
    size_ += n;
  }
  void append(std::string_view v) { append(v.data(), v.size()); }
  /// `n` (<= 3) bytes packed first in the low 8 bits, as CharTable::short_fold
  /// keeps them: one 4-byte store (the fourth byte is overwritten or trimmed).
  void append_packed(std::uint32_t packed, std::size_t n) {
    if (4 > s_.size() - size_) grow(4);
    const char b[4] = {static_cast<char>(packed & 0xFF), static_cast<char>(packed >> 8 & 0xFF),
                       static_cast<char>(packed >> 16 & 0xFF), 0};
    std::memcpy(data_ + size_, b, sizeof b);
    size_ += n;
  }
  std::size_t size() const { return size_; }
  /// The last code point written (0 when nothing yet): the text is valid UTF-8.
  char32_t last() const { return utf8::before(std::string_view(data_, size_), size_); }
  void finish() { s_.resize(size_); }

 private:
  void grow(std::size_t n) {
    s_.resize(std::max(s_.size() * 2, size_ + n));
    data_ = s_.data();
  }
  std::string &s_;
  char *data_;
  std::size_t size_ = 0;
};

}  // namespace

std::size_t pinyin_artifact_length(std::string_view input, std::size_t pos) noexcept {
  // "(" pinyin-letters [space] ")", e.g. (bào), (huì ), (qiao)
  utf8::Decoded open = utf8::decode(input, pos);
  if (open.cp != '(' && open.cp != 0xFF08) return 0;
  std::size_t i = pos + open.len;
  // Nearly every '(' after a Han character opens Chinese text or a number: a
  // syllable starts with a lowercase ASCII letter or a toned vowel (U+00E0 to
  // U+01DC, two-byte lead bytes C3 to C7).
  if (i >= input.size()) return 0;
  if (const auto first = static_cast<unsigned char>(input[i]);
      !(first >= 'a' && first <= 'z') && !(first >= 0xC3 && first <= 0xC7))
    return 0;
  // At most 7 letters are read (more is no syllable), packed 8 bits each
  // instead of kept in a std::string: this runs at every '(' after a Han character.
  std::uint64_t letters = 0;
  std::size_t count = 0;
  bool closed = false, toned = false;
  while (i < input.size() && count <= 6) {
    const unsigned char b = static_cast<unsigned char>(input[i]);
    if (b < 0x80) {
      if (b == ')') {
        ++i;
        closed = true;
        break;
      }
      if (b == ' ' && count) {  // "(huì )": a space only before ')'
        ++i;
        continue;
      }
      if (b < 'a' || b > 'z') return 0;
      letters = letters << 8 | b;
      ++count;
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::decode(input, i);
    if (d.cp == 0xFF09) {
      i += d.len;
      closed = true;
      break;
    }
    const char letter = plain_pinyin_letter(d.cp);
    if (letter == '\0') return 0;
    letters = letters << 8 | static_cast<unsigned char>(letter);
    ++count;
    toned = true;
    i += d.len;
  }
  if (!closed || !count || !is_pinyin_syllable(letters, count)) return 0;
  // The toneless converter style writes a space after ')' ("僑(qiao) 聯"); the
  // tone-marked style does not, so a space after "(shì)" is the text's own.
  if (!toned && i < input.size() && input[i] == ' ') ++i;
  return i - pos;
}

void normalize(std::string_view input, Document &doc) {
  doc.original = input;
  doc.map.clear();
  doc.lines.clear();
  doc.sentences.clear();

  const CharTable &table = char_table();
  Output out(doc.text, input.size());
  OffsetMap &map = doc.map;
  std::size_t invalid = 0, nuls = 0;

  std::size_t i = 0;
  // A leading BOM is dropped.
  if (starts_with(input, "\xEF\xBB\xBF")) {
    map.add(0, 3, 0, false);
    i = 3;
  }
  // Unchanged input is copied in runs: `copy_from` is the first input byte not
  // yet written. `linear_from` is where the current one-to-one stretch of the
  // offset map began: copies and one-to-one replacements of the same length
  // (most Traditional->Simplified folds) extend it without touching the map,
  // which only gets an entry when a piece of another shape comes.
  std::size_t copy_from = i, linear_from = i;
  auto flush = [&](std::size_t upto) {
    if (upto > copy_from) out.append(input.data() + copy_from, upto - copy_from);
    copy_from = upto;
  };
  // input[at, at + len) becomes the `norm_len` bytes the caller writes next;
  // `one_to_one`: one code point for one of the same byte length, so offsets
  // inside still map linearly.
  auto start_replace = [&](std::size_t at, std::size_t len, std::size_t norm_len, bool one_to_one) {
    flush(at);
    if (!one_to_one || norm_len != len) {
      if (at > linear_from) map.add(linear_from, at - linear_from, at - linear_from, true);
      map.add(at, len, norm_len, false);
      linear_from = at + len;
    }
    copy_from = at + len;
  };
  auto replace = [&](std::size_t at, std::size_t len, std::string_view with, bool one_to_one) {
    start_replace(at, len, with.size(), one_to_one);
    out.append(with);
  };
  // The code point written last, as the pinyin check needs it (a pending run
  // is written first, so the output holds everything before `at`).
  auto last_before = [&](std::size_t at) {
    flush(at);
    return out.last();
  };

  const auto *bytes = reinterpret_cast<const unsigned char *>(input.data());
  const std::size_t n = input.size();
  while (i < n) {
    const unsigned char byte = bytes[i];
    if (byte < 0x80) {
      if (copied_ascii(byte)) {  // printable ASCII: nothing to do yet
        ++i;
        continue;
      }
      if (byte == '\r') {
        const std::size_t len = (i + 1 < n && input[i + 1] == '\n') ? 2 : 1;
        replace(i, len, "\n", true);
        i += len;
      } else if (byte == '(') {
        const std::size_t artifact =
            utf8::is_han(last_before(i)) ? pinyin_artifact_length(input, i) : 0;
        if (artifact) replace(i, artifact, "", false);
        i += artifact ? artifact : 1;
      } else {  // NUL, tab and other controls become a space
        if (byte == 0) ++nuls;
        replace(i, 1, " ", true);
        ++i;
      }
      continue;
    }
    // Lead byte and two continuation bytes: a 3-byte character (nearly all
    // Chinese text). One bit test says whether it is copied as it is; if so,
    // the characters after it are tried in a tight loop of their own; if not,
    // its code point is already at hand unless the form is ill-formed.
    utf8::Decoded d{0, 0, false};
    if (i + 2 < n) {
      const std::uint32_t quad = quad_at(bytes, i, n);
      if (utf8::three_byte_form(quad)) {
        if (table.copied(quad)) {
          i = skip_copied(bytes, i + 3, n, table);
          continue;
        }
        const char32_t cp = utf8::three_byte_code_point(quad);
        if (const std::uint32_t folded = table.short_fold(cp)) {  // (0 for ill-formed ones)
          const std::size_t len = folded >> 24 & 3;
          start_replace(i, 3, len, folded & CharTable::kOneCodePoint);
          out.append_packed(folded, len);
          i += 3;
          continue;
        }
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) d = {cp, 3, true};
      }
    }
    if (!d.len) d = utf8::decode(input, i);
    if (!d.valid) {
      ++invalid;
      // One to one when the ill-formed part is a whole 3-byte unit, as the
      // offset map has always recorded it.
      replace(i, d.len, "\xEF\xBF\xBD", one_code_point(input.substr(i, d.len)));
      i += d.len;
      continue;
    }
    if (is_invisible(d.cp)) {
      replace(i, d.len, "", false);
      i += d.len;
      continue;
    }
    if (d.cp == 0xFF08 && utf8::is_han(last_before(i))) {
      if (const std::size_t artifact = pinyin_artifact_length(input, i)) {
        replace(i, artifact, "", false);
        i += artifact;
        continue;
      }
    }
    const std::string_view folded = fold_code_point(d.cp);
    if (!folded.empty()) replace(i, d.len, folded, one_code_point(folded));
    i += d.len;
  }
  flush(n);
  if (n > linear_from) map.add(linear_from, n - linear_from, n - linear_from, true);
  out.finish();
  map.finish(out.size(), n);

  if (invalid)
    doc.warnings.push_back("invalid UTF-8: " + std::to_string(invalid) +
                           " ill-formed sequence(s) replaced by U+FFFD");
  if (nuls)
    doc.warnings.push_back("input contains " + std::to_string(nuls) +
                           " NUL byte(s), read as spaces");
}

}  // namespace zhmeta
