// Resolution of event.meeting: see event_meeting.cpp.
#ifndef ZHMETA_RESOLVE_EVENT_MEETING_HPP
#define ZHMETA_RESOLVE_EVENT_MEETING_HPP

#include "extract/extractor.hpp"

namespace zhmeta {

/// Sets draft.event.meeting from what the extractors found.
void resolve_event_meeting(const Document &doc, DraftRecord &draft);

}  // namespace zhmeta

#endif
