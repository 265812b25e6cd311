// What every extractor sees and produces.
//
// Extractors run in a fixed order (pipeline/engine.cpp) over one Document and
// fill one draft Record. In the draft every span is in *normalized* offsets
// (Document::text); finalize() maps them to the caller's bytes and merges
// duplicates at the end, so an extractor simply appends what it finds, one
// item per mention. An extractor may read what earlier ones wrote (persons reads
// bylines, meetings reads dates and persons) but never changes it.
//
// Each extractor is a const object built once from the RulePack; per-call
// state lives on the stack of run(), so one engine serves every thread.
#ifndef ZHMETA_EXTRACT_EXTRACTOR_HPP
#define ZHMETA_EXTRACT_EXTRACTOR_HPP

#include "core/document.hpp"
#include "rules/rule_pack.hpp"
#include "zhmeta/zhmeta.hpp"

namespace zhmeta {

/// Spans in normalized offsets; see above.
using DraftRecord = Record;

inline Span normalized_span(std::size_t begin, std::size_t end) { return Span{begin, end}; }

}  // namespace zhmeta

#endif
