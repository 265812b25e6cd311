// swar::bytes_between against a byte-by-byte test: every byte value at every
// offset of the word, next to bytes just outside the range and bytes whose
// low seven bits fall inside it (0xC1 is no 'A').
#include <catch2/catch.hpp>
#include <cstring>
#include <utility>

#include "core/swar.hpp"

TEST_CASE("bytes_between finds exactly the bytes in the range, at any offset", "[swar]") {
  const std::pair<unsigned, unsigned> ranges[] = {{'A', 'Z'}, {'0', '9'}, {1, 0x7F}, {'x', 'x'}};
  for (const auto &[lo, hi] : ranges) {
    const unsigned char fillers[] = {
        static_cast<unsigned char>(lo - 1), static_cast<unsigned char>(hi + 1),
        static_cast<unsigned char>(0x80 | lo), static_cast<unsigned char>(0x80 | hi)};
    for (const unsigned char filler : fillers) {
      if (filler >= lo && filler <= hi) continue;
      for (int offset = 0; offset < 8; ++offset) {
        for (unsigned b = 0; b < 256; ++b) {
          char bytes[8];
          std::memset(bytes, filler, sizeof bytes);
          bytes[offset] = static_cast<char>(b);
          const bool expected = b >= lo && b <= hi;
          const bool found = zhmeta::swar::bytes_between(zhmeta::swar::load8(bytes), lo, hi) != 0;
          if (found != expected)
            FAIL("range " << lo << ".." << hi << ", byte " << b << " at " << offset);
        }
      }
    }
  }
  // All eight bytes in range at once: no carry spoils a neighbour.
  CHECK(zhmeta::swar::bytes_between(zhmeta::swar::load8("ZZZZZZZZ"), 'A', 'Z') ==
        0x8080808080808080u);
}

TEST_CASE("load_le32 puts the first byte lowest on every machine", "[swar]") {
  const unsigned char bytes[] = {0xE8, 0xAE, 0xB0, 0x7F, 0x01};
  CHECK(zhmeta::swar::load_le32(bytes) == 0x7FB0AEE8u);
  CHECK(zhmeta::swar::load_le32(bytes + 1) == 0x017FB0AEu);  // unaligned
}
