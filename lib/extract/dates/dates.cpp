#include "extract/dates/dates.hpp"

namespace zhmeta {

DatesExtractor::DatesExtractor(const RulePack &rules) : rules_(rules) {}

void DatesExtractor::run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const {
  // Not implemented yet: an extractor returns nothing rather than something invented.
  (void)doc;
  (void)options;
  (void)draft;
  (void)rules_;
}

}  // namespace zhmeta
