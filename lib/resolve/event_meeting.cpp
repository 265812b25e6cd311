#include "resolve/event_meeting.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

namespace zhmeta {
namespace {

constexpr std::size_t kLeadBodyLines = 2;   // the lead paragraph and the one after it
constexpr std::size_t kLeadSentences = 8;   // at most, across those lines

struct Region {
  std::size_t begin, end;
};

}  // namespace

EventMeetingResolver::EventMeetingResolver(const RulePack &rules) : rules_(rules.kind("meetings")) {}

void EventMeetingResolver::run(const Document &doc, DraftRecord &draft) const {
  if (draft.meetings.empty()) return;
  // Title lines first, then the lead sentences.
  std::vector<Region> regions;
  std::size_t body_lines = 0, body_sentences = 0;
  for (const Line &line : doc.lines) {
    if (line.blank() || line.boilerplate) continue;
    if (line.zone == Zone::header) {
      regions.push_back({line.begin, line.end});
      continue;
    }
    if (line.zone != Zone::body || body_lines++ == kLeadBodyLines) break;
    for (std::size_t s = doc.sentence_at(line.begin); s < doc.sentences.size(); ++s) {
      const Sentence &sentence = doc.sentences[s];
      if (sentence.begin >= line.end || body_sentences == kLeadSentences) break;
      if (sentence.end <= line.begin) continue;
      regions.push_back({std::max(sentence.begin, line.begin), std::min(sentence.end, line.end)});
      ++body_sentences;
    }
  }

  // Meeting mentions in text order.
  struct Named {
    std::size_t begin, end;
    const std::string *name;
  };
  std::vector<Named> named;
  for (const Meeting &m : draft.meetings)
    for (const Span &s : m.mentions) named.push_back({s.begin, s.end, &m.name});
  std::sort(named.begin(), named.end(), [](const Named &a, const Named &b) { return a.begin < b.begin; });

  const std::string *best = nullptr;
  int best_rank = 0;
  for (const Region &r : regions) {
    auto it = std::lower_bound(named.begin(), named.end(), r.begin,
                               [](const Named &n, std::size_t pos) { return n.begin < pos; });
    if (it == named.end() || it->end > r.end) continue;
    int rank = 0;
    for (std::size_t i = 0; i < rules_.rules().size(); ++i) {
      const Rule &rule = rules_.rules()[i];
      int value = 0;
      const std::string_view emitted = rule.emit_value("rank");
      if (emitted.empty() ||
          std::from_chars(emitted.data(), emitted.data() + emitted.size(), value).ec != std::errc())
        continue;
      if (rank != 0 && value >= rank) continue;
      rules_.for_each_match(static_cast<int>(i), doc.text, r.begin, r.end, [&](const RuleMatch &) { rank = value; });
    }
    if (rank != 0 && (best_rank == 0 || rank < best_rank)) {
      best = it->name;
      best_rank = rank;
      if (rank == 1) break;
    }
  }
  if (best) draft.event.meeting = *best;
}

}  // namespace zhmeta
