// Bylines (reporter, editor, ...) and publication sources (来源, XX讯, wire datelines).
#ifndef ZHMETA_EXTRACT_BYLINES_HPP
#define ZHMETA_EXTRACT_BYLINES_HPP

#include "extract/extractor.hpp"

namespace zhmeta {

class BylinesExtractor {
 public:
  explicit BylinesExtractor(const RulePack &rules);
  void run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const;

 private:
  const RulePack &rules_;
};

}  // namespace zhmeta

#endif
