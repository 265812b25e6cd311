// Segmentation: lines, sentences and zones of a normalized document.
//
// Zones tell later stages page furniture from the article: a line that matches
// a rule of rules/segment/zones.rules is boilerplate (emit zone:header, zone:footer
// or zone:any); lines before the first article line are header, lines after the
// last one (or from a footer marker such as 责任编辑 on) are footer.
#ifndef ZHMETA_SEGMENT_SEGMENTER_HPP
#define ZHMETA_SEGMENT_SEGMENTER_HPP

#include "core/document.hpp"
#include "rules/rule_pack.hpp"

namespace zhmeta {

class Segmenter {
 public:
  explicit Segmenter(const RulePack &rules);
  /// Fills doc.lines and doc.sentences from doc.text.
  void run(Document &doc) const;

 private:
  const RuleSet &zones_;
};

}  // namespace zhmeta

#endif
