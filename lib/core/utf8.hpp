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
  char32_t cp;        // the code point, or kReplacement when invalid
  std::size_t len;    // bytes consumed (>= 1)
  bool valid;
};

/// Decodes one code point at `pos` (pos < s.size()). Invalid input consumes the
/// maximal ill-formed subpart (Unicode 15, section 3.9, "U+FFFD substitution of
/// maximal subparts"), so each bad sequence yields exactly one U+FFFD.
Decoded decode(std::string_view s, std::size_t pos) noexcept;

/// Appends the UTF-8 encoding of `cp` to `out`.
void append(std::string &out, char32_t cp);

/// Number of code points in valid UTF-8 `s` (counts lead bytes).
std::size_t length(std::string_view s) noexcept;

/// Code point ending at `pos` (the one before pos) in valid UTF-8; 0 at start.
char32_t before(std::string_view s, std::size_t pos) noexcept;

/// Start of the code point before `pos` in valid UTF-8.
std::size_t prev_boundary(std::string_view s, std::size_t pos) noexcept;

/// CJK unified ideograph (incl. extensions A-G and compatibility ideographs), 〇 included.
constexpr bool is_han(char32_t c) noexcept {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x323AF) || (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007;
}

/// True when `s` is well-formed UTF-8.
bool is_valid(std::string_view s) noexcept;

}  // namespace zhmeta::utf8

#endif
