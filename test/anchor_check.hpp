// The check behind every `emit anchor:` declaration (persons, speakers, dates,
// bylines): a rule tried only next to its anchor words must give exactly the
// matches, groups included, of a plain search of the same range. A declaration
// that misses a position a match can start at would lose matches silently.
#ifndef ZHMETA_TEST_ANCHOR_CHECK_HPP
#define ZHMETA_TEST_ANCHOR_CHECK_HPP

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/document.hpp"
#include "core/trigger_windows.hpp"
#include "normalize/normalizer.hpp"
#include "rules/anchored_rules.hpp"
#include "test_support.hpp"

namespace zhmeta::test {

/// Every sample article, every dev article, the examples and counterexamples
/// of the rules of `kinds`, then `extra` (hand-written edge cases).
inline std::vector<std::string> anchor_check_texts(const RulePack &pack,
                                                   const std::vector<const char *> &kinds,
                                                   const std::vector<std::string> &extra) {
  std::vector<std::string> texts;
  for (const auto &path : sample_articles()) texts.push_back(read_file(path));
  for (const auto &path : dev_articles()) texts.push_back(read_file(path));
  for (const char *kind : kinds)
    for (const Rule &rule : pack.kind(kind).rules()) {
      for (const auto &ex : rule.examples) texts.push_back(ex.text);
      for (const auto &counter : rule.counterexamples) texts.push_back(counter.first);
    }
  texts.insert(texts.end(), extra.begin(), extra.end());
  return texts;
}

/// Compares, for each rule of `rules` and each normalized text, the anchored
/// run with RuleSet::for_each_match over the whole text and over the windows
/// `triggers` opens with each (before, after) of `window_sizes`. Returns the
/// number of matches compared.
inline std::size_t check_anchored_runs(
    const RulePack &pack, const RuleSet &rules, const std::vector<std::string> &texts,
    const TriggerWindows *triggers = nullptr,
    const std::vector<std::pair<std::size_t, std::size_t>> &window_sizes = {}) {
  using Match = std::vector<std::pair<std::size_t, std::size_t>>;  // whole match, then each group
  const AnchoredRules anchored(pack, rules);
  AnchoredRules::Candidates candidates;
  std::size_t checked = 0;
  for (const std::string &raw : texts) {
    Document doc;
    normalize(raw, doc);
    const std::string_view text = doc.text;
    anchored.find(text, candidates);
    std::vector<Window> ranges{{0, text.size(), false}}, windows;
    for (const auto &[before, after] : window_sizes) {
      triggers->find(text, before, after, windows);
      ranges.insert(ranges.end(), windows.begin(), windows.end());
    }
    for (int index = 0; index < static_cast<int>(rules.rules().size()); ++index) {
      const Rule &rule = rules.rules()[static_cast<std::size_t>(index)];
      auto groups_of = [&](const RuleMatch &m) {
        Match out{{m.begin(), m.end()}};
        for (const auto &[name, group] : rule.groups)
          out.emplace_back(m.has(name) ? m.group_begin(name) : 0,
                           m.has(name) ? m.group_end(name) : 0);
        return out;
      };
      for (const Window &range : ranges) {
        std::vector<Match> expected, got;
        rules.for_each_match(index, text, range.begin, range.end,
                             [&](const RuleMatch &m) { expected.push_back(groups_of(m)); });
        anchored.for_each_match(index, text, range.begin, range.end, candidates,
                                [&](const RuleMatch &m) { got.push_back(groups_of(m)); });
        INFO(rule.id << " in [" << range.begin << ", " << range.end
                     << ") of: " << raw.substr(0, 120));
        CHECK(got == expected);
        checked += expected.size();
      }
    }
  }
  return checked;
}

/// How many rules of `rules` declare anchors.
inline std::size_t anchored_rule_count(const RulePack &pack, const RuleSet &rules) {
  const AnchoredRules anchored(pack, rules);
  std::size_t count = 0;
  for (int index = 0; index < static_cast<int>(rules.rules().size()); ++index)
    if (anchored.is_anchored(index)) ++count;
  return count;
}

}  // namespace zhmeta::test

#endif
