// Byte tests on eight bytes at a time ("SIMD within a register"): whether a
// 64-bit word holds a byte in an ASCII range, without a loop over its bytes.
// Scans that look for rare ASCII (capital letters, digits) in Chinese text
// step over most of it this way.
#ifndef ZHMETA_CORE_SWAR_HPP
#define ZHMETA_CORE_SWAR_HPP

#include <cstdint>
#include <cstring>

namespace zhmeta::swar {

/// The eight bytes at `p`, in memory order whatever the machine's byte order
/// (the tests below look at each byte alone, so the order does not matter).
inline std::uint64_t load8(const char *p) noexcept {
  std::uint64_t x;
  std::memcpy(&x, p, sizeof x);
  return x;
}

/// The four bytes at `p` as a little-endian number: p[0] is the low byte on
/// every machine (one load where that is the native order). Scans of
/// three-byte UTF-8 read a character and its validity from one such load.
inline std::uint32_t load_le32(const void *p) noexcept {
  std::uint32_t x;
  std::memcpy(&x, p, sizeof x);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  x = __builtin_bswap32(x);
#endif
  return x;
}

/// Nonzero exactly when some byte b of `x` has lo <= b <= hi, for
/// 0 < lo <= hi < 0x80. Per byte, with its top bit cleared (t = b & 0x7F):
/// (127 + hi + 1 - t) keeps its top bit when t <= hi, (t + 127 - (lo - 1))
/// gets it when t >= lo, and ~b drops bytes >= 0x80; neither sum leaves its
/// byte (both stay within 0..255), so bytes do not disturb each other.
constexpr std::uint64_t bytes_between(std::uint64_t x, unsigned lo, unsigned hi) noexcept {
  constexpr std::uint64_t kOnes = ~std::uint64_t{0} / 255, kLow7 = kOnes * 127, kHigh = kOnes * 128;
  const std::uint64_t low = x & kLow7;
  return (kOnes * (127 + hi + 1) - low) & ~x & (low + kOnes * (127 - (lo - 1))) & kHigh;
}

}  // namespace zhmeta::swar

#endif
