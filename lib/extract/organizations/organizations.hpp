// Organizations by grammar: region/level prefix + institution suffix, short forms, nesting.
#ifndef ZHMETA_EXTRACT_ORGANIZATIONS_HPP
#define ZHMETA_EXTRACT_ORGANIZATIONS_HPP

#include "extract/extractor.hpp"

namespace zhmeta {

class OrganizationsExtractor {
 public:
  explicit OrganizationsExtractor(const RulePack &rules);
  void run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const;

 private:
  const RulePack &rules_;
};

}  // namespace zhmeta

#endif
