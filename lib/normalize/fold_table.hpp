// Per-code-point fold: NFKC followed by Traditional->Simplified, precomputed at
// build time from ICU (see gen_fold_table.cpp).
#ifndef ZHMETA_NORMALIZE_FOLD_TABLE_HPP
#define ZHMETA_NORMALIZE_FOLD_TABLE_HPP

#include <string_view>

namespace zhmeta {

/// The folded UTF-8 form of `cp`, or an empty view when `cp` folds to itself.
/// Thread-safe; the table is built once, on first use, and never changes.
std::string_view fold_code_point(char32_t cp) noexcept;

}  // namespace zhmeta

#endif
