// Property checks shared by the fuzz targets. A failed check prints what went
// wrong and aborts, which libFuzzer reports as a crash with the input saved,
// and which fails the ctest replay of the corpus.
#ifndef ZHMETA_FUZZ_CHECKS_HPP
#define ZHMETA_FUZZ_CHECKS_HPP

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "core/utf8.hpp"

namespace zhmeta::fuzz {

[[noreturn]] inline void fail(const char *what, std::size_t a = 0, std::size_t b = 0) {
  std::fprintf(stderr, "zhmeta fuzz property violated: %s (%zu, %zu)\n", what, a, b);
  std::abort();
}

inline void check(bool ok, const char *what, std::size_t a = 0, std::size_t b = 0) {
  if (!ok) fail(what, a, b);
}

/// Offsets where a code point (or one maximal ill-formed subpart, which
/// normalization turns into one U+FFFD) starts in `s`, plus s.size(): the only
/// offsets a span may begin or end at.
inline std::vector<bool> unit_boundaries(std::string_view s) {
  std::vector<bool> at(s.size() + 1, false);
  for (std::size_t i = 0; i < s.size(); i += utf8::decode(s, i).len) at[i] = true;
  at[s.size()] = true;
  return at;
}

}  // namespace zhmeta::fuzz

#endif
