// Finding which of a fixed list of literal words occur in a text: the atoms
// of a kind's prefilter (RuleSet::candidates), found in one pass of a
// LiteralSet, ignoring ASCII case. This beat an RE2::Set of the same literals
// on short lines, where the set's per-call set-up dominated.
#ifndef ZHMETA_RULES_LITERAL_SCANNER_HPP
#define ZHMETA_RULES_LITERAL_SCANNER_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/literal_set.hpp"

namespace zhmeta {

class LiteralScanner {
 public:
  /// `words` as FilteredRE2 returns its atoms: lowercase, distinct. Matching
  /// ignores ASCII case. A word holding a non-ASCII letter that has case
  /// (é, Ω) would need full case folding: the scanner is then not usable()
  /// and the caller keeps a case-insensitive RE2::Set instead.
  explicit LiteralScanner(const std::vector<std::string> &words);
  bool usable() const noexcept { return usable_; }

  /// Appends to `found` the index of every word occurring in `text`, each
  /// index once, in index order.
  void find(std::string_view text, std::vector<int> &found) const;

  /// The words, for a shared scan (which must then ignore ASCII case as find() does).
  const LiteralSet &words() const noexcept { return words_; }

 private:
  LiteralSet words_;
  bool usable_ = true;
};

}  // namespace zhmeta

#endif
