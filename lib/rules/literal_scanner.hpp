// Finding which of a fixed list of literal words occur in a text: the atoms
// of a kind's prefilter (RuleSet::candidates). A word can only start on a
// code point whose bit is set, so most positions cost one table test; where
// one can, only the lengths of the words starting with that code point are
// looked up in a hash table. This beat
// an RE2::Set of the same literals several times over on short lines, where
// the set's per-call set-up dominated.
#ifndef ZHMETA_RULES_LITERAL_SCANNER_HPP
#define ZHMETA_RULES_LITERAL_SCANNER_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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
  /// index once, in no particular order.
  void find(std::string_view text, std::vector<int> &found) const;

 private:
  void scan(std::string_view text, std::vector<int> &found) const;
  std::vector<std::string> words_;
  std::unordered_map<std::string_view, int> index_;  // views into words_
  std::vector<std::uint64_t> first_;  // BMP code point bits: some word starts with it
  // First code point -> bit n set when a word starting with it is n bytes long.
  std::unordered_map<char32_t, std::uint64_t> lengths_;
  std::size_t longest_ = 0;
  bool usable_ = true;
};

}  // namespace zhmeta

#endif
