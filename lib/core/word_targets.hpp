// Literal words that each stand for one or more targets: the merged word set
// of the shared scan (a word -> the sources that asked for it), and a rule
// kind's literal rules and openers (a word -> the rules it belongs to). Each
// distinct word is in the LiteralSet once; after finish() its targets lie in
// one flat array, in the order they were added, so the scan or a replay reads
// a hit's targets from one contiguous range.
#ifndef ZHMETA_CORE_WORD_TARGETS_HPP
#define ZHMETA_CORE_WORD_TARGETS_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/literal_set.hpp"

namespace zhmeta {

template <typename T>
class WordTargets {
 public:
  /// Adds `target` to `word` (non-empty, valid UTF-8), and the word itself on
  /// first sight. Only before finish().
  void add(std::string_view word, T target) {
    const auto [it, fresh] = index_.emplace(std::string(word), pending_.size());
    if (fresh) {
      words_.add(word);
      pending_.emplace_back();
    }
    pending_[it->second].push_back(std::move(target));
  }
  /// Lays the targets out word by word; afterwards the object is only read.
  void finish() {
    for (const auto &targets : pending_) {
      begin_.push_back(flat_.size());
      flat_.insert(flat_.end(), targets.begin(), targets.end());
    }
    begin_.push_back(flat_.size());
    pending_.clear();
    index_.clear();
  }

  bool empty() const noexcept { return words_.size() == 0; }
  const LiteralSet &words() const noexcept { return words_; }
  /// The targets of word `w` (an index of words()): [first(w), last(w)).
  const T *first(std::size_t w) const noexcept { return flat_.data() + begin_[w]; }
  const T *last(std::size_t w) const noexcept { return flat_.data() + begin_[w + 1]; }
  /// Every word's targets together: first(w) - first(0) is below this.
  std::size_t target_count() const noexcept { return flat_.size(); }

 private:
  LiteralSet words_;
  std::unordered_map<std::string, std::size_t> index_;  // word -> its index, while adding
  std::vector<std::vector<T>> pending_;                 // targets by word, while adding
  std::vector<std::size_t> begin_;
  std::vector<T> flat_;
};

}  // namespace zhmeta

#endif
