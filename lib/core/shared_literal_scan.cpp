#include "core/shared_literal_scan.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace zhmeta {

int SharedLiteralScan::add(Words words, bool ignores_ascii_case) {
  sources_.push_back(std::move(words));
  ignores_ascii_case_.push_back(ignores_ascii_case);
  return static_cast<int>(sources_.size() - 1);
}

void SharedLiteralScan::build() const {
  served_.assign(sources_.size(), false);
  std::unordered_map<std::string_view, std::size_t> merged_index;  // word -> its index in merged_
  for (std::size_t source = 0; source < sources_.size(); ++source) {
    const LiteralSet *words = sources_[source] ? sources_[source]() : nullptr;
    if (!words) continue;
    for (std::size_t index = 0; index < words->size(); ++index) {
      const std::string_view word = words->word(index);
      if (word.empty()) continue;  // never found by the source's own scan either
      const auto [it, fresh] = merged_index.emplace(word, targets_.size());
      if (fresh) {
        merged_.add(word);
        targets_.emplace_back();
      }
      // A word a source holds twice keeps both indices, in the source's order.
      targets_[it->second].emplace_back(source, index);
    }
    served_[source] = true;
  }
}

void SharedLiteralScan::scan(std::string_view text, LiteralHits &out) const {
  std::call_once(built_, [this] { build(); });
  out.by_source.resize(sources_.size());
  out.ready.assign(sources_.size(), false);
  const bool has_upper =
      std::any_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  for (std::size_t source = 0; source < sources_.size(); ++source) {
    out.by_source[source].clear();
    out.ready[source] = served_[source] && !(has_upper && ignores_ascii_case_[source]);
  }
  merged_.scan(text, [&](std::size_t pos, std::size_t word) {
    for (const auto &[source, index] : targets_[word])
      if (out.ready[source]) out.by_source[source].push_back({pos, index});
    return false;  // every word at every position: sources stop early on replay
  });
}

}  // namespace zhmeta
