// Persons and their titles: surname gazetteer + context evidence, title grammar.
//
// Evidence comes from rules/persons/persons.rules (a title, a category word, a
// context cue, an office after the name, a byline role, an author line in
// parentheses) and from draft.bylines. Names are then walked along
// 、-separated lists, and every occurrence of an accepted name becomes a
// mention. A title before a list of names goes to the first name only (the
// annotation convention: the office is written next to that name alone).
#ifndef ZHMETA_EXTRACT_PERSONS_HPP
#define ZHMETA_EXTRACT_PERSONS_HPP

#include <string_view>
#include <vector>

#include "extract/extractor.hpp"
#include "extract/persons/name_grammar.hpp"
#include "rules/anchored_rules.hpp"

namespace zhmeta {

class PersonsExtractor {
 public:
  explicit PersonsExtractor(const RulePack &rules);
  void run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const;
  /// Has the engine's one scan per document find this extractor's words too
  /// (core/shared_literal_scan.hpp); without it, run() scans for them itself.
  void share_literal_scan(SharedLiteralScan &scan);

 private:
  const RulePack &rules_;
  NameGrammar grammar_;
  AnchoredRules anchored_;
  int anchors_source_ = -1;  // id in the shared scan
  std::vector<std::string_view> evidence_;  // `emit evidence:` by rule index (looked up once)
};

}  // namespace zhmeta

#endif
