// UTF-8 decoding and encoding helpers shared by every stage.
#ifndef ZHMETA_CORE_UTF8_HPP
#define ZHMETA_CORE_UTF8_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace zhmeta::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

struct Decoded {
  char32_t cp;      // the code point, or kReplacement when invalid
  std::size_t len;  // bytes consumed (>= 1)
  bool valid;
};

/// Decodes one code point at `pos` (pos < s.size()). Invalid input consumes the
/// maximal ill-formed subpart (Unicode 15, section 3.9, "U+FFFD substitution of
/// maximal subparts"), so each bad sequence yields exactly one U+FFFD.
/// Inline: every stage decodes every non-ASCII character, and a call per
/// character was a quarter of normalization + segmentation time.
inline Decoded decode(std::string_view s, std::size_t pos) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char b0 = byte(pos);
  if (b0 < 0x80) return {b0, 1, true};
  // Nearly every other character is a three-byte one (all of CJK): a lead
  // byte that allows any continuation (not E0, whose overlong forms, nor ED,
  // whose surrogates, are excluded below) and two continuation bytes, tested
  // with one comparison, need none of the general loop's checks.
  if (b0 - 0xE1u <= 0xEFu - 0xE1u && b0 != 0xED && s.size() - pos > 2) {
    const unsigned b1 = byte(pos + 1), b2 = byte(pos + 2);
    if (((b1 ^ 0x80u) | (b2 ^ 0x80u)) < 0x40u)
      return {static_cast<char32_t>((b0 & 0x0Fu) << 12 | (b1 & 0x3Fu) << 6 | (b2 & 0x3Fu)), 3,
              true};
  }
  std::size_t need = 0;
  char32_t cp = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1, cp = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2, cp = b0 & 0x0Fu;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3, cp = b0 & 0x07u;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return {kReplacement, 1, false};
  }
  std::size_t i = 1;
  for (; i <= need; ++i) {
    if (pos + i >= s.size()) return {kReplacement, i, false};
    const unsigned char b = byte(pos + i);
    const unsigned char min = i == 1 ? lo : 0x80, max = i == 1 ? hi : 0xBF;
    if (b < min || b > max) return {kReplacement, i, false};
    cp = (cp << 6) | (b & 0x3Fu);
  }
  return {cp, need + 1, true};
}

/// Whether the low three bytes of `quad` (four bytes loaded little-endian,
/// the first one lowest, as swar::load_le32 does) have the form of a
/// three-byte sequence: 1110xxxx 10xxxxxx 10xxxxxx. The fourth byte is not
/// looked at. The form only: E0 and ED leads pass with any continuation,
/// overlong forms and surrogates included, so callers that read the code
/// point either look it up in a table that leaves those out or exclude them.
/// Scans of Chinese text test every character this way: one load and one
/// comparison instead of three bytes tested one by one.
constexpr bool three_byte_form(std::uint32_t quad) noexcept {
  return (quad & 0xC0C0F0u) == 0x8080E0u;
}
/// The code point of a quad of three_byte_form().
constexpr char32_t three_byte_code_point(std::uint32_t quad) noexcept {
  return static_cast<char32_t>((quad & 0x0Fu) << 12 | (quad >> 2 & 0xFC0u) | (quad >> 16 & 0x3Fu));
}

/// Appends the UTF-8 encoding of `cp` to `out`.
void append(std::string &out, char32_t cp);

/// Number of code points in valid UTF-8 `s` (counts lead bytes).
std::size_t length(std::string_view s) noexcept;

/// Start of the code point before `pos` in valid UTF-8.
inline std::size_t prev_boundary(std::string_view s, std::size_t pos) noexcept {
  if (pos == 0) return 0;
  --pos;
  while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

/// Code point ending at `pos` (the one before pos) in valid UTF-8; 0 at start.
/// Inline like decode(): the normalizer asks at every '(' and stages ask often.
inline char32_t before(std::string_view s, std::size_t pos) noexcept {
  if (pos == 0) return 0;
  return decode(s, prev_boundary(s, pos)).cp;
}

/// CJK unified ideograph (incl. extensions A-G and compatibility ideographs), 〇 included.
constexpr bool is_han(char32_t c) noexcept {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x323AF) || (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007;
}

/// True when `s` is well-formed UTF-8.
bool is_valid(std::string_view s) noexcept;

}  // namespace zhmeta::utf8

#endif
