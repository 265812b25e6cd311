#include "resolve/event_meeting.hpp"

namespace zhmeta {

void resolve_event_meeting(const Document &doc, DraftRecord &draft) {
  // Not implemented yet.
  (void)doc;
  (void)draft;
}

}  // namespace zhmeta
