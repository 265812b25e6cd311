#include "resolve/event_meeting.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include "core/profile.hpp"
#include "core/scratch.hpp"
#include "rules/gazetteer_scan.hpp"

namespace zhmeta {
namespace {

constexpr std::size_t kLeadBodyLines = 2;          // the lead paragraph and the one after it
constexpr std::size_t kSubstantialLineBytes = 60;  // about 20 Han characters
constexpr std::size_t kFutureWindowBytes = 90;     // 将于3月20日在市会议中心召开
constexpr std::size_t kTitleShareTenths = 8;       // a title 80% of which is one meeting name
constexpr std::size_t kMaxPrefixBytes = 48;        // a body prefix: an organization, not a clause

struct Region {
  std::size_t begin, end;
};

}  // namespace

EventMeetingResolver::EventMeetingResolver(const RulePack &rules)
    : rules_(rules.kind("meetings")),
      future_markers_(gazetteer_or_empty(rules, "meeting_future_markers")) {
  for (const Rule &rule : rules_.rules()) {
    int value = 0;
    const std::string_view emitted = rule.emit_value("rank");
    if (!emitted.empty() &&
        std::from_chars(emitted.data(), emitted.data() + emitted.size(), value).ec == std::errc())
      ranked_.push_back({&rule, value});
  }
}

void EventMeetingResolver::run(const Document &doc, DraftRecord &draft) const {
  // Both lists here are per-thread scratch: fresh ones grew through a dozen
  // allocations. They are emptied (or given back) even when there is nothing
  // to resolve, so that a huge article's do not outlive it.
  thread_local std::vector<Region> regions;
  struct Named {
    std::size_t begin, end;
    const std::string *name;
  };
  thread_local std::vector<Named> named;
  fresh_scratch(regions, doc.text.size());
  fresh_scratch(named, doc.text.size());
  if (draft.meetings.empty()) return;
  // Title lines first, then the lead: every body line up to and including
  // the first kLeadBodyLines lines of prose (page furniture before the
  // article is short or has no clauses), sentence by sentence.
  std::size_t substantial = 0;
  for (const Line &line : doc.lines) {
    if (line.blank() || line.boilerplate) continue;
    if (line.zone == Zone::header) {
      regions.push_back({line.begin, line.end});
      continue;
    }
    if (line.zone != Zone::body) break;
    for (std::size_t s = doc.sentence_at(line.begin); s < doc.sentences.size(); ++s) {
      const Sentence &sentence = doc.sentences[s];
      if (sentence.begin >= line.end) break;
      if (sentence.end > line.begin)
        regions.push_back({std::max(sentence.begin, line.begin), std::min(sentence.end, line.end)});
    }
    // Prose has clauses; banners, issue numbers and menus mostly do not.
    const std::string_view content = doc.slice(line.begin, line.end);
    if (content.size() >= kSubstantialLineBytes && content.find(',') != std::string_view::npos &&
        ++substantial == kLeadBodyLines)
      break;
  }

  // Meeting mentions in text order.
  for (const Meeting &m : draft.meetings)
    for (const Span &s : m.mentions) named.push_back({s.begin, s.end, &m.name});
  std::sort(named.begin(), named.end(),
            [](const Named &a, const Named &b) { return a.begin < b.begin; });

  const std::string *best = nullptr;
  int best_rank = 0;
  for (const Region &r : regions) {
    auto it = std::lower_bound(named.begin(), named.end(), r.begin,
                               [](const Named &n, std::size_t pos) { return n.begin < pos; });
    if (it == named.end() || it->end > r.end) continue;
    // 即将召开, 将于…举行: a verb in the future reports nothing held.
    const std::string_view region = doc.slice(r.begin, r.end);
    int rank = 0;
    for (const Ranked &ranked : ranked_) {
      const int value = ranked.rank;
      if (rank != 0 && value >= rank) continue;
      // Only where the verb is matters: a match without groups lets RE2 use its DFA.
      ZHMETA_PROFILE_SCOPE(ranked.rule->id, r.end - r.begin);
      const RE2 &re = *ranked.rule->re;
      const re2::StringPiece text(doc.text.data(), r.end);
      re2::StringPiece m;
      for (std::size_t pos = r.begin;
           pos <= r.end && re.Match(text, pos, r.end, RE2::UNANCHORED, &m, 1);) {
        // Looked for in a bounded window before the verb, to stay linear on huge sentences.
        const std::size_t verb = static_cast<std::size_t>(m.data() - doc.text.data()) - r.begin;
        const std::size_t from = verb > kFutureWindowBytes ? verb - kFutureWindowBytes : 0;
        const std::string_view before = region.substr(from, verb - from);
        bool future = false;
        for (const std::string &marker : future_markers_.terms())
          if (before.find(marker) != std::string_view::npos) future = true;
        if (!future) rank = value;
        pos = verb + r.begin + std::max<std::size_t>(m.size(), 1);
        if (m.empty())  // step over the whole code point
          while (pos < r.end && (static_cast<unsigned char>(doc.text[pos]) & 0xC0) == 0x80) ++pos;
      }
    }
    const bool title = doc.zone_at(r.begin) == Zone::header;
    // A title that is the meeting's name and little else (区政府第12次常务会议)
    // reports it as much as one with a verb.
    if (rank == 0 && title && (it->end - it->begin) * 10 >= (r.end - r.begin) * kTitleShareTenths)
      rank = 1;
    if (rank == 0) continue;
    // A title that reports a meeting held names the event, whatever its verb.
    if (title) {
      best = it->name;
      break;
    }
    if (best_rank == 0 || rank < best_rank) {
      best = it->name;
      best_rank = rank;
      if (rank == 1) break;
    }
  }
  if (!best) return;
  // A title's "X召开第十届三次全体会议" is the body's "X第十届三次全体会议":
  // the longest name ending in the chosen one names the meeting best.
  const std::string *fullest = best;
  for (const Named &n : named)
    if (n.name->size() > fullest->size() && n.name->size() - best->size() <= kMaxPrefixBytes &&
        n.name->compare(n.name->size() - best->size(), best->size(), *best) == 0)
      fullest = n.name;
  draft.event.meeting = *fullest;
}

}  // namespace zhmeta
