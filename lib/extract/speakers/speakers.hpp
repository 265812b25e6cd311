// Speakers: persons (or pronouns, surname+office references, unnamed titles)
// followed by a speech verb, with their statements.
//
// Reads draft.persons (mentions and titles). Every speech verb of
// rules/speakers/speakers.rules takes as subject the nearest candidate before
// it in its sentence, when the text between is a short gap with no
// non-person subject (会议强调) and no comma unless the subject continues
// (…,并就…提出要求). A pronoun is the most recent named person of the same
// paragraph or the previous sentence that is neither a possessor nor an
// object; a candidate that is the object of 传达/听取/… speaks nothing, one
// after a preposition (对某某表示) yields to the one before it. Chairing or
// attending is no speech verb, so it makes no speaker.
#ifndef ZHMETA_EXTRACT_SPEAKERS_HPP
#define ZHMETA_EXTRACT_SPEAKERS_HPP

#include <string_view>
#include <vector>

#include "extract/extractor.hpp"
#include "rules/anchored_rules.hpp"
#include "extract/persons/name_grammar.hpp"

namespace zhmeta {

class SpeakersExtractor {
 public:
  explicit SpeakersExtractor(const RulePack &rules);
  void run(const Document &doc, const ExtractOptions &options, DraftRecord &draft) const;
  /// Has the engine's one scan per document find this extractor's words too
  /// (core/shared_literal_scan.hpp); without it, run() scans for them itself.
  void share_literal_scan(SharedLiteralScan &scan);

 private:
  const RulePack &rules_;
  NameGrammar grammar_;
  AnchoredRules anchored_;
  int anchors_source_ = -1;  // id in the shared scan
  const Gazetteer &noun_markers_;
  const Gazetteer &non_followers_;
  const Gazetteer &object_markers_;
  const Gazetteer &object_prepositions_;
  const Gazetteer &continuations_;
  const Gazetteer &nonperson_subjects_;
  const Gazetteer &adverbs_;
  std::vector<std::string_view> kinds_;  // `emit kind:` by rule index (looked up once)
};

}  // namespace zhmeta

#endif
