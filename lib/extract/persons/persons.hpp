// Persons and their titles: surname gazetteer + context evidence, title grammar.
#ifndef ZHMETA_EXTRACT_PERSONS_HPP
#define ZHMETA_EXTRACT_PERSONS_HPP

#include "extract/extractor.hpp"

namespace zhmeta {

class PersonsExtractor {
 public:
  explicit PersonsExtractor(const RulePack &rules);
  void run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const;

 private:
  const RulePack &rules_;
};

}  // namespace zhmeta

#endif
