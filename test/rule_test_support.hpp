// Helpers shared by the tests of rule matching (start filters, literal rules,
// openers): the sample articles as the rules see them, lines as units, and
// the hits of a word set as the shared scan would record them.
#ifndef ZHMETA_TEST_RULE_TEST_SUPPORT_HPP
#define ZHMETA_TEST_RULE_TEST_SUPPORT_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "core/document.hpp"
#include "core/literal_set.hpp"
#include "normalize/normalizer.hpp"
#include "test_support.hpp"

namespace zhmeta::test {

/// The articles at `paths`, normalized: rules run on normalized text.
inline std::vector<std::string> normalized(const std::vector<std::filesystem::path> &paths) {
  std::vector<std::string> texts;
  for (const auto &path : paths) {
    Document doc;
    normalize(read_file(path), doc);
    texts.push_back(doc.text);
  }
  return texts;
}

inline std::vector<std::string> normalized_samples() { return normalized(sample_articles()); }

/// The sample articles, then the dev articles when present, normalized.
inline std::vector<std::string> normalized_samples_and_dev() {
  std::vector<std::string> texts = normalized_samples();
  for (std::string &text : normalized(dev_articles())) texts.push_back(std::move(text));
  return texts;
}

/// A range of a text, as RuleSet::for_each_match_bounds takes its units.
struct Unit {
  std::size_t begin, end;
};

/// The lines of `text`, each with its '\n'.
inline std::vector<Unit> lines_of(const std::string &text) {
  std::vector<Unit> lines;
  for (std::size_t from = 0; from < text.size();) {
    const std::size_t newline = text.find('\n', from);
    const std::size_t to = newline == std::string::npos ? text.size() : newline + 1;
    lines.push_back({from, to});
    from = to;
  }
  return lines;
}

/// Every occurrence of every word of `words` in `text`, in scan order (none when null).
inline std::vector<LiteralHit> hits_of(const LiteralSet *words, const std::string &text) {
  std::vector<LiteralHit> hits;
  if (words)
    words->scan(text, [&](std::size_t pos, std::size_t word) {
      hits.push_back({static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(word)});
      return false;
    });
  return hits;
}

}  // namespace zhmeta::test

#endif
