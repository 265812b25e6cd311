#include "resolve/event_date.hpp"

namespace zhmeta {

void resolve_event_date(const Document &doc, DraftRecord &draft) {
  // Not implemented yet.
  (void)doc;
  (void)draft;
}

}  // namespace zhmeta
