// Resolution of event.date: see event_date.cpp.
#ifndef ZHMETA_RESOLVE_EVENT_DATE_HPP
#define ZHMETA_RESOLVE_EVENT_DATE_HPP

#include "extract/extractor.hpp"

namespace zhmeta {

/// Sets draft.event.date from what the extractors found.
void resolve_event_date(const Document &doc, DraftRecord &draft);

}  // namespace zhmeta

#endif
