// The last stage: turns the draft (normalized offsets, one item per mention)
// into the Record users see: spans mapped to the caller's bytes, lists
// de-duplicated by normalized name with mentions merged, items in text order.
#ifndef ZHMETA_RESOLVE_FINALIZE_HPP
#define ZHMETA_RESOLVE_FINALIZE_HPP

#include "extract/extractor.hpp"

namespace zhmeta {

Record finalize(const Document &doc, DraftRecord draft);

}  // namespace zhmeta

#endif
