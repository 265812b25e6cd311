// Dates: every calendar expression (draft.dates), publication date and datetime (draft.publication).
#ifndef ZHMETA_EXTRACT_DATES_HPP
#define ZHMETA_EXTRACT_DATES_HPP

#include "extract/extractor.hpp"

namespace zhmeta {

class DatesExtractor {
 public:
  explicit DatesExtractor(const RulePack &rules);
  void run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const;

 private:
  const RulePack &rules_;
};

}  // namespace zhmeta

#endif
