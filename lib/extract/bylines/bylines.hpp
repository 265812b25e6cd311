// Bylines (reporter, editor, ...) and publication sources (来源, XX讯, wire datelines).
//
// rules/bylines/bylines.rules finds byline blocks and sources; this module
// cuts a block into role words and names (see the rule file's header for the
// token grammar) and checks where a block stands. Names are kept clean (2-4
// Han characters or a Latin handle) because the persons extractor adds every
// byline name as a person.
#ifndef ZHMETA_EXTRACT_BYLINES_HPP
#define ZHMETA_EXTRACT_BYLINES_HPP

#include "core/trigger_windows.hpp"
#include "extract/extractor.hpp"
#include "rules/anchored_rules.hpp"

namespace zhmeta {

class BylinesExtractor {
 public:
  explicit BylinesExtractor(const RulePack &rules);
  void run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const;
  /// Has the engine's one scan per document find this extractor's words too
  /// (core/shared_literal_scan.hpp); without it, run() scans for them itself.
  void share_literal_scan(SharedLiteralScan &scan);

 private:
  void read_block(const Document &doc, std::size_t begin, std::size_t end, std::string_view default_role,
                  DraftRecord &draft) const;
  bool is_name(std::string_view token) const;

  const RuleSet &rules_;
  const Gazetteer &roles_;        // byline_roles: role word -> role
  const Gazetteer &postfix_;      // byline_postfix_roles: 摄 after the names
  const Gazetteer &stops_;        // byline_stop_labels: 来源, 字体 ... end a block
  const Gazetteer &non_names_;    // byline_non_names: 报道, 综合 ...
  const Gazetteer &not_sources_;  // source_non_names: 本报 ...
  int triggers_source_ = -1, atoms_source_ = -1, anchors_source_ = -1;  // ids in the shared scan
  TriggerWindows triggers_;       // role words, source labels, source_triggers
  AnchoredRules anchored_;        // rules that declare anchors are tried only next to them
  std::vector<int> end_rules_;    // `where:article_end` rules: run on the last lines only
};

}  // namespace zhmeta

#endif
