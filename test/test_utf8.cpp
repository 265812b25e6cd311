// utf8::decode against a reference written straight from the Unicode
// standard's table of well-formed byte sequences (Unicode 15, table 3-7) and
// its rule for U+FFFD substitution of maximal subparts (section 3.9). decode()
// has a fast path for three-byte characters; every lead byte from C0 with every
// pair of following bytes is compared, whole and cut short, so a fast path that
// accepted an overlong form, a surrogate or a stray byte would fail here.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "core/utf8.hpp"

namespace {

struct Range {
  unsigned char lo, hi;
};

// The allowed range of each byte of a well-formed sequence that starts with
// `lead`; the number of ranges is the sequence's length (0: not a lead byte).
int ranges_for(unsigned char lead, Range out[4]) {
  const Range any{0x80, 0xBF};
  out[0] = {lead, lead};
  if (lead <= 0x7F) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return out[1] = any, 2;
  if (lead == 0xE0) return out[1] = {0xA0, 0xBF}, out[2] = any, 3;
  if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF)
    return out[1] = any, out[2] = any, 3;
  if (lead == 0xED) return out[1] = {0x80, 0x9F}, out[2] = any, 3;
  if (lead == 0xF0) return out[1] = {0x90, 0xBF}, out[2] = any, out[3] = any, 4;
  if (lead >= 0xF1 && lead <= 0xF3) return out[1] = any, out[2] = any, out[3] = any, 4;
  if (lead == 0xF4) return out[1] = {0x80, 0x8F}, out[2] = any, out[3] = any, 4;
  return 0;
}

zhmeta::utf8::Decoded reference_decode(std::string_view s, std::size_t pos) {
  Range ranges[4];
  const auto lead = static_cast<unsigned char>(s[pos]);
  const int length = ranges_for(lead, ranges);
  if (length == 0) return {zhmeta::utf8::kReplacement, 1, false};
  char32_t cp = length == 1 ? lead : lead & (0xFFu >> (length + 1));
  int matched = 1;
  for (; matched < length; ++matched) {
    if (pos + static_cast<std::size_t>(matched) >= s.size()) break;
    const auto b = static_cast<unsigned char>(s[pos + static_cast<std::size_t>(matched)]);
    if (b < ranges[matched].lo || b > ranges[matched].hi) break;
    cp = cp << 6 | (b & 0x3Fu);
  }
  if (matched < length)
    return {zhmeta::utf8::kReplacement, static_cast<std::size_t>(matched), false};
  return {cp, static_cast<std::size_t>(length), true};
}

}  // namespace

TEST_CASE("utf8: decode agrees with the standard's table on every lead byte and two followers",
          "[utf8]") {
  std::size_t mismatches = 0, three_byte_valid = 0;
  for (unsigned lead = 0xC0; lead <= 0xFF; ++lead)
    for (unsigned b1 = 0; b1 <= 0xFF; ++b1)
      for (unsigned b2 = 0; b2 <= 0xFF; ++b2) {
        // After a prefix byte (the position is not 0) and with a byte after
        // the three, then cut to two bytes: the fast path must also see the end.
        const std::string whole{'a', static_cast<char>(lead), static_cast<char>(b1),
                                static_cast<char>(b2), 'z'};
        for (const std::size_t size : {whole.size(), std::size_t{3}}) {
          const std::string_view s(whole.data(), size);
          const auto got = zhmeta::utf8::decode(s, 1);
          const auto want = reference_decode(s, 1);
          if (got.cp != want.cp || got.len != want.len || got.valid != want.valid) {
            if (++mismatches <= 5)
              FAIL_CHECK("bytes " << std::hex << lead << ' ' << b1 << ' ' << b2 << " size " << size
                                  << ": got U+" << got.cp << " len " << got.len << ", want U+"
                                  << want.cp << " len " << want.len);
          }
          if (want.valid && want.len == 3 && size == whole.size()) ++three_byte_valid;
        }
      }
  CHECK(mismatches == 0);
  // U+0800..U+FFFF less the 2,048 surrogates: the reference is not vacuous.
  CHECK(three_byte_valid == 0x10000 - 0x800 - 0x800);
}

TEST_CASE("utf8: hand-worked sequences", "[utf8]") {
  using zhmeta::utf8::decode;
  CHECK(decode("\xE8\xAE\xB0", 0).cp == U'记');
  CHECK(decode("\xE8\xAE\xB0", 0).len == 3);
  CHECK(decode("\xEF\xBF\xBF", 0).cp == 0xFFFF);
  CHECK(decode("\xED\x9F\xBF", 0).cp == 0xD7FF);  // last code point before the surrogates
  CHECK(decode("\xED\xA0\x80", 0).len == 1);      // a surrogate: ED alone is the maximal subpart
  CHECK_FALSE(decode("\xED\xA0\x80", 0).valid);
  CHECK(decode("\xE0\x9F\xBF", 0).len == 1);  // overlong
  CHECK(decode("\xE0\xA0\x80", 0).cp == 0x800);
  CHECK(decode(std::string_view("\xE8\xAE", 2), 0).len ==
        2);  // truncated: one subpart of two bytes
  CHECK(decode("\xE8\xAE"
               "a",
               0)
            .len == 2);
  CHECK(decode("\xE8\xC0\x80", 0).len == 1);
}
