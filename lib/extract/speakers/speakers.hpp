// Speakers: persons (or pronouns, or unnamed titles) followed by a speech verb, with statements.
#ifndef ZHMETA_EXTRACT_SPEAKERS_HPP
#define ZHMETA_EXTRACT_SPEAKERS_HPP

#include "extract/extractor.hpp"

namespace zhmeta {

class SpeakersExtractor {
 public:
  explicit SpeakersExtractor(const RulePack &rules);
  void run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const;

 private:
  const RulePack &rules_;
};

}  // namespace zhmeta

#endif
