// Meetings: maximal names ending in a meeting suffix, with date, chairs and attendees.
#ifndef ZHMETA_EXTRACT_MEETINGS_HPP
#define ZHMETA_EXTRACT_MEETINGS_HPP

#include "extract/extractor.hpp"

namespace zhmeta {

class MeetingsExtractor {
 public:
  explicit MeetingsExtractor(const RulePack &rules);
  void run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const;

 private:
  const RulePack &rules_;
};

}  // namespace zhmeta

#endif
