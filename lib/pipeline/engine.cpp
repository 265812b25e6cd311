// The pipeline, in order. Everything an Engine holds is built here once and is
// const afterwards; each extract() call works on its own Document and draft.
#include "core/document.hpp"
#include "core/profile.hpp"
#include "extract/bylines/bylines.hpp"
#include "extract/dates/dates.hpp"
#include "extract/meetings/meetings.hpp"
#include "extract/organizations/organizations.hpp"
#include "extract/persons/persons.hpp"
#include "extract/speakers/speakers.hpp"
#include "normalize/normalizer.hpp"
#include "resolve/event_date.hpp"
#include "resolve/event_meeting.hpp"
#include "resolve/finalize.hpp"
#include "rules/rule_pack.hpp"
#include "segment/segmenter.hpp"
#include "zhmeta/version.h"
#include "zhmeta/zhmeta.hpp"

namespace zhmeta {

const char *version() noexcept { return ZHMETA_VERSION_STRING; }

struct Engine::Impl {
  explicit Impl(const EngineOptions &opts)
      : options(opts),
        rules(opts.rules_dir.empty() ? RulePack::load_embedded(opts.extra_rules_dirs)
                                     : RulePack::load_dir(opts.rules_dir, opts.extra_rules_dirs)),
        segmenter(*rules),
        dates(*rules),
        bylines(*rules),
        organizations(*rules),
        persons(*rules),
        speakers(*rules),
        meetings(*rules),
        event_meeting(*rules) {
    dates.share_literal_scan(literal_scan);
    bylines.share_literal_scan(literal_scan);
    organizations.share_literal_scan(literal_scan);
    persons.share_literal_scan(literal_scan);
    speakers.share_literal_scan(literal_scan);
    meetings.share_literal_scan(literal_scan);
  }

  EngineOptions options;
  std::shared_ptr<const RulePack> rules;
  SharedLiteralScan literal_scan;  // one scan per document for every extractor's words
  Segmenter segmenter;
  DatesExtractor dates;
  BylinesExtractor bylines;
  OrganizationsExtractor organizations;
  PersonsExtractor persons;
  SpeakersExtractor speakers;
  MeetingsExtractor meetings;
  EventMeetingResolver event_meeting;
};

Engine::Engine(const EngineOptions &options) : impl_(std::make_unique<const Impl>(options)) {}
Engine::~Engine() = default;
Engine::Engine(Engine &&) noexcept = default;
Engine &Engine::operator=(Engine &&) noexcept = default;

Record Engine::extract(std::string_view text, const ExtractOptions &options) const {
  const Impl &e = *impl_;
  if (text.size() > e.options.max_input_bytes)
    throw Error("input of " + std::to_string(text.size()) + " bytes exceeds the limit of " +
                std::to_string(e.options.max_input_bytes) + " bytes (EngineOptions::max_input_bytes)");
  ZHMETA_PROFILE_SCOPE("stage: extract (all)", text.size());
  // Each stage in its own block so that a -DZHMETA_PROFILE=ON build times it.
  // A thread's documents reuse one set of buffers (text, offset map, lines,
  // sentences, hit lists), which keep their capacity from one document to
  // the next instead of growing from nothing each time.
  thread_local Document spare;
  Document doc = std::move(spare);
  { ZHMETA_PROFILE_SCOPE("stage: normalize", text.size()); normalize(text, doc); }  // bytes -> text + offset map
  { ZHMETA_PROFILE_SCOPE("stage: segment", text.size()); e.segmenter.run(doc); }     // lines, sentences, zones
  { ZHMETA_PROFILE_SCOPE("stage: literal scan", text.size()); e.literal_scan.scan(doc.text, doc.literal_hits); }

  DraftRecord draft;  // spans in normalized offsets until finalize()
  draft.id = options.id;
  [[maybe_unused]] const std::size_t n = doc.text.size();  // for the profile
  { ZHMETA_PROFILE_SCOPE("stage: dates", n); e.dates.run(doc, options, draft); }     // dates, publication date/datetime
  { ZHMETA_PROFILE_SCOPE("stage: bylines", n); e.bylines.run(doc, options, draft); }  // bylines, publication sources
  { ZHMETA_PROFILE_SCOPE("stage: organizations", n); e.organizations.run(doc, options, draft); }
  { ZHMETA_PROFILE_SCOPE("stage: persons", n); e.persons.run(doc, options, draft); }    // + titles (reads bylines)
  { ZHMETA_PROFILE_SCOPE("stage: speakers", n); e.speakers.run(doc, options, draft); }  // reads persons
  { ZHMETA_PROFILE_SCOPE("stage: meetings", n); e.meetings.run(doc, options, draft); }  // reads dates, persons
  { ZHMETA_PROFILE_SCOPE("stage: event date", n); resolve_event_date(doc, draft); }
  { ZHMETA_PROFILE_SCOPE("stage: event meeting", n); e.event_meeting.run(doc, draft); }
  ZHMETA_PROFILE_SCOPE("stage: finalize", n);
  Record record = finalize(doc, std::move(draft));  // dedupe, map spans to input bytes
  // At most 8 MB of hit lists and 8 MB of other buffers stay with a thread.
  constexpr std::size_t kKeptBytes = std::size_t{8} << 20;
  doc.recycle(kKeptBytes);
  spare = std::move(doc);
  return record;
}

std::string Engine::extract_json(std::string_view text, const ExtractOptions &options, bool pretty) const {
  Record record = extract(text, options);
  ZHMETA_PROFILE_SCOPE("stage: to_json", text.size());
  return to_json(record, pretty);
}

}  // namespace zhmeta
