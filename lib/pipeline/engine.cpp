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

namespace {

const EngineOptions &checked(const EngineOptions &options) {
  if (options.max_input_bytes > kLargestMaxInputBytes)
    throw Error(
        "EngineOptions::max_input_bytes of " + std::to_string(options.max_input_bytes) +
        " exceeds the largest supported, " + std::to_string(kLargestMaxInputBytes) +
        " (372 MiB: offsets are 32-bit, and normalization can make a text 11 times longer)");
  return options;
}

}  // namespace

struct Engine::Impl {
  explicit Impl(const EngineOptions &opts)
      : options(checked(opts)),
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

  // Extracts texts[0, count) with article_options[i] each into records[i].
  void run(const std::string_view *texts, const ExtractOptions *const *article_options,
           std::size_t count, Record *records) const;
};

Engine::Engine(const EngineOptions &options) : impl_(std::make_unique<const Impl>(options)) {}
Engine::~Engine() = default;
Engine::Engine(Engine &&) noexcept = default;
Engine &Engine::operator=(Engine &&) noexcept = default;

namespace {

// At most this many articles, and (past the first) this many bytes of them,
// go through the stages together: enough for each stage's tables to be read
// from cache for most of them, few enough that their documents stay small
// (a document takes several times its text). Large articles gain nothing
// from company: one of them alone outgrows the caches.
constexpr std::size_t kBatchChunk = 64;
constexpr std::size_t kBatchChunkBytes = std::size_t{1} << 20;
// At most 8 MB of hit lists and 8 MB of other buffers stay with a thread
// (divided among the documents of a batch).
constexpr std::size_t kKeptBytes = std::size_t{8} << 20;

// Why an input of `size` bytes is refused; empty when it is not.
std::string size_error(std::size_t size, const EngineOptions &options) {
  if (size <= options.max_input_bytes) return {};
  return "input of " + std::to_string(size) + " bytes exceeds the limit of " +
         std::to_string(options.max_input_bytes) + " bytes (EngineOptions::max_input_bytes)";
}

}  // namespace

// Runs the pipeline over `count` articles stage by stage: each stage reads its
// rules, automata and tables for all of them while they are in cache. One
// article at a time, each stage found the cache filled by the others: a tenth
// more CPU time per article on the dev pages, a third more on short ones
// (bench/RESULTS.md, stop 15).
// A thread's documents reuse their buffers (text, offset map, lines,
// sentences, hit lists), which keep their capacity from one batch to the next.
void Engine::Impl::run(const std::string_view *texts, const ExtractOptions *const *article_options,
                       std::size_t count, Record *records) const {
  thread_local std::vector<Document> spare_docs;
  if (spare_docs.size() < count) spare_docs.resize(count);
  Document *const docs = spare_docs.data();
  std::vector<DraftRecord> drafts(count);    // spans in normalized offsets until finalize()
  std::size_t in_bytes = 0, text_bytes = 0;  // for the profile
  for (std::size_t i = 0; i < count; ++i) in_bytes += texts[i].size();
  // One stage over every article; a -DZHMETA_PROFILE=ON build times it as a whole.
  auto stage = [count]([[maybe_unused]] const char *name, [[maybe_unused]] std::size_t bytes,
                       auto &&per_article) {
    ZHMETA_PROFILE_SCOPE(name, bytes);
    for (std::size_t i = 0; i < count; ++i) per_article(i);
  };
  auto extractor_stage = [&](const char *name, const auto &extractor) {
    stage(name, text_bytes,
          [&](std::size_t i) { extractor.run(docs[i], *article_options[i], drafts[i]); });
  };
  ZHMETA_PROFILE_SCOPE("stage: extract (all)", in_bytes);
  // clang-format off
  stage("stage: normalize", in_bytes, [&](std::size_t i) {  // bytes -> text + offset map
    docs[i].recycle(kKeptBytes / count);  // what a run that threw left behind (warnings...)
    normalize(texts[i], docs[i]);
  });
  stage("stage: segment", in_bytes, [&](std::size_t i) { segmenter.run(docs[i]); });         // lines, sentences, zones
  stage("stage: literal scan", in_bytes, [&](std::size_t i) { literal_scan.scan(docs[i].text, docs[i].literal_hits); });
  for (std::size_t i = 0; i < count; ++i) drafts[i].id = article_options[i]->id, text_bytes += docs[i].text.size();
  extractor_stage("stage: dates", dates);                  // dates, publication date/datetime
  extractor_stage("stage: bylines", bylines);              // bylines, publication sources
  extractor_stage("stage: organizations", organizations);
  extractor_stage("stage: persons", persons);              // + titles (reads bylines)
  extractor_stage("stage: speakers", speakers);            // reads persons
  extractor_stage("stage: meetings", meetings);            // reads dates, persons
  stage("stage: event date", text_bytes, [&](std::size_t i) { resolve_event_date(docs[i], drafts[i]); });
  stage("stage: event meeting", text_bytes, [&](std::size_t i) { event_meeting.run(docs[i], drafts[i]); });
  stage("stage: finalize", text_bytes, [&](std::size_t i) {
    records[i] = finalize(docs[i], std::move(drafts[i]));  // dedupe, map spans to input bytes
    docs[i].recycle(kKeptBytes / count);
  });
  // clang-format on
}

Record Engine::extract(std::string_view text, const ExtractOptions &options) const {
  if (std::string error = size_error(text.size(), impl_->options); !error.empty())
    throw Error(error);
  const ExtractOptions *const options_of_one = &options;
  Record record;
  impl_->run(&text, &options_of_one, 1, &record);
  return record;
}

std::vector<BatchResult> Engine::extract_batch(const std::vector<std::string_view> &texts,
                                               const std::vector<ExtractOptions> &options) const {
  if (!options.empty() && options.size() != texts.size())
    throw Error("extract_batch: " + std::to_string(options.size()) + " options for " +
                std::to_string(texts.size()) + " articles (one each, or none)");
  const ExtractOptions defaults;
  std::vector<BatchResult> results(texts.size());
  std::vector<std::string_view> chunk_texts;
  std::vector<const ExtractOptions *> chunk_options;
  std::vector<std::size_t> chunk_index;
  std::vector<Record> chunk_records;
  std::size_t chunk_bytes = 0;
  auto run_chunk = [&] {
    chunk_records.assign(chunk_texts.size(), Record());
    impl_->run(chunk_texts.data(), chunk_options.data(), chunk_texts.size(), chunk_records.data());
    for (std::size_t k = 0; k < chunk_index.size(); ++k)
      results[chunk_index[k]].record = std::move(chunk_records[k]);
    chunk_texts.clear(), chunk_options.clear(), chunk_index.clear();
    chunk_bytes = 0;
  };
  for (std::size_t i = 0; i < texts.size(); ++i) {
    results[i].error = size_error(texts[i].size(), impl_->options);
    if (!results[i].error.empty()) continue;  // the others are still extracted
    if (!chunk_texts.empty() && chunk_bytes + texts[i].size() > kBatchChunkBytes) run_chunk();
    chunk_texts.push_back(texts[i]);
    chunk_options.push_back(options.empty() ? &defaults : &options[i]);
    chunk_index.push_back(i);
    chunk_bytes += texts[i].size();
    if (chunk_texts.size() == kBatchChunk) run_chunk();
  }
  if (!chunk_texts.empty()) run_chunk();
  return results;
}

std::string Engine::extract_json(std::string_view text, const ExtractOptions &options,
                                 bool pretty) const {
  Record record = extract(text, options);
  ZHMETA_PROFILE_SCOPE("stage: to_json", text.size());
  return to_json(record, pretty);
}

}  // namespace zhmeta
