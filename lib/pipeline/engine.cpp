// The pipeline, in order. Everything an Engine holds is built here once and is
// const afterwards; each extract() call works on its own Document and draft.
#include "core/document.hpp"
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
        event_meeting(*rules) {}

  EngineOptions options;
  std::shared_ptr<const RulePack> rules;
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
  Document doc;
  normalize(text, doc);     // bytes -> normalized text + offset map
  e.segmenter.run(doc);     // lines, sentences, zones

  DraftRecord draft;        // spans in normalized offsets until finalize()
  draft.id = options.id;
  e.dates.run(doc, options, draft);          // dates, publication date/datetime
  e.bylines.run(doc, options, draft);        // bylines, publication sources
  e.organizations.run(doc, options, draft);  // organizations
  e.persons.run(doc, options, draft);        // persons + titles (reads bylines)
  e.speakers.run(doc, options, draft);       // speakers (reads persons)
  e.meetings.run(doc, options, draft);       // meetings (reads dates, persons)
  resolve_event_date(doc, draft);            // event.date
  e.event_meeting.run(doc, draft);           // event.meeting
  return finalize(doc, std::move(draft));    // dedupe, map spans to input bytes
}

std::string Engine::extract_json(std::string_view text, const ExtractOptions &options, bool pretty) const {
  return to_json(extract(text, options), pretty);
}

}  // namespace zhmeta
