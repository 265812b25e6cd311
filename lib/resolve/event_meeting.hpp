// Resolution of event.meeting: the meeting the lead reports as held.
//
// Candidates are the meeting mentions in the title lines (header zone) and in
// the lead (the first body lines). A meeting counts as reported held when its
// sentence carries a verb of rules `meetings.held` (召开, 举行, 主持: rank 1)
// or `meetings.opened` (开幕, 闭幕: rank 2); the first candidate of the best
// rank wins, a title line before the lead whatever its rank; a verb after a
// future marker (即将召开) does not count. An article about a visit or an
// inspection (调研, 视察, 看望) names no meeting held in its lead, so
// event.meeting stays null.
#ifndef ZHMETA_RESOLVE_EVENT_MEETING_HPP
#define ZHMETA_RESOLVE_EVENT_MEETING_HPP

#include <vector>

#include "extract/extractor.hpp"

namespace zhmeta {

class EventMeetingResolver {
 public:
  explicit EventMeetingResolver(const RulePack &rules);
  /// Sets draft.event.meeting from draft.meetings (normalized spans).
  void run(const Document &doc, DraftRecord &draft) const;

 private:
  const RuleSet &rules_;
  const Gazetteer &future_markers_;  // 即将, 将于: the verb after them reports nothing held
  struct Ranked {
    const Rule *rule;
    int rank;
  };
  std::vector<Ranked> ranked_;  // the rules with an `emit rank:`, read once
};

}  // namespace zhmeta

#endif
