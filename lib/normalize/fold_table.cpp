#include "normalize/fold_table.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace zhmeta {
namespace {

struct FoldEntry {
  char32_t cp;
  const char *utf8;
  std::size_t len;
};

#include "zhmeta_fold_table.inc"

constexpr std::size_t kEntryCount = sizeof kFoldEntries / sizeof kFoldEntries[0];
static_assert(kEntryCount < 0xFFFF, "BMP index stores entry numbers in 16 bits");

// Direct index for the BMP (where nearly all folds live): 0 = identity, else entry + 1.
struct BmpIndex {
  std::vector<std::uint16_t> slot = std::vector<std::uint16_t>(0x10000, 0);
  BmpIndex() {
    for (std::size_t i = 0; i < kEntryCount; ++i)
      if (kFoldEntries[i].cp < 0x10000) slot[kFoldEntries[i].cp] = static_cast<std::uint16_t>(i + 1);
  }
};

const BmpIndex &bmp_index() {
  static const BmpIndex index;
  return index;
}

}  // namespace

std::string_view fold_code_point(char32_t cp) noexcept {
  if (cp < 0x80) return {};
  if (cp < 0x10000) {
    const std::uint16_t slot = bmp_index().slot[cp];
    if (slot == 0) return {};
    const FoldEntry &e = kFoldEntries[slot - 1];
    return {e.utf8, e.len};
  }
  const auto *end = kFoldEntries + kEntryCount;
  const auto *it = std::lower_bound(kFoldEntries, end, cp,
                                    [](const FoldEntry &e, char32_t c) { return e.cp < c; });
  if (it == end || it->cp != cp) return {};
  return {it->utf8, it->len};
}

}  // namespace zhmeta
