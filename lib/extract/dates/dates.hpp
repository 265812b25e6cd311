// Dates: every calendar expression (draft.dates) with its resolved value, and
// the publication date and datetime (draft.publication).
//
// The grammar is rules/dates/dates.rules (see its header for the kinds of
// rules and the overlap policy); deictic words are the date_deictics
// gazetteer, publication-date labels the pubdate_labels gazetteer.
//
// Resolution (SPEC.md "Date values"): the anchor is the caller's pubdate hint,
// else the publication date found in the header/footer; a wire dateline
// anchors the day-only dates and deictics after it. Nothing comes from the
// system clock: without an anchor, unknown parts stay X.
#ifndef ZHMETA_EXTRACT_DATES_HPP
#define ZHMETA_EXTRACT_DATES_HPP

#include "core/trigger_windows.hpp"
#include "extract/extractor.hpp"
#include "rules/anchored_rules.hpp"

namespace zhmeta {

class DatesExtractor {
 public:
  explicit DatesExtractor(const RulePack &rules);
  void run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const;
  /// Has the engine's one scan per document find this extractor's words too
  /// (core/shared_literal_scan.hpp); without it, run() scans for them itself.
  void share_literal_scan(SharedLiteralScan &scan);

 private:
  const RuleSet &rules_;
  const Gazetteer *deictics_;  // canonical "day-1", "year+0", "same-day", ...
  const Gazetteer *labels_;    // publication-date labels: "publish" or "generic"
  int triggers_source_ = -1, atoms_source_ = -1, anchors_source_ = -1;  // ids in the shared scan
  TriggerWindows triggers_;      // where date rules can match (date_triggers)
  AnchoredRules anchored_;       // rules that declare anchors are tried only next to them
  std::vector<int> head_rules_;  // `scan:head` rules: run on the start of the text only
  // What each rule's `emit` says that every match of it needs, read once
  // rather than per match (by rule index).
  struct RuleTraits {
    int kind = 0;                 // a FoundKind (dates.cpp)
    bool day_month_year = false;  // order:dmy
    bool range_end = false;       // range:end
  };
  std::vector<RuleTraits> traits_;
};

}  // namespace zhmeta

#endif
